"""The resolved person, as the caller may see it: readable members only, role-projected fields,
flags only for roles the policy shows them to."""

from __future__ import annotations

from typing import Any

import strawberry

from api.context import RequestContext
from api.schema.types import (
    CaseView,
    EncounterView,
    IncidentView,
    MemberEvidence,
    SubjectView,
    project,
)

__all__ = ["IdentityView", "build_identity", "load_identity"]


@strawberry.type
class IdentityView:
    entity_id: str
    size: int = strawberry.field(description="number of records the caller may read")
    possible_identity_fraud: bool | None
    protected: bool | None
    records: list[SubjectView]
    cases: list[CaseView]
    incidents: list[IncidentView]
    encounters: list[EncounterView]
    why: list[MemberEvidence] = strawberry.field(
        description="per record: the rule, score and reasons that put it in this identity"
    )


def build_identity(row: dict[str, Any], ctx: RequestContext) -> IdentityView:
    """Project one `api/identities` row for the caller, noting what is disclosed."""
    flags = ctx.caller.policy.flags
    members = row["members"]
    ctx.disclose(row["entity_id"], *(m["subject"]["record_id"] for m in members))
    cases = [project(CaseView, c, ctx.visible("Case")) for c in row["cases"]]
    incidents = [project(IncidentView, i, ctx.visible("Incident")) for i in row["incidents"]]
    encounters = [project(EncounterView, e, ctx.visible("Encounter")) for e in row["encounters"]]
    # Only related nodes whose fields the role may see are disclosed (others come back empty).
    if ctx.visible("Case"):
        ctx.disclose(*(c["case_id"] for c in row["cases"]))
    if ctx.visible("Incident"):
        ctx.disclose(*(i["incident_id"] for i in row["incidents"]))
    if ctx.visible("Encounter"):
        ctx.disclose(*(e["encounter_id"] for e in row["encounters"]))
    return IdentityView(
        entity_id=row["entity_id"],
        size=len(members),
        possible_identity_fraud=(
            bool(row["possible_identity_fraud"]) if "possibleIdentityFraud" in flags else None
        ),
        protected=bool(row["protected"]) if "protected" in flags else None,
        records=[SubjectView.build(m["subject"], ctx.visible("Subject")) for m in members],
        cases=cases if ctx.visible("Case") else [],
        incidents=incidents if ctx.visible("Incident") else [],
        encounters=encounters if ctx.visible("Encounter") else [],
        why=[MemberEvidence.build(m) for m in members],
    )


async def load_identity(ctx: RequestContext, entity_id: str | None) -> IdentityView | None:
    """The identity through the request's DataLoader (batched with its siblings)."""
    if not entity_id:
        return None
    row = await ctx.identities.load(entity_id)
    return build_identity(row, ctx) if row is not None else None
