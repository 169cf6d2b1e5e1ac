"""Name and place pools loaded from `synth/data/*.json`, sampled with Zipf-like frequencies."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from random import Random
from typing import Any, TypeVar

from synth.fast_random import WeightedPicker

__all__ = ["GivenName", "Origin", "Pools", "Surname", "ZipfPicker", "load_pools"]

_DATA = Path(__file__).parent / "data"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GivenName:
    name: str
    nicknames: tuple[str, ...]
    variants: tuple[str, ...]  # transliterations and spellings of the same name


@dataclass(frozen=True, slots=True)
class Surname:
    name: str
    variants: tuple[str, ...]


class ZipfPicker(WeightedPicker[T]):
    """Picks items listed most frequent first; rank r has weight 1 / r**exponent."""

    def __init__(self, items: list[T], exponent: float = 1.0) -> None:
        super().__init__(items, [1.0 / (rank**exponent) for rank in range(1, len(items) + 1)])


@dataclass(frozen=True, slots=True)
class Origin:
    key: str
    family_first: bool  # sources often write the family name first
    two_surnames: float  # share of people with paternal + maternal surnames
    countries: tuple[str, ...]
    male: ZipfPicker[GivenName]
    female: ZipfPicker[GivenName]
    surnames: ZipfPicker[Surname]


@dataclass(frozen=True, slots=True)
class Pools:
    origins: tuple[Origin, ...]
    origin_picker: WeightedPicker[Origin]
    by_key: dict[str, Origin]
    common_names: tuple[tuple[str, str, str, str], ...]  # (origin, sex, given, surname)
    cities: tuple[tuple[str, str, str, tuple[str, ...]], ...]
    streets: ZipfPicker[str]
    street_types: tuple[tuple[str, str], ...]
    directions: tuple[tuple[str, str], ...]
    events: dict[str, Any]

    def origin(self, rng: Random) -> Origin:
        return self.origin_picker.pick(rng)


def _given(rows: list[Any]) -> ZipfPicker[GivenName]:
    return ZipfPicker([GivenName(n, tuple(nick), tuple(var)) for n, nick, var in rows])


def _read(name: str) -> Any:
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


@cache
def load_pools() -> Pools:
    """The pools, read once per process."""
    names, places = _read("names.json"), _read("places.json")
    origins = tuple(
        Origin(
            key=key,
            family_first=spec["family_first"],
            two_surnames=spec["two_surnames"],
            countries=tuple(spec["countries"]),
            male=_given(spec["male"]),
            female=_given(spec["female"]),
            surnames=ZipfPicker([Surname(n, tuple(v)) for n, v in spec["surnames"]]),
        )
        for key, spec in names["origins"].items()
    )
    return Pools(
        origins=origins,
        origin_picker=WeightedPicker(
            origins, [float(names["origins"][o.key]["weight"]) for o in origins]
        ),
        by_key={o.key: o for o in origins},
        common_names=tuple(tuple(row) for row in names["common_names"]),
        cities=tuple((c, s, z, tuple(a)) for c, s, z, a in places["cities"]),
        streets=ZipfPicker(places["streets"], exponent=0.6),
        street_types=tuple(tuple(t) for t in places["street_types"]),
        directions=tuple(tuple(d) for d in places["directions"]),
        events=_read("events.json"),
    )
