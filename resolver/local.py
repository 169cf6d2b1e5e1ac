"""Re-resolution of a few identities (after a judgement, a split or a changed record) with the
stored model: the engine runs on their members only, then only they are rewritten."""

from __future__ import annotations

from collections.abc import Sequence

from graph.driver import Graph
from resolver.engine import resolve
from resolver.graph_io import ResolverSettings, active_judgements, load_model, read_subjects
from resolver.ids import IdRegistry, new_entity_id
from resolver.model import MatchModel
from resolver.persist import write_resolution

__all__ = ["reresolve"]


def _created(graph: Graph, entity_ids: Sequence[str]) -> dict[str, int]:
    rows = graph.read("resolver/identities_created", entity_ids=list(entity_ids))
    return {str(r["entity_id"]): int(r["created"] or 0) for r in rows}


def reresolve(
    graph: Graph, record_ids: Sequence[str],
    stored: tuple[MatchModel, ResolverSettings] | None = None,
) -> int:  # fmt: skip
    """Re-resolve the identities holding `record_ids` (and those records); return the number of
    records re-resolved. Without a stored model this is a full resolve."""
    stored = stored or load_model(graph)
    if stored is None:
        from resolver.full import resolve_full  # a first resolve trains and stores the model

        return resolve_full(graph).records
    model, settings = stored
    first = read_subjects(graph, list(dict.fromkeys(record_ids)))
    affected = sorted(set(first.previous.values()))
    members = [r["record_id"] for r in graph.read("resolver/identity_member_ids",
                                                  entity_ids=affected)]  # fmt: skip
    ids = list(dict.fromkeys([*record_ids, *members]))
    known = {r.record_id for r in first.records}
    subjects = first
    extra = read_subjects(graph, [r for r in ids if r not in known])  # only the members
    for record in extra.records:
        rid = record.record_id
        subjects.records.append(record)
        subjects.compartments[rid] = extra.compartments[rid]
        subjects.protected[rid] = extra.protected[rid]
        if rid in extra.previous:
            subjects.previous[rid] = extra.previous[rid]
    # Creation times of the affected identities (oldest survives a merge), and whether an id
    # minted here is already held by an identity outside the region (then it is salted).
    fresh = [new_entity_id(r) for r in ids]
    known_ids = _created(graph, list(dict.fromkeys([*affected, *fresh])))
    created = {e: t for e, t in known_ids.items() if e in set(affected)}
    registry = IdRegistry()
    for eid in sorted(created, key=lambda e: (created[e], e)):
        registry.add(eid)
    for eid in known_ids:
        registry.add(eid)
    res = resolve(
        subjects.records, active_judgements(graph), subjects.previous, model=model,
        unique_sources=settings.unique_sources, registry=registry,
        dob_far_years=settings.dob_far_years,
    )  # fmt: skip
    write_resolution(graph, res, subjects, subjects.previous, created)
    return len(subjects.records)
