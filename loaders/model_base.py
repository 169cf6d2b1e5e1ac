"""Shared pieces of the record models: strictness, the common fields, links to subjects."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from loaders.codes import ProtectedClass, Role

__all__ = ["Compartment", "Country3", "Id", "RecordBase", "StrictModel", "SubjectLink", "Text"]


def _upper_text(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


Text = Annotated[str, Field(min_length=1)]
Id = Annotated[str, Field(min_length=1, max_length=200)]
Compartment = Annotated[str, BeforeValidator(_upper_text), Field(min_length=1)]
Country3 = Annotated[str, BeforeValidator(_upper_text), Field(pattern=r"^[A-Z]{3}$")]


class StrictModel(BaseModel):
    """Unknown fields are errors; surrounding whitespace is not part of a value."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RecordBase(StrictModel):
    """Fields every kind has: where it came from and who may read it."""

    # Subclasses set these: the source a kind has when the input names none.
    default_source: ClassVar[str | None] = None

    source: Compartment  # upper-cased like compartments: "ptms" is PTMS
    compartments: list[Compartment] = Field(default_factory=list)
    protected_classes: list[ProtectedClass] = Field(default_factory=list)
    observed_at: datetime | None = None

    @classmethod
    def default_compartments(cls, data: dict[str, Any]) -> list[str]:
        """Compartments of a record whose input names none: its source."""
        source = data.get("source")
        return [source.strip().upper()] if isinstance(source, str) and source.strip() else []

    @model_validator(mode="before")
    @classmethod
    def _fill_defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if not data.get("source") and cls.default_source:
            data = {**data, "source": cls.default_source}
        # An empty compartment list would make the node readable by every caller (the access
        # filter is all() over the list), so a record always carries at least one.
        if not data.get("compartments"):
            fallback = cls.default_compartments(data)
            if fallback:
                data = {**data, "compartments": fallback}
        return data


class SubjectLink(StrictModel):
    """A person a case or incident involves, by subject record_id, and in what role."""

    record_id: Id
    role: Role = "SUBJECT"
