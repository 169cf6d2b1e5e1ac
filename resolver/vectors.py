"""Vectorised twins of `resolver.comparators`: level indices for arrays of pairs (i, j).

No per-pair Python in here: string similarities go through rapidfuzz `cpdist` (C++, two
workers), everything else is numpy. Each function mirrors the comparator of the same name.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.process import cpdist

from resolver.comparators import (
    DOB_FAR_YEARS,
    HEIGHT_STEPS_IN,
    JW_ADDRESS,
    JW_CLOSE,
    JW_NEAR,
    WEIGHT_STEPS_LB,
)
from resolver.frame import RecordFrame, Strings
from resolver.names import knowledge
from resolver.ordering import distinct

__all__ = ["VECTOR_COMPARATORS", "LevelFn", "Levels", "PairIndex"]

Levels = npt.NDArray[np.int8]
PairIndex = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
WORKERS = 2  # the target machine has two cores
# Below this many pairs a second thread costs more than it saves (on-arrival frames are tiny).
PARALLEL_MIN = 20_000


def _jw(a: Strings, b: Strings) -> Floats:
    if len(a) == 0:
        return np.zeros(0)
    workers = WORKERS if len(a) >= PARALLEL_MIN else 1
    return np.asarray(
        cpdist(a, b, scorer=JaroWinkler.normalized_similarity, workers=workers), dtype=np.float64
    )


def _osa(a: Strings, b: Strings) -> npt.NDArray[np.int64]:
    if len(a) == 0:
        return np.zeros(0, dtype=np.int64)
    workers = WORKERS if len(a) >= PARALLEL_MIN else 1
    return np.asarray(cpdist(a, b, scorer=OSA.distance, workers=workers), dtype=np.int64)


def _select(conds: list[Bools], levels: list[int], default: int) -> Levels:
    """`np.select` into int8: the level of the first true condition, else `default`. Written
    last to first so that the first true condition has the last word: 5 against 16 us for an
    on-arrival region's few pairs, 15 against 22 ms for a batch chunk of 1M pairs and 8
    conditions (np.select's checks and broadcasting, then a cast)."""
    out = np.full(len(conds[0]), default, dtype=np.int8)
    for cond, level in zip(conds[::-1], levels[::-1], strict=True):
        np.putmask(out, cond, level)
    return out


def _variant(ga: npt.NDArray[np.int64], gb: npt.NDArray[np.int64]) -> Bools:
    """Rows whose names share a nickname or transliteration group (by their group sets)."""
    return np.asarray(knowledge().variant_sets[ga, gb], dtype=bool)


def _swapped(f: RecordFrame, i: PairIndex, j: PairIndex, straight: Floats) -> Bools:
    """`straight`: the larger of the first-first and last-last similarities, which the caller
    has. The crossed similarities run only where a swap is still possible (all four names
    present, not alike straight), the second only where the first crossed: a name feature makes
    two full Jaro-Winkler passes instead of five."""
    fl, ll, fr, lr = f.first[i], f.last[i], f.first[j], f.last[j]
    present = (fl != "") & (ll != "") & (fr != "") & (lr != "")
    rows = np.flatnonzero(present & (straight < JW_CLOSE))
    li, rj = i[rows], j[rows]
    first_crossed = (_jw(fl[rows], lr[rows]) >= JW_NEAR) | _variant(
        f.first_groups[li], f.last_groups[rj]
    )
    rows, li, rj = rows[first_crossed], li[first_crossed], rj[first_crossed]
    last_crossed = (_jw(ll[rows], fr[rows]) >= JW_NEAR) | _variant(
        f.last_groups[li], f.first_groups[rj]
    )
    out = np.zeros(len(i), dtype=bool)
    out[rows[last_crossed]] = True
    return out


def _name(
    a: Strings, b: Strings, groups: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
    near_groups: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]], phon: Bools, jw: Floats,
    initial: Bools,
) -> Levels:  # fmt: skip
    """`jw`: the Jaro-Winkler similarity of `a` and `b`; `initial`: one is the other's initial."""
    missing = (a == "") | (b == "")
    variant = _variant(*groups)
    near = _variant(*near_groups)
    return _select(
        [missing, a == b, variant, jw >= JW_CLOSE, phon, (jw >= JW_NEAR) | near, initial],
        [0, 1, 2, 3, 4, 5, 6],
        8,
    )


def _phonetic(f: RecordFrame, codes: tuple[str, str], i: PairIndex, j: PairIndex) -> Bools:
    """Either phonetic code (`codes`: two frame columns) is present and equal, compared as value
    codes: ints cost a fraction of comparing the code strings of every pair."""
    same = np.zeros(len(i), dtype=bool)
    for column in codes:
        values, present = f.value_codes((column,)), f.lengths(column) > 0
        same |= present[i] & (values[i] == values[j])
    return same


def _initial(f: RecordFrame, column: str, i: PairIndex, j: PairIndex) -> Bools:
    """One name is a single letter (an initial) and the other starts with it."""
    lengths, initials = f.lengths(column), f.initials(column)
    one = (lengths[i] == 1) | (lengths[j] == 1)
    return np.asarray(one & (initials[i] == initials[j]), dtype=bool)


def _straight(f: RecordFrame, i: PairIndex, j: PairIndex) -> tuple[Floats, Floats]:
    """First-first and last-last similarities: each name feature needs both (its own level, and
    whether the names are swapped)."""
    return _jw(f.first[i], f.first[j]), _jw(f.last[i], f.last[j])


def names(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    """First-name and last-name levels together, as two columns: both need the same two
    similarities and the same swap test, which comparing them apart computed twice."""
    first_jw, last_jw = _straight(f, i, j)
    swapped = _swapped(f, i, j, np.maximum(first_jw, last_jw))
    first = _name(
        f.first[i], f.first[j], (f.first_groups[i], f.first_groups[j]),
        (f.first_near[i], f.first_near[j]),
        _phonetic(f, ("first_soundex", "first_metaphone"), i, j), first_jw,
        _initial(f, "first", i, j),
    )  # fmt: skip
    last = _name(
        f.last[i], f.last[j], (f.last_groups[i], f.last_groups[j]),
        (f.last_near[i], f.last_near[j]),
        _phonetic(f, ("last_soundex", "last_metaphone"), i, j), last_jw,
        _initial(f, "last", i, j),
    )  # fmt: skip
    particles_only = (last > 2) & (f.last_key[i] == f.last_key[j])
    last = np.where(particles_only, 2, last)
    return np.where(swapped[:, None], 7, np.stack([first, last], axis=1)).astype(np.int8)


def middle_name(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    a, b = f.middle[i], f.middle[j]
    return _select([(a == "") | (b == ""), a == b, _initial(f, "middle", i, j)], [0, 1, 2], 3)


def dob(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    ly, lm, ld = f.dob_year[i], f.dob_month[i], f.dob_day[i]
    ry, rm, rd = f.dob_year[j], f.dob_month[j], f.dob_day[j]
    full = (lm > 0) & (ld > 0) & (rm > 0) & (rd > 0)
    same = full & (ly == ry) & (lm == rm) & (ld == rd)
    placeholder = same & (f.dob_placeholder[i] | f.dob_placeholder[j])
    swapped = full & (ly == ry) & (lm == rd) & (ld == rm)
    any_placeholder = f.dob_placeholder[i] | f.dob_placeholder[j]
    da, db = f.dob_digits[i], f.dob_digits[j]
    digits = f.lengths("dob_digits")
    real8 = (digits[i] == 8) & (digits[j] == 8) & ~any_placeholder
    one_off = np.zeros(len(i), dtype=bool)
    one_off[real8] = _osa(da[real8], db[real8]) <= 1
    vague = ~full | any_placeholder
    return _select(
        [
            (ly == 0) | (ry == 0), placeholder, same, swapped, one_off,
            np.abs(ly - ry) > DOB_FAR_YEARS,
            (ly == ry) & (lm > 0) & (lm == rm) & ~any_placeholder, (ly == ry) & vague,
        ],
        [0, 2, 1, 3, 4, 8, 5, 6],
        7,
    )  # fmt: skip


def _equal_codes(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> Levels:
    return _select([(a == 0) | (b == 0), a == b], [0, 1], 2)


def _equal_strings(a: Strings, b: Strings) -> Levels:
    return _select([(a == "") | (b == ""), a == b], [0, 1], 2)


def ssn(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    a, b = f.ssn[i], f.ssn[j]
    missing = (a == "") | (b == "")
    one = np.zeros(len(i), dtype=bool)
    present = ~missing
    one[present] = _osa(a[present], b[present]) == 1
    return _select([missing, a == b, one], [0, 1, 2], 3)


def phone(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    """Phones are left-aligned codes, 0 padding. Compared slot against slot over the pairs
    where both have one (about a third at 1M): the whole (pairs x 4 x 4) comparison took
    119-179 ms a chunk of 1M pairs, this 57-70 ms."""
    first_a, first_b = f.phones[i, 0], f.phones[j, 0]
    both = np.flatnonzero((first_a != 0) & (first_b != 0))
    a, b = f.phones[i[both]], f.phones[j[both]]
    shared = np.zeros(len(both), dtype=bool)
    for slot in range(a.shape[1]):
        mine = a[:, slot]
        if not mine.any():
            break  # left-aligned: no later slot holds a phone either
        for theirs in range(b.shape[1]):
            shared |= (mine == b[:, theirs]) & (mine != 0)
    levels = np.where((first_a == 0) | (first_b == 0), 0, 2).astype(np.int8)
    levels[both[shared]] = 1
    return levels


def _text(a: Strings, b: Strings, an: Strings, bn: Strings) -> Levels:
    missing = (a == "") | (b == "")
    return _select([missing, an == bn, _jw(a, b) >= JW_ADDRESS], [0, 1, 2], 4)


def _address_text(f: RecordFrame, own: str, other: str, i: PairIndex, j: PairIndex) -> Levels:
    a, b = getattr(f, own), getattr(f, other)
    a_n, b_n = f.squeezed(own), f.squeezed(other)
    levels = _text(a[i], a[j], a_n[i], a_n[j])
    diff = np.flatnonzero(levels == 4)
    if diff.size:
        li, rj = i[diff], j[diff]
        x = _text(a[li], b[rj], a_n[li], b_n[rj])
        y = _text(b[li], a[rj], b_n[li], a_n[rj])
        crossed = np.isin(x, (1, 2)) | np.isin(y, (1, 2))
        levels[diff[crossed]] = 3
    return levels


def street_name(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    return _address_text(f, "street_name", "street2", i, j)


def street2(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    return _address_text(f, "street2", "street_name", i, j)


def city(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    squeezed = f.squeezed("city")
    levels = _text(f.city[i], f.city[j], squeezed[i], squeezed[j])
    return np.where(levels == 4, 3, levels).astype(np.int8)


def _code(f: RecordFrame, column: str, i: PairIndex, j: PairIndex) -> Levels:
    a, b, lengths = getattr(f, column)[i], getattr(f, column)[j], f.lengths(column)
    missing = (a == "") | (b == "")
    one = np.zeros(len(a), dtype=bool)
    ok = ~missing & (lengths[i] == lengths[j])
    one[ok] = _osa(a[ok], b[ok]) == 1
    return _select([missing, a == b, one], [0, 1, 2], 3)


def street_number(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    return _code(f, "street_number", i, j)


def postcode(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
    return _code(f, "postal_code", i, j)


def _measured(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], steps: tuple[int, int]) -> Levels:
    gap = np.abs(a - b)
    return _select([(a == 0) | (b == 0), gap <= steps[0], gap <= steps[1]], [0, 1, 2], 3)


# levels of one feature (n,) or of several compared together (n, k)
LevelFn = Callable[[RecordFrame, PairIndex, PairIndex], Levels]


def by_value(columns: tuple[str, ...], level: LevelFn) -> LevelFn:
    """`level` computed once per distinct pair of values of `columns` (all the comparator
    reads), then spread to every pair with those values. Candidate pairs repeat the same name,
    street and date pairs over and over (distinct value pairs are 2-7% of the name pairs and
    8-45% of the others on synth 200k), so this saves most of the string work."""

    def levels(f: RecordFrame, i: PairIndex, j: PairIndex) -> Levels:
        if len(i) < BY_VALUE_MIN:
            return level(f, i, j)
        codes = f.value_codes(columns)
        key = codes[i] * (int(codes.max(initial=0)) + 1) + codes[j]
        one, inverse = distinct(key)
        return level(f, i[one], j[one])[inverse]

    return levels


# Below this many pairs (an on-arrival region) finding the distinct value pairs costs more than
# it saves: the comparators run on every pair.
BY_VALUE_MIN = 2_000

_NAMES = ("first", "last")  # a name's level also looks across for swapped first and last
_DOB = ("dob_year", "dob_month", "dob_day", "dob_placeholder", "dob_digits")
_STREET = ("street_name", "street2")  # the two lines are compared crosswise too

# Each comparator gives the levels of the features it names, one column each.
VECTOR_COMPARATORS: dict[tuple[str, ...], LevelFn] = {
    ("first_name", "last_name"): by_value(_NAMES, names),
    ("middle_name",): by_value(("middle",), middle_name),
    ("dob",): by_value(_DOB, dob),
    ("gender",): lambda f, i, j: _equal_codes(f.gender[i], f.gender[j]),
    ("suffix",): lambda f, i, j: _equal_codes(f.suffix[i], f.suffix[j]),
    ("fin",): lambda f, i, j: _equal_codes(f.fin[i], f.fin[j]),
    ("a_number",): lambda f, i, j: _equal_codes(f.a_number[i], f.a_number[j]),
    ("passport",): lambda f, i, j: _equal_codes(f.passport[i], f.passport[j]),
    ("partner_id",): lambda f, i, j: _equal_codes(f.partner_id[i], f.partner_id[j]),
    ("ssn",): by_value(("ssn",), ssn),
    ("phone",): phone,
    ("street_number",): by_value(("street_number",), street_number),
    ("street_name",): by_value(_STREET, street_name),
    ("street2",): by_value(_STREET, street2),
    ("city",): by_value(("city",), city),
    ("postcode",): by_value(("postal_code",), postcode),
    ("state",): by_value(("state",), lambda f, i, j: _equal_strings(f.state[i], f.state[j])),
    ("country_of_birth",): lambda f, i, j: _equal_codes(
        f.country_of_birth[i], f.country_of_birth[j]
    ),
    ("citizenship",): lambda f, i, j: _equal_codes(f.citizenship[i], f.citizenship[j]),
    ("race",): lambda f, i, j: _equal_codes(f.race[i], f.race[j]),
    ("eye_color",): lambda f, i, j: _equal_codes(f.eye_color[i], f.eye_color[j]),
    ("height",): lambda f, i, j: _measured(f.height_in[i], f.height_in[j], HEIGHT_STEPS_IN),
    ("weight",): lambda f, i, j: _measured(f.weight_lb[i], f.weight_lb[j], WEIGHT_STEPS_LB),
}
