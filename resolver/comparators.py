"""Comparators that explain themselves: `(left, right) -> Comparison(level, reason)`.

Each returns the index of a level in its feature's level tuple (below); level 0 is always
"missing" and weighs nothing. The vectorised twins in `resolver.vectors` must agree with these
(tests/unit/test_comparators.py checks it on real pairs).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA, JaroWinkler

from normalize import surname_key
from resolver.names import knowledge, phonetic_keys
from resolver.records import ResolverRecord

__all__ = [
    "ADDRESS_LEVELS",
    "CITY_LEVELS",
    "CODE_LEVELS",
    "DOB_LEVELS",
    "EQUAL_LEVELS",
    "HEIGHT_LEVELS",
    "HEIGHT_STEPS_IN",
    "ID_LEVELS",
    "MIDDLE_LEVELS",
    "NAME_LEVELS",
    "SSN_LEVELS",
    "WEIGHT_LEVELS",
    "WEIGHT_STEPS_LB",
    "Comparison",
    "compare_a_number",
    "compare_city",
    "compare_country",
    "compare_dob",
    "compare_eye_color",
    "compare_fin",
    "compare_first",
    "compare_gender",
    "compare_height",
    "compare_last",
    "compare_middle",
    "compare_partner_id",
    "compare_passport",
    "compare_phone",
    "compare_postcode",
    "compare_race",
    "compare_ssn",
    "compare_state",
    "compare_street2",
    "compare_street_name",
    "compare_street_number",
    "compare_suffix",
    "compare_weight",
    "ssn_one_typo",
]

# Jaro-Winkler cut-offs (Splink's defaults for names): 0.92 is one typo in a 6-10 letter name;
# 0.85 is two typos or a dropped syllable, still far likelier among matches than non-matches.
JW_CLOSE = 0.92
JW_NEAR = 0.85
# Address words are longer and noisier (abbreviations, run-together words): one cut-off.
JW_ADDRESS = 0.88
# DOB years further apart than this are different people, not typos (also a cannot-link rule).
DOB_FAR_YEARS = 15

NAME_LEVELS = (
    "missing", "exact", "variant", "jw>=0.92", "phonetic", "near", "initial", "swapped",
    "different",
)  # fmt: skip
MIDDLE_LEVELS = ("missing", "exact", "initial", "different")
DOB_LEVELS = (
    "missing", "exact", "placeholder", "day/month swapped", "one digit off", "year+month",
    "year", "different", "far apart",
)  # fmt: skip
EQUAL_LEVELS = ("missing", "equal", "different")
ID_LEVELS = EQUAL_LEVELS
SSN_LEVELS = ("missing", "equal", "one typo", "different")
ADDRESS_LEVELS = ("missing", "exact", "close", "crossed", "different")
CITY_LEVELS = ("missing", "exact", "close", "different")
CODE_LEVELS = ("missing", "exact", "one edit", "different")
# Height and weight as recorded by an officer or a form: an inch or ten pounds either way is the
# same body measured again, three inches or 25 pounds a body a few years on.
HEIGHT_LEVELS = ("missing", "within 1 in", "within 3 in", "different")
WEIGHT_LEVELS = ("missing", "within 10 lb", "within 25 lb", "different")
HEIGHT_STEPS_IN = (1, 3)
WEIGHT_STEPS_LB = (10, 25)


@dataclass(frozen=True)
class Comparison:
    """A level index and the human reason for it."""

    level: int
    reason: str


def _name_level(left: str, right: str, lp: tuple[str, ...], rp: tuple[str, ...]) -> int:
    if not left or not right:
        return 0
    if left == right:
        return 1
    if knowledge().are_variants(left, right):
        return 2
    jw = JaroWinkler.normalized_similarity(left, right)
    if jw >= JW_CLOSE:
        return 3
    if (lp[0] and lp[0] == rp[0]) or (lp[1] and lp[1] == rp[1]):
        return 4
    if jw >= JW_NEAR or knowledge().are_near_variants(left, right):
        return 5
    if (len(left) == 1 or len(right) == 1) and left[0] == right[0]:
        return 6
    return 8


def _swapped(left: ResolverRecord, right: ResolverRecord) -> bool:
    """First and last written the other way round (family-name-first order)."""
    if not (left.first and left.last and right.first and right.last):
        return False
    straight = max(
        JaroWinkler.normalized_similarity(left.first, right.first),
        JaroWinkler.normalized_similarity(left.last, right.last),
    )
    # Crossing at the looser JW_NEAR, or as known variants: a swapped name is often
    # transliterated or misspelt too (Fang Li / LEI FANG / Fang Lee); both crossings must
    # agree, so two unrelated names rarely pass.
    return (
        _crossing_agrees(left.first, right.last)
        and _crossing_agrees(left.last, right.first)
        and straight < JW_CLOSE
    )


def _crossing_agrees(a: str, b: str) -> bool:
    return JaroWinkler.normalized_similarity(a, b) >= JW_NEAR or knowledge().are_variants(a, b)


def compare_first(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Given names: same, nickname or transliteration, typo, sound-alike, initial, or different."""
    if _swapped(left, right):
        return Comparison(7, "first and last swapped (counted once, under last name)")
    level = _name_level(
        left.first, right.first, phonetic_keys(left.first), phonetic_keys(right.first)
    )
    return Comparison(level, f"given names {left.first!r} / {right.first!r}: {NAME_LEVELS[level]}")


def compare_last(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Surnames, particles ignored (Al-Hassan = Hassan); swapped with the given name counts."""
    if _swapped(left, right):
        return Comparison(7, f"{left.first} {left.last} / {right.first} {right.last}: swapped")
    lk, rk = surname_key(left.last), surname_key(right.last)
    level = _name_level(left.last, right.last, phonetic_keys(lk), phonetic_keys(rk))
    if level > 2 and lk == rk:
        level = 2  # only the particles differ: Al-Hassan / Hassan
    return Comparison(level, f"surnames {left.last!r} / {right.last!r}: {NAME_LEVELS[level]}")


def compare_middle(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Middle names: same, initial agrees, or different (often dropped, so missing is common)."""
    a, b = left.middle, right.middle
    if not a or not b:
        return Comparison(0, "middle name missing")
    if a == b:
        return Comparison(1, f"middle name {a!r} equal")
    if (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
        return Comparison(2, f"middle initial {a[0]!r} agrees")
    return Comparison(3, f"middle names {a!r} / {b!r} differ")


def _digits(r: ResolverRecord) -> str:
    return r.dob_digits if len(r.dob_digits) == 8 else ""


def compare_dob(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Dates of birth: exact, placeholder 1 Jan, day/month swapped, one digit off, partial, far."""
    ly, lm, ld = left.dob_year, left.dob_month, left.dob_day
    ry, rm, rd = right.dob_year, right.dob_month, right.dob_day
    if not ly or not ry:
        return Comparison(0, "date of birth missing")
    full = bool(lm and ld and rm and rd)
    if full and (ly, lm, ld) == (ry, rm, rd):
        if left.dob_placeholder or right.dob_placeholder:
            return Comparison(2, f"same placeholder date {ly}-01-01 (counts little)")
        return Comparison(1, f"same date of birth {ly}-{lm:02d}-{ld:02d}")
    if full and ly == ry and (lm, ld) == (rd, rm):
        return Comparison(3, "day and month swapped")
    # A placeholder's 1 January agrees with nothing, so its digits cannot be one typo away:
    # 1984-01-01 / 1985-01-01 are two guessed years, not a slip.
    a, b = _digits(left), _digits(right)
    if a and b and not (left.dob_placeholder or right.dob_placeholder) and OSA.distance(a, b) <= 1:
        return Comparison(4, f"dates {a} / {b} one digit off")
    if abs(ly - ry) > DOB_FAR_YEARS:
        return Comparison(8, f"birth years {ly} / {ry} more than {DOB_FAR_YEARS} years apart")
    # A placeholder 1 January says "day and month unknown": it agrees on the year at most.
    vague = not full or left.dob_placeholder or right.dob_placeholder
    if ly == ry and lm and lm == rm and not (left.dob_placeholder or right.dob_placeholder):
        return Comparison(5, "year and month agree")
    if ly == ry and vague:
        return Comparison(6, "only the year agrees (the other date is partial or a placeholder)")
    # Two full dates agreeing on the year alone are different dates (siblings, namesakes), not
    # a partial record: the typos records make are caught by the levels above.
    return Comparison(7, f"dates of birth differ ({ly} / {ry})")


def _equal(a: object, b: object, what: str) -> Comparison:
    if not a or not b:
        return Comparison(0, f"{what} missing")
    if a == b:
        return Comparison(1, f"same {what}")
    return Comparison(2, f"different {what}")


def compare_gender(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Gender: M/F/X equal or different; U and missing say nothing."""
    return _equal(left.gender, right.gender, "gender")


def compare_suffix(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Generational suffix: JR vs SR are father and son (a cannot-link)."""
    return _equal(left.suffix, right.suffix, "name suffix")


def compare_fin(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """FIN: the same FIN is the same body; two different FINs are two bodies."""
    return _equal(left.fin, right.fin, "FIN")


def compare_a_number(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """A-Number: one per person for life; different valid A-Numbers are different people."""
    return _equal(left.a_number, right.a_number, "A-Number")


def compare_passport(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Passport number: the same document is the same holder; a different number says little
    (passports are renewed under new numbers, and dual nationals hold two)."""
    return _equal(left.passport, right.passport, "passport number")


def compare_partner_id(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """A foreign partner's own id: the same id is the person the partner knows; a different one
    says little (two partners number one person differently)."""
    return _equal(left.partner_id, right.partner_id, "partner id")


def ssn_one_typo(a: str, b: str) -> bool:
    """One substituted digit or two adjacent digits transposed."""
    return len(a) == len(b) and OSA.distance(a, b) == 1


def compare_ssn(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """SSN: equal, one typo apart, or different; invalid and placeholder SSNs count for nothing."""
    a = left.ssn if left.ssn_valid else None
    b = right.ssn if right.ssn_valid else None
    if not a or not b:
        return Comparison(0, "valid SSN missing on one side")
    if a == b:
        return Comparison(1, "same SSN")
    if ssn_one_typo(a, b):
        return Comparison(2, "SSNs one typo apart")
    return Comparison(3, "different SSNs")


def compare_phone(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Phones: any number in common."""
    if not left.phones or not right.phones:
        return Comparison(0, "phone missing")
    if set(left.phones) & set(right.phones):
        return Comparison(1, "a phone number in common")
    return Comparison(2, "no phone number in common")


def _first_address(r: ResolverRecord, field: str) -> str:
    return str(getattr(r.addresses[0], field)) if r.addresses else ""


def _text_level(a: str, b: str, crossed: bool = False) -> int:
    if not a or not b:
        return 0
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return 1
    if JaroWinkler.normalized_similarity(a, b) >= JW_ADDRESS:
        return 2
    return 3 if crossed else 4


def _address_text(left: ResolverRecord, right: ResolverRecord, field: str, other: str) -> int:
    a, b = _first_address(left, field), _first_address(right, field)
    level = _text_level(a, b)
    if level == 4:
        la, rb = _first_address(left, other), _first_address(right, other)
        if _text_level(a, rb) in (1, 2) or _text_level(la, b) in (1, 2):
            return 3
    return level


def compare_street_name(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Street name: same, close (typo, run together), found in the other address line, or not."""
    level = _address_text(left, right, "street_name", "street2")
    return Comparison(level, f"street name {ADDRESS_LEVELS[level]}")


def compare_street2(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Second address line (building, locality): same, close, crossed with street, or not."""
    level = _address_text(left, right, "street2", "street_name")
    return Comparison(level, f"address line 2 {ADDRESS_LEVELS[level]}")


def compare_city(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """City or suburb: same, close (typo), or different."""
    a, b = _first_address(left, "city"), _first_address(right, "city")
    level = _text_level(a, b)
    level = 3 if level == 4 else level  # no crossed level for cities: CITY_LEVELS[3] differs
    return Comparison(level, f"city {a!r} / {b!r}")


def _code_level(a: str, b: str) -> int:
    if not a or not b:
        return 0
    if a == b:
        return 1
    return 2 if len(a) == len(b) and OSA.distance(a, b) == 1 else 3


def compare_street_number(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """House number: same, one digit off, or different."""
    a, b = _first_address(left, "street_number"), _first_address(right, "street_number")
    return Comparison(_code_level(a, b), f"house numbers {a!r} / {b!r}")


def compare_postcode(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Postal code: same, one digit off (typo or transposition), or different."""
    a, b = _first_address(left, "postal_code"), _first_address(right, "postal_code")
    return Comparison(_code_level(a, b), f"postcodes {a!r} / {b!r}")


def compare_state(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """State or province: same or different."""
    return _equal(_first_address(left, "state"), _first_address(right, "state"), "state")


def compare_country(left: ResolverRecord, right: ResolverRecord, which: str) -> Comparison:
    """Country of birth or citizenship (ISO alpha-3): same or different."""
    field = "country_of_birth" if which == "birth" else "citizenship"
    return _equal(getattr(left, field), getattr(right, field), field.replace("_", " "))


def compare_race(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Race code as recorded (U, unknown, is missing): same or different."""
    return _equal(left.race, right.race, "race")


def compare_eye_color(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Eye colour code as recorded: same or different."""
    return _equal(left.eye_color, right.eye_color, "eye colour")


def _measured(a: int, b: int, steps: tuple[int, int], unit: str, what: str) -> Comparison:
    if not a or not b:
        return Comparison(0, f"{what} missing")
    gap = abs(a - b)
    if gap <= steps[0]:
        return Comparison(1, f"{what} within {steps[0]} {unit} ({a} / {b})")
    if gap <= steps[1]:
        return Comparison(2, f"{what} within {steps[1]} {unit} ({a} / {b})")
    return Comparison(3, f"{what} {gap} {unit} apart ({a} / {b})")


def compare_height(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Height in inches: within 1, within 3, or further apart."""
    return _measured(left.height_in, right.height_in, HEIGHT_STEPS_IN, "in", "height")


def compare_weight(left: ResolverRecord, right: ResolverRecord) -> Comparison:
    """Weight in pounds: within 10, within 25, or further apart."""
    return _measured(left.weight_lb, right.weight_lb, WEIGHT_STEPS_LB, "lb", "weight")
