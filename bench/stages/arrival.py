"""Stage: on-arrival resolution. Each held-out subject is loaded alone (loaders.load_records)
and resolved at once (`resolver.service.resolve_arrivals`) against the batch-resolved graph,
as `idgraph load` does by default. Latency of the resolve call alone and of load + resolve;
then the whole graph is exported and scored, so arrivals are judged on accuracy too.

The resolve latency is given over all arrivals and in steady state, after the first
WARM_UP_ARRIVALS: those pay one-time costs of a fresh process and server (parsing the stored
model, Neo4j compiling the region statements and its JIT warming their code): the first
arrival took 490-1,065 ms in ten runs at 1M, and the first 30 made the p95 of 300 3-8 ms
higher."""

from __future__ import annotations

import json
import time
from typing import Any

from bench.data import RunData
from bench.stages import not_available
from bench.stages.resolution import export_and_score, service
from bench.stats import latency_summary
from graph.driver import Graph
from loaders import load_records

__all__ = ["WARM_UP_ARRIVALS", "run_arrivals"]

WARM_UP_ARRIVALS = 30


def run_arrivals(graph: Graph, data: RunData, time_budget_s: float = 600.0) -> dict[str, Any]:
    svc = service()
    if svc is None or not hasattr(svc, "resolve_arrivals"):
        return not_available("resolver.service.resolve_arrivals does not exist yet")
    records = [json.loads(line) for line in data.holdout.open(encoding="utf-8")]
    resolve_s: list[float] = []
    total_s: list[float] = []
    deadline = time.monotonic() + time_budget_s  # bounded: a slow resolver cannot stall the run
    for rec in records:
        if time.monotonic() > deadline:
            break
        t0 = time.perf_counter()
        load_records(graph, [rec], batch_size=1)
        t1 = time.perf_counter()
        svc.resolve_arrivals(graph, [rec["record_id"]])
        t2 = time.perf_counter()
        resolve_s.append(t2 - t1)
        total_s.append(t2 - t0)
    figures: dict[str, Any] = {
        "status": "ok",
        "arrivals": len(resolve_s),
        "resolve": latency_summary(resolve_s),
        "resolve_steady": latency_summary(resolve_s[WARM_UP_ARRIVALS:]),
        "load_and_resolve": latency_summary(total_s),
    }
    after = export_and_score(graph, data, data.truth_all, "entities_after_arrivals")
    figures["after_arrivals"] = {k: v for k, v in after.items() if k != "hard_cases"}
    return figures
