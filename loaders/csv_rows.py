"""CSV rows to the JSON shape of a record (docs/records.md, "CSV files").

One CSV file per kind. Column names are the JSON field names; list fields are `;`-separated;
empty cells are absent fields. Nested values are flattened:

* subject: one address as `address_street`, `address_city`, `address_state`,
  `address_postal_code`, `address_country`; phones as `number` or `kind:number`
  (`home:(202) 555-0142;mobile:+1 202 555 0199`);
* case and incident `subjects`: `record_id:ROLE;...`;
  incident `protectees`: `protectee_id:INTEREST;...`;
* partner_request `response`: `response_id`, `response_result`, `response_reviewer`,
  `response_responded_on`, `response_released_elements`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LIST_COLUMNS", "row_to_record"]

_SEPARATOR = ";"
_COMMON_LISTS = ("compartments", "protected_classes")
LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "subject": ("aliases", "phones", *_COMMON_LISTS),
    "protectee": _COMMON_LISTS,
    "case": (
        "assigned_employees",
        "judicial_action_dates",
        "protectee_ids",
        "incident_ids",
        "subjects",
        *_COMMON_LISTS,
    ),
    "incident": ("arrest_charges", "subjects", "protectees", *_COMMON_LISTS),
    "encounter": _COMMON_LISTS,
    "partner_request": _COMMON_LISTS,
}
_ADDRESS_PREFIX = "address_"
_RESPONSE_PREFIX = "response_"
_PHONE_KINDS = frozenset({"home", "office", "mobile", "unknown"})


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(_SEPARATOR) if part.strip()]


def _pairs(cell: str, key: str, value: str) -> list[dict[str, str]]:
    out = []
    for part in _split(cell):
        left, colon, right = part.partition(":")
        out.append({key: left.strip(), value: right.strip()} if colon else {key: left.strip()})
    return out


def _phones(cell: str) -> list[Any]:
    out: list[Any] = []
    for part in _split(cell):
        kind, colon, number = part.partition(":")
        if colon and kind.strip().lower() in _PHONE_KINDS:
            out.append({"number": number.strip(), "kind": kind.strip().lower()})
        else:
            out.append(part)
    return out


def _nest(row: dict[str, Any], prefix: str, target: str, as_list: bool) -> dict[str, Any]:
    # 'response_id' keeps its name inside the response; other columns drop the prefix.
    nested = {
        (k if k == "response_id" else k.removeprefix(prefix)): v
        for k, v in row.items()
        if k.startswith(prefix)
    }
    rest = {k: v for k, v in row.items() if not k.startswith(prefix)}
    if nested:
        rest[target] = [nested] if as_list else nested
    return rest


def row_to_record(kind: str, row: dict[str, str]) -> dict[str, Any]:
    """The record dict of one CSV row (cells stripped, empty cells dropped)."""
    record: dict[str, Any] = {
        k.strip(): v.strip() for k, v in row.items() if k and v is not None and v.strip()
    }
    for column in LIST_COLUMNS.get(kind, _COMMON_LISTS):
        if column not in record:
            continue
        cell = record[column]
        if column == "phones":
            record[column] = _phones(cell)
        elif column == "subjects":
            record[column] = _pairs(cell, "record_id", "role")
        elif column == "protectees":
            record[column] = _pairs(cell, "protectee_id", "interest")
        else:
            record[column] = _split(cell)
    if kind == "subject":
        record = _nest(record, _ADDRESS_PREFIX, "addresses", as_list=True)
    if kind == "partner_request":
        record = _nest(record, _RESPONSE_PREFIX, "response", as_list=False)
        response = record.get("response")
        if isinstance(response, dict) and "released_elements" in response:
            response["released_elements"] = _split(response["released_elements"])
    return record
