"""Dates of birth as parts, so partial and placeholder dates can be compared honestly."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DateFormatError", "DobParts", "dob_parts"]

_FORMATS_HINT = "write YYYY-MM-DD, YYYY-MM or YYYY"
_DOB = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)


class DateFormatError(ValueError):
    """A date of birth that is not a calendar date; `reason` says why and `hint` what to write."""

    def __init__(self, raw: str, reason: str, hint: str = _FORMATS_HINT) -> None:
        self.raw = raw
        self.reason = reason
        self.hint = hint
        super().__init__(f"{raw!r} is not a date ({reason}); {hint}")


@dataclass(frozen=True)
class DobParts:
    """Year, month and day of a DOB (month and day None when the source gave less).

    placeholder is True for 1 January: sources write YYYY-01-01 when only the year is known,
    so the day and month carry no evidence.
    """

    year: int | None
    month: int | None
    day: int | None
    placeholder: bool


@lru_cache(maxsize=65536)  # pure; DOBs repeat across records and the validator asks too
def dob_parts(raw: str | None) -> DobParts | None:
    """Parts of 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'; None for empty input.

    Raises DateFormatError (a ValueError) for other formats and impossible dates such as
    '1985-13-02' or '1990-02-30', with a message that says what to write instead.
    """
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    match = _DOB.fullmatch(text)
    if match is None:
        raise DateFormatError(text, "unknown format")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year == 0:
        raise DateFormatError(text, "year 0")
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(text, f"month {month}")
    if month is not None and day is not None:
        last_day = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last_day:
            raise DateFormatError(text, f"day {day}; {calendar.month_name[month]} has {last_day}")
    return DobParts(year=year, month=month, day=day, placeholder=(month == 1 and day == 1))
