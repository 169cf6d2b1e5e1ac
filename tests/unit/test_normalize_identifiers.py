"""Identifier and phone normalisers: known spellings, rejections and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import Ssn, a_number, fin, passport, phone_e164, ssn


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("A012345678", "012345678"),
        ("A-012-345-678", "012345678"),
        ("012345678", "012345678"),
        ("12345678", "012345678"),
        ("a 12-345-678", "012345678"),
        (" A 123 456 789 ", "123456789"),
        ("1234567", None),
        ("A1234567890", None),
        ("B012345678", None),
        ("A01234567X", None),
        ("", None),
        (None, None),
    ],
)
def test_a_number_spellings(raw: str | None, expected: str | None) -> None:
    assert a_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("123-45-6780", Ssn("123456780", True)),
        ("123 45 6780", Ssn("123456780", True)),
        ("000-12-3456", Ssn("000123456", False)),
        ("666-12-3456", Ssn("666123456", False)),
        ("912-12-3456", Ssn("912123456", False)),
        ("123-00-4567", Ssn("123004567", False)),
        ("123-45-0000", Ssn("123450000", False)),
        ("123-45-6789", Ssn("123456789", False)),
        ("111-11-1111", Ssn("111111111", False)),
        ("078-05-1120", Ssn("078051120", False)),
        ("219-09-9999", Ssn("219099999", False)),
        ("457-55-5462", Ssn("457555462", False)),
        ("12345678", None),
        ("1234567890", None),
        ("12a-45-6789", None),
        (None, None),
    ],
)
def test_ssn_validity(raw: str | None, expected: Ssn | None) -> None:
    assert ssn(raw) == expected


def test_fin_and_passport_strip_separators() -> None:
    assert fin(" ab-12 34.x ") == "AB1234X"
    assert passport("p 1234-5678") == "P12345678"
    assert fin("--") is None
    assert passport(None) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(202) 555-0142", "+12025550142"),
        ("202.555.0142", "+12025550142"),
        ("1-202-555-0142", "+12025550142"),
        ("+1 202 555 0142", "+12025550142"),
        ("202-555-0142 x123", "+12025550142"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+61 2 9374 4000", "+61293744000"),
        ("555-0142", None),
        ("(102) 555-0142", None),
        ("(202) 155-0142", None),
        ("call me", None),
        ("+0 123 456 789", None),
        ("+1234567890123456", None),
        ("202+555", None),
        ("", None),
    ],
)
def test_phone_e164(raw: str, expected: str | None) -> None:
    assert phone_e164(raw) == expected


def test_phone_e164_other_default_country_drops_trunk_zero() -> None:
    assert phone_e164("020 7946 0958", default_country="GB") == "+442079460958"
    assert phone_e164("020 7946 0958", default_country="ZZ") is None


@given(st.text())
def test_identifier_normalisers_never_raise_and_are_idempotent(raw: str) -> None:
    number = a_number(raw)
    assert number is None or (len(number) == 9 and number.isdigit())
    assert number is None or a_number(number) == number
    social = ssn(raw)
    assert social is None or ssn(social.digits) == social
    for normaliser in (fin, passport):
        once = normaliser(raw)
        assert once is None or normaliser(once) == once


@given(st.text(alphabet="0123456789 +-().x", max_size=24))
def test_phone_e164_is_idempotent(raw: str) -> None:
    once = phone_e164(raw)
    assert once is None or (once.startswith("+") and phone_e164(once) == once)


@given(st.from_regex(r"[2-9][0-9]{2}[2-9][0-9]{6}", fullmatch=True))
def test_every_nanp_number_round_trips(national: str) -> None:
    pretty = f"({national[:3]}) {national[3:6]}-{national[6:]}"
    assert phone_e164(pretty) == "+1" + national
