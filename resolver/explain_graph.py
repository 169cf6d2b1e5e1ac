"""Why two records are (not) one person, and what holds an identity together, from the graph."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graph.driver import Graph
from idgraph.errors import NotFoundError, ResolutionError
from resolver.blocking import candidate_pairs
from resolver.cluster import MATCH_PROBABILITY
from resolver.frame import build_frame
from resolver.graph_io import load_model, read_subjects
from resolver.model import MatchModel
from resolver.persist import cluster_facts
from resolver.records import ResolverRecord
from resolver.rules import facts_conflict
from resolver.scoring import Contribution, explain_pair, probability, score_pairs

__all__ = [
    "EvidenceLink",
    "IdentityExplanation",
    "PairExplanation",
    "ResolverNotReadyError",
    "explain_identity",
    "explain_pair_in_graph",
    "require_model",
]

# Above this many members an identity's chain is built from its blocked pairs, not all pairs
# (all pairs of 200 records is 20k comparisons, a few milliseconds; beyond it grows fast).
ALL_PAIRS_MAX = 200


class ResolverNotReadyError(ResolutionError):
    """No model yet: run `idgraph resolve --full` (or load subjects) first."""


@dataclass(frozen=True)
class PairExplanation:
    left: str
    right: str
    match_weight: float
    probability: float
    contributions: list[Contribution]
    rule: str  # FIN, JUDGEMENT_SAME, JUDGEMENT_NOT_SAME, CANNOT_LINK, SCORE_MATCH, SCORE_NO_MATCH
    cannot_link: str | None
    same_identity: bool
    judgements: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class EvidenceLink:
    left: str
    right: str
    rule: str
    probability: float
    reasons: list[str]


@dataclass(frozen=True)
class IdentityExplanation:
    entity_id: str
    size: int
    possible_identity_fraud: bool
    members: list[dict[str, Any]]
    links: list[EvidenceLink]  # a maximum spanning tree: the strongest chain joining them all
    evidence: dict[str, Any]


def require_model(graph: Graph) -> MatchModel:
    stored = load_model(graph)
    if stored is None:
        raise ResolverNotReadyError(
            "no match model in the graph yet", hint="run `idgraph resolve --full` first"
        )
    return stored[0]


def _top_reasons(contributions: list[Contribution], k: int = 4) -> list[str]:
    ranked = sorted(
        (c for c in contributions if c.feature != "prior"), key=lambda c: -abs(c.weight)
    )
    return [f"{c.feature}: {c.reason} ({c.weight:+.1f})" for c in ranked[:k] if c.weight]


def explain_pair_in_graph(graph: Graph, record_a: str, record_b: str) -> PairExplanation:
    """Each feature's contribution and which rule decides the pair."""
    model = require_model(graph)
    subjects = read_subjects(graph, [record_a, record_b])
    found = {r.record_id: r for r in subjects.records}
    missing = [r for r in (record_a, record_b) if r not in found]
    if missing:
        raise NotFoundError(f"no Subject with record_id {missing[0]!r}", hint="check the id")
    a, b = found[record_a], found[record_b]
    contributions = explain_pair(a, b, model)
    weight = sum(c.weight for c in contributions)
    p = float(probability(np.array([weight]))[0])
    judgements = [
        j for j in graph.read("resolver/judgements_on", record_ids=[record_a, record_b])
        if {record_a, record_b} <= set(j["left"] or ()) | set(j["right"] or ())
    ]  # fmt: skip
    active = [j for j in judgements if j["superseded_by"] is None and j["kind"] != "UNSURE"]
    conflict = facts_conflict(cluster_facts([a]), cluster_facts([b]))
    if active:
        rule = "JUDGEMENT_SAME" if active[-1]["kind"] == "SAME" else "JUDGEMENT_NOT_SAME"
    elif a.fin and a.fin == b.fin:
        rule = "FIN"
    elif conflict:
        rule = "CANNOT_LINK"
    else:
        rule = "SCORE_MATCH" if p >= MATCH_PROBABILITY else "SCORE_NO_MATCH"
    same = (subjects.previous.get(record_a) is not None
            and subjects.previous.get(record_a) == subjects.previous.get(record_b))  # fmt: skip
    return PairExplanation(record_a, record_b, weight, p, contributions, rule, conflict, same,
                           judgements)  # fmt: skip


def _spanning_links(records: list[ResolverRecord], model: MatchModel) -> list[EvidenceLink]:
    n = len(records)
    if n < 2:
        return []
    frame = build_frame(records)
    if n <= ALL_PAIRS_MAX:
        i, j = np.triu_indices(n, k=1)
        pairs = (i.astype(np.int32), j.astype(np.int32))
    else:
        pairs = candidate_pairs(frame)
    scored = score_pairs(frame, pairs, model)
    fin_equal = np.array([records[x].fin is not None and records[x].fin == records[y].fin
                          for x, y in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True)],
                         dtype=bool)  # fmt: skip
    strength = np.where(fin_equal, 2.0, scored.probability)  # a FIN link outranks any score
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = []
    for k in np.argsort(-strength, kind="stable").tolist():
        x, y = int(pairs[0][k]), int(pairs[1][k])
        rx, ry = find(x), find(y)
        if rx == ry:
            continue
        parent[rx] = ry
        a, b = records[x], records[y]
        rule = "FIN" if fin_equal[k] else "SCORE"
        links.append(EvidenceLink(a.record_id, b.record_id, rule, float(scored.probability[k]),
                                  _top_reasons(explain_pair(a, b, model))))  # fmt: skip
        if len(links) == n - 1:
            break
    return links


def explain_identity(graph: Graph, entity_id: str) -> IdentityExplanation:
    """Members, how each joined, and the strongest chain of links holding them together
    (pairs no link reaches were joined by a human SAME judgement)."""
    rows = graph.read("resolver/identity_get", entity_id=entity_id)
    if not rows:
        raise NotFoundError(f"no Identity {entity_id!r}", hint="ids come from `export entities`")
    identity, members = rows[0]["identity"], [m for m in rows[0]["members"] if m["record_id"]]
    model = require_model(graph)
    subjects = read_subjects(graph, [m["record_id"] for m in members])
    for m in members:
        m["reasons"] = json.loads(m["reasons"] or "[]")
    return IdentityExplanation(
        entity_id=entity_id,
        size=len(members),
        possible_identity_fraud=bool(identity.get("possible_identity_fraud")),
        members=sorted(members, key=lambda m: str(m["record_id"])),
        links=_spanning_links(subjects.records, model),
        evidence=json.loads(identity.get("evidence") or "{}"),
    )
