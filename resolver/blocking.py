"""Candidate generation: records sharing a blocking key become candidate pairs (vectorised)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from resolver.frame import RecordFrame, Strings
from resolver.ordering import distinct, stable_order

__all__ = [
    "BLOCKING_KEYS",
    "BlockingKey",
    "Pairs",
    "as_pairs",
    "blocking_recall",
    "candidate_pairs",
]

Ints = npt.NDArray[np.int64]
Pairs = tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]

# A block of up to BLOCK_CAP records is compared all-against-all (at most 2k pairs). A larger
# block means the key is too common to discriminate there ("1 Jan 1900 + J", a placeholder
# SSN, a shelter's phone): all-pairs would be quadratic for almost no recall, so inside it only
# records within WINDOW places of each other in name order are paired (sorted neighbourhood),
# which still finds same-name duplicates and keeps the cost linear. Blocks grow with the data,
# so the cap decides how pairs grow: at 128, 200k records made 56 pairs a record and 1M made 78
# (108M before removing duplicates); at 64, blocking recall on synth 200k fell 0.981 -> 0.976
# and pairwise F1 0.9542 -> 0.9534 for half the pairs.
BLOCK_CAP = 64
WINDOW = 8
# Up to this many records (an arrival's region) candidates come from grouping rows by each key's
# codes, and codes are combined, in plain Python rather than by numpy calls per key, whose fixed
# costs a few records never repay: the same pairs, for an arrival's 3-8 records in 0.18 against
# 0.74-1.0 ms (numpy, n x n per key), for regions of 24 records (at most 93) in 0.65 against 1.72
# ms by the block walk; at ~190 records the two cost the same.
SMALL_FRAME = 128


def as_pairs(pairs: Sequence[tuple[int, int]]) -> Pairs:
    """(i, j) tuples as the two int32 arrays every pair list here is."""
    i = np.fromiter((a for a, _ in pairs), dtype=np.int32, count=len(pairs))
    j = np.fromiter((b for _, b in pairs), dtype=np.int32, count=len(pairs))
    return i, j


def _factorize(values: Strings) -> Ints:
    """Int codes for strings; "" becomes 0 (missing). A dict rather than np.unique: no sort and
    no fixed-width copy (measured 56 against 129 ms for 200k names, 7 against 28 us for 40)."""
    index: dict[str, int] = {"": 0}
    return np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int64,
                       count=len(values))  # fmt: skip


def _combine(*parts: Ints) -> Ints:
    """One code per record from several codes; missing (0) when any part is missing. Equal
    codes mean equal parts, nothing more: a small frame numbers them in plain Python, which for
    an arrival's few records costs a third of the numpy calls below."""
    if len(parts[0]) <= SMALL_FRAME:
        index: dict[tuple[int, ...], int] = {}
        return np.fromiter(
            (index.setdefault(t, len(index) + 1) if all(t) else 0
             for t in zip(*(part.tolist() for part in parts), strict=True)),
            dtype=np.int64, count=len(parts[0]),
        )  # fmt: skip
    out = np.zeros_like(parts[0])
    present = np.ones(len(parts[0]), dtype=bool)
    for part in parts:
        present &= part > 0
        out = out * (int(part.max(initial=0)) + 1) + part
    # large products are folded back to a dense code so they never overflow later combinations
    return np.where(present, _dense(out) + 1, 0).astype(np.int64)


def _dense(codes: Ints) -> Ints:
    """Each code's rank among the distinct codes: `np.unique(return_inverse=True)[1]` by the
    packed sort (resolver.ordering)."""
    return distinct(codes)[1].astype(np.int64)


def _initial(values: Strings) -> Ints:
    return _factorize(np.array([v[:1] for v in values], dtype=object))


@dataclass(frozen=True)
class BlockingKey:
    """A named rule: records with the same non-zero code (per column) are candidates."""

    name: str
    codes: Callable[[RecordFrame], Ints]  # n, or n x k for multi-valued fields


def _dob(f: RecordFrame) -> Ints:
    full = (f.dob_year > 0) & (f.dob_month > 0) & (f.dob_day > 0)
    return np.where(full, f.dob_year * 10000 + f.dob_month * 100 + f.dob_day, 0)


def _any_name(f: RecordFrame, other: Ints) -> Ints:
    """Two columns, (first, other) and (last, other), in one code space: survives swapped names."""
    n = len(f)
    codes = _combine(_factorize(np.concatenate([f.first, f.last])), np.concatenate([other, other]))
    return np.stack([codes[:n], codes[n:]], axis=1)


def _sorted_names(f: RecordFrame) -> Ints:
    both = _factorize(np.concatenate([f.first, f.last]))
    a, b = both[: len(f)], both[len(f) :]
    return _combine(np.minimum(a, b), np.maximum(a, b))


def _sorted_initials(f: RecordFrame) -> Ints:
    both = _initial(np.concatenate([f.first, f.last]))  # one code space, as in _sorted_names
    a, b = both[: len(f)], both[len(f) :]
    return _combine(np.minimum(a, b), np.maximum(a, b))


BLOCKING_KEYS: tuple[BlockingKey, ...] = (
    # identifiers: strong evidence, so anyone sharing one must at least be compared
    BlockingKey("fin", lambda f: f.fin),
    BlockingKey("a_number", lambda f: f.a_number),
    BlockingKey("ssn", lambda f: _factorize(f.ssn)),
    BlockingKey("passport", lambda f: f.passport),
    BlockingKey("partner_id", lambda f: f.partner_id),
    BlockingKey("phone", lambda f: f.phones),
    BlockingKey("address", lambda f: f.address_keys),
    # names and dates: each key survives a different kind of error in the others
    BlockingKey("surname_nysiis+year", lambda f: _combine(_factorize(f.last_nysiis), f.dob_year)),
    BlockingKey("first_canon+dob", lambda f: _combine(_factorize(f.first_canon), _dob(f))),
    BlockingKey("initials_sorted+dob", lambda f: _combine(_sorted_initials(f), _dob(f))),
    BlockingKey("dob+last_initial", lambda f: _combine(_dob(f), _initial(f.last))),
    # A date alone finds duplicates whose names were replaced or garbled beyond any name key
    # (FEBRL's generator does both); at scale its blocks pass the cap and pair only name-order
    # neighbours, so it costs ~8 pairs a record.
    BlockingKey("dob", _dob),
    BlockingKey("any_name+dob", lambda f: _any_name(f, _dob(f))),
    BlockingKey("any_name+postcode", lambda f: _any_name(f, _factorize(f.postal_code))),
    # (any_name+city was dropped: on synth 40k it made 22% of all candidates and added no
    # recall that the postcode and name+date keys did not already give. dob alone and
    # street_name+first_initial were dropped for the same reason in session 3, 23% of the
    # candidates at 200k for 0.0003 of blocking recall, and restored in session 6: without them
    # FEBRL4 pairwise F1 fell 0.9952 -> 0.9938, under its 0.995 target. On synth 100k they
    # add 24% of the candidates and ~5% of the engine's time.)
    BlockingKey("names_sorted", lambda f: _sorted_names(f)),
    BlockingKey(
        "first_canon+surname",
        lambda f: _combine(_factorize(f.first_canon), _factorize(f.last_key)),
    ),
    BlockingKey(
        "soundex_first+last",
        lambda f: _combine(_factorize(f.first_soundex), _factorize(f.last_soundex)),
    ),
    BlockingKey(
        "first_metaphone+year",
        lambda f: _combine(_factorize(f.first_metaphone), f.dob_year),
    ),
    # addresses: survive a changed name and date
    BlockingKey(
        "postcode+street_number",
        lambda f: _combine(_factorize(f.postal_code), _factorize(f.street_number)),
    ),
    BlockingKey(
        "postcode+surname_soundex",
        lambda f: _combine(_factorize(f.postal_code), _factorize(f.last_soundex)),
    ),
    BlockingKey(
        "street_name+street_number",
        lambda f: _combine(_factorize(f.street_name), _factorize(f.street_number)),
    ),
    BlockingKey(
        "city+street_number",
        lambda f: _combine(_factorize(f.city), _factorize(f.street_number)),
    ),
    BlockingKey(
        "street_name+first_initial",
        lambda f: _combine(_factorize(f.street_name), _initial(f.first)),
    ),
)


def _pairs_in_blocks(rows: Ints, codes: Ints, rank: Ints) -> list[Ints]:
    keep = codes > 0
    rows, codes = rows[keep], codes[keep]
    n = int(rank.size)
    order = _block_order(codes, rank[rows], n)
    rows, codes = rows[order], codes[order]
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    counts = np.diff(np.append(starts, len(codes)))
    small = np.repeat(counts, counts) <= BLOCK_CAP  # each row: is its block within the cap
    out: list[Ints] = []
    for d in range(1, BLOCK_CAP):
        same = codes[:-d] == codes[d:]
        if d >= WINDOW:
            same &= small[:-d]
        if not same.any():
            break
        a, b = rows[:-d][same], rows[d:][same]
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        out.append(lo[lo != hi] * n + hi[lo != hi])
    return out


def _block_order(codes: Ints, ranks: Ints, n: int) -> npt.NDArray[np.intp]:
    """Rows by code, then by content rank: `np.lexsort((ranks, codes))`, as one key (code x n +
    rank) in `stable_order` when that key fits in an int64 (every code is a dense rank or a
    YYYYMMDD date), a two-key lexsort otherwise."""
    if len(codes) and int(codes.max()) < (1 << 62) // n:
        return stable_order(codes * n + ranks)
    return np.lexsort((ranks, codes))


def _shared_code_pairs(key_codes: list[Ints]) -> Pairs | None:
    """Pairs (i < j) with a non-zero code in common under any key (a record's columns of one
    key count as one code space), in (i, j) order: what the block walk yields when no block
    passes the cap; None when one does (a record counted once per column holding the code).
    Built by grouping rows per (key, code) in plain Python: for an arrival's few records this
    costs less than any numpy call per key (0.06 against 0.27 ms by an n x n comparison per key,
    an arrival's 3-8 records)."""
    blocks: dict[tuple[int, int], list[int]] = {}
    for k, codes in enumerate(key_codes):
        for row, values in enumerate(codes.tolist()):
            for value in values:
                if value > 0:
                    blocks.setdefault((k, value), []).append(row)
    pairs: set[tuple[int, int]] = set()
    for rows in blocks.values():
        if len(rows) > BLOCK_CAP:
            return None
        if len(rows) > 1:
            pairs.update(combinations(sorted(set(rows)), 2))
    return as_pairs(sorted(pairs))


def _columns(key: BlockingKey, frame: RecordFrame) -> Ints:
    codes = key.codes(frame)
    return codes if codes.ndim == 2 else codes[:, None]


def _content_rank(frame: RecordFrame) -> Ints:
    """Each record's place in (surname, first name, date of birth, postcode) order: inside a
    block too large to pair all-against-all, a record's WINDOW neighbours are the records most
    like it. The order is by content alone, never by the order records come in: the synthetic
    files list each person's records together, and a tie-break by input order found their pairs
    through that (blocking recall on synth 1M 0.9633, against 0.9577 for this order and for any
    order of the input)."""
    ids = np.array(frame.ids, dtype=object)  # the last tie-break: records alike in all four
    order = np.lexsort((ids, frame.postal_code, frame.dob_digits, frame.first, frame.last_key))
    rank = np.empty(len(frame), dtype=np.int64)
    rank[order] = np.arange(len(frame), dtype=np.int64)
    return rank


def candidate_pairs(frame: RecordFrame, keys: Sequence[BlockingKey] = BLOCKING_KEYS) -> Pairs:
    """Distinct candidate pairs (i < j) over all keys, in (i, j) order, as two int32 arrays."""
    n = len(frame)
    # one key's codes at a time: at a million records each is megabytes
    key_codes: Iterable[Ints] = (_columns(key, frame) for key in keys)
    if n <= SMALL_FRAME:  # a region re-resolved on arrival: its blocks rarely pass the cap
        key_codes = list(key_codes)
        shared = _shared_code_pairs(key_codes)
        if shared is not None:
            return shared
    rank = _content_rank(frame)
    encoded: list[Ints] = []
    for codes in key_codes:
        rows = np.repeat(np.arange(n, dtype=np.int64), codes.shape[1])
        encoded.extend(_pairs_in_blocks(rows, codes.ravel(), rank))
    if not encoded:
        empty = np.zeros(0, dtype=np.int32)
        return empty, empty.copy()
    # sort-then-mask rather than np.unique: numpy 2's hash-based unique took 18 s on the 16M
    # keys of 200k records, a sort takes 1.5 s
    flat = np.sort(np.concatenate(encoded))
    flat = flat[np.concatenate(([True], flat[1:] != flat[:-1]))] if flat.size else flat
    return (flat // n).astype(np.int32), (flat % n).astype(np.int32)


def blocking_recall(pairs: Pairs, truth: Sequence[str]) -> float:
    """Share of true matching pairs (same truth label) that blocking proposes."""
    labels = np.unique(np.asarray(truth, dtype=str), return_inverse=True)[1]
    counts = np.bincount(labels)
    true_pairs = int((counts * (counts - 1) // 2).sum())
    if true_pairs == 0:
        return 1.0
    i, j = pairs
    found = int((labels[i] == labels[j]).sum())
    return found / true_pairs
