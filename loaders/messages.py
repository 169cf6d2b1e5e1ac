"""Turn pydantic validation errors into messages a person can act on: what, where, what to do."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from loaders.model_base import CONTROL_CHARACTERS, COUNTRY_PATTERN, PLAIN_TEXT_PATTERN

_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")

__all__ = ["Problem", "field_path", "problems_from"]

_SHOWN_INPUT = 60  # long values are cut in messages; the raw line keeps them whole


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record: the field (None for the whole record), why, what to do."""

    field: str | None
    reason: str
    hint: str


def field_path(loc: tuple[int | str, ...]) -> str | None:
    """('addresses', 0, 'city') -> 'addresses[0].city'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path or None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_INPUT else text[: _SHOWN_INPUT - 3] + "..."


def _type_name(value: Any) -> str:
    return {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)


# pydantic's type name -> (what we call it, what to write)
_WANTED = {
    "string": ("text", "write it as text in quotes"),
    "int": ("a whole number", "write a whole number"),
    "float": ("a number", "write a number"),
    "bool": ("true or false", "write true or false"),
    "list": ("a list", 'write a list, e.g. ["a", "b"]'),
    "date": ("a date", "write YYYY-MM-DD"),
    "date from datetime": ("a date", "write YYYY-MM-DD"),
    "datetime": ("a date-time", "write an ISO date-time, e.g. 2024-03-01T14:30:00Z"),
    "datetime from date": ("a date-time", "write an ISO date-time, e.g. 2024-03-01T14:30:00Z"),
    "model": ("an object", "write an object with the documented fields"),
    "dict": ("an object", "write an object with the documented fields"),
}


# pydantic's bound checks -> (how to say them, the key of the bound in the error's ctx)
_BOUNDS = {
    "greater_than_equal": ("below the least allowed,", "ge"),
    "less_than_equal": ("above the most allowed,", "le"),
}
_UNITS = {"height_in": "inches", "weight_lb": "pounds"}


def _closed_set_hint(error: ErrorDetails) -> str:
    expected = str(error.get("ctx", {}).get("expected", ""))
    return f"use one of {expected.replace(chr(39), '')}" if expected else "use a listed value"


def _unknown_field_hint(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1) if known else []
    if close:
        return f"did you mean '{close[0]}'? unknown fields are rejected (docs/records.md)"
    return "remove it; unknown fields are rejected (docs/records.md lists the fields)"


def _problem(error: ErrorDetails, model: type[BaseModel]) -> Problem:
    field = field_path(tuple(error["loc"]))
    kind, value = error["type"], error.get("input")
    ctx = error.get("ctx", {})
    name = field or "record"
    if kind == "missing":
        return Problem(field, "required field is missing", f"add '{name}'")
    if kind == "extra_forbidden":
        return Problem(
            field,
            "unknown field",
            # Suggestions come from the record's own fields; nested objects get the plain hint.
            _unknown_field_hint(
                str(error["loc"][-1]), list(model.model_fields) if len(error["loc"]) == 1 else []
            ),
        )
    if kind in ("string_too_short", "too_short") and value in ("", []):
        return Problem(field, "is empty", "give a value, or leave the field out if it may be")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == PLAIN_TEXT_PATTERN:
        found = _CONTROL.search(str(value))
        where = f"U+{ord(found.group()):04X} at character {found.start() + 1}" if found else ""
        return Problem(
            field,
            f"holds the control character {where}",
            "remove it (names, ids and codes are plain text)",
        )
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == COUNTRY_PATTERN:
        return Problem(
            field,
            f"{_shown(value)} is not a three-letter country code",
            "write its ISO 3166-1 alpha-3 code, e.g. USA, CAN, GBR",
        )
    if kind in _BOUNDS:
        words, bound = _BOUNDS[kind]
        unit = f" ({_UNITS[name]})" if name in _UNITS else ""
        return Problem(field, f"{_shown(value)} is {words} {ctx.get(bound)}{unit}", "correct it")
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return Problem(
            field,
            f"{len(value):,} characters, more than the {limit:,} allowed",
            "shorten it (docs/records.md, Limits, says why each field has its limit)",
        )
    if kind == "literal_error":
        return Problem(field, f"{_shown(value)} is not an allowed value", _closed_set_hint(error))
    if kind == "value_error":
        cause = ctx.get("error")
        reason = getattr(cause, "reason", None)
        hint = getattr(cause, "hint", None)
        if reason and hint:  # our own errors (e.g. DateFormatError) carry reason and hint
            return Problem(
                field, f"{_shown(getattr(cause, 'raw', value))} is not a date ({reason})", str(hint)
            )
        text = str(cause) if cause else error["msg"]
        reason_text, _, hint_text = text.partition("; ")
        return Problem(field, reason_text, hint_text or "correct the record")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        wanted = kind.removesuffix("_type").removesuffix("_parsing").replace("_", " ")
        words, hint = _WANTED.get(wanted, (wanted, f"write {wanted}"))
        # pydantic says why after a comma: 'Input should be a valid date ..., month value is
        # outside expected range'; that detail helps, the prefix repeats what we say.
        _, _, detail = error["msg"].partition(", ")
        why = f" ({detail})" if detail and kind.endswith("_parsing") else ""
        got = "null" if value is None else f"{_type_name(value)} {_shown(value)}"
        return Problem(field, f"expected {words}, got {got}{why}", hint)
    return Problem(field, f"{_shown(value)}: {error['msg']}", "correct the value")


def problems_from(error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    """Every problem pydantic found, in field order, as Problems."""
    return [_problem(detail, model) for detail in error.errors()]
