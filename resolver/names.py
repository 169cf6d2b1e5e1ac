"""Name knowledge: nickname and transliteration groups, canonical ids and phonetic codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import jellyfish
import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.process import extract

import normalize

__all__ = ["NO_GROUPS", "NameKnowledge", "knowledge", "phonetic_keys"]

# The group-set id of a name in no group.
NO_GROUPS = 0
# A name in no group borrows the groups of the one known name it is a slip of (Particcia:
# patricia, so a variant of Trish), for the weaker "near" name level only. The known name must
# start with the same letter (first letters are rarely mistyped), be at least this Jaro-Winkler
# close, and be the only closest one; names shorter than NEAR_MIN_LENGTH are too close to each
# other to correct (Jon, Jan, Jen).
NEAR_JW = 0.9
NEAR_MIN_LENGTH = 4
# Slips looked up are remembered, up to this many names (some tens of MB) before the memory is
# cleared: a long-running API process meets new misspellings without end.
NEAR_CACHE_NAMES = 500_000


@dataclass(frozen=True)
class NameKnowledge:
    """Groups of equivalent names. Each name has a group set (the ids of every group it is in);
    `variant_sets[a, b]` says whether group sets a and b share a group, so a frame compares
    names with one table lookup however many groups a name is in (rick: six)."""

    groups: dict[str, tuple[int, ...]]
    canonical: tuple[str, ...]
    group_set: dict[str, int]
    variant_sets: npt.NDArray[np.bool_]
    known_by_initial: dict[str, tuple[str, ...]]
    _near: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def set_id(self, name: str) -> int:
        """The group-set id of a comparison-form name (NO_GROUPS when it is in none)."""
        return self.group_set.get(name, NO_GROUPS)

    def near_set_id(self, name: str) -> int:
        """The group-set id of a name, or for a name in no group that of the known name it is
        a slip of (see NEAR_JW); computed once per name."""
        known = self.group_set.get(name)
        if known is not None:
            return known
        found = self._near.get(name)
        if found is None:
            if len(self._near) >= NEAR_CACHE_NAMES:
                self._near.clear()
            found = self._near[name] = self._corrected(name)
        return found

    def _corrected(self, name: str) -> int:
        if len(name) < NEAR_MIN_LENGTH:
            return NO_GROUPS
        choices = self.known_by_initial.get(name[0], ())
        best = extract(
            name, choices, scorer=JaroWinkler.normalized_similarity, score_cutoff=NEAR_JW, limit=2
        )
        if not best or (len(best) == 2 and best[1][1] == best[0][1]):
            return NO_GROUPS  # nothing close, or two known names equally close
        return self.group_set[best[0][0]]

    def are_near_variants(self, left: str, right: str) -> bool:
        """True when two names are variants once a name in no group is read as the known name
        it is a slip of."""
        return bool(self.variant_sets[self.near_set_id(left), self.near_set_id(right)])

    def canonical_name(self, name: str) -> str:
        """The canonical spelling of the first group a name belongs to, or the name itself."""
        ids = self.groups.get(name)
        return self.canonical[ids[0]] if ids else name

    def are_variants(self, left: str, right: str) -> bool:
        """True when two names share a nickname or transliteration group."""
        return bool(self.variant_sets[self.set_id(left), self.set_id(right)])


def _read_groups(filename: str) -> Iterable[list[str]]:
    text = resources.files("resolver.data").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [normalize.comparison_form(part) for part in line.split(",")]
        yield [n for n in names if n]


def _bridged(groups: list[list[str]]) -> list[list[str]]:
    """Each group plus the groups whose formal (first) name it lists, itself included: the
    diminutives of Dmitry (Dima) are then variants of every spelling of Dmitry (Dmytro, Dmitri),
    and Richard's two lists agree. One step only, never transitively: rick is a variant of both
    richard and eric, which must not become variants of each other."""
    by_formal: dict[str, list[int]] = {}
    for k, names in enumerate(groups):
        by_formal.setdefault(names[0], []).append(k)
    out = []
    for names in groups:
        extra = [n for v in names for k in by_formal.get(v, ()) for n in groups[k]]
        out.append(list(dict.fromkeys(names + extra)))
    return out


def _variant_table(sets: list[frozenset[int]], n_groups: int) -> npt.NDArray[np.bool_]:
    member = np.zeros((len(sets), n_groups), dtype=np.int32)
    for row, ids in enumerate(sets):
        member[row, list(ids)] = 1
    return np.asarray(member @ member.T > 0)


@cache
def knowledge() -> NameKnowledge:
    """Load the nickname and transliteration groups once per process."""
    read = [
        names
        for filename in ("nicknames.csv", "transliterations.csv", "names_extra.csv")
        for names in _read_groups(filename)
    ]
    groups: dict[str, list[int]] = {}
    for gid, names in enumerate(_bridged(read)):
        for name in names:
            groups.setdefault(name, []).append(gid)
    sets: dict[frozenset[int], int] = {frozenset(): NO_GROUPS}
    group_set = {name: sets.setdefault(frozenset(ids), len(sets)) for name, ids in groups.items()}
    by_initial: dict[str, list[str]] = {}
    for name in sorted(group_set):
        by_initial.setdefault(name[0], []).append(name)
    return NameKnowledge(
        {k: tuple(v) for k, v in groups.items()},
        tuple(names[0] for names in read),
        group_set,
        _variant_table(list(sets), len(read)),
        {letter: tuple(names) for letter, names in by_initial.items()},
    )


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
