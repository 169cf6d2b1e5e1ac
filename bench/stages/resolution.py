"""Stage: batch resolution in the graph (`resolver.service.resolve_full`), the export
(`export_entities`), and its scores against the synthetic truth, hard cases included."""

from __future__ import annotations

import importlib
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.data import RunData
from bench.scoring import hard_case_scores, read_pairs, score
from bench.stages import not_available
from graph.driver import Graph

__all__ = ["export_and_score", "run_resolution", "service"]


def service() -> ModuleType | None:
    """resolver.service, or None while it does not exist yet."""
    try:
        return importlib.import_module("resolver.service")
    except ImportError:
        return None


def _flagged(export: Path) -> set[str] | None:
    """Identity ids flagged as possible identity fraud, when the export carries flags."""
    flagged: set[str] = set()
    seen_flags = False
    with export.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if "flags" in row:
                seen_flags = True
                if "possible_identity_fraud" in (row["flags"] or []):
                    flagged.add(str(row["entity_id"]))
    return flagged if seen_flags else None


def export_and_score(graph: Graph, data: RunData, truth: Path, name: str) -> dict[str, Any]:
    """Export the identities to `<name>.jsonl` and score them against `truth`."""
    svc = service()
    if svc is None or not hasattr(svc, "export_entities"):
        return not_available("resolver.service.export_entities does not exist yet")
    out = data.root / f"{name}.jsonl"
    t0 = time.perf_counter()
    svc.export_entities(graph, out)
    figures: dict[str, Any] = {"export_seconds": round(time.perf_counter() - t0, 2)}
    figures.update(score(truth, out))
    figures["hard_cases"] = hard_case_scores(
        read_pairs(truth), read_pairs(out), data.hard_cases, _flagged(out)
    )
    return figures


def run_resolution(graph: Graph, data: RunData) -> dict[str, Any]:
    svc = service()
    if svc is None or not hasattr(svc, "resolve_full"):
        return not_available("resolver.service.resolve_full does not exist yet")
    t0 = time.perf_counter()
    summary = svc.resolve_full(graph)
    seconds = time.perf_counter() - t0
    figures: dict[str, Any] = {"status": "ok", "resolve_seconds": round(seconds, 2)}
    phases = getattr(summary, "seconds", None)
    if isinstance(phases, dict):
        figures["phases"] = {f"{k}_seconds": round(v, 2) for k, v in phases.items()}
    for attr in ("records", "identities", "multi_record_identities", "flagged_identity_fraud"):
        if hasattr(summary, attr):
            figures[attr] = getattr(summary, attr)
    figures.update(export_and_score(graph, data, data.truth_batch, "entities_batch"))
    return figures
