"""Summing feature weights into a match weight, with dependent features grouped.

Fellegi-Sunter adds log-likelihood ratios as if features were independent. Some are not: the
six address features all restate one fact (where the record says the person lives), and
country of birth and citizenship mostly restate one origin. Summed freely, one shared address
gave about 40 bits, more than name and date of birth together, so twins, siblings and parents
living together were joined. Each group's sum is clipped to a range instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from resolver.comparators import EQUAL_LEVELS, NAME_LEVELS
from resolver.features import FEATURES

__all__ = ["FIRST_NAME_VETO_BITS", "GROUPS", "combine", "first_name_veto"]

Floats = npt.NDArray[np.float64]

_NAMES = [f.name for f in FEATURES]

# (name, features, floor bits, cap bits)
GROUPS: tuple[tuple[str, tuple[str, ...], float, float], ...] = (
    # One exact street address is worth about one chance agreement in 4,000 (12 bits), however
    # many of its parts agree. A different address is weak evidence against (-6): people move.
    (
        "address",
        ("street_number", "street_name", "street2", "city", "postcode", "state"),
        -6.0,
        12.0,
    ),
    # Same origin: about one in 30 among our sources' mixes (5 bits); a different one is often
    # a naturalised citizenship, so it counts at most -4.
    ("origin", ("country_of_birth", "citizenship"), -4.0, 5.0),
    # A body that fits (race, eyes, height, weight) is shared by a parent, a twin or a stranger
    # of one build, so agreement counts at most 4 bits; a body that plainly does not fit is
    # better evidence against (-8), short of a name or date that disagrees.
    ("body", ("race", "eye_color", "height", "weight"), -8.0, 4.0),
)
_GROUP_COLUMNS = [([_NAMES.index(n) for n in names], lo, hi) for _, names, lo, hi in GROUPS]
_GROUPED = {k for cols, _, _ in _GROUP_COLUMNS for k in cols}
_FREE = [k for k in range(len(_NAMES)) if k not in _GROUPED]


def combine(weights: Floats, mask: npt.NDArray[np.bool_] | None = None) -> Floats:
    """Match weight (bits, without the prior) per row of a (pairs x features) weight matrix;
    `mask` keeps only some features (e.g. biographic ones)."""
    w = weights if mask is None else np.where(mask[None, :], weights, 0.0)
    total = w[:, _FREE].sum(axis=1)
    for cols, lo, hi in _GROUP_COLUMNS:
        total += np.clip(w[:, cols].sum(axis=1), lo, hi)
    return np.asarray(total, dtype=np.float64)


# The first-name rule. Twins, siblings and parents share surname, address, phone and often the
# date of birth (twins): everything a household shares. What tells them apart is the given
# name, but no additive weight can: a twin pair has ~35 bits of household evidence against one
# "different first name". So a pair whose given names are plainly different (not a nickname,
# transliteration, typo, sound-alike, initial or swap) and that shares no personal identifier
# (FIN, A-Number, the same SSN, passport or partner id) is held just below even odds: never
# joined by score, and shown in the review queue (band 0.1-0.9) when the rest of the evidence
# is strong.
# On the synthetic set this keeps twins apart at the cost of ~3% of true pairs (heavy nickname
# plus typo noise), which other records of the same person usually bridge.
# Twins of different sex often have given names that only sound or look alike (Jenny / Jimmy
# share a Soundex code, Maria / Mario are one letter apart): with a different recorded gender
# those count as plainly different too. A true pair then needs two errors at once (a gender
# slip and a name typo) to be held; merged twins on synth 200k 1.02% -> 0.97%.
FIRST_NAME_VETO_BITS = -1.0
_FIRST = _NAMES.index("first_name")
# SSN one typo apart does not count as shared here: twins often get consecutive numbers.
_PERSONAL = [(_NAMES.index(name), 1) for name in ("fin", "a_number", "ssn", "passport",
                                                   "partner_id")]  # fmt: skip
_LAST = _NAMES.index("last_name")
_GENDER = _NAMES.index("gender")
_DIFFERENT = NAME_LEVELS.index("different")
_SAME_NAME = [NAME_LEVELS.index("exact"), NAME_LEVELS.index("variant")]
_ALIKE = [NAME_LEVELS.index(level) for level in ("jw>=0.92", "phonetic", "near", "initial")]
_OTHER_GENDER = EQUAL_LEVELS.index("different")


def _level_table(levels: Sequence[int]) -> npt.NDArray[np.bool_]:
    """A name level -> whether it is one of `levels`: indexing it is `np.isin` without isin's
    fixed cost (most of this rule's time on an arrival's few pairs)."""
    return np.isin(np.arange(len(NAME_LEVELS)), levels)


_IS_ALIKE, _IS_SAME_NAME = _level_table(_ALIKE), _level_table(_SAME_NAME)


def first_name_veto(levels: npt.NDArray[np.int8]) -> npt.NDArray[np.bool_]:
    """Pairs the first-name rule holds below even odds (see FIRST_NAME_VETO_BITS)."""
    shared = np.zeros(len(levels), dtype=bool)
    for col, agree in _PERSONAL:
        shared |= levels[:, col] == agree
    differ = levels[:, _FIRST] == _DIFFERENT
    differ |= (levels[:, _GENDER] == _OTHER_GENDER) & _IS_ALIKE[levels[:, _FIRST]]
    # Family name written first (Wang Min / Wang Hao): the given names sit in last_name. The
    # same first name (or a variant of it: Li / Lee) with a plainly different surname is held
    # too; the cost is that a married name change without a shared identifier is not joined by
    # score but queued for review (twins merged on synth 40k: 16/684 without this, 6/684 with
    # it; F1 0.970 -> 0.970; with variants on synth 200k: 0.97% -> 0.75%, F1 0.9753 -> 0.9750).
    differ |= _IS_SAME_NAME[levels[:, _FIRST]] & (levels[:, _LAST] == _DIFFERENT)
    return np.asarray(differ & ~shared, dtype=bool)
