"""The run's data: a synthetic set from `synth`, split into the batch the graph is loaded with
and a held-out sample that arrives one record at a time afterwards (on-arrival latency)."""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synth.generate import generate

__all__ = ["RunData", "make_data"]

KINDS = ("protectees", "cases", "incidents", "encounters", "partner_requests")


@dataclass(frozen=True)
class RunData:
    """Paths of one run's files."""

    root: Path
    subjects: Path  # the batch: loaded in bulk, resolved in batch, given to the anchors
    holdout: Path  # arrivals, one at a time
    others: list[Path]  # the other kinds, loaded after the subjects
    truth_batch: Path
    truth_all: Path
    hard_cases: Path


def make_data(root: Path, persons: int, seed: int, holdout: int) -> tuple[RunData, dict[str, Any]]:
    """Generate the set and split off `holdout` subject records at random (seeded)."""
    started = time.perf_counter()
    summary = generate(persons, seed, root)
    synth_seconds = time.perf_counter() - started
    lines = (root / "subjects.jsonl").read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    held = set(rng.sample(range(len(lines)), min(holdout, len(lines) // 10)))
    batch_path, held_path = root / "subjects_batch.jsonl", root / "subjects_holdout.jsonl"
    held_ids = set()
    with (
        batch_path.open("w", encoding="utf-8") as batch,
        held_path.open("w", encoding="utf-8") as out,
    ):
        for n, line in enumerate(lines):
            if n in held:
                out.write(line + "\n")
                held_ids.add(json.loads(line)["record_id"])
            else:
                batch.write(line + "\n")
    truth_batch = root / "truth_batch.jsonl"
    with (
        (root / "truth.jsonl").open(encoding="utf-8") as src,
        truth_batch.open("w", encoding="utf-8") as dst,
    ):
        for line in src:
            if json.loads(line)["record_id"] not in held_ids:
                dst.write(line)
    data = RunData(
        root,
        batch_path,
        held_path,
        [root / f"{k}.jsonl" for k in KINDS],
        truth_batch,
        root / "truth.jsonl",
        root / "hard_cases.jsonl",
    )
    figures = {
        "status": "ok",
        "persons": persons,
        "seed": seed,
        "subject_records": summary.subject_records,
        "batch_subjects": len(lines) - len(held),
        "holdout_subjects": len(held),
        "records": sum(v for k, v in summary.lines.items() if k not in ("truth", "hard_cases")),
        "synth_seconds": round(synth_seconds, 2),
    }
    return data, figures
