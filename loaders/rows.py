"""Turn validated records into the rows the load statements write: node properties (with a
content hash for idempotency) and the links each record asks for.

Pure: no database here, so the shapes are unit-testable and the writer stays thin."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from loaders.event_models import Case, Encounter, Incident, PartnerRequest, Protectee
from loaders.models import Record, SubjectRecord
from loaders.normalised import normalised_subject, subject_links
from normalize import fin as normalised_fin

__all__ = [
    "LINK_KINDS",
    "Link",
    "NodeRows",
    "content_hash",
    "distinct_attributes",
    "distinct_items",
    "node_rows",
]

# Every link a record can ask for: kind -> (statement that makes it). The statement MATCHes both
# ends by key, makes the relationship and returns the rows whose far end is not loaded yet.
LINK_KINDS = (
    "case_subject",
    "case_protectee",
    "case_incident",
    "incident_subject",
    "incident_protectee",
    "encounter_subject",
    "request_subject",
    "request_encounter",
    "request_follows",
)


@dataclass(frozen=True)
class Link:
    """One relationship a record asks for, by the keys of both ends."""

    kind: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Identity of the link, so holding it twice keeps one."""
        role = self.props.get("role") or self.props.get("interest") or ""
        return f"{self.kind}|{self.source}|{self.target}|{role}"

    def row(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "from": self.source,
            "to": self.target,
            "props": self.props,
        }


@dataclass(frozen=True)
class NodeRows:
    """What one record writes: its node row and the links it asks for."""

    kind: str
    row: dict[str, Any]
    links: list[Link]


def content_hash(record: Record) -> str:
    """A digest of the record as given: equal for an unchanged record, on any run."""
    # pydantic's serialiser writes fields in declaration order, so the bytes are canonical.
    return hashlib.sha256(record.model_dump_json().encode("utf-8")).hexdigest()


def distinct_items(items: Iterable[dict[str, Any]], key_field: str) -> dict[str, dict[str, Any]]:
    """Attribute items by their `key_field`; where a key repeats, the first item wins."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        out.setdefault(item[key_field], item)
    return out


def distinct_attributes(
    rows: Iterable[dict[str, Any]], field: str, key_field: str
) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], dict[str, Any]]]:
    """The distinct attribute items (`addresses`, `phones` or `identifiers`) of subject rows by
    key, and one link per (subject, key); where a value repeats, the first item wins."""
    rows = list(rows)
    nodes = distinct_items((item for row in rows for item in row[field]), key_field)
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        for key, item in distinct_items(row[field], key_field).items():
            links.setdefault(
                (row["key"], key), {"subject": row["key"], "key": key, "kind": item.get("kind")}
            )
    return nodes, links


def _common(record: Record) -> dict[str, Any]:
    return {
        "source": record.source,
        "compartments": record.compartments,
        "protected_classes": record.protected_classes,
        "observed_at": record.observed_at.isoformat() if record.observed_at else None,
    }


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def node_rows(record: Record) -> NodeRows:
    """The node row (`key`, `hash`, `props`, extra link rows) and links of one record."""
    digest = content_hash(record)
    if isinstance(record, SubjectRecord):
        attributes = subject_links(record)
        props = {
            k: v
            for k, v in normalised_subject(record, attributes).items()
            if v is not None and v != []
        }  # absent, not null: fewer properties to write
        return NodeRows(
            "subject",
            {
                "key": record.record_id,
                "hash": digest,
                "props": props,
                "addresses": attributes.addresses,
                "phones": attributes.phones,
                "identifiers": attributes.identifiers,
            },
            [],
        )
    if isinstance(record, Protectee):
        props = {
            **_common(record),
            "name": record.name,
            "title": record.title,
            "protection_class": record.protection_class,
        }
        return NodeRows(
            "protectee", {"key": record.protectee_id, "hash": digest, "props": props}, []
        )
    if isinstance(record, Case):
        return _case_rows(record, digest)
    if isinstance(record, Incident):
        return _incident_rows(record, digest)
    if isinstance(record, Encounter):
        props = {
            **_common(record),
            "fin": record.fin,
            # compared with subjects' FINs: a partner gets no match for a protected body
            "fin_norm": normalised_fin(record.fin),
            "collected_by": record.collected_by,
            "encounter_date": _iso(record.encounter_date),
        }
        links = (
            [Link("encounter_subject", record.encounter_id, record.subject_record_id)]
            if record.subject_record_id
            else []
        )
        return NodeRows(
            "encounter", {"key": record.encounter_id, "hash": digest, "props": props}, links
        )
    return _request_rows(record, digest)


def _case_rows(case: Case, digest: str) -> NodeRows:
    props = {
        **_common(case),
        "case_number": case.case_number,
        "title": case.title,
        "status": case.status,
        "case_type": case.case_type,
        "office": case.office,
        "assigned_employees": case.assigned_employees,
        # One string of all names lets the text index answer "cases assigned to ..." fast.
        "assigned_employees_text": " | ".join(case.assigned_employees).lower(),
        "opened_on": _iso(case.opened_on),
        "closed_on": _iso(case.closed_on),
        "judicial_action_dates": [d.isoformat() for d in case.judicial_action_dates],
        "physical_file": case.physical_file,
    }
    links = [
        Link("case_subject", case.case_id, s.record_id, {"role": s.role}) for s in case.subjects
    ]
    links += [Link("case_protectee", case.case_id, p) for p in case.protectee_ids]
    links += [Link("case_incident", case.case_id, i) for i in case.incident_ids]
    return NodeRows("case", {"key": case.case_id, "hash": digest, "props": props}, links)


def _incident_rows(incident: Incident, digest: str) -> NodeRows:
    props = {
        **_common(incident),
        "system": incident.system,
        "incident_type": incident.incident_type,
        "branch": incident.branch,
        "sector": incident.sector,
        "location": incident.location,
        "city": incident.city,
        "state": incident.state,
        "occurred_at": _iso(incident.occurred_at),
        "status": incident.status,
        "reporting_officer": incident.reporting_officer,
        "approver": incident.approver,
        "injury_detail": incident.injury_detail,
        "arrest_charges": incident.arrest_charges,
        "hate_crime": incident.hate_crime,
        "drug": incident.drug,
        "violent": incident.violent,
        "gun": incident.gun,
    }
    links = [
        Link("incident_subject", incident.incident_id, s.record_id, {"role": s.role})
        for s in incident.subjects
    ]
    links += [
        Link("incident_protectee", incident.incident_id, p.protectee_id, {"interest": p.interest})
        for p in incident.protectees
    ]
    return NodeRows(
        "incident", {"key": incident.incident_id, "hash": digest, "props": props}, links
    )


def _request_rows(request: PartnerRequest, digest: str) -> NodeRows:
    props = {
        **_common(request),
        "partner_country": request.partner_country,
        "direction": request.direction,
        "sequence": request.sequence,
        "requestor": request.requestor,
        "contact": request.contact,
        "requested_on": _iso(request.requested_on),
        "reason": request.reason,
        "priority": request.priority,
        "foreign_fingerprint_id": request.foreign_fingerprint_id,
    }
    response = None
    if request.response is not None:
        r = request.response
        response = {
            "response_id": r.response_id,
            "result": r.result,
            "reviewer": r.reviewer,
            "responded_on": _iso(r.responded_on),
            "released_elements": r.released_elements,
        }
    links = []
    if request.subject_record_id:
        links.append(Link("request_subject", request.request_id, request.subject_record_id))
    if request.encounter_id:
        links.append(Link("request_encounter", request.request_id, request.encounter_id))
    if request.follows_request_id:
        links.append(Link("request_follows", request.request_id, request.follows_request_id))
    row = {"key": request.request_id, "hash": digest, "props": props, "response": response}
    return NodeRows("partner_request", row, links)
