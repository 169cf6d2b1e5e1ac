"""Constrained clustering: must-links first, then scored edges greedily, strongest first.

Edges merge two clusters only when no hard rule forbids it (`resolver.rules`), and an edge below
STRONG_PROBABILITY merges only when the scored links between the two clusters agree on average
(average linkage over the pairs that were compared). That stops chains of weak links: A~B~C~D,
each 0.6, cannot pull A and D together when A-D was compared and scored 0.01.

A record that fits two people who cannot be one (a father and son, two FINs) about equally well
is placed with neither: it stays on its own, and its two links go to the top of the review
queue. The people it sat between are then clustered again without it, so it cannot hold two
of their records together either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from resolver.comparators import DOB_FAR_YEARS
from resolver.frame import RecordFrame
from resolver.households import household_rivals
from resolver.ordering import stable_order
from resolver.rules import ClusterFacts, FactColumns, cannot_link_reason

__all__ = [
    "AMBIGUITY_MARGIN_BITS",
    "MATCH_PROBABILITY",
    "STRONG_PROBABILITY",
    "Ambiguity",
    "Clustering",
    "Constraints",
    "cluster",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

# An edge is a link when a match is likelier than not (equal costs for both kinds of error).
MATCH_PROBABILITY = 0.5
# At or above this an edge links on its own (subject to hard rules): about 1 wrong link in 100
# at worst, and such edges in practice agree on name and date and address at once.
STRONG_PROBABILITY = 0.99
# A record is ambiguous when its best link to the person it joined beats its best link to a
# person that one cannot be by less than this many bits (log2 odds): 2 bits is four times as
# likely, so the placement would be wrong at least one time in five. On synth 100k persons
# (seed 7) it took Jr/Sr merges from 1.78% to 1.32%, common-name merges from 4.5% to 3.4%, and
# pairwise precision from 0.9727 to 0.9778 for recall 0.9676 to 0.9656 (F1 0.9701 to 0.9717);
# 1 and 4 bits gave F1 0.9714 and 0.9715.
AMBIGUITY_MARGIN_BITS = 2.0
# Odds are capped at 2^52 each way: float probabilities closer to 0 or 1 are not distinct.
_ODDS_CAP = 2.0**-52


@dataclass(frozen=True)
class Ambiguity:
    """A row left on its own: its best link where clustering put it, and to the rival person."""

    row: int
    placed_with: int
    placed_probability: float
    rival: int
    rival_probability: float
    reason: str  # why the two people cannot be one


@dataclass
class Clustering:
    """Cluster label per row, how each row joined (rule, probability, partner row), conflicts."""

    labels: Ints
    rule: list[str]
    score: Floats
    partner: Ints
    conflicts: list[tuple[int, int, str]] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)


class _State:
    def __init__(self, frame: RecordFrame, columns: FactColumns, unique_sources: frozenset[int],
                 tokens: dict[int, set[int]]) -> None:  # fmt: skip
        n = len(frame)
        self.frame = frame
        self.columns = columns
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}
        self.facts: dict[int, ClusterFacts] = {}
        self.unique_sources = unique_sources
        self.tokens = tokens

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def members_of(self, root: int) -> list[int]:
        return self.members.get(root, [root])

    def record_facts(self, row: int) -> ClusterFacts:
        """What one record asserts on its own, whatever cluster it is in."""
        return ClusterFacts.of_record(
            self.columns, row, self.unique_sources, self.tokens.get(row, set())
        )

    def facts_of(self, root: int) -> ClusterFacts:
        if root not in self.facts:
            self.facts[root] = self.record_facts(root)
        return self.facts[root]

    def union(self, a: int, b: int) -> None:
        ma, mb = self.members_of(a), self.members_of(b)
        if len(ma) < len(mb):
            a, b, ma, mb = b, a, mb, ma
        fa = self.facts_of(a)
        fa.merge(self.facts_of(b))
        self.facts.pop(b, None)
        self.parent[b] = a
        self.members[a] = ma + mb
        self.members.pop(b, None)


class _Adjacency:
    """Scored pairs in both directions (CSR), to average the links between two clusters.

    Only pairs between rows that can join anything are kept (rows with a link at or above
    MATCH_PROBABILITY, or a must-link): any other row stays a singleton, so no average between
    two clusters can include it. That still kept 31M of a million records' 50M pairs, so the
    arrays stay numpy and a row's links become Python values only when an average asks for
    them (a few ten thousand weak links): the whole as lists took 6.4 s and a few GB (the peak
    of a resolve of 1M records fell from 13.8 to 10.0 GB with this and the facts' lists)."""

    def __init__(self, n: int, i: Ints, j: Ints, p: Floats, linkable: npt.NDArray[np.bool_]):
        keep = linkable[i] & linkable[j]
        i, j, p = i[keep], j[keep], p[keep]
        src = np.concatenate([i, j])
        order = stable_order(src)
        self.dst = np.concatenate([j, i])[order]
        self.prob = np.concatenate([p, p])[order]
        self.ptr = np.concatenate([[0], np.cumsum(np.bincount(src, minlength=n))]).tolist()

    def mean_between(self, state: _State, a: int, b: int) -> float:
        small, other = (a, b) if len(state.members_of(a)) <= len(state.members_of(b)) else (b, a)
        total, count = 0.0, 0
        for row in state.members_of(small):
            links = slice(self.ptr[row], self.ptr[row + 1])
            for dst, prob in zip(self.dst[links].tolist(), self.prob[links].tolist(), strict=True):
                if state.find(dst) == other:
                    total += prob
                    count += 1
        return total / count if count else 0.0


@dataclass(frozen=True)
class Constraints:
    """What clustering is given besides the scored pairs: must-link groups of rows (a rule name
    each), cannot-link tokens (a row's signed tokens: rows holding t and -t may never be
    together), sources holding one record per person, and the birth-years-apart cannot-link
    (resolver.rules.cannot_link_reason; None: off)."""

    must_links: Sequence[tuple[Ints, str]] = ()
    cannot_tokens: dict[int, set[int]] = field(default_factory=dict)
    unique_sources: frozenset[int] = frozenset()
    dob_far_years: int | None = DOB_FAR_YEARS


def cluster(
    frame: RecordFrame, edges: tuple[Ints, Ints, Floats], constraints: Constraints | None = None,
) -> Clustering:  # fmt: skip
    """Cluster rows: must-link groups, then edges (i, j, probability), then ambiguous rows out
    (see the module doc)."""
    rules = _Rules(frame, FactColumns.of(frame), constraints or Constraints())
    state, first = rules.link(edges)
    scored = np.array([r == "SCORE" for r in first.rule], dtype=bool)  # joined by score
    dob_far_years = rules.constraints.dob_far_years
    ambiguous = _ambiguous_rows(state, first, scored, edges, dob_far_years)
    ambiguous = _with_household_rows(ambiguous, state, first, scored, edges, dob_far_years)
    if not ambiguous:
        return first
    return _without(rules, edges, first, ambiguous)


@dataclass
class _Rules:
    """What every clustering pass shares: the frame (and its fact columns, made once for both
    passes) and the constraints."""

    frame: RecordFrame
    columns: FactColumns
    constraints: Constraints

    def link(self, edges: tuple[Ints, Ints, Floats]) -> tuple[_State, Clustering]:
        """One greedy pass: must-links, then edges strongest first under the hard rules."""
        frame, constraints = self.frame, self.constraints
        dob_far_years = constraints.dob_far_years
        n = len(frame)
        state = _State(frame, self.columns, constraints.unique_sources, constraints.cannot_tokens)
        rule = ["SINGLETON"] * n
        score = np.zeros(n)
        partner = np.full(n, -1, dtype=np.int64)
        conflicts: list[tuple[int, int, str]] = []
        for group, name in constraints.must_links:
            head = int(group[0])
            for row in group[1:].tolist():
                ra, rb = state.find(head), state.find(row)
                if ra == rb:
                    continue
                if name != "JUDGEMENT":  # human SAME wins over rules; a FIN link yields to NOT_SAME
                    reason = cannot_link_reason(
                        state.facts_of(ra), state.facts_of(rb), dob_far_years
                    )
                    if reason and "human" in reason:
                        conflicts.append((head, row, reason))
                        continue
                state.union(ra, rb)
                for r in (head, row):
                    rule[r], score[r], partner[r] = name, 1.0, head if r == row else row
        i, j, p = edges
        links = np.flatnonzero(p >= MATCH_PROBABILITY)
        linkable = np.zeros(n, dtype=bool)
        linkable[i[links]] = linkable[j[links]] = True
        for group, _ in constraints.must_links:
            linkable[group] = True
        adjacency = _Adjacency(n, i.astype(np.int64), j.astype(np.int64), p, linkable)
        order = links[np.argsort(-p[links], kind="stable")]
        for a, b, prob in zip(i[order].tolist(), j[order].tolist(), p[order].tolist(), strict=True):
            ra, rb = state.find(a), state.find(b)
            if ra == rb:
                continue
            reason = cannot_link_reason(state.facts_of(ra), state.facts_of(rb), dob_far_years)
            if reason:
                conflicts.append((a, b, reason))
                continue
            if (
                prob < STRONG_PROBABILITY
                and adjacency.mean_between(state, ra, rb) < MATCH_PROBABILITY
            ):
                conflicts.append((a, b, "weak link not supported by the other links between them"))
                continue
            state.union(ra, rb)
            for r, other in ((a, b), (b, a)):
                if rule[r] == "SINGLETON" or prob > score[r]:
                    rule[r], score[r], partner[r] = "SCORE", prob, other
        labels = np.fromiter((state.find(x) for x in range(n)), dtype=np.int64, count=n)
        return state, Clustering(labels, rule, score, partner, conflicts)


def _log_odds(p: Floats) -> Floats:
    q = np.clip(p, _ODDS_CAP, 1.0 - _ODDS_CAP)
    return np.asarray(np.log2(q) - np.log2(1.0 - q))


def _ambiguous_rows(
    state: _State, result: Clustering, scored: Bools, edges: tuple[Ints, Ints, Floats],
    dob_far_years: int | None,
) -> list[Ambiguity]:  # fmt: skip
    """Rows that joined a person by score while a link to another person is nearly as strong,
    when the row alone could be either but the two people cannot be one. Vectorised down to the
    few candidate links; the rule check is per link."""
    i, j, p = edges
    links = p >= MATCH_PROBABILITY
    labels = result.labels
    src = np.concatenate([i[links], j[links]])
    dst = np.concatenate([j[links], i[links]])
    probs = np.tile(p[links], 2)
    odds = _log_odds(probs)
    same = labels[src] == labels[dst]
    best_own = np.full(len(labels), -np.inf)
    np.maximum.at(best_own, src[same], odds[same])
    near = ~same & scored[src] & (best_own[src] - odds < AMBIGUITY_MARGIN_BITS)
    found: dict[int, Ambiguity] = {}
    for a, b, rival_probability in sorted(
        zip(src[near].tolist(), dst[near].tolist(), probs[near].tolist(), strict=True),
        key=lambda x: (-x[2], x[0], x[1]),
    ):
        if a in found:
            continue
        ra, rb = int(labels[a]), int(labels[b])
        if cannot_link_reason(state.record_facts(a), state.facts_of(rb), dob_far_years):
            continue  # the record itself could never be that person (a human said so, say)
        reason = cannot_link_reason(state.facts_of(ra), state.facts_of(rb), dob_far_years)
        if reason:
            found[a] = Ambiguity(
                a, int(result.partner[a]), float(result.score[a]), b, rival_probability, reason
            )
    return [found[a] for a in sorted(found)]


def _with_household_rows(
    ambiguous: list[Ambiguity], state: _State, result: Clustering, scored: Bools,
    edges: tuple[Ints, Ints, Floats], dob_far_years: int | None,
) -> list[Ambiguity]:  # fmt: skip
    """`ambiguous` and the rows that joined a person on name and home alone while a person that
    one cannot be shares the home and the name (`resolver.households`)."""
    found = {a.row: a for a in ambiguous}
    labels = result.labels
    added: list[tuple[int, int, str]] = []
    for row, rival in household_rivals(state.frame, labels, scored):
        if row in found:
            continue
        rb = int(labels[rival])
        if cannot_link_reason(state.record_facts(row), state.facts_of(rb), dob_far_years):
            continue
        reason = cannot_link_reason(state.facts_of(int(labels[row])), state.facts_of(rb),
                                    dob_far_years)  # fmt: skip
        if reason:
            added.append((row, rival, f"{reason}; they share a home and a name"))
    probabilities = _probabilities(edges, [(a, b) for a, b, _ in added])
    for (row, rival, reason), probability in zip(added, probabilities, strict=True):
        found[row] = Ambiguity(row, int(result.partner[row]), float(result.score[row]), rival,
                               probability, reason)  # fmt: skip
    return [found[a] for a in sorted(found)]


def _probabilities(edges: tuple[Ints, Ints, Floats], pairs: list[tuple[int, int]]) -> list[float]:
    """The scored probability of each pair, 0 for a pair that was not compared."""
    if not pairs:
        return []
    i, j, p = edges
    wanted = {_unordered(a, b) for a, b in pairs}
    # only edges whose two rows both appear in a wanted pair, through a lookup table over row
    # numbers: an isin over all pair keys sorted 50M of them at 1M records (2.9-4.6 s against
    # 0.8 s), and both ends' min and max over every edge would be two more 50M arrays
    rows = np.array(sorted({row for pair in wanted for row in pair}), dtype=np.int64)
    near = np.flatnonzero(np.isin(i, rows, kind="table") & np.isin(j, rows, kind="table"))
    known = {
        _unordered(a, b): prob
        for a, b, prob in zip(i[near].tolist(), j[near].tolist(), p[near].tolist(), strict=True)
        if _unordered(a, b) in wanted
    }
    return [float(known.get(_unordered(a, b), 0.0)) for a, b in pairs]


def _unordered(a: int, b: int) -> tuple[int, int]:
    """A pair of rows as one key, whichever comes first."""
    return (a, b) if a <= b else (b, a)


def _without(
    rules: _Rules, edges: tuple[Ints, Ints, Floats], first: Clustering, ambiguous: list[Ambiguity]
) -> Clustering:
    """Cluster again the people the ambiguous rows had joined, without those rows; every other
    cluster stays as the first pass left it."""
    labels = first.labels
    rows = np.array([a.row for a in ambiguous], dtype=np.int64)
    again = np.isin(labels, labels[rows])
    out = np.zeros(len(labels), dtype=bool)
    out[rows] = True
    i, j, p = edges
    keep = again[i] & again[j] & ~out[i] & ~out[j]
    must_links = [(g[again[g]], name) for g, name in rules.constraints.must_links
                  if again[g].sum() > 1]  # fmt: skip
    redo = replace(rules, constraints=replace(rules.constraints, must_links=must_links))
    _, second = redo.link((i[keep], j[keep], p[keep]))
    merged = Clustering(
        np.where(again, second.labels, labels),
        [
            b if again[k] else a
            for k, (a, b) in enumerate(zip(first.rule, second.rule, strict=True))
        ],
        np.where(again, second.score, first.score),
        np.where(again, second.partner, first.partner),
        first.conflicts,
        ambiguous,
    )
    for a in ambiguous:
        merged.rule[a.row] = "AMBIGUOUS"
        merged.score[a.row] = a.placed_probability
        merged.partner[a.row] = a.placed_with
        merged.conflicts.append((a.row, a.rival, f"fits two people who cannot be one: {a.reason}"))
    return merged
