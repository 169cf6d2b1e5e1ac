"""Fellegi-Sunter scoring of candidate pairs, and the explanation of one pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from resolver.blocking import Pairs
from resolver.evidence import FIRST_NAME_VETO_BITS, GROUPS, combine, first_name_veto
from resolver.features import FEATURES, IDENTIFIER_FEATURES
from resolver.frame import RecordFrame, build_frame
from resolver.levels import level_matrix, pattern_codes
from resolver.model import VARIANT_LEVEL, MatchModel
from resolver.records import ResolverRecord

__all__ = [
    "Contribution",
    "KnownScores",
    "ScoredPairs",
    "explain_pair",
    "probability",
    "score_pairs",
    "score_pairs_reusing",
]

Floats = npt.NDArray[np.float64]
T = TypeVar("T", bound=np.generic)


@dataclass(frozen=True)
class ScoredPairs:
    """Pairs (i, j) with their total match weight (bits), probability and level matrix."""

    i: npt.NDArray[np.int32]
    j: npt.NDArray[np.int32]
    match_weight: Floats
    probability: Floats
    levels: npt.NDArray[np.int8]
    biographic_weight: Floats  # the same without identifier features (for fraud flags)

    def merged(self, more: ScoredPairs) -> ScoredPairs:
        """These pairs and `more` (none of them here), still in (i, j) order: each of `more` goes
        where it belongs, which at a million records' 50M pairs costs a copy, not a sort."""
        fresh = _places(self.i, self.j, more.i, more.j) + np.arange(len(more.i))
        return ScoredPairs(
            _inserted(self.i, more.i, fresh), _inserted(self.j, more.j, fresh),
            _inserted(self.match_weight, more.match_weight, fresh),
            _inserted(self.probability, more.probability, fresh),
            _inserted(self.levels, more.levels, fresh),
            _inserted(self.biographic_weight, more.biographic_weight, fresh),
        )  # fmt: skip


@dataclass(frozen=True)
class KnownScores:
    """Pairs scored earlier, found by their records' ids (left, right as they were scored). A
    pair's score depends on its two records and the model alone, not on the frame around them
    (resolver.completion relies on the same), so a later frame of the same records takes these
    rows instead of scoring them again."""

    row_of: dict[tuple[str, str], int]
    scored: ScoredPairs

    @classmethod
    def of(cls, frame: RecordFrame, scored: ScoredPairs) -> KnownScores:
        ids = frame.ids
        pairs = zip(scored.i.tolist(), scored.j.tolist(), strict=True)
        return cls({(ids[a], ids[b]): k for k, (a, b) in enumerate(pairs)}, scored)


def _inserted(
    old: npt.NDArray[T], new: npt.NDArray[T], fresh: npt.NDArray[np.intp]
) -> npt.NDArray[T]:
    """`old` rows with `new` rows at positions `fresh` of the result, each row moved as one
    opaque item: for a 50M x 24 level matrix 0.2 s against 1.5 s by a mask over its rows
    (`np.insert` took 3.2 s for 50M x 16), plus ~1.5 s here for the new array's fresh pages."""
    row = np.dtype((np.void, old.itemsize * int(np.prod(old.shape[1:], dtype=np.int64))))
    out = np.empty(len(old) + len(new), dtype=row)
    kept = np.ones(len(out), dtype=bool)
    kept[fresh] = False
    out[fresh] = np.ascontiguousarray(new).view(row).ravel()
    out[kept] = np.ascontiguousarray(old).view(row).ravel()
    return out.view(old.dtype).reshape(len(out), *old.shape[1:])


def _places(
    i: npt.NDArray[np.int32], j: npt.NDArray[np.int32],
    new_i: npt.NDArray[np.int32], new_j: npt.NDArray[np.int32],
) -> npt.NDArray[np.intp]:  # fmt: skip
    """Where each new pair goes among pairs (i, j) in (i, j) order: by i, then by j among the
    pairs of that i. One packed key per pair would be a new 400 MB array at 50M pairs, whose
    pages alone took 1.7 s."""
    first = np.searchsorted(i, new_i, side="left")
    last = np.searchsorted(i, new_i, side="right")
    return np.fromiter(
        (lo + int(np.searchsorted(j[lo:hi], b))
         for lo, hi, b in zip(first.tolist(), last.tolist(), new_j.tolist(), strict=True)),
        dtype=np.intp, count=len(new_i),
    )  # fmt: skip


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


_BIOGRAPHIC = np.array([f.name not in IDENTIFIER_FEATURES for f in FEATURES], dtype=bool)
# Term-frequency adjustments are added after the pattern sums below; that equals adding them
# inside `combine` only for features outside the evidence groups (which clip their sums).
_TF = [k for k, f in enumerate(FEATURES) if f.tf_column is not None]
_FIRST = [f.name for f in FEATURES].index("first_name")
_LAST = [f.name for f in FEATURES].index("last_name")
if {FEATURES[k].name for k in _TF} & {n for _, names, _, _ in GROUPS for n in names}:
    raise RuntimeError("a frequency-adjusted feature must not be in an evidence group")


def _weights(
    frame: RecordFrame, pairs: Pairs, levels: npt.NDArray[np.int8], model: MatchModel
) -> tuple[Floats, Floats]:
    """Total and biographic match weights (bits). A pair's weight depends on its level pattern
    (plus the frequency of an exactly equal name), and a million records' candidates share a
    few hundred thousand patterns: each pattern is weighed once, then spread to its pairs."""
    _, first, inverse = np.unique(pattern_codes(levels), return_index=True, return_inverse=True)
    patterns = levels[first]
    table = model.weights()
    w = np.stack([table[k][patterns[:, k]] for k in range(len(table))], axis=1)
    total = (model.prior_weight + combine(w))[inverse]
    biographic = (model.prior_weight + combine(w, _BIOGRAPHIC))[inverse]
    i, j = pairs
    for k in _TF:
        feat = model.features[k]
        values = getattr(frame, str(feat.tf_column))
        exact = np.flatnonzero(levels[:, k] == 1)
        variant = np.flatnonzero(levels[:, k] == VARIANT_LEVEL)
        adjustments = []
        if len(exact):  # per-record tables only when some pair needs them (a million lookups)
            adjustments.append((exact, model.tf_adjustment(feat.name, values)[i[exact]]))
        if len(variant):
            side = model.variant_adjustment(feat.name, values)
            adjustments.append((variant, np.minimum(side[i[variant]], side[j[variant]])))
        for rows, bits in adjustments:
            total[rows] += bits
            if _BIOGRAPHIC[k]:
                biographic[rows] += bits
    both = np.flatnonzero((levels[:, _FIRST] == 1) & (levels[:, _LAST] == 1))
    if len(both):
        # per record once (a few common names), then spread to its pairs
        adjust = model.full_name_adjustment(frame.first, frame.last)[i[both]]
        total[both] += adjust
        biographic[both] += adjust
    if not model.first_name_rule:
        return total, biographic
    veto = first_name_veto(patterns)[inverse]  # a pattern's rule holds for all its pairs
    np.minimum(total, FIRST_NAME_VETO_BITS, out=total, where=veto)
    np.minimum(biographic, FIRST_NAME_VETO_BITS, out=biographic, where=veto)
    return total, biographic


def score_pairs(
    frame: RecordFrame, pairs: Pairs, model: MatchModel,
    levels: npt.NDArray[np.int8] | None = None,
) -> ScoredPairs:  # fmt: skip
    """Levels (unless given), match weights and probabilities for candidate pairs."""
    i, j = pairs
    if levels is None:
        levels = level_matrix(frame, i, j)
    total, biographic = _weights(frame, (i, j), levels, model)
    return ScoredPairs(i, j, total, probability(total), levels, biographic)


def score_pairs_reusing(
    frame: RecordFrame, pairs: Pairs, model: MatchModel, known: KnownScores
) -> ScoredPairs:
    """`score_pairs`, taking each pair that `known` holds (the same two records, the same way
    round) from it: an arrival's focus has scored most of the pairs its engine then needs, and
    for a few pairs a scoring pass is mostly fixed costs (0.65 ms)."""
    i, j = pairs
    ids = frame.ids
    pairs_by_id = ((ids[a], ids[b]) for a, b in zip(i.tolist(), j.tolist(), strict=True))
    rows = np.fromiter((known.row_of.get(key, -1) for key in pairs_by_id), dtype=np.intp,
                       count=len(i))  # fmt: skip
    have = rows >= 0
    old = known.scored
    if bool(have.all()):
        return ScoredPairs(i, j, old.match_weight[rows], old.probability[rows], old.levels[rows],
                           old.biographic_weight[rows])  # fmt: skip
    new = score_pairs(frame, (i[~have], j[~have]), model)
    kept, fresh = rows[have], np.flatnonzero(~have)
    return ScoredPairs(
        i, j,
        _inserted(old.match_weight[kept], new.match_weight, fresh),
        _inserted(old.probability[kept], new.probability, fresh),
        _inserted(old.levels[kept], new.levels, fresh),
        _inserted(old.biographic_weight[kept], new.biographic_weight, fresh),
    )  # fmt: skip


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
        if feat.tf_column is not None and comp.level == VARIANT_LEVEL:
            adj = float(model.variant_adjustment(feat.name, getattr(frame, feat.tf_column)).min())
            weight += adj
            reason += f" (how common the name's variants are adjusts by {adj:+.2f} bits)"
        out.append(Contribution(feat.name, feat.levels[comp.level], weight, reason))
    if all(c.level == "exact" for c in out if c.feature in ("first_name", "last_name")):
        adj = float(model.full_name_adjustment(frame.first[left_row], frame.last[left_row])[0])
        if adj:
            why = "a common whole name: more people bear it than its two names' frequencies imply"
            out.append(Contribution("full name", "common", adj, why))
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
