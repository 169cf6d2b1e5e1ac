"""Models of the kinds that refer to people: protectee, case, incident, encounter, partner request.

They point at people by subject `record_id` only, never by resolved identity (interchange spec).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from loaders.codes import (
    PTMS_INCIDENT_TYPES,
    UDLB_INCIDENT_TYPES,
    Branch,
    CaseStatus,
    CaseType,
    CollectedBy,
    Direction,
    IncidentStatus,
    IncidentSystem,
    IncidentType,
    Interest,
    PartnerCountry,
    Priority,
    Reason,
    ResponseResult,
    values,
)
from loaders.model_base import Id, RecordBase, Short, StrictModel, SubjectLink, Text

__all__ = [
    "Case",
    "Encounter",
    "Incident",
    "IncidentProtectee",
    "PartnerRequest",
    "PartnerResponse",
    "Protectee",
]


class Protectee(RecordBase):
    """A person under protection; supervisors create and edit them."""

    default_source = "PTMS"
    kind: Literal["protectee"] = "protectee"
    protectee_id: Id
    name: Annotated[Short, Field(min_length=1)]
    title: str | None = None
    protection_class: str | None = None


ASSIGNED_EMPLOYEES_MAX = 8_000  # characters, joined: under the 32 KB text index cap at 4 bytes


class Case(RecordBase):
    """A PTMS case with the people, protectees and incidents it concerns."""

    default_source = "PTMS"
    kind: Literal["case"] = "case"
    case_id: Id
    case_number: Text
    title: str | None = None
    status: CaseStatus = "OPEN"
    case_type: CaseType = "INVESTIGATIVE"
    office: str | None = None
    assigned_employees: list[Text] = Field(default_factory=list)
    opened_on: date | None = None
    closed_on: date | None = None
    judicial_action_dates: list[date] = Field(default_factory=list)
    physical_file: bool = False
    subjects: list[SubjectLink] = Field(default_factory=list)
    protectee_ids: list[Id] = Field(default_factory=list)
    incident_ids: list[Id] = Field(default_factory=list)

    @field_validator("assigned_employees")
    @classmethod
    def _employees_fit_their_index(cls, value: list[str]) -> list[str]:
        # They are searched through one text index value, which Neo4j caps at 32 KB.
        total = sum(len(name) + 3 for name in value)
        if total > ASSIGNED_EMPLOYEES_MAX:
            raise ValueError(
                f"the assigned employees run to {total:,} characters, more than the "
                f"{ASSIGNED_EMPLOYEES_MAX:,} their search index takes; list the people assigned"
            )
        return value

    @field_validator("closed_on")
    @classmethod
    def _closed_after_opened(cls, value: date | None, info: ValidationInfo) -> date | None:
        opened = info.data.get("opened_on")
        if value and opened and value < opened:
            raise ValueError(f"{value} is before opened_on {opened}; correct either date")
        return value


class IncidentProtectee(StrictModel):
    protectee_id: Id
    interest: Interest = "THREAT"


class Incident(RecordBase):
    """A PTMS or UDLB incident; UDLB incidents happen at a branch."""

    kind: Literal["incident"] = "incident"
    incident_id: Id
    system: IncidentSystem
    incident_type: IncidentType
    # validate_default: a UDLB incident without a branch must fail on the branch field.
    branch: Branch | None = Field(default=None, validate_default=True)
    sector: str | None = None
    location: str | None = None
    city: str | None = None
    state: str | None = None
    occurred_at: datetime | None = None
    status: IncidentStatus = "OPEN"
    reporting_officer: str | None = None
    approver: str | None = None
    injury_detail: str | None = None
    arrest_charges: list[Text] = Field(default_factory=list)
    hate_crime: bool = False
    drug: bool = False
    violent: bool = False
    gun: bool = False
    subjects: list[SubjectLink] = Field(default_factory=list)
    protectees: list[IncidentProtectee] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _source_defaults_to_system(cls, data: Any) -> Any:
        system = data.get("system") if isinstance(data, dict) else None
        if isinstance(data, dict) and not data.get("source") and isinstance(system, str):
            upper = system.strip().upper()
            data = {**data, "source": upper}
            if not data.get("compartments"):
                data["compartments"] = [upper]
        return data

    @field_validator("incident_type")
    @classmethod
    def _type_fits_system(cls, value: str, info: ValidationInfo) -> str:
        system = info.data.get("system")
        allowed = PTMS_INCIDENT_TYPES if system == "PTMS" else UDLB_INCIDENT_TYPES
        if system and value not in allowed:
            raise ValueError(f"{value} is not a {system} type; use one of {', '.join(allowed)}")
        return value

    @field_validator("branch")
    @classmethod
    def _branch_fits_system(cls, value: str | None, info: ValidationInfo) -> str | None:
        system = info.data.get("system")
        # Branches are the Uniformed Division's; every UDLB incident happens at one.
        if system == "UDLB" and value is None:
            raise ValueError(
                "a UDLB incident needs a branch; use one of " + ", ".join(values(Branch))
            )
        if system == "PTMS" and value is not None:
            raise ValueError(f"{value} is a UDLB branch; leave branch empty for PTMS incidents")
        return value


class Encounter(RecordBase):
    """A biometric encounter (EID) in IDENT/CPMS and the subject record it captured."""

    default_source = "IDENT"
    kind: Literal["encounter"] = "encounter"
    encounter_id: Id
    fin: Short | None = None
    encounter_date: date | None = None
    collected_by: CollectedBy = "USCIS"
    subject_record_id: Id | None = None

    @classmethod
    def default_compartments(cls, data: dict[str, Any]) -> list[str]:
        # Biometrics a partner collected are partner data and stay sequestered (DOMAIN rule 2).
        collected_by = str(data.get("collected_by") or "USCIS").strip().upper()
        return ["PARTNER"] if collected_by != "USCIS" else super().default_compartments(data)


class PartnerResponse(StrictModel):
    response_id: Id
    result: ResponseResult
    reviewer: str | None = None
    responded_on: date | None = None
    released_elements: list[Text] = Field(default_factory=list)


class PartnerRequest(RecordBase):
    """A CPMS request between USCIS and a partner, in a 1 -> 2 -> 3 sequence."""

    default_source = "CPMS"
    kind: Literal["partner_request"] = "partner_request"
    request_id: Id
    partner_country: PartnerCountry
    direction: Direction = "PARTNER_TO_USCIS"
    sequence: Annotated[int, Field(ge=1, le=3)] = 1
    requestor: str | None = None
    contact: str | None = None
    requested_on: date | None = None
    reason: Reason | None = None
    priority: Priority = "MEDIUM"
    foreign_fingerprint_id: Short | None = None
    subject_record_id: Id | None = None
    encounter_id: Id | None = None
    follows_request_id: Id | None = None
    response: PartnerResponse | None = None

    @classmethod
    def default_compartments(cls, data: dict[str, Any]) -> list[str]:
        # Partner requests are partner data: sequestered from PTMS answers (DOMAIN rule 2).
        return ["PARTNER"]

    @model_validator(mode="after")
    def _sequence_chain(self) -> PartnerRequest:
        if self.sequence == 1 and self.follows_request_id:
            raise ValueError("a sequence 1 request follows nothing; drop follows_request_id")
        if self.follows_request_id == self.request_id:
            raise ValueError("a request cannot follow itself")
        return self
