"""Households: records of one name that share a home (an address or a phone).

A father and son of one name usually live at one address and answer one phone. A record that
gives only the name and that home (no date of birth, no identifier its identity shares) fits
either man equally, however strongly it matches the one it was placed with: the home is
evidence about the household, not the person. `household_rivals` finds such records and, for
each, a record of the other person; the clustering (`resolver.cluster`) decides whether the two
people cannot be one and, if so, leaves the record with neither.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from resolver.frame import RecordFrame

__all__ = ["HOUSEHOLD_ITEM_CAP", "household_rivals"]

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

# Records looked at per home: an address shared by more (a shelter, a mail drop) is no household.
HOUSEHOLD_ITEM_CAP = 32
_IDENTIFIERS = ("fin", "a_number", "ssn", "passport", "partner_id")


def household_rivals(frame: RecordFrame, labels: Ints, scored: Bools) -> list[tuple[int, int]]:
    """(row, rival row) for each row that joined its identity by score on name and home alone,
    where a row of the same name in another identity shares a home with the row's identity.
    Only the first such rival of a row is given (the lowest row number: deterministic).

    Names are the same when the surnames' Soundex codes are, and the first names' canonical
    spelling (Billy, William) or Soundex code (Memo, Meemo) is."""
    sizes = np.bincount(labels, minlength=len(labels))
    loose = (
        scored
        & (sizes[labels] > 1)
        & (frame.dob_year == 0)
        & (frame.last_key != "")
        & (frame.first != "")
        & ~_shares_identifier(frame, labels)
    )
    rows = np.flatnonzero(loose)
    if len(rows) == 0:
        return []
    surname = frame.value_codes(("last_soundex",))
    canon = frame.value_codes(("first_canon",))
    sound = frame.value_codes(("first_soundex",))
    homes = _Homes(frame)
    members = _members(labels, np.isin(labels, labels[rows]))
    out: list[tuple[int, int]] = []
    for row in rows.tolist():
        own = int(labels[row])
        found = -1
        for home in homes.of_rows(members[own]):
            for other in homes.rows_of(home):
                if (
                    labels[other] != own
                    and surname[other] == surname[row]
                    and (canon[other] == canon[row] or sound[other] == sound[row])
                    and (found < 0 or other < found)
                ):
                    found = other
        if found >= 0:
            out.append((row, found))
    return out


def _shares_identifier(frame: RecordFrame, labels: Ints) -> Bools:
    """Rows holding an identifier value that another row of their identity holds exactly."""
    shared = np.zeros(len(labels), dtype=bool)
    for column in _IDENTIFIERS:
        values = getattr(frame, column)
        held = np.flatnonzero(values != ("" if values.dtype.kind in "UO" else 0))
        if len(held) == 0:
            continue
        # one int per (identity, value): labels and value codes are both below len(labels)
        keys = labels[held] * len(labels) + frame.value_codes((column,))[held]
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        shared[held] |= counts[inverse] > 1
    return shared


def _members(labels: Ints, wanted: Bools) -> dict[int, list[int]]:
    """The rows of each identity that has a wanted row, by label."""
    out: dict[int, list[int]] = {}
    for row in np.flatnonzero(wanted).tolist():
        out.setdefault(int(labels[row]), []).append(row)
    return out


class _Homes:
    """Phones and address keys as one code space (addresses negative), and the rows of each."""

    def __init__(self, frame: RecordFrame) -> None:
        items = np.concatenate([frame.phones, -frame.address_keys], axis=1)
        self.items = items
        row, col = np.nonzero(items)
        codes = items[row, col]
        order = np.argsort(codes, kind="stable")
        self._codes = codes[order]
        self._rows = row[order]

    def of_rows(self, rows: list[int]) -> set[int]:
        values = self.items[rows].ravel()
        return {int(v) for v in values[values != 0].tolist()}

    def rows_of(self, home: int) -> list[int]:
        start = int(np.searchsorted(self._codes, home, side="left"))
        stop = int(np.searchsorted(self._codes, home, side="right"))
        if stop - start > HOUSEHOLD_ITEM_CAP:
            return []
        return [int(r) for r in self._rows[start:stop].tolist()]
