"""Comparators: domain examples, and the vectorised twins agree with the scalar ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from resolver import FEATURES, build_frame, from_interchange
from resolver import comparators as c
from resolver.levels import level_matrix
from tests.unit.test_resolver_factories import subject

DATA = Path(__file__).resolve().parents[1] / "data"


def test_nickname_and_transliteration_are_variants() -> None:
    a, b = subject("a", first_name="Robert"), subject("b", first_name="Bob")
    assert c.NAME_LEVELS[c.compare_first(a, b).level] == "variant"
    a, b = subject("a", first_name="Mohammed"), subject("b", first_name="Muhammad")
    assert c.NAME_LEVELS[c.compare_first(a, b).level] == "variant"


@pytest.mark.parametrize(
    ("left", "right", "variants"),
    [
        ("Rick", "Richard", True),  # rick is in six groups: none may be dropped
        ("Rick", "Patrick", True),
        ("Richard", "Eric", False),  # both have a rick, which does not make them one name
        ("Dima", "Dmytro", True),  # a diminutive reaches every spelling of its formal name
        ("Tanya", "Tetiana", True),
        ("Jonathan", "Nathaniel", False),  # bridged one step only, never transitively
    ],
)
def test_variants_across_groups(left: str, right: str, variants: bool) -> None:
    a, b = subject("a", first_name=left), subject("b", first_name=right)
    assert (c.NAME_LEVELS[c.compare_first(a, b).level] == "variant") is variants


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("Particcia", "Trish", "near"),  # a slip of patricia, whose nickname Trish is
        ("Mchael", "Mike", "near"),
        ("Abigail", "Abby", "variant"),  # known names keep their own groups
        ("Jn", "Jennifer", "different"),  # too short to correct
        ("Zqxwv", "Trish", "different"),  # close to no known name
    ],
)
def test_a_slip_of_a_known_name_is_a_near_variant(left: str, right: str, level: str) -> None:
    a, b = subject("a", first_name=left), subject("b", first_name=right)
    assert c.NAME_LEVELS[c.compare_first(a, b).level] == level


def test_shared_passport_or_partner_id_counts_and_a_different_one_weighs_nothing() -> None:
    from resolver.model import default_model

    model = default_model(10)
    names = [f.name for f in FEATURES]
    weights = model.weights()
    for field, feature in (("passport", "passport"), ("partner_id", "partner_id")):
        one = subject("a", **{field: "X1234567"})
        same, other = subject("b", **{field: "x1234567"}), subject("c", **{field: "Y7654321"})
        compare = FEATURES[names.index(feature)].scalar
        assert c.ID_LEVELS[compare(one, same).level] == "equal"
        assert c.ID_LEVELS[compare(one, other).level] == "different"
        assert weights[names.index(feature)][1] > 8.0
        assert weights[names.index(feature)][2] == 0.0


def test_surname_particles_and_swap() -> None:
    a, b = subject("a", last_name="Al-Hassan"), subject("b", last_name="Hassan")
    assert c.NAME_LEVELS[c.compare_last(a, b).level] == "variant"
    a = subject("a", first_name="Wei", last_name="Zhang")
    b = subject("b", first_name="Zhang", last_name="Wei")
    assert c.NAME_LEVELS[c.compare_last(a, b).level] == "swapped"


def test_dob_levels() -> None:
    def level(x: str, y: str) -> str:
        return c.DOB_LEVELS[c.compare_dob(subject("a", dob=x), subject("b", dob=y)).level]

    assert level("1980-03-04", "1980-03-04") == "exact"
    assert level("1980-01-01", "1980-01-01") == "placeholder"
    assert level("1984-01-01", "1985-01-01") == "different"  # two guessed years, not a typo
    assert level("1984-01-01", "1984-01-02") == "year"
    assert level("1984-03-04", "1985-03-04") == "one digit off"
    assert level("1980-03-04", "1980-04-03") == "day/month swapped"
    assert level("1980-03-04", "1980-03-05") == "one digit off"
    assert level("1980-03", "1980-03-17") == "year+month"
    assert level("1980-03-04", "1950-06-07") == "far apart"


def test_physical_description_levels() -> None:
    body = {"race": "W", "eye_color": "BRO", "height_in": 70, "weight_lb": 180}
    a = subject("a", **body)

    def levels(**other: object) -> list[str]:
        b = subject("b", **{**body, **other})
        return [
            c.compare_race(a, b).reason,
            c.compare_eye_color(a, b).reason,
            c.HEIGHT_LEVELS[c.compare_height(a, b).level],
            c.WEIGHT_LEVELS[c.compare_weight(a, b).level],
        ]

    assert levels(height_in=71, weight_lb=170) == [
        "same race", "same eye colour", "within 1 in", "within 10 lb",
    ]  # fmt: skip
    assert levels(race="B", eye_color="U", height_in=73, weight_lb=205) == [
        "different race", "eye colour missing", "within 3 in", "within 25 lb",
    ]  # fmt: skip
    assert levels(height_in=74, weight_lb=206)[2:] == ["different", "different"]
    assert levels(height_in="tall", weight_lb=0)[2:] == ["missing", "missing"]
    assert levels(height_in="inf", weight_lb="nan")[2:] == ["missing", "missing"]


def test_ssn_one_typo_and_invalid() -> None:
    a, b = subject("a", ssn="212-45-6789"), subject("b", ssn="212-45-6798")
    assert c.SSN_LEVELS[c.compare_ssn(a, b).level] == "one typo"
    a, b = subject("a", ssn="000-00-0000"), subject("b", ssn="000-00-0000")
    assert c.compare_ssn(a, b).level == 0  # placeholders count for nothing


# by_value dedupes value pairs from BY_VALUE_MIN pairs on, and chunks of PAIR_CHUNK pairs are
# filled in threads when there are several: every way must give the same levels
@pytest.mark.parametrize(
    ("by_value_min", "pair_chunk"),
    [(0, 10**6), (10**9, 10**6), (0, 97)],
    ids=["distinct-values", "every-pair", "threaded-chunks"],
)
def test_vectorised_levels_equal_scalar_levels(
    by_value_min: int, pair_chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules["resolver.vectors"], "BY_VALUE_MIN", by_value_min)
    monkeypatch.setattr(sys.modules["resolver.levels"], "PAIR_CHUNK", pair_chunk)
    rows = [json.loads(x) for x in (DATA / "febrl4_sample.jsonl").open(encoding="utf-8")][:300]
    records = [from_interchange(r) for r in rows]
    records += [
        subject("x1", first_name="Bob", last_name="Al-Hassan", dob="1980-03-04", ssn="212456789",
                race="W", eye_color="BRO", height_in=70, weight_lb=180),
        subject("x2", first_name="Robert", last_name="Hassan", dob="1980-04-03", ssn="212456798",
                race="W", eye_color="BLU", height_in=72, weight_lb=200),
        subject("x3", first_name="Hassan", last_name="Bob", dob="1980", gender="M",
                race="A", eye_color="U", height_in=76, weight_lb=240),
    ]  # fmt: skip
    frame = build_frame(records)
    rng = np.random.default_rng(1)
    i = rng.integers(0, len(records), 2000).astype(np.int32)
    j = rng.integers(0, len(records), 2000).astype(np.int32)
    # each FEBRL original beside its duplicate, so close levels are exercised too
    i = np.concatenate([i, np.arange(0, 300, 2, dtype=np.int32), np.array([300, 300, 301])])
    j = np.concatenate([j, np.arange(1, 300, 2, dtype=np.int32), np.array([301, 302, 302])])
    levels = level_matrix(frame, i.astype(np.int32), j.astype(np.int32))
    for k, feat in enumerate(FEATURES):
        scalar = [feat.scalar(records[a], records[b]).level for a, b in zip(i, j, strict=True)]
        assert levels[:, k].tolist() == scalar, feat.name


def test_the_memory_of_slips_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from resolver.names import knowledge

    monkeypatch.setattr(sys.modules["resolver.names"], "NEAR_CACHE_NAMES", 2)
    kb = knowledge()
    slips = ["particcia", "mchael", "dorohy", "particcia"]
    found = [kb.near_set_id(name) for name in slips]
    assert len(kb._near) <= 2
    assert found[0] == found[3] == kb.set_id("patricia")
