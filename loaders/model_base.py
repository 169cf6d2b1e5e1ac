"""Shared pieces of the record models: strictness, the common fields, links to subjects."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from loaders.codes import ProtectedClass, Role

__all__ = [
    "CONTROL_CHARACTERS",
    "COUNTRY_PATTERN",
    "FREE_TEXT_MAX",
    "PLAIN_TEXT_PATTERN",
    "SHORT_MAX",
    "Compartment",
    "Country3",
    "Id",
    "RecordBase",
    "Short",
    "StrictModel",
    "SubjectLink",
    "Text",
]

# The longest values taken. Neo4j cannot index a value of more than about 8 KB, and a longer one
# aborted its whole batch ("Property value is too large to index"). Names, identifiers and
# address parts go into indexes, composite indexes and keys (an address key joins five parts,
# up to 4 bytes a character), so they get the tight cap; no real name or number comes near it.
SHORT_MAX = 200
TEXT_MAX = 1_000  # listed values: case numbers, employees, charges, released elements
FREE_TEXT_MAX = 4_000  # any other text (titles, locations, injury details): never indexed

# No C0 or C1 control character: no name or identifier holds one, and one in a stored value can
# forge a look-alike id ("P-1009\x1f") or drive a terminal that shows it (ESC sequences). A
# pattern, so pydantic checks it in its compiled core (a Python validator on every name of
# every record cost the parse ~4%); loaders.messages words its error.
CONTROL_CHARACTERS = r"\x00-\x1f\x7f-\x9f"  # a regex character range
PLAIN_TEXT_PATTERN = f"^[^{CONTROL_CHARACTERS}]*$"


def _upper_text(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


Short = Annotated[str, Field(max_length=SHORT_MAX, pattern=PLAIN_TEXT_PATTERN)]  # a name, id...
Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX, pattern=PLAIN_TEXT_PATTERN)]
Id = Annotated[str, Field(min_length=1, max_length=SHORT_MAX, pattern=PLAIN_TEXT_PATTERN)]
Compartment = Annotated[
    str,
    BeforeValidator(_upper_text),
    Field(min_length=1, max_length=SHORT_MAX, pattern=PLAIN_TEXT_PATTERN),
]
COUNTRY_PATTERN = r"^[A-Z]{3}$"  # ISO 3166-1 alpha-3
Country3 = Annotated[str, BeforeValidator(_upper_text), Field(pattern=COUNTRY_PATTERN)]


class StrictModel(BaseModel):
    """Unknown fields are errors; surrounding whitespace is not part of a value; no text is
    longer than FREE_TEXT_MAX (the types above cap names, ids and listed values tighter)."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, str_max_length=FREE_TEXT_MAX
    )


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
