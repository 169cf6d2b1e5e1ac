"""Investigations: suspects for unknown-subject cases, subjects of interest for a protectee."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry

from api.context import RequestContext, read
from api.schema.identity import IdentityView, load_identity
from api.schema.types import CaseView, IncidentView, SubjectView, project

__all__ = ["InvestigateQuery"]

Info = strawberry.Info[RequestContext, None]


@strawberry.input
class SuspectDescription:
    height_min: int | None = None
    height_max: int | None = None
    weight_min: int | None = None
    weight_max: int | None = None
    hair: str | None = None
    eye: str | None = None
    race: str | None = None
    gender: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    city: str | None = None
    state: str | None = None
    branch: str | None = None
    incident_types: list[str] = strawberry.field(default_factory=list)
    protectee_id: str | None = None
    occurred_from: str | None = None
    occurred_to: str | None = None


@strawberry.type
class SuspectHit:
    entity_id: str | None
    record_id: str
    score: float
    reasons: list[str]

    @strawberry.field
    async def identity(self, info: Info) -> IdentityView | None:
        return await load_identity(info.context, self.entity_id)


@strawberry.type
class SubjectOfInterest:
    subject: SubjectView
    latest: str | None
    interests: list[str]
    incidents: list[IncidentView]
    cases: list[CaseView]


def _up(value: str | None) -> str | None:
    return value.strip().upper() if value else None


def _range(low: int | None, high: int | None) -> tuple[int | None, int | None]:
    # An open end is as wide as any stored value can be (heights, weights, ages are bounded).
    if low is None and high is None:
        return None, None
    return (low if low is not None else 0), (high if high is not None else 10_000)


def _tier_by(d: SuspectDescription, height_min: int | None) -> str | None:
    """The index through which the records meeting every criterion are found
    (cypher/api/suspects.cypher, `$tier_by`), or None for the scan. Any one criterion given
    finds all of them, so the narrowest is taken: a protectee's incidents are a handful, a
    branch's and a type's many, a state's most (at 1M: 0 / 68k / 97k / 320k rows for one
    description); then the height range, then gender and race together (one composite index;
    either alone narrows too little)."""
    for by, given in (
        ("protectee", d.protectee_id),
        ("branch", d.branch),
        ("incident_types", d.incident_types),
        ("state", d.state),
        ("height", height_min is not None),
        ("gender_race", d.gender and d.race),
    ):
        if given:
            return by
    return None


# Records ranked per query before grouping into identities: an identity rarely has more than a
# handful of records, so 20 per wanted identity almost always holds enough distinct ones.
RECORDS_PER_IDENTITY = 20


def _identities(rows: list[dict[str, Any]]) -> list[SuspectHit]:
    """Ranked records grouped into identities, each at its first (best) record, in order."""
    best: dict[str, SuspectHit] = {}
    for r in rows:
        key = r["entity_id"] or r["record_id"]
        if key not in best:
            best[key] = SuspectHit(
                entity_id=r["entity_id"],
                record_id=r["record_id"],
                score=float(r["score"]),
                reasons=list(r["reasons"]),
            )
    return list(best.values())


async def _ranked_identities(
    ctx: RequestContext, params: dict[str, object], wanted: int
) -> list[SuspectHit]:
    """Up to `wanted` identities in rank order, each at its best-ranked record. Records come
    ranked, so the first `wanted` distinct identities in that order are exactly the answer; when
    the top records hold fewer and more records exist, the query runs again with a deeper cut."""
    records = wanted * RECORDS_PER_IDENTITY
    while True:
        rows = await read(ctx.graph, "api/suspects", **params, records=records)
        found = _identities(rows)
        if len(found) >= wanted or len(rows) < records:
            return found[:wanted]
        records *= 10


async def _from_top_tier(
    ctx: RequestContext, params: dict[str, object], wanted: int, top_tier: int
) -> list[SuspectHit] | None:
    """The answer from the records that meet every criterion given, or None when it needs the
    scan.

    Those records all score the sum of the given weights and every other record scores less
    (under the 1.0 cap), so they lead the ranking, by record id as in the scan. They are read
    through the indexes of the relational criteria instead of by reading every Subject: at a
    million subjects that is what spares an investigator the scan. When they hold `wanted`
    identities, those are the answer."""
    tier = {**params, "min_hits": top_tier, "strict": True}
    found = await _ranked_identities(ctx, tier, wanted)
    # fewer: the whole tier holds fewer identities; capped: other records may tie with it
    return found if len(found) == wanted and found[0].score < 1.0 else None


async def _best_per_identity(
    ctx: RequestContext, params: dict[str, object], wanted: int, top_tier: int | None
) -> list[SuspectHit]:
    """The `wanted` best identities, each at its best-ranked record: from the top tier when it
    holds them (`top_tier`: the number of criteria given, when one of them has an index to
    start from), else from the scan."""
    if top_tier is not None:
        found = await _from_top_tier(ctx, params, wanted, top_tier)
        if found is not None:
            return found
    return await _ranked_identities(ctx, {**params, "strict": False}, wanted)


@strawberry.type
class InvestigateQuery:
    # Ranked identities matching a description, with reasons.
    @strawberry.field
    async def suspects(
        self, info: Info, description: SuspectDescription, limit: int = 25
    ) -> list[SuspectHit]:
        ctx, d = info.context, description
        h_min, h_max = _range(d.height_min, d.height_max)
        w_min, w_max = _range(d.weight_min, d.weight_max)
        a_min, a_max = _range(d.age_min, d.age_max)
        by_incident = [d.protectee_id, d.incident_types or None, d.branch]
        given = [
            *by_incident,
            d.city or d.state,
            d.gender,
            d.race,
            d.hair,
            d.eye,
            h_min,
            w_min,
            a_min,
        ]
        criteria = sum(1 for g in given if g is not None)
        # Half the given criteria, at least one: enough to rank, not so strict that incomplete
        # records (the norm) drop out.
        min_hits = max(1, criteria // 2)
        incident_criteria = sum(1 for g in by_incident if g is not None)
        params = dict(
            **ctx.access,
            gender=_up(d.gender),
            race=_up(d.race),
            hair=_up(d.hair),
            eye=_up(d.eye),
            height_min=h_min,
            height_max=h_max,
            weight_min=w_min,
            weight_max=w_max,
            age_min=a_min,
            age_max=a_max,
            year=datetime.now(UTC).year,
            city=d.city,
            state=_up(d.state),
            branch=_up(d.branch),
            incident_types=[t.upper() for t in d.incident_types],
            protectee_id=d.protectee_id,
            incident_criteria=incident_criteria,
            place_asked=bool(d.city or d.state),
            min_hits=min_hits,
            **{"from": d.occurred_from, "to": d.occurred_to},
        )
        wanted = max(1, min(limit, 100))
        params["tier_by"] = _tier_by(d, h_min)
        top_tier = criteria if params["tier_by"] is not None else None
        hits = await _best_per_identity(ctx, params, wanted, top_tier)
        ctx.disclose(*(i for h in hits for i in (h.entity_id, h.record_id)))  # both are answered
        return hits

    # Who threatened or showed interest in a protectee, newest first

    @strawberry.field
    async def subjects_of_interest(
        self, info: Info, protectee_id: str, limit: int = 50
    ) -> list[SubjectOfInterest]:
        ctx = info.context
        rows = await read(
            ctx.graph,
            "api/subjects_of_interest",
            protectee_id=protectee_id,
            **ctx.access,
            limit=max(1, min(limit, 200)),
        )
        out = []
        for r in rows:
            ctx.disclose(r["subject"]["record_id"])
            ctx.disclose(*(i["incident_id"] for i in r["incidents"]))
            ctx.disclose(*(c["case_id"] for c in r["cases"]))
            out.append(
                SubjectOfInterest(
                    subject=SubjectView.build(r["subject"], ctx.visible("Subject")),
                    latest=r["latest"],
                    interests=list(r["interests"]),
                    incidents=[
                        project(IncidentView, i, ctx.visible("Incident")) for i in r["incidents"]
                    ],
                    cases=[project(CaseView, c, ctx.visible("Case")) for c in r["cases"]],
                )
            )
        return out
