"""Record models: defaults, closed sets, cross-field rules and the normalised subject view."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from loaders.models import (
    Case,
    Encounter,
    Incident,
    PartnerRequest,
    Protectee,
    SubjectRecord,
    record_key,
)
from loaders.normalised import normalised_subject, subject_links
from tests.unit.factories import (
    case_row,
    encounter_row,
    incident_row,
    partner_request_row,
    subject_row,
)


def _error_fields(model: Any, row: dict[str, Any]) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(row)
    return {".".join(str(p) for p in e["loc"]) for e in caught.value.errors()}


def test_subject_defaults_compartments_to_source_and_reads_codes_case_insensitively() -> None:
    subject = SubjectRecord.model_validate(
        subject_row(source="ptms", gender="f", protected_classes=["asylum"], citizenship="mex")
    )
    assert subject.source == "PTMS"
    assert subject.compartments == ["PTMS"]
    assert (subject.gender, subject.protected_classes, subject.citizenship) == (
        "F",
        ["ASYLUM"],
        "MEX",
    )


def test_subject_phones_accept_strings_and_objects() -> None:
    subject = SubjectRecord.model_validate(
        subject_row(phones=["202-555-0142", {"number": "+44 20 7946 0958", "kind": "Office"}])
    )
    assert [(p.number, p.kind) for p in subject.phones] == [
        ("202-555-0142", "unknown"),
        ("+44 20 7946 0958", "office"),
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"dob": "1985-13-02"}, "dob"),
        ({"gender": "Q"}, "gender"),
        ({"record_id": 17}, "record_id"),
        ({"height_in": 180}, "height_in"),
        ({"citizenship": "US"}, "citizenship"),
        ({"protected_classes": ["H1B"]}, "protected_classes.0"),
        ({"dateofbirth": "1985"}, "dateofbirth"),
        ({"addresses": [{"town": "x"}]}, "addresses.0.town"),
    ],
)
def test_subject_rejects_bad_fields_by_name(overrides: dict[str, Any], field: str) -> None:
    assert field in _error_fields(SubjectRecord, subject_row(**overrides))


def test_subject_requires_source_and_record_id() -> None:
    row = subject_row()
    del row["source"], row["record_id"]
    assert _error_fields(SubjectRecord, row) >= {"source", "record_id"}


def test_case_dates_must_be_in_order_and_status_closed_set() -> None:
    assert "closed_on" in _error_fields(Case, case_row(closed_on="2023-12-31"))
    assert "status" in _error_fields(Case, case_row(status="PENDING"))
    case = Case.model_validate(case_row())
    assert (case.source, case.compartments, case.subjects[0].role) == ("PTMS", ["PTMS"], "SUSPECT")


def test_incident_type_and_branch_fit_the_system() -> None:
    incident = Incident.model_validate(incident_row())
    assert (incident.source, incident.compartments) == ("UDLB", ["UDLB"])
    assert "branch" in _error_fields(Incident, incident_row(branch=None))
    assert "incident_type" in _error_fields(Incident, incident_row(incident_type="HIJACKING"))
    ptms = incident_row(system="PTMS", incident_type="THREAT")
    assert "branch" in _error_fields(Incident, ptms)
    assert Incident.model_validate({**ptms, "branch": None}).source == "PTMS"


def test_partner_data_defaults_to_the_partner_compartment() -> None:
    assert Encounter.model_validate(encounter_row(collected_by="can")).compartments == ["PARTNER"]
    assert Encounter.model_validate(encounter_row()).compartments == ["IDENT"]
    request = PartnerRequest.model_validate(partner_request_row())
    assert (request.source, request.compartments) == ("CPMS", ["PARTNER"])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sequence": 4}, "sequence"),
        ({"partner_country": "FRA"}, "partner_country"),
        ({"reason": "TOURIST"}, "reason"),
        ({"priority": "URGENT"}, "priority"),
        ({"response": {"response_id": "R", "result": "MAYBE"}}, "response.result"),
    ],
)
def test_partner_request_closed_sets(overrides: dict[str, Any], field: str) -> None:
    assert field in _error_fields(PartnerRequest, partner_request_row(**overrides))


def test_first_request_follows_nothing() -> None:
    with pytest.raises(ValidationError, match="follows nothing"):
        PartnerRequest.model_validate(partner_request_row(sequence=1))


def test_record_key_per_kind() -> None:
    protectee = Protectee.model_validate({"protectee_id": "PROT-1", "name": "P"})
    assert record_key(protectee) == ("protectee", "PROT-1")
    assert record_key(SubjectRecord.model_validate(subject_row())) == ("subject", "PTMS-1")


def test_normalised_subject_keeps_raw_and_adds_forms() -> None:
    row = subject_row(last_name="García López Jr.", dob="1970-01-01", ssn="078-05-1120")
    props = normalised_subject(SubjectRecord.model_validate(row))
    assert props["last_name"] == "García López Jr."
    assert (props["first_key"], props["last_key"], props["full_key"]) == (
        "jose",
        "garcia lopez",
        "jose garcia lopez",
    )
    assert (props["surname_key"], props["suffix_key"]) == ("garcia lopez", "JR")
    assert (props["dob_year"], props["dob_month"], props["dob_day"]) == (1970, 1, 1)
    assert props["dob_placeholder"] is True
    assert (props["ssn_norm"], props["ssn_valid"]) == ("078051120", False)
    assert (props["a_number_norm"], props["fin_norm"]) == ("012345678", "F123456")
    assert props["phones_e164"] == ["+12025550142"]
    assert props["address_keys"] == ["12 n main st|washington|dc|20500|usa"]
    assert (props["name_soundex"], props["name_nysiis"]) == ("G620", "GARC")
    assert all(not isinstance(v, dict) for v in props.values())


def test_subject_links_skip_unparseable_values() -> None:
    row = subject_row(phones=["n/a", {"number": "202 555 0142", "kind": "home"}], ssn="12")
    links = subject_links(SubjectRecord.model_validate(row))
    assert links.phones == [{"e164": "+12025550142", "raw": "202 555 0142", "kind": "home"}]
    assert {i["id_key"] for i in links.identifiers} == {"FIN:F123456", "A_NUMBER:012345678"}
    assert links.addresses[0]["address_key"].startswith("12 n main st")
