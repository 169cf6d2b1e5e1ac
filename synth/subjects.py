"""One subject record: a noisy view of a true person, as one source would have written it."""

from __future__ import annotations

from random import Random
from typing import Any

from synth.fast_random import between, pick
from synth.noise import (
    a_number_written,
    ascii_fold,
    dob_written,
    phone_written,
    ssn_typo,
    ssn_written,
    typo,
)
from synth.people import Address, Person

__all__ = ["SOURCE_HABITS", "render_subject"]

# Per source: (keeps diacritics, writes upper case, uses nicknames, has SSN, has A-Number,
# has physical description, has address). Shares are rough guesses at how each system is fed:
# immigration systems copy documents (formal names, no diacritics), PTMS is typed by analysts.
SOURCE_HABITS: dict[str, tuple[float, float, float, float, float, float, float]] = {
    "PTMS": (0.5, 0.2, 0.15, 0.7, 0.2, 0.7, 0.8),
    "UDLB": (0.2, 0.7, 0.25, 0.4, 0.05, 0.8, 0.7),
    "IDENT": (0.1, 0.8, 0.0, 0.2, 0.95, 0.3, 0.5),
    "CPMS": (0.1, 0.8, 0.0, 0.15, 0.9, 0.3, 0.4),
    "PARTNER": (0.4, 0.5, 0.0, 0.0, 0.1, 0.4, 0.3),
}
_STATUSES = ("LPR", "NONIMMIGRANT", "NATURALIZED", "PAROLEE", "UNDOCUMENTED", "REMOVABLE")
_PROTECTED_STATUS = {
    "ASYLUM": "ASYLEE",
    "REFUGEE": "REFUGEE",
    "T_VISA": "T_NONIMMIGRANT",
    "U_VISA": "U_NONIMMIGRANT",
    "VAWA": "VAWA_SELF_PETITIONER",
}


def _given_name(rng: Random, person: Person, nicknames: float, labels: list[str]) -> str:
    given = person.given
    roll = rng.random()
    if given.variants and roll < 0.3:
        labels.append("transliteration")
        return pick(rng, given.variants)
    if given.nicknames and roll < 0.3 + nicknames:
        labels.append("nickname")
        return pick(rng, given.nicknames)
    return given.name


def _surname(rng: Random, person: Person, labels: list[str]) -> str:
    names = [
        s.name if not s.variants or rng.random() < 0.75 else pick(rng, s.variants)
        for s in person.surnames
    ]
    if len(names) == 2:
        labels.append("two_surnames")
        style = rng.random()
        if style < 0.4:
            return f"{names[0]} {names[1]}"
        if style < 0.65:
            return f"{names[0]}-{names[1]}"
        return names[0]  # US forms keep only the paternal surname
    return names[0]


def _street(rng: Random, address: Address) -> str:
    short = rng.random() < 0.5
    direction = address.direction[short] + " " if address.direction else ""
    return f"{address.number} {direction}{address.street} {address.street_type[short]}"


def render_subject(
    rng: Random,
    person: Person,
    source: str,
    record_id: str,
    observed_at: str,
    as_alias: bool = False,
) -> tuple[dict[str, Any], list[str]]:
    """The record and the labels of the noise applied to it (for hard_cases.jsonl).

    as_alias: write the person's second identity (identity fraud) instead of the true one.
    """
    diacritics, upper, nicknames, has_ssn, has_a, has_body, has_address = SOURCE_HABITS[source]
    labels: list[str] = []
    who = person.alias if as_alias and person.alias is not None else person
    first, last = _given_name(rng, who, nicknames, labels), _surname(rng, who, labels)
    middle = who.middle if who.middle and rng.random() < 0.6 else None
    if rng.random() < 0.06:
        labels.append("typo")
        if rng.random() < 0.5:
            first = typo(rng, first)
        else:
            last = typo(rng, last)
    if rng.random() < (0.3 if who.origin.family_first else 0.02):
        labels.append("name_order")
        first, last = last, first
    if rng.random() >= diacritics:
        first, last = ascii_fold(first), ascii_fold(last)
        middle = ascii_fold(middle) if middle else None
    if rng.random() < upper:
        first, last = first.upper(), last.upper()
        middle = middle.upper() if middle else None
    record: dict[str, Any] = {
        "kind": "subject",
        "source": source,
        "record_id": record_id,
        "first_name": first,
        "last_name": last,
    }
    if middle:
        record["middle_name"] = middle[0] if rng.random() < 0.4 else middle
    if person.suffix:
        style = rng.random()
        if style < 0.5:
            record["name_suffix"] = pick(rng, (person.suffix, person.suffix.title() + "."))
        elif style < 0.75:
            record["last_name"] = f"{last} {person.suffix.title()}."
    dob = dob_written(rng, who.dob, labels)
    if dob:
        record["dob"] = dob
    if rng.random() < 0.95:
        record["gender"] = who.sex
    ssn = who.ssn_used if who is person else who.ssn
    if ssn and rng.random() < has_ssn:
        if rng.random() < 0.06:
            labels.append("ssn_typo")
            ssn = ssn_typo(rng, ssn)
        record["ssn"] = ssn_written(rng, ssn)
    if who.a_number and rng.random() < has_a:
        record["a_number"] = a_number_written(rng, who.a_number)
    if person.fin and source in ("IDENT", "CPMS"):
        record["fin"] = person.fin
    if source == "PARTNER" and who.partner_id:
        record["partner_id"] = who.partner_id
    if who.passport and source != "PTMS" and rng.random() < 0.5:
        record["passport"] = who.passport
    if who.immigrant and rng.random() < 0.8:
        record["country_of_birth"] = who.country
        record["citizenship"] = who.country
    if rng.random() < has_body:
        record["race"], record["hair_color"], record["eye_color"] = who.race, who.hair, who.eyes
        record["height_in"] = who.height_in + pick(rng, (0, 0, 0, -1, 1))
        record["weight_lb"] = who.weight_lb + between(rng, -8, 9)
    if rng.random() < has_address:
        a = who.address
        record["addresses"] = [
            {
                "street": _street(rng, a),
                "city": a.city,
                "state": a.state,
                "postal_code": a.postal_code,
                "country": "USA",
            }
        ]
    if rng.random() < 0.6:
        kind = pick(rng, ("home", "mobile", "unknown"))
        written = phone_written(rng, who.phone)
        record["phones"] = [written if kind == "unknown" else {"number": written, "kind": kind}]
    if source in ("IDENT", "CPMS") and who.immigrant:
        protected = person.protected_classes
        record["immigration_status"] = (
            _PROTECTED_STATUS[protected[0]] if protected else pick(rng, _STATUSES)
        )
        if protected:
            record["protected_classes"] = list(protected)
    if source == "PTMS" and rng.random() < 0.05:
        record["watchlist_status"] = "PERSON_OF_INTEREST"
    record["compartments"] = ["PARTNER"] if source == "PARTNER" else [source]
    record["observed_at"] = observed_at
    return record, labels
