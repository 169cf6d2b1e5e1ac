"""Address key: one string per place, so 'N. Main Street' and 'north main st' share an Address."""

from __future__ import annotations

import re
from functools import lru_cache

from normalize.names import comparison_form

__all__ = ["address_key"]

# USPS Publication 28 abbreviations for the words sources spell both ways most often.
_STREET_WORDS = {
    "street": "st",
    "avenue": "ave",
    "av": "ave",
    "road": "rd",
    "boulevard": "blvd",
    "drive": "dr",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "terrace": "ter",
    "highway": "hwy",
    "parkway": "pkwy",
    "circle": "cir",
    "square": "sq",
    "apartment": "apt",
    "suite": "ste",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}
_DOMESTIC = frozenset({"", "us", "usa", "united states", "united states of america"})
_ZIP5 = re.compile(r"([0-9]{5})(?:-?[0-9]{4})?", re.ASCII)


def _street(raw: str | None) -> str:
    return " ".join(_STREET_WORDS.get(t, t) for t in comparison_form(raw).split())


def _postal(raw: str | None) -> str:
    compact = comparison_form(raw).replace(" ", "")
    # ZIP+4 and ZIP are the same place for matching.
    match = _ZIP5.fullmatch(compact)
    return match.group(1) if match else compact


@lru_cache(maxsize=65536)  # pure; an address repeats for every household member
def address_key(
    street: str | None,
    city: str | None,
    state: str | None,
    postal_code: str | None,
    country: str | None,
) -> str:
    """'street|city|state|postal|country' in comparison form; an empty address gives ''."""
    parts = [
        _street(street),
        comparison_form(city),
        comparison_form(state),
        _postal(postal_code),
        comparison_form(country),
    ]
    if not any(parts):
        return ""
    # Domestic sources leave the country out; 'US', 'USA' and none are the same place.
    if parts[4] in _DOMESTIC:
        parts[4] = "usa"
    return "|".join(parts)
