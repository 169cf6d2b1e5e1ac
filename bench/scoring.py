"""Scores of a clustering: the shared scorer (pairwise and B-cubed), and the hard cases of the
synthetic set (confusable people kept apart, identity fraud joined)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

__all__ = ["SCORER", "hard_case_scores", "read_pairs", "score"]

SCORER = Path(os.environ.get("IDGRAPH_SCORER", "/work/shared/tools/score_clusters.py"))
_KEEP = (
    "pair_precision",
    "pair_recall",
    "pair_f1",
    "bcubed_precision",
    "bcubed_recall",
    "bcubed_f1",
    "true_entities_split",
    "predicted_entities_wrongly_merged",
    "predicted_entities",
)
CONFUSABLE = ("twin", "jr_sr", "sibling", "shared_ssn", "common_name")


def score(truth: Path, predicted: Path) -> dict[str, Any]:
    """score_clusters.py as a subprocess (the same scorer every tool is judged by)."""
    proc = subprocess.run(  # noqa: S603 - our interpreter and the shared scorer
        [sys.executable, str(SCORER), str(truth), str(predicted), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    raw: dict[str, Any] = json.loads(proc.stdout)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in raw.items() if k in _KEEP}


def read_pairs(path: Path) -> dict[str, str]:
    """record_id -> entity_id of a truth or export file."""
    out = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                out[str(row["record_id"])] = str(row["entity_id"])
    return out


def hard_case_scores(
    truth: dict[str, str],
    predicted: dict[str, str],
    hard_cases: Path,
    flagged: set[str] | None = None,
) -> dict[str, Any]:
    """Per confusable label L (twins, Jr/Sr, siblings...): the people labelled L, and the share
    of them whose records share a predicted identity with another person labelled L
    (`merged_share`, lower is better). For identity fraud: the share of defrauding people whose
    records all landed in one identity (`joined_share`), and of those, flagged (when known)."""
    labels: dict[str, set[str]] = defaultdict(set)  # label -> record ids
    with hard_cases.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["record_id"] in truth:
                labels[row["case"]].add(row["record_id"])
    out: dict[str, Any] = {}
    for label in CONFUSABLE:
        records = labels.get(label, set())
        people = {truth[r] for r in records}
        by_pred: dict[str, set[str]] = defaultdict(set)
        for r in records:
            by_pred[predicted.get(r, "~" + r)].add(truth[r])
        merged = {p for group in by_pred.values() if len(group) > 1 for p in group}
        out[label] = {
            "people": len(people),
            "merged_share": round(len(merged) / len(people), 4) if people else 0.0,
        }
    fraud_people = {truth[r] for r in labels.get("identity_fraud", set())}
    members: dict[str, list[str]] = defaultdict(list)
    for r, person in truth.items():
        if person in fraud_people:
            members[person].append(r)
    joined = [
        p for p, recs in members.items() if len({predicted.get(r, "~" + r) for r in recs}) == 1
    ]
    fraud: dict[str, Any] = {
        "people": len(fraud_people),
        "joined_share": round(len(joined) / len(fraud_people), 4) if fraud_people else 0.0,
    }
    if flagged is not None and joined:
        ok = sum(1 for p in joined if predicted.get(members[p][0]) in flagged)
        fraud["flagged_joined_share"] = round(ok / len(joined), 4)
    out["identity_fraud"] = fraud
    return out
