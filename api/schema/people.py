"""Person lookups: nameCheck (system callers), searchSubjects, matchPerson, identity."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry

from api.context import RequestContext, read
from api.schema.identity import IdentityView, load_identity
from api.schema.inputs import decode_cursor, encode_cursor, lucene_names, person_keys
from api.schema.types import SubjectView

__all__ = ["PeopleQuery"]

Info = strawberry.Info[RequestContext, None]
CONTACT_PID = "Contact PID (Protective Intelligence and Assessment Division) before acting."
# Ranked matches kept per search; deeper pages are refined searches, not scrolling.
SEARCH_CAP = 1000
MAX_PAGE = 100


@strawberry.type
class NameCheckResult:
    """Everything a name check ever answers (DOMAIN rule 3)."""

    check_id: str
    open_case: bool
    person_of_interest: bool
    contact: str


@strawberry.input
class SubjectSearch:
    first_name: str | None = None
    last_name: str | None = None
    dob: str | None = strawberry.field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    gender: str | None = None
    ssn: str | None = None
    a_number: str | None = None
    fin: str | None = None
    assigned_employee: str | None = None
    opened_from: str | None = None
    opened_to: str | None = None
    closed_from: str | None = None
    closed_to: str | None = None
    judicial_action_from: str | None = None
    judicial_action_to: str | None = None
    protectee_id: str | None = None
    incident_type: str | None = None
    activity_from: str | None = None
    activity_to: str | None = None


@strawberry.type
class SubjectEdge:
    cursor: str
    score: float
    node: SubjectView


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class SubjectConnection:
    edges: list[SubjectEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="readable matches, at most 1000")


@strawberry.type
class Candidate:
    entity_id: str | None
    record_id: str
    score: float
    reasons: list[str]

    @strawberry.field
    async def identity(self, info: Info) -> IdentityView | None:
        return await load_identity(info.context, self.entity_id)


def _search_params(f: SubjectSearch) -> dict[str, Any]:
    keys = person_keys(
        first=f.first_name,
        last=f.last_name,
        ssn_raw=f.ssn,
        fin_raw=f.fin,
        a_number_raw=f.a_number,
        gender=f.gender,
    )
    case_values = (
        f.assigned_employee,
        f.opened_from,
        f.opened_to,
        f.closed_from,
        f.closed_to,
        f.judicial_action_from,
        f.judicial_action_to,
        f.protectee_id,
    )
    incident_values = (f.incident_type, f.activity_from, f.activity_to)
    return {
        "lucene": lucene_names(f.first_name, f.last_name),
        "nysiis": keys.nysiis,
        "first_key": keys.first_key,
        "last_key": keys.last_key,
        "dob": f.dob.strip() if f.dob else None,
        "ssn": keys.ssn,
        "a_number": keys.a_number,
        "fin": keys.fin,
        "gender": keys.gender,
        "case_filter": any(v is not None for v in case_values),
        "employee": f.assigned_employee,
        "opened_from": f.opened_from,
        "opened_to": f.opened_to,
        "closed_from": f.closed_from,
        "closed_to": f.closed_to,
        "judicial_from": f.judicial_action_from,
        "judicial_to": f.judicial_action_to,
        "protectee_id": f.protectee_id,
        "incident_filter": any(v is not None for v in incident_values),
        "incident_type": f.incident_type.upper() if f.incident_type else None,
        "activity_from": f.activity_from,
        "activity_to": f.activity_to,
    }


@strawberry.type
class PeopleQuery:
    # ALIS/eCheck: open case? person of interest? Nothing else.
    @strawberry.field
    async def name_check(
        self,
        info: Info,
        first_name: str,
        last_name: str,
        dob: str,
        middle_name: str | None = None,
        ssn: str | None = None,
        gender: str | None = None,
    ) -> NameCheckResult:
        ctx = info.context
        keys = person_keys(first=first_name, last=last_name, dob=dob, ssn_raw=ssn, gender=gender)
        rows = await read(ctx.graph, "api/name_check", **keys.params(), **ctx.access)
        row: dict[str, Any] = (
            rows[0] if rows else {"open_case": False, "person_of_interest": False, "matched": []}
        )
        check_id = f"nc-{uuid.uuid4()}"
        # The audit names the records the answer was about; the caller gets only booleans.
        ctx.disclose(check_id, *(f"matched:{r}" for r in row["matched"]))
        return NameCheckResult(
            check_id=check_id,
            open_case=bool(row["open_case"]),
            person_of_interest=bool(row["person_of_interest"]),
            contact=CONTACT_PID,
        )

    # Subjects by PII and case attributes, ranked, paginated.

    @strawberry.field
    async def search_subjects(
        self, info: Info, filter: SubjectSearch, first: int = 20, after: str | None = None
    ) -> SubjectConnection:
        ctx = info.context
        offset = decode_cursor(after)
        limit = max(1, min(first, MAX_PAGE))
        rows = await read(
            ctx.graph,
            "api/search_subjects",
            **_search_params(filter),
            **ctx.access,
            offset=offset,
            limit=limit,
            cap=SEARCH_CAP,
        )
        total = int(rows[0]["total"]) if rows else 0
        page = rows[0]["page"] if rows else []
        visible = ctx.visible("Subject")
        edges = []
        for n, hit in enumerate(page):
            ctx.disclose(hit["subject"]["record_id"], hit["subject"].get("entity_id"))
            edges.append(
                SubjectEdge(
                    cursor=encode_cursor(offset + n),
                    score=float(hit["score"]),
                    node=SubjectView.build(hit["subject"], visible),
                )
            )
        end = edges[-1].cursor if edges else None
        return SubjectConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=offset + len(edges) < total, end_cursor=end),
            total_count=total,
        )

    # Candidate identities for a described person, with reasons.

    @strawberry.field
    async def match_person(
        self,
        info: Info,
        first_name: str | None = None,
        last_name: str | None = None,
        dob: str | None = None,
        gender: str | None = None,
        ssn: str | None = None,
        fin: str | None = None,
        a_number: str | None = None,
        limit: int = 10,
    ) -> list[Candidate]:
        ctx = info.context
        keys = person_keys(
            first=first_name,
            last=last_name,
            dob=dob,
            ssn_raw=ssn,
            fin_raw=fin,
            a_number_raw=a_number,
            gender=gender,
        )
        # A candidate needs more than a shared gender or birth year (0.1 = one weak feature).
        rows = await read(
            ctx.graph,
            "api/match_person",
            **keys.params(),
            **ctx.access,
            min_score=0.1,
            limit=max(1, min(limit, 50)),
        )
        ctx.disclose(*(i for r in rows for i in (r["entity_id"], r["record_id"])))  # both answered
        return [
            Candidate(
                entity_id=r["entity_id"],
                record_id=r["record_id"],
                score=float(r["score"]),
                reasons=list(r["reasons"]),
            )
            for r in rows
        ]

    # A resolved person with records, cases and the why.

    @strawberry.field
    async def identity(self, info: Info, id: strawberry.ID) -> IdentityView | None:
        return await load_identity(info.context, str(id))
