"""Retrain the shipped default model (resolver/data/default_model.json), which scores data too
small to learn from. Run it whenever the feature table changes:

    .venv/bin/python -m bench.default_model

It trains on `idgraph synth --persons 20000 --seed 7` (40k records) exactly as a batch resolve
would, then drops the term-frequency tables (they describe that data set, not the caller's).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from rich.console import Console

from resolver import build_frame, candidate_pairs, from_interchange
from resolver.estimate import train_model
from synth.generate import generate

__all__ = ["train_default_model"]

PERSONS = 20_000
SEED = 7
TARGET = Path(__file__).resolve().parents[1] / "resolver" / "data" / "default_model.json"


def train_default_model(target: Path = TARGET) -> float:
    """Train on the synthetic set and write the model; returns its matches per record."""
    with tempfile.TemporaryDirectory() as tmp:
        generate(PERSONS, SEED, Path(tmp))
        with (Path(tmp) / "subjects.jsonl").open(encoding="utf-8") as lines:
            records = [from_interchange(json.loads(line)) for line in lines]
    frame = build_frame(records)
    pairs = candidate_pairs(frame)
    model = train_model(frame, pairs)
    model.tf = {}
    n = len(frame)
    matches_per_record = model.prior * n * (n - 1) / 2 / n
    doc = (
        "Default match model for data too small to learn from (< MIN_TRAIN_RECORDS): trained by "
        f"train_model on `idgraph synth --persons {PERSONS} --seed {SEED}` ({n // 1000}k records); "
        "term-frequency tables left out. Regenerate with `python -m bench.default_model`."
    )
    body = {"doc": doc, "matches_per_record": matches_per_record,
            "model": json.loads(model.to_json())}  # fmt: skip
    target.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    return matches_per_record


if __name__ == "__main__":
    Console().print(f"matches per record: {train_default_model():.4f}; wrote {TARGET}")
