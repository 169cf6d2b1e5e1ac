"""`resolve_arrivals`: new Subjects placed at once through indexed candidate lookup."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from graph.driver import Graph
from resolver.graph_io import ResolverSettings, SubjectRows, load_model, read_subjects
from resolver.ids import new_entity_id
from resolver.local import reresolve
from resolver.model import MatchModel
from resolver.persist import cluster_facts
from resolver.placement import Placement, place
from resolver.records import ResolverRecord

__all__ = ["ARRIVAL_FULL_THRESHOLD", "CANDIDATE_CAP", "resolve_arrivals"]

# Above this many arrivals one batch resolve is cheaper than per-record lookups (~5-10 ms each,
# so 20k take a few minutes, about what a full resolve of a million records costs).
ARRIVAL_FULL_THRESHOLD = 20_000
# Candidates per blocking key on arrival: the batch compares all records of a block up to 128
# and only near neighbours beyond; 64 per key keeps a lookup within a few milliseconds.
CANDIDATE_CAP = 64


def resolve_arrivals(graph: Graph, record_ids: Sequence[str]) -> int:
    """Resolve new or changed Subjects; return how many were resolved.

    New records are placed one by one (each sees those placed before it). Records that already
    had an identity (changed on reload) are re-resolved with their identities. Without a stored
    model, or for a bulk load, this runs a full resolve (which trains and stores the model)."""
    ids = list(dict.fromkeys(record_ids))
    if not ids:
        return 0
    stored = load_model(graph)
    if stored is None or len(ids) > ARRIVAL_FULL_THRESHOLD:
        from resolver.full import resolve_full

        resolve_full(graph, retrain=stored is None)
        return len(ids)
    model, settings = stored
    subjects = read_subjects(graph, ids)
    changed = [r.record_id for r in subjects.records if r.record_id in subjects.previous]
    pending = {r.record_id for r in subjects.records} - set(changed)
    for record in subjects.records:
        if record.record_id in pending:
            pending.discard(record.record_id)
            _place_one(graph, record, subjects, pending, model, settings)
    if changed:
        reresolve(graph, changed)
    return len(subjects.records)


def _fresh_id(graph: Graph, smallest: str) -> str:
    salt = 0
    while True:
        eid = new_entity_id(smallest, salt)
        if not graph.read("resolver/identities_created", entity_ids=[eid]):
            return eid
        salt += 1


def _place_one(
    graph: Graph, record: ResolverRecord, subjects: SubjectRows, pending: set[str],
    model: MatchModel, settings: ResolverSettings,
) -> Placement:  # fmt: skip
    rows = [r for r in graph.read("resolver/candidates", record_id=record.record_id,
                                  cap=CANDIDATE_CAP) if r["record_id"] not in pending]  # fmt: skip
    cands = SubjectRows()
    facts: dict[str, dict[str, Any]] = {}
    for row in rows:
        cands.add(row)
        if row["entity_id"] and row["facts"]:
            facts[str(row["entity_id"])] = dict(row["facts"])
    placement = place(record, cands.records, cands.previous, facts, model, settings.dob_far_years)
    _write_placement(graph, record, placement, subjects, cands, facts)
    return placement


def _identity_row(
    eid: str, members: Sequence[ResolverRecord], old: Mapping[str, Any] | None,
    subjects: SubjectRows, rules: Mapping[str, str], fraud: bool,
) -> dict[str, Any]:  # fmt: skip
    now = datetime.now(UTC)
    old = old or {}
    facts = cluster_facts(members)
    for key in ("fins", "a_numbers", "ssns", "suffixes"):
        facts[key] = sorted(set(facts[key]) | set(old.get(key) or ()))
    years = [y for y in (facts["year_min"], facts["year_max"], old.get("year_min"),
                         old.get("year_max")) if y]  # fmt: skip
    facts["year_min"], facts["year_max"] = (min(years), max(years)) if years else (None, None)
    evidence = json.loads(old.get("evidence") or '{"rules": {}, "flags": []}')
    counts = Counter(evidence.get("rules") or {})
    counts.update(rules.values())
    flags = set(evidence.get("flags") or ())
    if fraud:
        flags.add("possible_identity_fraud")
    compartments = set(old.get("compartments") or ())
    for r in members:
        compartments |= set(subjects.compartments.get(r.record_id, []))
    return {
        "entity_id": eid, "created": old.get("created") or int(now.timestamp() * 1000),
        "size": int(old.get("size") or 0) + len(members),
        "fraud": bool(old.get("possible_identity_fraud")) or fraud,
        "protected": bool(old.get("protected"))
        or any(subjects.protected.get(r.record_id, False) for r in members),
        "compartments": sorted(compartments), "resolved_at": now.isoformat(),
        "evidence": json.dumps({"rules": dict(counts), "flags": sorted(flags)}),
        **facts,
    }  # fmt: skip


def _write_placement(
    graph: Graph, record: ResolverRecord, placement: Placement, subjects: SubjectRows,
    cands: SubjectRows, facts: Mapping[str, dict[str, Any]],
) -> None:  # fmt: skip
    members = [record]
    rules = {record.record_id: placement.rule}
    scores = {record.record_id: placement.probability}
    partner_record = next((c for c in cands.records if c.record_id == placement.partner), None)
    if placement.entity_id is None:
        eid, old = _fresh_id(graph, record.record_id), None
    elif placement.partner_unresolved and partner_record is not None:
        # the partner was loaded without resolution: the two start a new identity together
        members.append(partner_record)
        rules[partner_record.record_id] = placement.rule
        scores[partner_record.record_id] = placement.probability
        subjects.compartments.update(cands.compartments)
        subjects.protected.update(cands.protected)
        eid, old = _fresh_id(graph, min(record.record_id, partner_record.record_id)), None
    else:
        eid, old = placement.entity_id, facts.get(placement.entity_id)
    row = _identity_row(eid, members, old, subjects, rules, placement.fraud)
    graph.write("resolver/write_identities", rows=[row])
    reason = json.dumps([f"{placement.rule.lower()} link on arrival to {placement.partner}"]
                        if placement.partner else [])  # fmt: skip
    graph.write("resolver/write_members", rows=[
        {"record_id": m.record_id, "entity_id": eid, "rule": rules[m.record_id],
         "score": round(scores[m.record_id], 6), "reasons": reason} for m in members
    ])  # fmt: skip
