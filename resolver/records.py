"""The resolver's view of a subject record, built from an interchange `subject` object."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import normalize

__all__ = ["Address", "ResolverRecord", "from_interchange"]


@dataclass(frozen=True, slots=True)
class Address:
    """One address in comparison form; `key` is the whole address as one string."""

    street_number: str
    street_name: str
    street2: str
    city: str
    state: str
    postal_code: str
    country: str

    @property
    def key(self) -> str:
        parts = (self.street_number, self.street_name, self.city, self.state, self.postal_code)
        return "|".join(parts)


@dataclass(frozen=True, slots=True)
class ResolverRecord:
    """A subject with every field normalised once; empty string / None / 0 mean missing.
    Slotted: a full resolve holds a million of them (1,091 -> 997 bytes a record with its
    strings, measured over 50k)."""

    record_id: str
    source: str
    first: str = ""
    middle: str = ""
    last: str = ""
    suffix: str | None = None
    aliases: tuple[str, ...] = ()
    dob_year: int | None = None
    dob_month: int | None = None
    dob_day: int | None = None
    dob_placeholder: bool = False
    dob_digits: str = ""  # YYYYMMDD as written (may be an impossible date, e.g. month 25)
    gender: str | None = None
    ssn: str | None = None
    ssn_valid: bool = False
    a_number: str | None = None
    fin: str | None = None
    partner_id: str | None = None
    passport: str | None = None
    phones: tuple[str, ...] = ()
    addresses: tuple[Address, ...] = ()
    country_of_birth: str | None = None
    citizenship: str | None = None
    observed_at: str | None = None
    # physical description (NCIC codes); 0 / None missing
    race: str | None = None
    eye_color: str | None = None
    height_in: int = 0
    weight_lb: int = 0

    @property
    def address_keys(self) -> tuple[str, ...]:
        return tuple(a.key for a in self.addresses if a.key.strip("|"))


def _text(row: Mapping[str, Any], field: str) -> str | None:
    value = row.get(field)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _phone_number(entry: Any) -> str:
    """A phone is a string or an object `{number, kind}` (interchange allows both)."""
    if isinstance(entry, str):  # the common case first: a check against Mapping is slow
        return entry
    if isinstance(entry, Mapping):
        return str(entry.get("number") or "")
    return str(entry)


_DIGIT = re.compile(r"\d")


def _address(raw: Mapping[str, Any]) -> Address:
    street = normalize.comparison_form(_text(raw, "street") or "")
    number, _, name = street.partition(" ")
    if not _DIGIT.search(number):
        number, name = "", street
    return Address(
        street_number=number,
        street_name=name,
        street2=normalize.comparison_form(_text(raw, "street2") or ""),
        city=normalize.comparison_form(_text(raw, "city") or ""),
        state=normalize.comparison_form(_text(raw, "state") or ""),
        postal_code=re.sub(r"\s", "", (_text(raw, "postal_code") or "").upper()),
        country=(_text(raw, "country") or "").upper(),
    )


def _dob(raw: str | None) -> tuple[int | None, int | None, int | None, bool, str]:
    if raw is None:
        return None, None, None, False, ""
    digits = re.sub(r"\D", "", raw)
    try:
        parts = normalize.dob_parts(raw)
    except normalize.DateFormatError:
        parts = None  # impossible as written (month 25): the digits below still compare
    if parts is not None:
        return parts.year, parts.month, parts.day, bool(parts.placeholder), digits
    if len(digits) == 8:  # an impossible date as written (month 25): keep the digits
        return int(digits[:4]), int(digits[4:6]), int(digits[6:]), False, digits
    return None, None, None, False, digits


def from_interchange(row: Mapping[str, Any]) -> ResolverRecord:
    """Build a ResolverRecord from one interchange `subject` object (see spec/interchange.md)."""
    last, suffix = normalize.split_suffix(_text(row, "last_name"), _text(row, "name_suffix"))
    year, month, day, placeholder, digits = _dob(_text(row, "dob"))
    ssn_text, a_number, fin = _text(row, "ssn"), _text(row, "a_number"), _text(row, "fin")
    ssn = normalize.ssn(ssn_text) if ssn_text else None
    phones = (normalize.phone_e164(_phone_number(p)) for p in row.get("phones") or ())
    gender = (_text(row, "gender") or "").upper()
    return ResolverRecord(
        record_id=str(row["record_id"]),
        source=str(row.get("source") or ""),
        first=normalize.comparison_form(_text(row, "first_name") or ""),
        middle=normalize.comparison_form(_text(row, "middle_name") or ""),
        last=normalize.comparison_form(last or ""),
        suffix=suffix,
        aliases=tuple(normalize.comparison_form(str(a)) for a in row.get("aliases") or ()),
        dob_year=year,
        dob_month=month,
        dob_day=day,
        dob_placeholder=placeholder,
        dob_digits=digits,
        gender=gender if gender in ("M", "F", "X") else None,  # U is "unknown": missing
        ssn=ssn.digits if ssn else None,
        ssn_valid=bool(ssn and ssn.valid),
        a_number=normalize.a_number(a_number) if a_number else None,
        fin=normalize.fin(fin) if fin else None,
        partner_id=normalize.partner_id(_text(row, "partner_id")),
        passport=normalize.passport(_text(row, "passport")),
        phones=tuple(sorted({p for p in phones if p})),
        addresses=tuple(_address(a) for a in row.get("addresses") or () if isinstance(a, Mapping)),
        country_of_birth=_text(row, "country_of_birth"),
        citizenship=_text(row, "citizenship"),
        observed_at=_text(row, "observed_at"),
        race=_code(row, "race"),
        eye_color=_code(row, "eye_color"),
        height_in=_measure(row, "height_in"),
        weight_lb=_measure(row, "weight_lb"),
    )


# Codes that say "not known" (NCIC): the same as no value.
_UNKNOWN_CODES = frozenset({"U", "UNK", "XXX"})


def _code(row: Mapping[str, Any], field: str) -> str | None:
    value = (_text(row, field) or "").upper()
    return value if value and value not in _UNKNOWN_CODES else None


def _measure(row: Mapping[str, Any], field: str) -> int:
    """A positive whole number (inches, pounds), or 0 when missing or unreadable."""
    value = row.get(field)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return 0
    try:
        number = int(float(value))
    except (ValueError, OverflowError):  # "tall", "nan", "inf"
        return 0
    return number if number > 0 else 0
