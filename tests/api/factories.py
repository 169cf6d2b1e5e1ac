"""Small factories of interchange records for the API tests, and the fixed scenario every
role is checked against. Identities are seeded explicitly (not by running the resolver) so
each visibility assertion names exactly which records form which person."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph

__all__ = ["IDENTITIES", "scenario", "seed_identities", "subject"]


def subject(record_id: str, first: str, last: str, source: str, **extra: Any) -> dict[str, Any]:
    """A subject record; compartments default to the source."""
    return {
        "kind": "subject",
        "record_id": record_id,
        "source": source,
        "first_name": first,
        "last_name": last,
        "compartments": [source],
        **extra,
    }


_DC = {"street": "1 Main St", "city": "Washington", "state": "DC", "postal_code": "20001"}


def scenario() -> list[dict[str, Any]]:
    """The shared fixture graph (see tests/api/test_roles.py for what each role sees)."""
    return [
        {"kind": "protectee", "protectee_id": "P-1", "name": "Protectee One", "source": "PTMS"},
        subject(
            "S-SMITH",
            "John",
            "Smith",
            "PTMS",
            dob="1980-01-02",
            ssn="123-45-6789",
            gender="M",
            race="W",
            height_in=70,
            addresses=[_DC],
            phones=["202-555-0100"],
        ),
        subject(
            "S-DOE",
            "Jane",
            "Doe",
            "PTMS",
            dob="1975-05-05",
            gender="F",
            protected_classes=["ASYLUM"],
        ),
        subject(
            "S-JONES",
            "Carl",
            "Jones",
            "UDLB",
            dob="1990-03-03",
            gender="M",
            race="B",
            height_in=72,
            addresses=[_DC],
        ),
        subject("S-PARK", "Dana", "Park", "UDLB", dob="1985-04-04", gender="F"),
        subject(
            "S-KHAN",
            "Ahmed",
            "Khan",
            "IDENT",
            dob="1985-07-07",
            fin="F100",
            gender="M",
            citizenship="PAK",
        ),
        subject("S-KHAN-P", "Ahmad", "Kahn", "PARTNER", dob="1986-08-08", fin="F100"),
        subject(
            "S-LOPEZ",
            "Maria",
            "Lopez",
            "IDENT",
            dob="1992-02-02",
            fin="F200",
            protected_classes=["T_VISA"],
        ),
        subject("S-BROWN", "Robert", "Brown", "PTMS", dob="1970-10-10"),
        subject("S-BROWN-I", "Robert", "Brown", "IDENT", dob="1970-10-10", fin="F300"),
        subject("S-REF", "Ali", "Hassan", "IDENT", dob="1988-08-08", fin="F400"),
        subject(
            "S-REF-2",
            "Ali",
            "Hasan",
            "IDENT",
            dob="1988-08-08",
            fin="F401",
            protected_classes=["REFUGEE"],
        ),
        {
            "kind": "incident",
            "incident_id": "I-1",
            "system": "PTMS",
            "incident_type": "THREAT",
            "occurred_at": "2024-01-01T10:00:00Z",
            "city": "Washington",
            "state": "DC",
            "subjects": [{"record_id": "S-SMITH", "role": "SUBJECT"}],
            "protectees": [{"protectee_id": "P-1", "interest": "THREAT"}],
        },
        {
            "kind": "incident",
            "incident_id": "I-2",
            "system": "PTMS",
            "incident_type": "THREAT",
            "occurred_at": "2024-02-01T10:00:00Z",
            "subjects": [{"record_id": "S-DOE", "role": "SUBJECT"}],
            "protectees": [{"protectee_id": "P-1", "interest": "INAPPROPRIATE_INTEREST"}],
        },
        {
            "kind": "incident",
            "incident_id": "I-3",
            "system": "UDLB",
            "incident_type": "ARREST",
            "branch": "WHITE_HOUSE",
            "occurred_at": "2024-03-01T10:00:00Z",
            "subjects": [{"record_id": "S-JONES", "role": "ARRESTEE"}],
        },
        {
            "kind": "incident",
            "incident_id": "I-4",
            "system": "UDLB",
            "incident_type": "ARREST",
            "branch": "FOREIGN_MISSIONS",
            "occurred_at": "2024-04-01T10:00:00Z",
            "subjects": [{"record_id": "S-PARK", "role": "ARRESTEE"}],
        },
        {
            "kind": "case",
            "case_id": "C-1",
            "case_number": "PID-1",
            "status": "OPEN",
            "assigned_employees": ["Agent Kay"],
            "opened_on": "2024-01-02",
            "subjects": [{"record_id": "S-SMITH", "role": "SUBJECT"}],
            "protectee_ids": ["P-1"],
            "incident_ids": ["I-1"],
        },
        {
            "kind": "case",
            "case_id": "C-2",
            "case_number": "PID-2",
            "status": "OPEN",
            "subjects": [{"record_id": "S-DOE", "role": "SUBJECT"}],
            "incident_ids": ["I-2"],
        },
        {
            "kind": "encounter",
            "encounter_id": "E-1",
            "fin": "F100",
            "encounter_date": "2023-05-05",
            "subject_record_id": "S-KHAN",
        },
        {
            "kind": "encounter",
            "encounter_id": "E-2",
            "fin": "F200",
            "encounter_date": "2023-06-06",
            "subject_record_id": "S-LOPEZ",
        },
    ]


# entity id -> member record ids
IDENTITIES: dict[str, list[str]] = {
    "E-SMITH": ["S-SMITH"],
    "E-DOE": ["S-DOE"],
    "E-JONES": ["S-JONES"],
    "E-PARK": ["S-PARK"],
    "E-KHAN": ["S-KHAN", "S-KHAN-P"],
    "E-LOPEZ": ["S-LOPEZ"],
    "E-BROWN": ["S-BROWN", "S-BROWN-I"],
    "E-REF": ["S-REF", "S-REF-2"],
}

_SEED_IDENTITY = """
UNWIND $rows AS row
MERGE (i:Identity {entity_id: row.entity_id})
WITH i, row
UNWIND row.members AS rid
MATCH (s:Subject {record_id: rid})
MERGE (s)-[m:MEMBER_OF]->(i)
SET m.score = 0.97, m.rule = 'SCORE', m.reasons = '["same name", "same date of birth"]'
WITH i, collect(s) AS members
SET i.size = size(members),
    i.compartments = reduce(acc = [], s IN members |
        acc + [c IN s.compartments WHERE NOT c IN acc]),
    i.protected = any(s IN members WHERE size(s.protected_classes) > 0),
    i.possible_identity_fraud = size(members) > 1
      AND size(reduce(acc = [], s IN members | acc + [s.fin_norm])) > 0
      AND any(a IN members WHERE any(b IN members WHERE a.fin_norm = b.fin_norm
              AND a.full_key <> b.full_key))
"""


def seed_identities(graph: Graph, identities: dict[str, list[str]]) -> None:
    """Write Identity nodes and MEMBER_OF edges as the resolver would (test-only statement)."""
    rows = [{"entity_id": e, "members": m} for e, m in identities.items()]
    # Whatever the resolver decided on arrival gives way to the scenario's identities.
    graph.driver.execute_query("MATCH (i:Identity) DETACH DELETE i", database_=graph.database)
    graph.driver.execute_query(_SEED_IDENTITY, {"rows": rows}, database_=graph.database)
