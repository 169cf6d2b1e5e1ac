"""Supervision: the resolver's human decisions, retiring and purging cases, the audit log."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

import anyio.to_thread
import strawberry
from graphql import GraphQLError

from api.context import RequestContext, read, write
from api.schema.inputs import gql_error
from idgraph.errors import InputError, NotFoundError

__all__ = ["AdminMutation", "AdminQuery"]

Info = strawberry.Info[RequestContext, None]
MAX_AUDIT_PAGE = 500


def _resolver_service(name: str) -> Callable[..., Any] | None:
    """A function of resolver.service, or None while that module does not provide it."""
    try:
        module = importlib.import_module("resolver.service")
    except ImportError:
        return None
    fn = getattr(module, name, None)
    return fn if callable(fn) else None


def _require_service(name: str) -> Callable[..., Any]:
    fn = _resolver_service(name)
    if fn is None:
        raise GraphQLError(
            f"resolver.service.{name} is not available in this build",
            extensions={"code": "NOT_AVAILABLE"},
        )
    return fn


async def _readable_records(ctx: RequestContext, ids: list[str]) -> dict[str, str | None]:
    rows = await read(ctx.graph, "api/records_visible", ids=ids, **ctx.access)
    found = {r["record_id"]: r["entity_id"] for r in rows}
    if set(ids) - set(found):
        # Same answer for "does not exist" and "not yours to see".
        raise gql_error(NotFoundError("one or more records were not found"))
    return found


@strawberry.type
class DecisionResult:
    ok: bool
    detail: str


@strawberry.type
class CaseChange:
    case_id: str
    incidents: list[str]
    records: list[str]
    identities: list[str]


@strawberry.type
class AuditEventView:
    seq: int
    at: str
    caller: str
    role: str
    purpose: str
    operation: str
    args_digest: str
    disclosed: list[str]
    outcome: str
    prev_hash: str
    hash: str


@strawberry.type
class AuditPage:
    events: list[AuditEventView]
    end_cursor: int | None
    has_next_page: bool


@strawberry.type
class AdminQuery:
    # The audit chain, oldest first, after a sequence number.
    @strawberry.field
    async def audit_events(self, info: Info, first: int = 100, after: int = 0) -> AuditPage:
        limit = max(1, min(first, MAX_AUDIT_PAGE))
        rows = await read(info.context.graph, "api/audit_page", after=after, limit=limit + 1)
        events = [
            AuditEventView(**{k: e[k] for k in AuditEventView.__annotations__})
            for e in (r["event"] for r in rows[:limit])
        ]
        return AuditPage(
            events=events,
            end_cursor=events[-1].seq if events else None,
            has_next_page=len(rows) > limit,
        )


@strawberry.type
class AdminMutation:
    # Record a human decision about two records.
    @strawberry.mutation
    async def judge_pair(
        self, info: Info, left: str, right: str, kind: str, why: str
    ) -> DecisionResult:
        ctx = info.context
        if kind.upper() not in ("SAME", "NOT_SAME", "UNSURE"):
            raise gql_error(InputError("kind must be SAME, NOT_SAME or UNSURE"))
        await _readable_records(ctx, [left, right])
        fn = _require_service("judge_pair")
        call = functools.partial(fn, ctx.graph, left, right, kind.upper(), ctx.caller.sub, why)
        result = await anyio.to_thread.run_sync(call)
        ctx.disclose(left, right)
        return DecisionResult(ok=True, detail=str(result))

    # Split records out of an identity.

    @strawberry.mutation
    async def split_identity(
        self, info: Info, entity_id: str, record_ids: list[str], why: str
    ) -> DecisionResult:
        ctx = info.context
        found = await _readable_records(ctx, record_ids)
        if any(e != entity_id for e in found.values()):
            raise gql_error(NotFoundError("one or more records were not found in that identity"))
        rows = await read(
            ctx.graph, "api/identity_members_readable", entity_id=entity_id, **ctx.access
        )
        fn = _require_service("split_identity")
        call = functools.partial(
            fn,
            ctx.graph,
            entity_id,
            record_ids,
            ctx.caller.sub,
            why,
            readable=[r["record_id"] for r in rows],
        )
        result = await anyio.to_thread.run_sync(call)
        ctx.disclose(entity_id, *record_ids)
        return DecisionResult(ok=True, detail=str(result))

    # Retire a case (hidden from all but supervisors).

    @strawberry.mutation
    async def retire_case(self, info: Info, case_id: str) -> CaseChange:
        ctx = info.context
        rows = await write(
            ctx.graph,
            "api/retire_case",
            case_id=case_id,
            by=ctx.caller.sub,
            compartments=ctx.access["compartments"],
        )
        if not rows:
            raise gql_error(NotFoundError(f"case {case_id} was not found"))
        ctx.disclose(case_id, *rows[0]["incidents"])
        return CaseChange(
            case_id=case_id, incidents=rows[0]["incidents"], records=[], identities=[]
        )

    # Purge a case and all data only it references.

    @strawberry.mutation
    async def purge_case(self, info: Info, case_id: str) -> CaseChange:
        ctx = info.context
        rows = await write(
            ctx.graph,
            "api/purge_case",
            case_id=case_id,
            compartments=ctx.access["compartments"],
        )
        if not rows:
            raise gql_error(NotFoundError(f"case {case_id} was not found"))
        row = rows[0]
        identities = sorted(set(row["identities"]))
        # The identities the purged records were in are dissolved and what they still held is
        # resolved again among itself: a removed record may have been the only bridge, and
        # nothing of it may stay in an identity's facts, evidence or id.
        remaining = await write(ctx.graph, "api/identity_dissolve", ids=identities)
        reresolve = _resolver_service("reresolve")
        if remaining and reresolve is not None:
            record_ids = [r["record_id"] for r in remaining]
            await anyio.to_thread.run_sync(functools.partial(reresolve, ctx.graph, record_ids))
        ctx.disclose(case_id, *row["incident_ids"], *row["record_ids"], *identities)
        return CaseChange(
            case_id=row["case_id"],
            incidents=row["incident_ids"],
            records=row["record_ids"],
            identities=identities,
        )
