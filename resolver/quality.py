"""Accuracy of a resolution against synthetic ground truth: the figures issue 4 asks for.

Pure functions on dicts (record_id -> entity id), so the bench, the tests and an export scored
offline all count the same way as `../shared/tools/score_clusters.py` (pairwise P/R/F1).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass

__all__ = ["PairScores", "fraud_joined_and_flagged", "hard_case_merge_rate", "pair_scores"]


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    f1: float


def _pairs(counter: Counter[object]) -> int:
    return sum(c * (c - 1) // 2 for c in counter.values())


def pair_scores(truth: Mapping[str, str], predicted: Mapping[str, str]) -> PairScores:
    """Pairwise precision / recall / F1; records missing from `predicted` are singletons."""
    pred = {r: predicted.get(r, f"singleton:{r}") for r in truth}
    true_pairs = _pairs(Counter(truth.values()))
    pred_pairs = _pairs(Counter(pred.values()))
    both = _pairs(Counter((truth[r], pred[r]) for r in truth))
    p = both / pred_pairs if pred_pairs else 1.0
    r = both / true_pairs if true_pairs else 1.0
    return PairScores(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def hard_case_merge_rate(
    truth: Mapping[str, str], predicted: Mapping[str, str], labelled: Collection[str]
) -> tuple[int, int]:
    """(persons wrongly merged, persons) among the true persons owning `labelled` records
    (twins, Jr/Sr, siblings): a person counts as merged when one of its records shares a
    predicted identity with a record of another labelled person."""
    persons = {truth[r] for r in labelled if r in truth}
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for r, eid in predicted.items():
        if truth.get(r) in persons:
            by_cluster[eid].add(truth[r])
    merged: set[str] = set()
    for owners in by_cluster.values():
        if len(owners) > 1:
            merged |= owners
    return len(merged), len(persons)


def fraud_joined_and_flagged(
    truth: Mapping[str, str],
    predicted: Mapping[str, str],
    labelled: Collection[str],
    flagged_entities: Collection[str],
) -> tuple[int, int]:
    """(identity-fraud records joined to another record of their person in a flagged identity,
    identity-fraud records)."""
    members: dict[str, list[str]] = defaultdict(list)
    for r, eid in predicted.items():
        members[eid].append(r)
    flagged = set(flagged_entities)
    good = 0
    for r in labelled:
        found = predicted.get(r)
        if found is None or found not in flagged:
            continue
        if any(o != r and truth.get(o) == truth.get(r) for o in members[found]):
            good += 1
    return good, len(labelled)
