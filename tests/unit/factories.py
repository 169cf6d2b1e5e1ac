"""Small factories for input records: a valid dict per kind, overridable field by field."""

from __future__ import annotations

from typing import Any

__all__ = ["case_row", "encounter_row", "incident_row", "partner_request_row", "subject_row"]


def subject_row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": "subject",
        "source": "PTMS",
        "record_id": "PTMS-1",
        "first_name": "José",
        "last_name": "García López",
        "dob": "1985-02-13",
        "gender": "M",
        "ssn": "123-45-6780",
        "a_number": "A-012-345-678",
        "fin": "f-123 456",
        "phones": ["(202) 555-0142"],
        "addresses": [
            {
                "street": "12 North Main Street",
                "city": "Washington",
                "state": "DC",
                "postal_code": "20500",
            }
        ],
    }
    row.update(overrides)
    return row


def case_row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": "case",
        "case_id": "CASE-1",
        "case_number": "PID-2024-00001",
        "opened_on": "2024-01-02",
        "subjects": [{"record_id": "PTMS-1", "role": "SUSPECT"}],
        "protectee_ids": ["PROT-0001"],
        "incident_ids": ["INC-1"],
    }
    row.update(overrides)
    return row


def incident_row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": "incident",
        "incident_id": "UDLB-1",
        "system": "UDLB",
        "incident_type": "ARREST",
        "branch": "WHITE_HOUSE",
        "sector": "North Fence",
        "arrest_charges": ["Unlawful entry"],
        "subjects": [{"record_id": "UDLB-7", "role": "ARRESTEE"}],
    }
    row.update(overrides)
    return row


def encounter_row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": "encounter",
        "encounter_id": "EID-1",
        "fin": "F1",
        "subject_record_id": "IDENT-1",
    }
    row.update(overrides)
    return row


def partner_request_row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": "partner_request",
        "request_id": "REQ-2",
        "partner_country": "CAN",
        "sequence": 2,
        "follows_request_id": "REQ-1",
        "reason": "REFUGEE_CLAIMANT",
        "subject_record_id": "PARTNER-1",
        "response": {"response_id": "RSP-2", "result": "NO_MATCH"},
    }
    row.update(overrides)
    return row
