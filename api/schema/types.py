"""GraphQL output types, built from Cypher rows through the role's field projection: a field the
role may not see is null, whatever the row held."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, TypeVar

import strawberry

__all__ = [
    "AddressView",
    "CaseView",
    "EncounterView",
    "IncidentView",
    "MemberEvidence",
    "SubjectView",
    "camel",
    "plain",
    "project",
]

T = TypeVar("T")


def camel(name: str) -> str:
    """GraphQL name of a Python attribute (strawberry's auto camel case)."""
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def plain(value: Any) -> Any:
    """Neo4j temporal values become ISO strings; lists keep their items plain."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list):
        return [plain(v) for v in value]
    return str(value)


def project(cls: type[T], row: dict[str, Any], visible: frozenset[str], **extra: Any) -> T:
    """An instance of `cls` holding only the fields in `visible`; the rest are null."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in extra:
            values[f.name] = extra[f.name]
        elif camel(f.name) in visible:
            values[f.name] = plain(row.get(f.name))
        else:
            values[f.name] = None
    return cls(**values)


@strawberry.type
class AddressView:
    street: str | None
    city: str | None
    state: str | None
    postal_code: str | None
    country: str | None


@strawberry.type
class SubjectView:
    """A person as one source recorded them."""

    record_id: str | None
    entity_id: str | None
    source: str | None
    first_name: str | None
    middle_name: str | None
    last_name: str | None
    name_suffix: str | None
    aliases: list[str] | None
    dob: str | None
    gender: str | None
    ssn: str | None
    a_number: str | None
    fin: str | None
    partner_id: str | None
    passport: str | None
    country_of_birth: str | None
    citizenship: str | None
    race: str | None
    hair_color: str | None
    eye_color: str | None
    height_in: int | None
    weight_lb: int | None
    immigration_status: str | None
    watchlist_status: str | None
    observed_at: str | None
    compartments: list[str] | None
    protected_classes: list[str] | None
    addresses: list[AddressView] | None
    phones: list[str] | None

    @classmethod
    def build(cls, row: dict[str, Any], visible: frozenset[str]) -> SubjectView:
        addresses = None
        if "addresses" in visible:
            addresses = [
                AddressView(
                    street=a.get("street"),
                    city=a.get("city"),
                    state=a.get("state"),
                    postal_code=a.get("postal_code"),
                    country=a.get("country"),
                )
                for a in row.get("addresses") or []
            ]
        # The entity id links records to an identity; every role that sees a subject sees it.
        return project(cls, row, visible, addresses=addresses, entity_id=row.get("entity_id"))


@strawberry.type
class CaseView:
    case_id: str | None
    case_number: str | None
    title: str | None
    status: str | None
    case_type: str | None
    office: str | None
    assigned_employees: list[str] | None
    opened_on: str | None
    closed_on: str | None
    judicial_action_dates: list[str] | None
    physical_file: bool | None
    role: str | None = strawberry.field(description="the person's role in the case")


@strawberry.type
class IncidentView:
    incident_id: str | None
    system: str | None
    incident_type: str | None
    branch: str | None
    sector: str | None
    location: str | None
    city: str | None
    state: str | None
    occurred_at: str | None
    status: str | None
    reporting_officer: str | None
    approver: str | None
    injury_detail: str | None
    arrest_charges: list[str] | None
    hate_crime: bool | None
    drug: bool | None
    violent: bool | None
    gun: bool | None
    role: str | None


@strawberry.type
class EncounterView:
    encounter_id: str | None
    fin: str | None
    encounter_date: str | None
    collected_by: str | None


@strawberry.type
class MemberEvidence:
    """Why one record belongs to its identity (the resolver's MEMBER_OF evidence)."""

    record_id: str
    rule: str | None
    score: float | None
    reasons: list[str]

    @classmethod
    def build(cls, member: dict[str, Any]) -> MemberEvidence:
        raw = member.get("reasons")
        reasons: list[str]
        try:
            decoded = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            decoded = raw
        if isinstance(decoded, list):
            reasons = [r if isinstance(r, str) else json.dumps(r) for r in decoded]
        elif decoded is None:
            reasons = []
        else:
            reasons = [decoded if isinstance(decoded, str) else json.dumps(decoded)]
        score = member.get("score")
        return cls(
            record_id=str(member["subject"]["record_id"]),
            rule=member.get("rule"),
            score=float(score) if isinstance(score, int | float) else None,
            reasons=reasons,
        )
