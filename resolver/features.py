"""The scorer's table: one row per feature, its levels, comparator and term-frequency column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from resolver import comparators as c
from resolver.records import ResolverRecord

__all__ = ["FEATURES", "IDENTIFIER_FEATURES", "Feature"]


@dataclass(frozen=True)
class Feature:
    """A comparison feature: levels (0 = missing), its comparators, and the levels that weigh
    nothing."""

    name: str
    levels: tuple[str, ...]
    scalar: Callable[[ResolverRecord, ResolverRecord], c.Comparison]
    neutral: frozenset[int] = frozenset({0})  # left out of m and u: missing, or counted elsewhere
    tf_column: str | None = None  # frame column whose value frequency adjusts the exact level
    uninformative: frozenset[int] = frozenset()  # in m and u, but weigh nothing

    @property
    def weightless(self) -> frozenset[int]:
        """Levels whose weight is 0 bits."""
        return self.neutral | self.uninformative


FEATURES: tuple[Feature, ...] = (
    # a swap is counted once, under last_name, so the first_name "swapped" level weighs nothing
    Feature("first_name", c.NAME_LEVELS, c.compare_first, frozenset({0, 7}), "first"),
    Feature("last_name", c.NAME_LEVELS, c.compare_last, frozenset({0}), "last"),
    Feature("middle_name", c.MIDDLE_LEVELS, c.compare_middle),
    Feature("dob", c.DOB_LEVELS, c.compare_dob),
    Feature("gender", c.EQUAL_LEVELS, c.compare_gender),
    Feature("suffix", c.EQUAL_LEVELS, c.compare_suffix),
    Feature("fin", c.ID_LEVELS, c.compare_fin),
    Feature("a_number", c.ID_LEVELS, c.compare_a_number),
    Feature("ssn", c.SSN_LEVELS, c.compare_ssn),
    # a different passport or partner id weighs nothing: see their comparators
    Feature("passport", c.ID_LEVELS, c.compare_passport, uninformative=frozenset({2})),
    Feature("partner_id", c.ID_LEVELS, c.compare_partner_id, uninformative=frozenset({2})),
    Feature("phone", c.EQUAL_LEVELS, c.compare_phone),
    Feature("street_number", c.CODE_LEVELS, c.compare_street_number),
    Feature("street_name", c.ADDRESS_LEVELS, c.compare_street_name),
    Feature("street2", c.ADDRESS_LEVELS, c.compare_street2),
    Feature("city", c.CITY_LEVELS, c.compare_city),
    Feature("postcode", c.CODE_LEVELS, c.compare_postcode),
    Feature("state", c.EQUAL_LEVELS, c.compare_state),
    Feature("country_of_birth", c.EQUAL_LEVELS, lambda a, b: c.compare_country(a, b, "birth")),
    Feature("citizenship", c.EQUAL_LEVELS, lambda a, b: c.compare_country(a, b, "citizenship")),
    # the physical description: weak evidence each, grouped in resolver.evidence
    Feature("race", c.EQUAL_LEVELS, c.compare_race),
    Feature("eye_color", c.EQUAL_LEVELS, c.compare_eye_color),
    Feature("height", c.HEIGHT_LEVELS, c.compare_height),
    Feature("weight", c.WEIGHT_LEVELS, c.compare_weight),
)

# Identifier features: left out when judging whether FIN-linked records' biographics agree.
IDENTIFIER_FEATURES = frozenset({"fin", "a_number", "ssn", "passport", "partner_id", "phone"})
