"""Speed (and accuracy) of the resolver on synthetic data: engine alone, full resolve on Neo4j,
and on-arrival latency, for the sizes given.

    .venv/bin/python bench/resolve_speed.py 50000            # persons; records are about 2x
    .venv/bin/python bench/resolve_speed.py 50000 --graph --wipe --arrivals 200

`--graph` uses the Neo4j of the usual settings (IDGRAPH_* variables); `--wipe` empties it first
and is required when it holds data (point it at a scratch instance, e.g.
IDGRAPH_LOCAL_INSTANCE=neo4j-bench IDGRAPH_LOCAL_BOLT_PORT=7692). Loading is timed apart: the
target (1M records in 5 minutes) covers reading subjects, resolving and writing identities.
On arrival: `--arrivals` records are held out of the load, then loaded and resolved one at a
time; the table gives p50 / p95 of `resolve_arrivals` alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from resolver import from_interchange, resolve  # noqa: E402
from resolver.quality import (  # noqa: E402
    fraud_joined_and_flagged,
    hard_case_merge_rate,
    pair_scores,
)
from synth.generate import generate  # noqa: E402

console = Console()


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _quality(data: Path, predicted: dict[str, str], flagged: set[str]) -> dict[str, str]:
    truth = {r["record_id"]: r["entity_id"] for r in _read(data / "truth.jsonl")}
    cases: dict[str, set[str]] = defaultdict(set)
    for row in _read(data / "hard_cases.jsonl"):
        cases[row["case"]].add(row["record_id"])
    scores = pair_scores(truth, predicted)
    out = {"pair P/R/F1": f"{scores.precision:.4f} / {scores.recall:.4f} / {scores.f1:.4f}"}
    for label in ("twin", "jr_sr", "sibling"):
        bad, total = hard_case_merge_rate(truth, predicted, cases[label])
        out[f"{label} persons merged"] = f"{bad}/{total} ({bad / max(total, 1):.1%})"
    good, total = fraud_joined_and_flagged(truth, predicted, cases["identity_fraud"], flagged)
    out["identity fraud joined+flagged"] = f"{good}/{total} ({good / max(total, 1):.1%})"
    return out


def engine_only(data: Path) -> dict[str, str]:
    rows = _read(data / "subjects.jsonl")
    t = time.perf_counter()
    records = [from_interchange(r) for r in rows]
    built = time.perf_counter() - t
    t = time.perf_counter()
    res = resolve(records)
    seconds = time.perf_counter() - t
    flagged = {e for e, f in res.flags.items() if "possible_identity_fraud" in f}
    fins: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.fin:
            fins[res.entity_ids[r.record_id]].add(r.fin)
    return {
        "records": f"{len(records):,}",
        "candidate pairs": f"{len(res.scored.i):,}",
        "engine: normalise records s": f"{built:.1f}",
        "engine: resolve s": f"{seconds:.1f}",
        "identities with 2+ FINs": str(sum(len(v) > 1 for v in fins.values())),
        **_quality(data, res.entity_ids, flagged),
    }


def on_graph(data: Path, wipe: bool, arrivals: int) -> dict[str, str]:
    import statistics

    from graph.driver import open_graph
    from graph.migrate import migrate
    from idgraph.settings import get_settings
    from loaders import load_records
    from resolver.service import export_entities, resolve_arrivals, resolve_full

    rows = _read(data / "subjects.jsonl")
    held, bulk = rows[:arrivals], rows[arrivals:]
    out: dict[str, str] = {}
    with open_graph(get_settings()) as graph:
        if wipe:
            graph.write_autocommit("meta/wipe_data")
        migrate(graph)
        t = time.perf_counter()
        load_records(graph, bulk, batch_size=10_000)
        out["graph: load (not in target) s"] = f"{time.perf_counter() - t:.1f}"
        summary = resolve_full(graph)
        for phase, secs in summary.seconds.items():
            out[f"graph: resolve_full {phase} s"] = f"{secs:.1f}"
        latencies = []
        for row in held:
            load_records(graph, [row])
            t = time.perf_counter()
            resolve_arrivals(graph, [row["record_id"]])
            latencies.append((time.perf_counter() - t) * 1000)
        if latencies:
            q = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else latencies * 19
            out["on arrival p50 / p95 ms"] = f"{statistics.median(latencies):.1f} / {q[18]:.1f}"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.jsonl"
            export_entities(graph, path)
            predicted = {r["record_id"]: r["entity_id"] for r in _read(path)}
        flagged = {r["entity_id"] for r in graph.read("resolver/flagged_identities")}
        out.update({f"graph: {k}": v for k, v in _quality(data, predicted, flagged).items()})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("persons", type=int, nargs="+", help="synthetic persons per run")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--graph", action="store_true", help="also run on Neo4j")
    parser.add_argument("--wipe", action="store_true", help="empty the graph first")
    parser.add_argument("--arrivals", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: dict[int, dict[str, str]] = {}
    for persons in args.persons:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp)
            generate(persons, args.seed, data)
            results[persons] = engine_only(data)
            if args.graph:
                results[persons].update(on_graph(data, args.wipe, args.arrivals))
    if args.json:
        sys.stdout.write(json.dumps(results, indent=1) + "\n")
        return
    table = Table(title="resolver speed and accuracy (synthetic data, 2 cores)")
    table.add_column("measure")
    for persons in results:
        table.add_column(f"{persons:,} persons", justify="right")
    for key in next(iter(results.values())):
        table.add_row(key, *(results[p].get(key, "") for p in results))
    console.print(table)


if __name__ == "__main__":
    main()
