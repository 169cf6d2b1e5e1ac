"""Name knowledge: nickname and transliteration groups, canonical ids and phonetic codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jellyfish

import normalize

__all__ = ["NameKnowledge", "knowledge", "phonetic_keys"]

# A name in more groups than this keeps only its first ones: three covers "chris" (christopher,
# christina, christian) and keeps the padded canonical-id matrix of the frame small.
MAX_GROUPS_PER_NAME = 3


@dataclass(frozen=True)
class NameKnowledge:
    """Groups of equivalent names; `groups[name]` lists the group ids a name belongs to."""

    groups: dict[str, tuple[int, ...]]
    canonical: tuple[str, ...]

    def group_ids(self, name: str) -> tuple[int, ...]:
        """Group ids of a comparison-form name (empty when the name is in no group)."""
        return self.groups.get(name, ())

    def canonical_name(self, name: str) -> str:
        """The canonical spelling of the first group a name belongs to, or the name itself."""
        ids = self.groups.get(name)
        return self.canonical[ids[0]] if ids else name

    def are_variants(self, left: str, right: str) -> bool:
        """True when two names share a nickname or transliteration group."""
        return bool(set(self.group_ids(left)) & set(self.group_ids(right)))


def _read_groups(filename: str) -> Iterable[list[str]]:
    text = resources.files("resolver.data").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [normalize.comparison_form(part) for part in line.split(",")]
        yield [n for n in names if n]


@cache
def knowledge() -> NameKnowledge:
    """Load the nickname and transliteration groups once per process."""
    groups: dict[str, list[int]] = {}
    canonical: list[str] = []
    for filename in ("nicknames.csv", "transliterations.csv", "names_extra.csv"):
        for names in _read_groups(filename):
            gid = len(canonical)
            canonical.append(names[0])
            for name in dict.fromkeys(names):
                ids = groups.setdefault(name, [])
                if len(ids) < MAX_GROUPS_PER_NAME:
                    ids.append(gid)
    return NameKnowledge({k: tuple(v) for k, v in groups.items()}, tuple(canonical))


@cache
def phonetic_keys(name: str) -> tuple[str, str, str, str]:
    """Soundex, Metaphone, NYSIIS and Match Rating codex of a comparison-form name ("" if none)."""
    letters = "".join(ch for ch in name if "a" <= ch <= "z")
    if not letters:
        return ("", "", "", "")
    return (
        str(jellyfish.soundex(letters)),
        str(jellyfish.metaphone(letters)),
        str(jellyfish.nysiis(letters)),
        str(jellyfish.match_rating_codex(letters)),
    )
