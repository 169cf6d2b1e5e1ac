# idgraph: read top to bottom. Two commands matter: `make demo` and `make test`.
# Everything runs from the project's virtual environment (.venv), built here from the registries.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
IDGRAPH     := $(BIN)/idgraph
STAMP       := $(VENV)/.installed
DEMO_DIR    := var/demo
DEMO_PERSONS ?= 10000
DEMO_RECORD_FILES := subjects protectees encounters incidents cases partner_requests
BENCH_SIZE  ?= 100000
BENCH_VENV  := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

.PHONY: help setup check test demo serve bench bench-setup bench-compare clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

# The virtual environment, reinstalled only when pyproject.toml changes. uv does the installing
# because it resolves and installs in seconds where pip takes minutes. It compiles the packages'
# bytecode too (4.5 s): uv leaves that to the first import, which never writes it where
# PYTHONDONTWRITEBYTECODE is set (these machines), so every process compiled numpy, neo4j and the
# rest from source: `idgraph --help` took 1.3-1.5 s against 0.6 s, and numpy's first lazy import
# of numpy.ma (on an arrival's first np.unique) took 46 ms.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade uv
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -e '.[dev]'
	touch $@

setup: $(STAMP)  ## install everything and provision the local Neo4j (idempotent)
	$(IDGRAPH) db provision

check: $(STAMP)  ## ruff and mypy --strict
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

test: setup  ## set up everything and run the whole suite against a real Neo4j
	$(BIN)/pytest

demo: setup  ## start Neo4j, load a synthetic data set, resolve it, serve the API
	$(IDGRAPH) db start
	$(IDGRAPH) synth --persons $(DEMO_PERSONS) --seed 7 --out $(DEMO_DIR)
	$(IDGRAPH) load $(addprefix $(DEMO_DIR)/,$(addsuffix .jsonl,$(DEMO_RECORD_FILES))) --rejects $(DEMO_DIR)/rejects.jsonl --no-resolve
	$(IDGRAPH) resolve --full
	$(IDGRAPH) export entities $(DEMO_DIR)/entities.jsonl
	$(BIN)/python ../shared/tools/score_clusters.py $(DEMO_DIR)/truth.jsonl $(DEMO_DIR)/entities.jsonl
	$(IDGRAPH) token --role pid_analyst --compartments PTMS,UDLB --purpose demo > $(DEMO_DIR)/analyst.jwt
	@echo "API token for an analyst: $(DEMO_DIR)/analyst.jwt"
	@echo "Point a browser at http://127.0.0.1:8000/graphql (GraphiQL)"
	$(IDGRAPH) serve

serve: setup  ## serve the API on the running Neo4j
	$(IDGRAPH) serve

# The anchors (Splink 5, recordlinkage 0.16) need pandas<3, so they live in a venv of their own.
$(BENCH_STAMP): bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade uv
	$(BENCH_VENV)/bin/uv pip install --python $(BENCH_VENV)/bin/python --quiet --compile-bytecode \
	  -r bench/requirements.txt
	touch $@

bench-setup: $(BENCH_STAMP)  ## build the bench venv with the anchors (Splink, recordlinkage)

bench: setup bench-setup  ## measure load, resolution, latency and accuracy beside Splink (BENCH_SIZE persons)
	$(IDGRAPH) bench --size $(BENCH_SIZE)

bench-compare: setup  ## compare the last bench run with the committed baseline
	$(IDGRAPH) bench compare

clean:  ## stop the local Neo4j and remove generated data (keeps the venv)
	-$(IDGRAPH) db stop
	rm -rf var
