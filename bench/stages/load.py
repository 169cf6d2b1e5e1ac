"""Stage: bulk load with `--no-resolve` semantics (loaders.load_files, no arrival resolution):
subjects first (subjects/s with their addresses, phones and identifier nodes), then every
other kind; peak memory of this Python process and of the Neo4j JVM."""

from __future__ import annotations

import resource
import time
from typing import Any

from bench.data import RunData
from bench.instance import proc_memory_mb
from graph.driver import Graph
from loaders import load_files

__all__ = ["run_load"]


def run_load(graph: Graph, data: RunData, batch_size: int, jvm_pid: int | None) -> dict[str, Any]:
    t0 = time.perf_counter()
    subjects = load_files(
        graph,
        [data.subjects],
        batch_size=batch_size,
        rejects_path=data.root / "rejects_subjects.jsonl",
    )
    t1 = time.perf_counter()
    others = load_files(
        graph,
        [p for p in data.others if p.exists()],
        batch_size=batch_size,
        rejects_path=data.root / "rejects_others.jsonl",
    )
    t2 = time.perf_counter()
    total = subjects.loaded + others.loaded
    jvm = proc_memory_mb(jvm_pid)
    return {
        "status": "ok",
        "subjects": subjects.loaded,
        "subjects_seconds": round(t1 - t0, 2),
        "subjects_per_s": round(subjects.loaded / (t1 - t0), 1),
        "other_records": others.loaded,
        "records": total,
        "rejected": subjects.rejected + others.rejected,
        "held_references": len(others.held),
        "load_seconds": round(t2 - t0, 2),
        "records_per_s": round(total / (t2 - t0), 1),
        "python_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "neo4j_peak_rss_mb": jvm.get("VmHWM", 0.0),
    }
