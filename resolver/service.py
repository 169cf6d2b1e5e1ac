"""The resolver's service surface on the graph: what the CLI and the API call.

Batch (`resolve_full`), on arrival (`resolve_arrivals`), explanations, human decisions, the
review queue, person matching and the entity export. Each lives in its own small module; this
one names the public surface with the signatures the API relies on.
"""

from __future__ import annotations

from graph.driver import Graph
from resolver.arrival import resolve_arrivals
from resolver.decisions import judge_pair, split_identity
from resolver.decisions import review_queue_from_graph as _review_queue
from resolver.explain_graph import (
    EvidenceLink,
    IdentityExplanation,
    PairExplanation,
    ResolverNotReadyError,
    explain_identity,
    explain_pair_in_graph,
)
from resolver.export import export_entities
from resolver.full import ResolveSummary, resolve_full
from resolver.graph_io import ResolverSettings
from resolver.local import reresolve
from resolver.match import Candidate, match_person, singleton_entity_id
from resolver.review import ReviewItem

__all__ = [
    "Candidate",
    "EvidenceLink",
    "IdentityExplanation",
    "PairExplanation",
    "ResolveSummary",
    "ResolverNotReadyError",
    "ResolverSettings",
    "ReviewItem",
    "explain_identity",
    "explain_pair",
    "export_entities",
    "judge_pair",
    "match_person",
    "reresolve",
    "resolve_arrivals",
    "resolve_full",
    "review_queue",
    "singleton_entity_id",
    "split_identity",
]


def explain_pair(graph: Graph, record_a: str, record_b: str) -> PairExplanation:
    """Each feature's contribution to the pair's score and which rule decides it."""
    return explain_pair_in_graph(graph, record_a, record_b)


def review_queue(graph: Graph, limit: int = 50) -> list[ReviewItem]:
    """Uncertain pairs (probability 0.1-0.9), closest to 0.5 and bridging most records first."""
    return _review_queue(graph, limit)
