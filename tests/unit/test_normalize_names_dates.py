"""Name, date and address normalisers: hard spellings, rejections and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import (
    DateFormatError,
    DobParts,
    address_key,
    comparison_form,
    dob_parts,
    name_tokens,
    split_suffix,
    surname_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("GARCÍA-LÓPEZ", "garcia lopez"),
        ("  José   María ", "jose maria"),
        ("Straße", "strasse"),
        ("Søren Ærø", "soren aero"),
        ("Łukasz", "lukasz"),
        ("Işık", "isik"),
        ("Nguyễn Văn", "nguyen van"),
        ("St. John", "st john"),
        ("", ""),
        (None, ""),
    ],
)
def test_comparison_form(raw: str | None, expected: str) -> None:
    assert comparison_form(raw) == expected


def test_name_tokens_detach_particles_and_glue_mc() -> None:
    assert name_tokens("Al-Hassan") == ("al", "hassan")
    assert name_tokens("van der Berg") == ("van", "der", "berg")
    assert name_tokens("Mc Donald") == ("mcdonald",)
    assert name_tokens(None) == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Al-Hassan", "hassan"),
        ("El Hassan", "hassan"),
        ("Hassan", "hassan"),
        ("García López", "garcia lopez"),
        ("Garcia-Lopez", "garcia lopez"),
        ("McDonald", "mcdonald"),
        ("Mc Donald", "mcdonald"),
        ("Le", "le"),
        ("bin Laden", "laden"),
    ],
)
def test_surname_key(raw: str, expected: str) -> None:
    assert surname_key(raw) == expected


@pytest.mark.parametrize(
    ("last", "suffix", "expected"),
    [
        ("Smith Jr.", None, ("Smith", "JR")),
        ("Smith, Sr", None, ("Smith", "SR")),
        ("SMITH III", None, ("SMITH", "III")),
        ("Smith", "junior", ("Smith", "JR")),
        ("Smith", "2nd", ("Smith", "II")),
        ("Smith Jr", "Sr.", ("Smith", "SR")),
        ("Smith", "Esq.", ("Smith", "ESQ")),
        ("Jr", None, ("Jr", None)),
        ("Vance", None, ("Vance", None)),
        (None, None, ("", None)),
    ],
)
def test_split_suffix(
    last: str | None, suffix: str | None, expected: tuple[str, str | None]
) -> None:
    assert split_suffix(last, suffix) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985-02-13", DobParts(1985, 2, 13, False)),
        ("1985-02", DobParts(1985, 2, None, False)),
        ("1985", DobParts(1985, None, None, False)),
        ("1970-01-01", DobParts(1970, 1, 1, True)),
        ("2000-02-29", DobParts(2000, 2, 29, False)),
        (" 1985-02-13 ", DobParts(1985, 2, 13, False)),
        ("", None),
        (None, None),
    ],
)
def test_dob_parts(raw: str | None, expected: DobParts | None) -> None:
    assert dob_parts(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("1985-13-02", "(month 13)"),
        ("1990-02-30", "day 30"),
        ("1900-02-29", "day 29"),
        ("0000-01-02", "year 0"),
        ("02/13/1985", "unknown format"),
        ("1985-2-3", "unknown format"),
    ],
)
def test_dob_parts_rejects_with_actionable_message(raw: str, fragment: str) -> None:
    with pytest.raises(DateFormatError) as caught:
        dob_parts(raw)
    assert fragment in str(caught.value)
    assert str(caught.value).endswith("write YYYY-MM-DD, YYYY-MM or YYYY")
    assert isinstance(caught.value, ValueError)


def test_address_key_abbreviates_and_shortens_zip() -> None:
    left = address_key("12 North Main Street", "Washington", "DC", "20500-0003", "USA")
    right = address_key("12 n. main st", "WASHINGTON", "dc", "20500", "usa")
    assert left == right == "12 n main st|washington|dc|20500|usa"
    assert address_key(None, None, None, None, None) == ""


@given(st.text())
def test_name_normalisers_never_raise_and_are_idempotent(raw: str) -> None:
    form = comparison_form(raw)
    assert form == comparison_form(form)
    assert form.isascii() and form == form.lower() and "  " not in form
    assert name_tokens(form) == name_tokens(raw)
    key = surname_key(raw)
    assert surname_key(key) == key
    last, _ = split_suffix(raw, None)
    assert isinstance(last, str)


@given(st.text())
def test_dob_parts_only_raises_its_documented_error(raw: str) -> None:
    try:
        parts = dob_parts(raw)
    except DateFormatError as error:
        assert error.hint
        return
    assert parts is None or parts.year is not None


@given(st.dates())
def test_every_calendar_date_parses(day: object) -> None:
    text = str(day)
    parts = dob_parts(text)
    assert parts is not None
    assert f"{parts.year:04d}-{parts.month:02d}-{parts.day:02d}" == text
