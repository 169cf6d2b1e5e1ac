"""Identifier normalisers: A-Number, SSN, FIN, passport numbers and partner ids.

Each function takes text as a source wrote it and returns the canonical form used for matching,
or None when the text cannot be that identifier. None of them raises on arbitrary text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Ssn", "a_number", "fin", "partner_id", "passport", "ssn"]

# Sources write separators freely: '123-45-6789', '123 45 6789', 'A-012-345-678', 'a 12.345.678'.
_SEPARATORS = re.compile(r"[\s\-./_]+")
_A_NUMBER = re.compile(r"A?([0-9]{7,10})", re.ASCII)
_NINE_DIGITS = re.compile(r"[0-9]{9}", re.ASCII)
_NOT_ALNUM = re.compile(r"[^A-Z0-9]+", re.ASCII)

# SSNs that appear on many unrelated records: the Woolworth wallet card (078-05-1120), the
# 1940s Social Security pamphlet samples (219-09-9999), the Life Lock advert (457-55-5462),
# and keyboard runs. Matching on them would merge strangers.
_PLACEHOLDER_SSNS = frozenset(
    {
        "123456789",
        "987654321",
        "078051120",
        "219099999",
        "457555462",
        "012345678",
        "234567890",
        *(str(d) * 9 for d in range(10)),
    }
)


def a_number(raw: str | None) -> str | None:
    """Nine-digit A-Number ('012345678') from any common spelling; older 8-digit ones zero-padded.

    Accepts A012345678, A-012-345-678, 012345678, 12345678 and 'a 12-345-678'. Seven or fewer
    digits, ten or more, or anything that is not an optional 'A' then digits gives None.
    """
    if not raw:
        return None
    compact = _SEPARATORS.sub("", raw.strip().upper())
    match = _A_NUMBER.fullmatch(compact)
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 8:
        return "0" + digits
    return digits if len(digits) == 9 else None


@dataclass(frozen=True)
class Ssn:
    """Nine SSN digits and whether they could have been issued (valid is False for placeholders)."""

    digits: str
    valid: bool


def _ssn_is_valid(digits: str) -> bool:
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    # SSA never issues area 000, 666 or 900-999, group 00 or serial 0000.
    if area in {"000", "666"} or area.startswith("9"):
        return False
    if group == "00" or serial == "0000":
        return False
    return digits not in _PLACEHOLDER_SSNS


def ssn(raw: str | None) -> Ssn | None:
    """SSN digits with a validity flag; None when the text is not nine digits after separators."""
    if not raw:
        return None
    compact = _SEPARATORS.sub("", raw.strip())
    if _NINE_DIGITS.fullmatch(compact) is None:
        return None
    return Ssn(digits=compact, valid=_ssn_is_valid(compact))


def _alnum_upper(raw: str | None) -> str | None:
    if not raw:
        return None
    compact = _NOT_ALNUM.sub("", raw.upper())
    return compact or None


def fin(raw: str | None) -> str | None:
    """FIN upper-cased with separators and whitespace removed; None when nothing is left."""
    return _alnum_upper(raw)


def passport(raw: str | None) -> str | None:
    """Passport number upper-cased with separators and whitespace removed."""
    return _alnum_upper(raw)


def partner_id(raw: str | None) -> str | None:
    """A foreign partner's own id, upper-cased with separators and whitespace removed."""
    return _alnum_upper(raw)
