"""Constrained clustering: must-links first, then scored edges greedily, strongest first.

Edges merge two clusters only when no hard rule forbids it (`resolver.rules`), and an edge below
STRONG_PROBABILITY merges only when the scored links between the two clusters agree on average
(average linkage over the pairs that were compared). That stops chains of weak links: A~B~C~D,
each 0.6, cannot pull A and D together when A-D was compared and scored 0.01.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from resolver.comparators import DOB_FAR_YEARS
from resolver.frame import RecordFrame
from resolver.rules import ClusterFacts, cannot_link_reason

__all__ = [
    "MATCH_PROBABILITY",
    "STRONG_PROBABILITY",
    "Clustering",
    "cluster",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

# An edge is a link when a match is likelier than not (equal costs for both kinds of error).
MATCH_PROBABILITY = 0.5
# At or above this an edge links on its own (subject to hard rules): about 1 wrong link in 100
# at worst, and such edges in practice agree on name and date and address at once.
STRONG_PROBABILITY = 0.99


@dataclass
class Clustering:
    """Cluster label per row, how each row joined (rule, probability, partner row), conflicts."""

    labels: Ints
    rule: list[str]
    score: Floats
    partner: Ints
    conflicts: list[tuple[int, int, str]] = field(default_factory=list)


class _State:
    def __init__(self, frame: RecordFrame, unique_sources: frozenset[int],
                 tokens: dict[int, set[int]]) -> None:  # fmt: skip
        n = len(frame)
        self.frame = frame
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

    def facts_of(self, root: int) -> ClusterFacts:
        if root not in self.facts:
            self.facts[root] = ClusterFacts.of_record(
                self.frame, root, self.unique_sources, self.tokens.get(root, set())
            )
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
    two clusters can include it. That is a few per cent of a million records' pairs, and the
    Python lists below would otherwise take ~60 bytes a pair."""

    def __init__(self, n: int, i: Ints, j: Ints, p: Floats, linkable: npt.NDArray[np.bool_]):
        keep = linkable[i] & linkable[j]
        i, j, p = i[keep], j[keep], p[keep]
        src = np.concatenate([i, j])
        order = np.argsort(src, kind="stable")
        self.dst = np.concatenate([j, i])[order].tolist()
        self.prob = np.concatenate([p, p])[order].tolist()
        self.ptr = np.searchsorted(src[order], np.arange(n + 1)).tolist()

    def mean_between(self, state: _State, a: int, b: int) -> float:
        small, other = (a, b) if len(state.members_of(a)) <= len(state.members_of(b)) else (b, a)
        total, count = 0.0, 0
        for row in state.members_of(small):
            for k in range(self.ptr[row], self.ptr[row + 1]):
                if state.find(self.dst[k]) == other:
                    total += self.prob[k]
                    count += 1
        return total / count if count else 0.0


def cluster(
    frame: RecordFrame,
    edges: tuple[Ints, Ints, Floats],
    must_links: Sequence[tuple[Ints, str]] = (),
    cannot_tokens: dict[int, set[int]] | None = None,
    unique_sources: frozenset[int] = frozenset(),
    dob_far_years: int | None = DOB_FAR_YEARS,
) -> Clustering:
    """Cluster rows: must-link groups (rule name each), then edges (i, j, probability).

    `cannot_tokens` maps a row to signed tokens: rows holding t and -t may never be together.
    """
    n = len(frame)
    state = _State(frame, unique_sources, cannot_tokens or {})
    rule = ["SINGLETON"] * n
    score = np.zeros(n)
    partner = np.full(n, -1, dtype=np.int64)
    conflicts: list[tuple[int, int, str]] = []
    for group, name in must_links:
        head = int(group[0])
        for row in group[1:].tolist():
            ra, rb = state.find(head), state.find(row)
            if ra == rb:
                continue
            if name != "JUDGEMENT":  # human SAME wins over rules; a FIN link yields to NOT_SAME
                reason = cannot_link_reason(state.facts_of(ra), state.facts_of(rb), dob_far_years)
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
    for group, _ in must_links:
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
        if prob < STRONG_PROBABILITY and adjacency.mean_between(state, ra, rb) < MATCH_PROBABILITY:
            conflicts.append((a, b, "weak link not supported by the other links between them"))
            continue
        state.union(ra, rb)
        for r, other in ((a, b), (b, a)):
            if rule[r] == "SINGLETON" or prob > score[r]:
                rule[r], score[r], partner[r] = "SCORE", prob, other
    labels = np.fromiter((state.find(x) for x in range(n)), dtype=np.int64, count=n)
    return Clustering(labels, rule, score, partner, conflicts)
