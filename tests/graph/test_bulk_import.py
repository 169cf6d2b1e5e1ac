"""`idgraph load --bulk` against a real Neo4j built by the real offline importer: the same graph
as the online loader (every node, property and relationship), rejects, held references, refusal
of a store that holds data, and an import killed with SIGKILL then run again.

The offline importer rewrites store files, so these tests use their own local instance
(tests/graph/bulk_support.py), never the session's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.driver import Graph, open_graph
from graph.migrate import migrate
from idgraph.errors import InputError
from idgraph.settings import Settings
from loaders import LoadSummary, load_files
from loaders.bulk import bulk_load
from loaders.bulk.run import MARKER
from synth import RECORD_FILES, generate
from tests.graph.bulk_support import bulk_settings, canonical_graph, fresh_instance
from tests.graph.loading_support import cli_env, counts, expected_counts, synthetic_load
from tests.unit.factories import case_row, subject_row

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("IDGRAPH_NEO4J_URI") or os.environ.get("IDGRAPH_TEST_NEO4J")),
    reason="the offline importer writes the local instance's store files; an external server "
    "or container has none here",
)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("synth")
    generate(persons=300, seed=11, out_dir=out)
    extra = out / "extra.jsonl"
    lines = [
        # A case naming a subject that is in no file: held, as the online loader holds it.
        {
            "kind": "case",
            **case_row(
                case_id="CASE-HELD",
                protectee_ids=[],
                incident_ids=[],
                subjects=[{"record_id": "PTMS-NOWHERE", "role": "SUBJECT"}],
            ),
        },
        {"kind": "subject", **subject_row(record_id="PTMS-BAD", dob="1990-02-31")},
    ]
    extra.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return [*(out / f"{name}.jsonl" for name in RECORD_FILES), extra]


@pytest.fixture(scope="module")
def bulk(settings: Settings) -> Iterator[Settings]:
    """Settings of the stopped, empty bulk-test instance; stopped again at the end."""
    local = bulk_settings(settings)
    server = fresh_instance(local)
    try:
        yield local
    finally:
        server.stop()


@pytest.fixture(scope="module")
def imported(
    bulk: Settings, synthetic: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[LoadSummary, Path]:
    rejects = tmp_path_factory.mktemp("bulk") / "rejects.jsonl"
    summary = bulk_load(bulk, synthetic, rejects_path=rejects)
    return summary, rejects


def test_bulk_import_builds_the_graph_the_online_loader_builds(
    imported: tuple[LoadSummary, Path],
    bulk: Settings,
    clean_graph: Graph,
    synthetic: list[Path],
) -> None:
    online = load_files(clean_graph, synthetic, batch_size=500)
    summary, _ = imported
    assert (summary.loaded, summary.rejected) == (online.loaded, online.rejected)
    assert summary.by_kind == online.by_kind
    assert [(h.kind, h.source, h.target) for h in summary.held] == [
        (h.kind, h.source, h.target) for h in online.held
    ]
    with open_graph(bulk) as graph:
        bulk_nodes, bulk_relationships = canonical_graph(graph)
    online_nodes, online_relationships = canonical_graph(clean_graph)
    assert bulk_nodes.keys() == online_nodes.keys()
    differing = [k for k in online_nodes if bulk_nodes[k] != online_nodes[k]]
    assert differing == [], (differing[:1], [bulk_nodes[k] for k in differing[:1]])
    assert bulk_relationships == online_relationships
    assert len(online_nodes) > 1000 and sum(online_relationships.values()) > 1000


def test_bulk_import_rejects_bad_lines_with_where_and_why(
    imported: tuple[LoadSummary, Path],
) -> None:
    summary, rejects = imported
    (reject,) = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert reject["file"].endswith("extra.jsonl") and reject["line"] == 2
    assert reject["field"] == "dob"
    assert summary.rejected == 1


def test_bulk_import_leaves_the_schema_and_indexes_online(
    imported: tuple[LoadSummary, Path], bulk: Settings
) -> None:
    with open_graph(bulk) as graph:
        assert migrate(graph) == []  # every migration was applied by the import
        assert counts(graph)["PendingLink"] == 1


def test_bulk_import_refuses_a_graph_that_holds_records(
    imported: tuple[LoadSummary, Path],
    bulk: Settings,
    synthetic: list[Path],
) -> None:
    with open_graph(bulk) as graph:
        before = counts(graph)
    with pytest.raises(InputError, match="already holds records"):
        bulk_load(bulk, synthetic)
    with open_graph(bulk) as graph:
        assert counts(graph) == before


def test_a_bulk_import_killed_half_way_finishes_exactly_once_when_run_again(
    bulk: Settings, tmp_path: Path
) -> None:
    server = fresh_instance(bulk)
    files, command = synthetic_load(tmp_path, 2000, "--bulk")
    env = cli_env(bulk)
    first = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its importer JVM is killed with it, as a crash would
    )
    marker = server.home / MARKER
    deadline = time.monotonic() + 120
    while not marker.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the import never reached the store-building stage"
    time.sleep(1.0)  # into the importer's run
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    assert marker.exists()  # really killed half way
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert not marker.exists()
    with open_graph(bulk) as graph:
        actual = counts(graph)
    expected = expected_counts(files)
    for name, total in expected.items():
        assert actual[name] == total, name
