"""Pydantic models of the input records, one per `kind` (docs/records.md is their reference).

Models check shape and closed value sets only; they keep values as the source wrote them.
Normalised forms are computed beside the raw values by `loaders.normalised`. Unknown fields are
rejected (`extra="forbid"`): a misspelt field name would otherwise drop data silently.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from loaders.codes import EyeColor, Gender, HairColor, PhoneKind, Race
from loaders.event_models import (
    Case,
    Encounter,
    Incident,
    IncidentProtectee,
    PartnerRequest,
    PartnerResponse,
    Protectee,
)
from loaders.model_base import Country3, Id, RecordBase, Short, StrictModel, SubjectLink
from normalize import dob_parts

# The non-subject kinds live in loaders.event_models; re-exported so callers import one module.
__all__ = [
    "KEY_FIELDS",
    "KIND_MODELS",
    "Address",
    "Case",
    "Encounter",
    "Incident",
    "IncidentProtectee",
    "PartnerRequest",
    "PartnerResponse",
    "PhoneEntry",
    "Protectee",
    "Record",
    "RecordBase",
    "SubjectLink",
    "SubjectRecord",
    "record_key",
]


class Address(StrictModel):
    street: Short | None = None
    city: Short | None = None
    state: Short | None = None
    postal_code: Short | None = None
    country: Short | None = None


def _phone_entry(value: Any) -> Any:
    return {"number": value} if isinstance(value, str) else value


class PhoneEntry(StrictModel):
    """A phone as written; a bare string in the input is kind 'unknown'."""

    number: Annotated[Short, Field(min_length=1)]
    kind: PhoneKind = "unknown"


class SubjectRecord(RecordBase):
    """A person as one source recorded them (interchange spec `kind: "subject"`)."""

    kind: Literal["subject"] = "subject"
    record_id: Id
    first_name: Short | None = None
    middle_name: Short | None = None
    last_name: Short | None = None
    name_suffix: Short | None = None
    aliases: list[Annotated[Short, Field(min_length=1)]] = Field(default_factory=list)
    dob: str | None = None
    gender: Gender | None = None
    ssn: Short | None = None
    a_number: Short | None = None
    fin: Short | None = None
    partner_id: Short | None = None
    passport: Short | None = None
    country_of_birth: Country3 | None = None
    citizenship: Country3 | None = None
    race: Race | None = None
    hair_color: HairColor | None = None
    eye_color: EyeColor | None = None
    # Bounds catch unit mix-ups (centimetres, kilograms x 100), not unusual people.
    height_in: Annotated[int, Field(ge=12, le=108)] | None = None
    weight_lb: Annotated[int, Field(ge=1, le=1500)] | None = None
    addresses: list[Address] = Field(default_factory=list)
    phones: list[Annotated[PhoneEntry, BeforeValidator(_phone_entry)]] = Field(default_factory=list)
    immigration_status: str | None = None
    watchlist_status: str | None = None

    @field_validator("dob")
    @classmethod
    def _dob_is_a_date(cls, value: str | None) -> str | None:
        dob_parts(value)  # raises DateFormatError, whose message says what to write
        return value or None


Record = SubjectRecord | Protectee | Case | Incident | Encounter | PartnerRequest

KIND_MODELS: dict[str, type[Record]] = {
    "subject": SubjectRecord,
    "protectee": Protectee,
    "case": Case,
    "incident": Incident,
    "encounter": Encounter,
    "partner_request": PartnerRequest,
}

# The id field of each kind: unique within the input, the key of its node.
KEY_FIELDS: dict[str, str] = {
    "subject": "record_id",
    "protectee": "protectee_id",
    "case": "case_id",
    "incident": "incident_id",
    "encounter": "encounter_id",
    "partner_request": "request_id",
}


def record_key(record: Record) -> tuple[str, str]:
    """(kind, id) of a record."""
    return record.kind, str(getattr(record, KEY_FIELDS[record.kind]))
