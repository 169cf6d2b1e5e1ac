"""Re-resolution of a few identities (after a judgement, a split or a changed record) with the
stored model: the engine runs on their members only, then only they are rewritten."""

from __future__ import annotations

from collections.abc import Sequence

from graph.driver import Graph
from resolver.engine import resolve
from resolver.graph_io import active_judgements, load_model, read_subjects
from resolver.ids import IdRegistry, new_entity_id
from resolver.persist import write_resolution

__all__ = ["reresolve"]


def _created(graph: Graph, entity_ids: Sequence[str]) -> dict[str, int]:
    rows = graph.read("resolver/identities_created", entity_ids=list(entity_ids))
    return {str(r["entity_id"]): int(r["created"] or 0) for r in rows}


def reresolve(graph: Graph, record_ids: Sequence[str]) -> int:
    """Re-resolve the identities holding `record_ids` (and those records); return the number of
    records re-resolved. Without a stored model this is a full resolve."""
    stored = load_model(graph)
    if stored is None:
        from resolver.full import resolve_full  # a first resolve trains and stores the model

        return resolve_full(graph).records
    model, settings = stored
    first = read_subjects(graph, list(dict.fromkeys(record_ids)))
    affected = sorted(set(first.previous.values()))
    members = [r["record_id"] for r in graph.read("resolver/identity_member_ids",
                                                  entity_ids=affected)]  # fmt: skip
    ids = list(dict.fromkeys([*record_ids, *members]))
    subjects = read_subjects(graph, ids)
    created = _created(graph, affected)
    registry = IdRegistry()
    for eid in sorted(created, key=lambda e: (created[e], e)):
        registry.add(eid)
    # An id minted here must not be one a non-affected identity already holds.
    fresh = [new_entity_id(r) for r in ids]
    for eid in _created(graph, [e for e in fresh if e not in created]):
        registry.add(eid)
    res = resolve(
        subjects.records, active_judgements(graph), subjects.previous, model=model,
        unique_sources=settings.unique_sources, registry=registry,
        dob_far_years=settings.dob_far_years,
    )  # fmt: skip
    write_resolution(graph, res, subjects, subjects.previous, created)
    return len(subjects.records)
