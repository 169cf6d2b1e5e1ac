"""The bench's hard-case scores: confusable people merged, identity fraud joined."""

from __future__ import annotations

import json
from pathlib import Path

from bench.scoring import hard_case_scores


def _labels(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"record_id": r, "case": c}) + "\n" for r, c in rows))
    return path


def test_twins_merged_share_and_fraud_joined(tmp_path: Path) -> None:
    truth = {"t1": "A", "t2": "B", "t3": "C", "t4": "D", "f1": "F", "f2": "F", "g1": "G", "g2": "G"}
    hard = _labels(
        tmp_path / "hard.jsonl",
        [
            ("t1", "twin"),
            ("t2", "twin"),
            ("t3", "twin"),
            ("t4", "twin"),
            ("f1", "identity_fraud"),
            ("g1", "identity_fraud"),
        ],
    )
    predicted = {
        "t1": "x",
        "t2": "x",
        "t3": "y",
        "t4": "z",
        "f1": "p",
        "f2": "p",
        "g1": "q",
        "g2": "r",
    }
    scores = hard_case_scores(truth, predicted, hard, flagged={"p"})
    assert scores["twin"] == {"people": 4, "merged_share": 0.5}  # A and B merged
    assert scores["identity_fraud"]["people"] == 2
    assert scores["identity_fraud"]["joined_share"] == 0.5  # F joined, G split
    assert scores["identity_fraud"]["flagged_joined_share"] == 1.0


def test_missing_predictions_count_as_singletons(tmp_path: Path) -> None:
    truth = {"t1": "A", "t2": "B"}
    hard = _labels(tmp_path / "hard.jsonl", [("t1", "twin"), ("t2", "twin")])
    assert hard_case_scores(truth, {}, hard)["twin"]["merged_share"] == 0.0
