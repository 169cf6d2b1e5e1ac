"""Unsupervised estimation without labels.

u: level frequencies among random pairs (almost all non-matches), the population the
Fellegi-Sunter likelihood ratio is defined against.

m: leave-one-out self-training over the candidate pairs. Each round, a feature's m is the level
distribution among the candidates that the *other* features already call a confident match, so
no feature can vouch for itself. Plain EM over the candidates (u fixed or free) was tried first
and fails on our synthetic data: candidates share a blocking key, so relatives and namesakes
agree on many features at once, which breaks EM's conditional independence; it either called
every candidate a match (prior -> 1, pairwise precision 0.46) or learnt that an exact name is
worth 0.2 bits (precision 0.81).

prior: the match rate among *all* pairs (what u is measured against), i.e. the number of
candidate pairs judged matches divided by n(n-1)/2, re-estimated each round.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt

from resolver.blocking import Pairs
from resolver.evidence import combine, first_name_veto
from resolver.features import FEATURES
from resolver.frame import RecordFrame
from resolver.levels import level_matrix, pattern_codes
from resolver.model import (
    COMMON_NAME_PEOPLE,
    FULL_NAME_TABLE,
    PROB_FLOOR,
    MatchModel,
    default_model,
    full_name_key,
    variant_table,
)
from resolver.names import NO_GROUPS, knowledge

__all__ = ["estimate_u", "fit_m", "train_model", "unique_patterns"]

Floats = npt.NDArray[np.float64]
_FIRST = [f.name for f in FEATURES].index("first_name")
Levels2D = npt.NDArray[np.int8]

# Random pairs for u: 300k makes a level with u = 1e-4 show up ~30 times (about 18% error),
# and costs about a second of comparisons.
U_SAMPLES = 300_000
# Candidate pairs used to fit m: level patterns repeat heavily, so 2M pairs estimate every level
# share to well under 1% while bounding the fitting cost on a million records.
FIT_SAMPLES = 2_000_000
# Self-training rounds: m and the prior settle within three or four (measured on synth 5k-100k).
ROUNDS = 5
# A pair counts as a confident match for another feature's m when the rest of its evidence is
# at least this many bits above even odds (2^10: about 1 wrong in 1,000).
CONFIDENT_BITS = 10.0
# Fewer records than this teach m and u little (a few hundred candidate pairs, levels seen once
# or never): the shipped default model is used instead.
MIN_TRAIN_RECORDS = 1_000
# Starting belief: about one duplicate per record, the synthetic and real-source order of size.
START_DUPLICATES_PER_RECORD = 1.0


def _level_freq(levels: Levels2D, weights: Floats | None = None) -> list[Floats]:
    out = []
    for k, feat in enumerate(FEATURES):
        raw = np.bincount(levels[:, k], weights=weights, minlength=len(feat.levels))
        counts = raw.astype(float) + 0.5  # Jeffreys pseudo-count: no level is impossible
        counts[list(feat.neutral)] = 0.0
        out.append(counts / max(counts.sum(), 1.0))
    return out


def estimate_u(frame: RecordFrame, samples: int = U_SAMPLES, seed: int = 0) -> list[Floats]:
    """u per level: how often random (almost surely non-matching) pairs land in each level."""
    n = len(frame)
    rng = np.random.default_rng(seed)
    i = rng.integers(0, n, size=samples).astype(np.int32)
    j = rng.integers(0, n, size=samples).astype(np.int32)
    keep = i != j
    return _level_freq(level_matrix(frame, i[keep], j[keep]))


def _start_m() -> list[Floats]:
    """Geometrically falling m over each feature's levels: better levels are likelier."""
    out = []
    for feat in FEATURES:
        m = 0.5 ** np.arange(len(feat.levels), dtype=float)
        m[list(feat.neutral)] = 0.0
        out.append(m / m.sum())
    return out


def _weight_table(m: list[Floats], u: list[Floats]) -> list[Floats]:
    out = []
    for feat, mk, uk in zip(FEATURES, m, u, strict=True):
        w = np.log2(np.maximum(mk, PROB_FLOOR) / np.maximum(uk, PROB_FLOOR))
        w[list(feat.weightless)] = 0.0
        out.append(w)
    return out


def fit_m(
    patterns: Levels2D, counts: Floats, u: list[Floats], n_records: int,
    first_name_rule: bool = True,
) -> tuple[list[Floats], float]:  # fmt: skip
    """m per feature and the all-pairs prior, by leave-one-out self-training (see module doc)
    over unique level patterns with their counts."""
    all_pairs = max(n_records * (n_records - 1) / 2, 1.0)
    prior = min(START_DUPLICATES_PER_RECORD * n_records / all_pairs, 0.5)
    m = _start_m()
    for _ in range(ROUNDS):
        table = _weight_table(m, u)
        w = np.stack([table[k][patterns[:, k]] for k in range(len(FEATURES))], axis=1)
        prior_bits = float(np.log2(prior / (1 - prior)))
        total = combine(w) + prior_bits
        veto = first_name_veto(patterns) if first_name_rule else np.zeros(len(patterns), bool)
        new_m = []
        for k in range(len(FEATURES)):
            sure = (total - w[:, k]) >= CONFIDENT_BITS
            if k != _FIRST:
                sure &= ~veto  # households held apart by the first-name rule teach no m
            new_m.append(_level_freq(patterns[sure], counts[sure])[k] if sure.any() else m[k])
        m = new_m
        matches = float(counts[(total >= 0) & ~veto].sum())
        prior = float(np.clip(matches / all_pairs, 1e-12, 0.5))
    return m, prior


def unique_patterns(levels: Levels2D) -> tuple[Levels2D, npt.NDArray[np.int64]]:
    """Distinct rows of a level matrix with their counts."""
    _, first, counts = np.unique(pattern_codes(levels), return_index=True, return_counts=True)
    return levels[first], counts.astype(np.int64)


def _tf_tables(frame: RecordFrame) -> dict[str, dict[str, float]]:
    tables: dict[str, dict[str, float]] = {}
    for feat in FEATURES:
        if feat.tf_column is None:
            continue
        counts = Counter(v for v in getattr(frame, feat.tf_column) if v)
        total = max(sum(counts.values()), 1)
        tables[feat.name] = {k: v / total for k, v in counts.items()}
        tables[variant_table(feat.name)] = _variant_shares(
            counts, getattr(frame, f"{feat.tf_column}_groups"), total
        )
    tables[FULL_NAME_TABLE] = _full_name_shares(frame)
    return tables


def _variant_shares(
    counts: Counter[str], set_ids: npt.NDArray[np.int64], total: int
) -> dict[str, float]:
    """For each name in a nickname or transliteration group: the share of records whose name is
    a variant of it (shares a group, other spelling). One product over the group-set table."""
    kb = knowledge()
    present = set_ids[set_ids != NO_GROUPS]
    per_set = np.bincount(present, minlength=len(kb.variant_sets)) / total
    reach = kb.variant_sets.astype(float) @ per_set  # records whose name shares a group
    return {
        name: float(reach[kb.set_id(name)]) - count / total
        for name, count in counts.items()
        if kb.set_id(name) != NO_GROUPS
    }


def _full_name_shares(frame: RecordFrame) -> dict[str, float]:
    """Share of people carrying each common full name. People, not records, are what a chance
    agreement is about, and one person's records repeat a name: so a name's people are counted
    as the distinct full dates of birth written beside it, and only names with at least
    COMMON_NAME_PEOPLE of them are kept (rarer names keep their per-name adjustments alone)."""
    dobs: dict[str, set[str]] = {}
    for first, last, digits, placeholder in zip(
        frame.first, frame.last, frame.dob_digits, frame.dob_placeholder, strict=True
    ):
        if first and last and len(digits) == 8 and not placeholder:
            dobs.setdefault(full_name_key(first, last), set()).add(digits)
    people = max(sum(len(d) for d in dobs.values()), 1)
    return {k: len(d) / people for k, d in dobs.items() if len(d) >= COMMON_NAME_PEOPLE}


def train_model(
    frame: RecordFrame, pairs: Pairs, seed: int = 0, levels: Levels2D | None = None,
    first_name_rule: bool = True,
) -> MatchModel:  # fmt: skip
    """Fit a model without labels on a sample of the candidates (or their given levels); data
    too small to learn from gets the shipped default model."""
    if len(frame) < MIN_TRAIN_RECORDS:
        model = default_model(len(frame))
        model.first_name_rule = first_name_rule
        return model
    u = estimate_u(frame, seed=seed)
    i, j = pairs
    rng = np.random.default_rng(seed)
    if levels is None:
        if len(i) > FIT_SAMPLES:
            pick = rng.choice(len(i), FIT_SAMPLES, replace=False)
            i, j = i[pick], j[pick]
        levels = level_matrix(frame, i, j)
    elif len(levels) > FIT_SAMPLES:
        levels = levels[rng.choice(len(levels), FIT_SAMPLES, replace=False)]
    scale = len(pairs[0]) / max(len(levels), 1)  # a sample stands for all candidates
    if len(levels):
        patterns, counts = unique_patterns(levels)
        m, prior = fit_m(patterns, counts.astype(float) * scale, u, len(frame), first_name_rule)
    else:
        m, prior = _start_m(), 0.5
    return MatchModel(m=m, u=u, prior=prior, tf=_tf_tables(frame),
                      first_name_rule=first_name_rule)  # fmt: skip
