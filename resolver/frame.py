"""Columnar view of many records (numpy arrays) for vectorised blocking and comparison."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import numpy.typing as npt

import normalize
from resolver.names import knowledge, phonetic_keys
from resolver.records import ResolverRecord

__all__ = ["RecordFrame", "Strings", "build_frame"]

Strings = npt.NDArray[np.object_]
Ints = npt.NDArray[np.int64]

# Phones and addresses beyond these many per record are ignored for overlap: they are rare and
# the padded code matrices stay small (n x 4).
MAX_PHONES = 4
MAX_ADDRESSES = 4
SUFFIX_CODES = {"JR": 1, "SR": 2, "II": 3, "III": 4, "IV": 5}
GENDER_CODES = {"M": 1, "F": 2, "X": 3}


class _Codes:
    """Factorise values to int codes; 0 always means missing."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def code(self, value: Any) -> int:
        if value is None or value == "":
            return 0
        return self.index.setdefault(value, len(self.index) + 1)


def _codes(values: Sequence[Any]) -> Ints:
    f = _Codes()
    return np.fromiter((f.code(v) for v in values), dtype=np.int64, count=len(values))


def _padded(rows: Sequence[Sequence[Any]], width: int, codes: _Codes) -> Ints:
    out = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        for k, value in enumerate(row[:width]):
            out[i, k] = codes.code(value)
    return out


def _strings(values: Sequence[str]) -> Strings:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


@dataclass
class RecordFrame:
    """Records as columns; row i is `records[i]`. Strings are comparison forms, "" = missing."""

    records: list[ResolverRecord]
    ids: list[str]
    source: Ints
    first: Strings
    middle: Strings
    last: Strings
    last_key: Strings
    first_groups: Ints  # group-set id of each name (resolver.names: NameKnowledge.set_id)
    last_groups: Ints
    first_near: Ints  # the same, a name in no group read as the known name it is a slip of
    last_near: Ints
    first_canon: Strings
    first_soundex: Strings
    first_metaphone: Strings
    last_soundex: Strings
    last_metaphone: Strings
    last_nysiis: Strings
    dob_year: Ints
    dob_month: Ints
    dob_day: Ints
    dob_placeholder: npt.NDArray[np.bool_]
    dob_digits: Strings
    gender: Ints
    suffix: Ints
    ssn: Strings  # only valid SSNs; invalid and placeholder SSNs count for nothing
    a_number: Ints
    fin: Ints
    partner_id: Ints
    passport: Ints
    phones: Ints  # n x MAX_PHONES codes
    address_keys: Ints  # n x MAX_ADDRESSES codes
    street_number: Strings
    street_name: Strings
    street2: Strings
    city: Strings
    state: Strings
    postal_code: Strings
    country_of_birth: Ints
    citizenship: Ints
    race: Ints
    eye_color: Ints
    height_in: Ints  # 0 = missing
    weight_lb: Ints

    # columns derived on first use (value codes, lengths, squeezed text), keyed by what and of
    # which columns; the level matrix fills its chunks in threads, so each is built under a lock
    _derived: dict[tuple[str, ...], npt.NDArray[Any]] = field(
        default_factory=dict, init=False, repr=False
    )
    _derive: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def _once(self, key: tuple[str, ...], make: Callable[[], npt.NDArray[Any]]) -> npt.NDArray[Any]:
        with self._derive:
            if key not in self._derived:
                self._derived[key] = make()
            return self._derived[key]

    def value_codes(self, columns: tuple[str, ...]) -> Ints:
        """One int per row, equal exactly when the rows hold equal values in all `columns`
        (computed once per frame)."""

        def make() -> Ints:
            index: dict[tuple[Any, ...], int] = {}
            rows = zip(*(_hashable(getattr(self, c)) for c in columns), strict=True)
            return np.fromiter((index.setdefault(v, len(index)) for v in rows), dtype=np.int64,
                               count=len(self))  # fmt: skip

        return self._once(("value_codes", *columns), make)

    def lengths(self, column: str) -> Ints:
        """The length of each value of a text column, computed once per frame: one `len()` a
        record rather than one a pair."""
        values = getattr(self, column)
        return self._once(
            ("lengths", column),
            lambda: np.fromiter(map(len, values), dtype=np.int64, count=len(values)),
        )

    def initials(self, column: str) -> Ints:
        """The code point of each value's first letter (0 when empty), computed once per frame:
        comparing ints a pair is several times cheaper than cutting strings a pair."""
        values = getattr(self, column)
        return self._once(
            ("initials", column),
            lambda: np.fromiter((ord(v[0]) if v else 0 for v in values.tolist()),
                                dtype=np.int64, count=len(values)),
        )  # fmt: skip

    def take(self, rows: Ints) -> RecordFrame:
        """The frame of `rows` only, in that order, with the same codes (a sub-frame's records
        compare and cluster as they do here)."""
        picked = rows.tolist()
        columns = {
            f.name: getattr(self, f.name)[rows]
            for f in fields(self) if f.init and f.name not in ("records", "ids")
        }  # fmt: skip
        return RecordFrame(records=[self.records[k] for k in picked],
                           ids=[self.ids[k] for k in picked], **columns)  # fmt: skip

    def squeezed(self, column: str) -> Strings:
        """A text column without its spaces ("12 A" = "12A"), computed once per frame."""
        spaced = getattr(self, column)
        return self._once(("squeezed", column),
                          lambda: _strings([v.replace(" ", "") for v in spaced]))  # fmt: skip


def _hashable(column: npt.NDArray[Any]) -> list[Any]:
    """Column values as hashable items (a row of a 2-D column becomes a tuple)."""
    return [tuple(row) for row in column.tolist()] if column.ndim == 2 else column.tolist()


def _groups(names: Strings, set_id: Callable[[str], int]) -> Ints:
    """`set_id` of each name, looked up once per distinct name."""
    ids = {name: set_id(name) for name in set(names.tolist())}
    return np.fromiter((ids[name] for name in names.tolist()), dtype=np.int64, count=len(names))


def build_frame(records: Sequence[ResolverRecord]) -> RecordFrame:
    """Columnise records; one pass per column, each value normalised already by the record."""
    recs = list(records)
    kb = knowledge()

    def col(get: Callable[[ResolverRecord], str]) -> Strings:
        return _strings([get(r) for r in recs])

    first = col(lambda r: r.first)
    last = col(lambda r: r.last)
    last_key = col(lambda r: normalize.surname_key(r.last))
    first_ph = [phonetic_keys(r.first) for r in recs]
    last_ph = [phonetic_keys(key) for key in last_key.tolist()]
    addr = [r.addresses[0] if r.addresses else None for r in recs]
    phone_codes, addr_codes = _Codes(), _Codes()
    return RecordFrame(
        records=recs,
        ids=[r.record_id for r in recs],
        source=_codes([r.source for r in recs]),
        first=first,
        middle=col(lambda r: r.middle),
        last=last,
        last_key=last_key,
        first_groups=_groups(first, kb.set_id),
        last_groups=_groups(last, kb.set_id),
        first_near=_groups(first, kb.near_set_id),
        last_near=_groups(last, kb.near_set_id),
        first_canon=col(lambda r: kb.canonical_name(r.first)),
        first_soundex=_strings([p[0] for p in first_ph]),
        first_metaphone=_strings([p[1] for p in first_ph]),
        last_soundex=_strings([p[0] for p in last_ph]),
        last_metaphone=_strings([p[1] for p in last_ph]),
        last_nysiis=_strings([p[2] for p in last_ph]),
        dob_year=np.array([r.dob_year or 0 for r in recs], dtype=np.int64),
        dob_month=np.array([r.dob_month or 0 for r in recs], dtype=np.int64),
        dob_day=np.array([r.dob_day or 0 for r in recs], dtype=np.int64),
        dob_placeholder=np.array([r.dob_placeholder for r in recs], dtype=bool),
        dob_digits=col(lambda r: r.dob_digits),
        gender=np.array([GENDER_CODES.get(r.gender or "", 0) for r in recs], dtype=np.int64),
        suffix=np.array([SUFFIX_CODES.get(r.suffix or "", 0) for r in recs], dtype=np.int64),
        ssn=col(lambda r: r.ssn if r.ssn and r.ssn_valid else ""),
        a_number=np.array([int(r.a_number or 0) for r in recs], dtype=np.int64),
        fin=_codes([r.fin for r in recs]),
        partner_id=_codes([r.partner_id for r in recs]),
        passport=_codes([r.passport for r in recs]),
        phones=_padded([r.phones for r in recs], MAX_PHONES, phone_codes),
        address_keys=_padded([r.address_keys for r in recs], MAX_ADDRESSES, addr_codes),
        street_number=_strings([a.street_number if a else "" for a in addr]),
        street_name=_strings([a.street_name if a else "" for a in addr]),
        street2=_strings([a.street2 if a else "" for a in addr]),
        city=_strings([a.city if a else "" for a in addr]),
        state=_strings([a.state if a else "" for a in addr]),
        postal_code=_strings([a.postal_code if a else "" for a in addr]),
        country_of_birth=_codes([r.country_of_birth for r in recs]),
        citizenship=_codes([r.citizenship for r in recs]),
        race=_codes([r.race for r in recs]),
        eye_color=_codes([r.eye_color for r in recs]),
        height_in=np.array([r.height_in for r in recs], dtype=np.int64),
        weight_lb=np.array([r.weight_lb for r in recs], dtype=np.int64),
    )
