"""`resolve_full`: every Subject re-resolved in batch, identities rewritten where they changed."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from graph.driver import Graph
from idgraph.collector import frozen_out_of_collector
from resolver.decisions import store_review
from resolver.engine import resolve
from resolver.graph_io import (
    ResolverSettings,
    active_judgements,
    load_model,
    read_all_subjects,
    store_model,
    stored_settings,
)
from resolver.ids import IdRegistry
from resolver.model import StaleModelError
from resolver.persist import write_resolution

__all__ = ["ResolveSummary", "registry_from_graph", "resolve_full"]


@dataclass(frozen=True)
class ResolveSummary:
    """What a full resolve did, with where the time went (seconds per phase)."""

    records: int
    identities: int
    multi_record_identities: int
    flagged_identity_fraud: int
    identities_written: int
    members_written: int
    identities_deleted: int
    conflicts: int
    seconds: dict[str, float] = field(default_factory=dict)


def registry_from_graph(graph: Graph) -> tuple[IdRegistry, dict[str, int]]:
    """Live identity ids in creation order (oldest first) and their creation times."""
    (row,) = graph.read("resolver/identity_registry")
    created = {str(eid): int(at or 0) for eid, at in row["identities"]}
    return IdRegistry.oldest_first(created), created


def resolve_full(
    graph: Graph, *, settings: ResolverSettings | None = None, retrain: bool = True
) -> ResolveSummary:
    """Re-resolve every Subject: train the model (or reuse the stored one with
    `retrain=False`), cluster under stored judgements, keep ids stable, write what changed."""
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    subjects = read_all_subjects(graph)
    judgements = active_judgements(graph)
    registry, created = registry_from_graph(graph)
    try:
        stored = load_model(graph)
    except StaleModelError:
        if not retrain:
            raise
        stored = None  # retraining replaces it; only its settings are kept
        settings = settings or stored_settings(graph)
    if settings is None:
        settings = stored[1] if stored else ResolverSettings()
    model = stored[0] if (stored and not retrain) else None
    seconds["read"] = time.perf_counter() - t
    t = time.perf_counter()
    with frozen_out_of_collector():  # the records just read live until the end
        res = resolve(
            subjects.records, judgements, subjects.previous, model=model,
            unique_sources=settings.unique_sources, registry=registry,
            dob_far_years=settings.dob_far_years, first_name_rule=settings.first_name_rule,
        )  # fmt: skip
    seconds["engine"] = time.perf_counter() - t
    t = time.perf_counter()
    store_model(graph, res.model, settings)
    store_review(graph, res.review)
    counts = write_resolution(graph, res, subjects, subjects.previous, created)
    seconds["write"] = time.perf_counter() - t
    seconds["total"] = sum(seconds.values())
    return ResolveSummary(
        records=len(subjects.records),
        identities=len(res.clusters),
        multi_record_identities=sum(len(c) > 1 for c in res.clusters),
        flagged_identity_fraud=sum("possible_identity_fraud" in f for f in res.flags.values()),
        identities_written=counts.identities_written,
        members_written=counts.members_written,
        identities_deleted=counts.identities_deleted,
        conflicts=len(res.conflicts),
        seconds=seconds,
    )
