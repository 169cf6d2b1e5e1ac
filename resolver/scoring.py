"""Fellegi-Sunter scoring of candidate pairs, and the explanation of one pair."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from resolver.blocking import Pairs
from resolver.evidence import FIRST_NAME_VETO_BITS, GROUPS, combine, first_name_veto
from resolver.features import FEATURES, IDENTIFIER_FEATURES
from resolver.frame import RecordFrame, build_frame
from resolver.levels import level_matrix
from resolver.model import MatchModel
from resolver.records import ResolverRecord

__all__ = [
    "Contribution",
    "ScoredPairs",
    "explain_pair",
    "probability",
    "score_pairs",
    "weight_matrix",
]

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ScoredPairs:
    """Pairs (i, j) with their total match weight (bits), probability and level matrix."""

    i: npt.NDArray[np.int32]
    j: npt.NDArray[np.int32]
    match_weight: Floats
    probability: Floats
    levels: npt.NDArray[np.int8]
    biographic_weight: Floats  # the same without identifier features (for fraud flags)


@dataclass(frozen=True)
class Contribution:
    """One feature's part in a pair's score."""

    feature: str
    level: str
    weight: float
    reason: str


def probability(match_weight: Floats) -> Floats:
    """Match probability from a match weight in bits."""
    return 1.0 / (1.0 + np.exp2(-np.clip(match_weight, -60, 60)))


def weight_matrix(
    frame: RecordFrame, i: npt.NDArray[np.int32], levels: npt.NDArray[np.int8], model: MatchModel
) -> Floats:
    """(pairs x features) weights in bits, exact names adjusted for their frequency."""
    out = np.empty(levels.shape, dtype=np.float64)
    for k, (feat, w) in enumerate(zip(model.features, model.weights(), strict=True)):
        part = w[levels[:, k]]
        if feat.tf_column is not None:
            exact = levels[:, k] == 1
            per_record = model.tf_adjustment(feat.name, getattr(frame, feat.tf_column))
            part = np.where(exact, part + per_record[i], part)
        out[:, k] = part
    return out


_BIOGRAPHIC = np.array([f.name not in IDENTIFIER_FEATURES for f in FEATURES], dtype=bool)


def _weights(
    frame: RecordFrame, i: npt.NDArray[np.int32], j: npt.NDArray[np.int32],
    levels: npt.NDArray[np.int8], model: MatchModel,
) -> tuple[Floats, Floats]:  # fmt: skip
    w = weight_matrix(frame, i, levels, model)
    total = model.prior_weight + combine(w)
    biographic = model.prior_weight + combine(w, _BIOGRAPHIC)
    if not model.first_name_rule:
        return total, biographic
    veto = first_name_veto(levels)
    total = np.where(veto, np.minimum(total, FIRST_NAME_VETO_BITS), total)
    biographic = np.where(veto, np.minimum(biographic, FIRST_NAME_VETO_BITS), biographic)
    return total, biographic


def score_pairs(
    frame: RecordFrame, pairs: Pairs, model: MatchModel,
    levels: npt.NDArray[np.int8] | None = None,
) -> ScoredPairs:  # fmt: skip
    """Levels (unless given), match weights and probabilities for candidate pairs."""
    i, j = pairs
    if levels is None:
        levels = level_matrix(frame, i, j)
    total, biographic = _weights(frame, i, j, levels, model)
    return ScoredPairs(i, j, total, probability(total), levels, biographic)


def explain_pair(
    left: ResolverRecord, right: ResolverRecord, model: MatchModel
) -> list[Contribution]:
    """Every feature's level, weight (bits) and reason, plus the prior; they sum to the score."""
    frame = build_frame([left, right])
    left_row = np.array([0], dtype=np.int32)
    out = [Contribution("prior", "-", model.prior_weight, "odds that two records match at all")]
    for feat, w in zip(model.features, model.weights(), strict=True):
        comp = feat.scalar(left, right)
        weight = float(w[comp.level])
        reason = comp.reason
        if feat.tf_column is not None and comp.level == 1:
            adj = float(model.tf_adjustment(feat.name, getattr(frame, feat.tf_column))[left_row][0])
            weight += adj
            reason += f" (value frequency adjusts by {adj:+.2f} bits)"
        out.append(Contribution(feat.name, feat.levels[comp.level], weight, reason))
    by_name = {c.feature: c.weight for c in out}
    for group, names, low, high in GROUPS:
        raw = sum(by_name[n] for n in names)
        clipped = min(max(raw, low), high)
        if clipped != raw:
            why = f"{group} parts restate one fact: their sum is kept within [{low:+g}, {high:+g}]"
            out.append(Contribution(f"{group} (group limit)", "-", clipped - raw, why))
    levels = np.array([[feat.scalar(left, right).level for feat in model.features]], np.int8)
    total = sum(c.weight for c in out)
    if model.first_name_rule and first_name_veto(levels)[0] and total > FIRST_NAME_VETO_BITS:
        why = "given names plainly differ and no personal identifier is shared (twins, siblings)"
        out.append(Contribution("first-name rule", "-", FIRST_NAME_VETO_BITS - total, why))
    return out
