"""The graph view of a subject record: raw values, normalised forms beside them, and links.

`normalised_subject` gives the Subject node properties of docs/model.md (flat: values Neo4j can
store). `subject_links` gives the Address, Phone and Identifier rows the record links to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jellyfish

from loaders.models import SubjectRecord
from normalize import (
    a_number,
    address_key,
    comparison_form,
    dob_parts,
    fin,
    partner_id,
    passport,
    phone_e164,
    split_suffix,
    ssn,
    surname_key,
)

__all__ = ["SubjectLinks", "normalised_subject", "subject_links"]

_RAW_FIELDS = (
    "record_id",
    "source",
    "first_name",
    "middle_name",
    "last_name",
    "name_suffix",
    "aliases",
    "dob",
    "gender",
    "ssn",
    "a_number",
    "fin",
    "partner_id",
    "passport",
    "country_of_birth",
    "citizenship",
    "race",
    "hair_color",
    "eye_color",
    "height_in",
    "weight_lb",
    "immigration_status",
    "watchlist_status",
    "compartments",
    "protected_classes",
)


@dataclass(frozen=True)
class SubjectLinks:
    """Rows for the nodes a Subject links to (HAS_ADDRESS, HAS_PHONE, HAS_IDENTIFIER)."""

    addresses: list[dict[str, Any]]
    phones: list[dict[str, Any]]
    identifiers: list[dict[str, Any]]


@lru_cache(maxsize=65536)  # surnames repeat: three jellyfish codes once per surname
def _phonetic(key: str) -> tuple[str | None, str | None, str | None]:
    # Codes of the first surname token: 'garcia lopez' and 'garcia' must share a block, and
    # jellyfish codes of a whole multi-word string mostly reflect its first word anyway.
    first = key.split(" ", 1)[0] if key else ""
    if not first:
        return None, None, None
    return jellyfish.soundex(first), jellyfish.nysiis(first), jellyfish.metaphone(first)


def normalised_subject(model: SubjectRecord, links: SubjectLinks | None = None) -> dict[str, Any]:
    """Subject node properties: the raw fields and, beside them, their normalised forms.

    Pass the record's `subject_links` when you have them (the loader's hot path), so phones and
    addresses are normalised once; without them they are derived here.

    Besides docs/model.md's forms it adds `surname_key` (particles dropped, the phonetic codes'
    input), `suffix_key` (JR/SR/II/III/IV, from name_suffix or the end of last_name),
    `dob_placeholder`, `passport_norm` and `address_keys`.
    """
    links = links or subject_links(model)
    props: dict[str, Any] = {name: getattr(model, name) for name in _RAW_FIELDS}
    props["observed_at"] = model.observed_at.isoformat() if model.observed_at else None
    last, suffix = split_suffix(model.last_name, model.name_suffix)
    first_key, middle_key, last_key = (
        comparison_form(model.first_name),
        comparison_form(model.middle_name),
        comparison_form(last),
    )
    key = surname_key(last)
    parts = dob_parts(model.dob)  # the model validated it already, so this does not raise
    social = ssn(model.ssn)
    soundex, nysiis, metaphone = _phonetic(key)
    props.update(
        first_key=first_key,
        middle_key=middle_key,
        last_key=last_key,
        full_key=" ".join(p for p in (first_key, middle_key, last_key) if p),
        surname_key=key,
        suffix_key=suffix,
        dob_year=parts.year if parts else None,
        dob_month=parts.month if parts else None,
        dob_day=parts.day if parts else None,
        dob_placeholder=parts.placeholder if parts else False,
        ssn_norm=social.digits if social else None,
        ssn_valid=social.valid if social else False,
        a_number_norm=a_number(model.a_number),
        fin_norm=fin(model.fin),
        passport_norm=passport(model.passport),
        phones_e164=_unique(p["e164"] for p in links.phones),
        address_keys=_unique(a["address_key"] for a in links.addresses),
        name_soundex=soundex,
        name_nysiis=nysiis,
        name_metaphone=metaphone,
    )
    return props


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def subject_links(model: SubjectRecord) -> SubjectLinks:
    """Address, Phone and Identifier rows of a subject; unparseable values are left out."""
    addresses = []
    for a in model.addresses:
        key = address_key(a.street, a.city, a.state, a.postal_code, a.country)
        if key:
            addresses.append({"address_key": key, **a.model_dump()})
    phones = [
        {"e164": e164, "raw": p.number, "kind": p.kind}
        for p in model.phones
        if (e164 := phone_e164(p.number))
    ]
    identifiers: list[dict[str, Any]] = []
    social = ssn(model.ssn)
    candidates = [
        ("FIN", fin(model.fin), True),
        ("A_NUMBER", a_number(model.a_number), True),
        ("SSN", social.digits if social else None, social.valid if social else False),
        ("PASSPORT", passport(model.passport), True),
        ("PARTNER_ID", partner_id(model.partner_id), True),
    ]
    for kind, value, valid in candidates:
        if value:
            identifiers.append(
                {"id_key": f"{kind}:{value}", "type": kind, "value": value, "valid": valid}
            )
    return SubjectLinks(addresses, phones, identifiers)
