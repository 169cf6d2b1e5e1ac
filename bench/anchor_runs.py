"""Run the anchors (Splink 5 on DuckDB, recordlinkage ECM) as subprocesses in the bench venv,
timed from outside, scored by the same scorer as idgraph."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.scoring import hard_case_scores, read_pairs, score

__all__ = ["ANCHORS", "run_anchor"]

HERE = Path(__file__).resolve().parent
ANCHORS = {
    "splink": HERE / "anchors" / "splink_dedupe.py",
    "recordlinkage_ecm": HERE / "anchors" / "rl_ecm.py",
}


def run_anchor(
    tool: str,
    python: Path,
    subjects: Path,
    truth: Path,
    out_dir: Path,
    *,
    link: tuple[str, ...] = (),
    hard_cases: Path | None = None,
    timeout_s: float = 1800.0,
) -> dict[str, Any]:
    """Resolve `subjects` with `tool`, return its timings (wall clock with interpreter start,
    and the tool's own) and scores, or a status saying why it did not finish."""
    out = out_dir / f"{tool}_{subjects.parent.name}.jsonl"
    command = [str(python), str(ANCHORS[tool]), str(subjects), str(out)]
    if link:
        command += ["--link", ",".join(link)]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(  # noqa: S603 - our venv's interpreter and our own script
            command,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired:
        return {"status": f"not available: timed out after {timeout_s:.0f} s"}
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no message"]
        return {"status": f"failed: {tail[0][:200]}"}
    own: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    figures: dict[str, Any] = {"status": "ok", "wall_seconds": round(wall, 2)}
    figures.update({("tool_" + k if k == "seconds" else k): v for k, v in own.items()})
    figures.update(score(truth, out))
    if hard_cases is not None:
        figures["hard_cases"] = hard_case_scores(read_pairs(truth), read_pairs(out), hard_cases)
    return figures
