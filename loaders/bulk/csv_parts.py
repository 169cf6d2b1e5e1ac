"""CSV files in the offline importer's format, written in parts that each carry their own header.

A part's header is the union of the properties its rows have, typed from the values
(`name:string`, `dob_year:long`, `compartments:string[]`...), so no table of property types is
kept beside the models. Each part is passed to the importer as its own `--nodes` or
`--relationships` group.

Encoding, as the importer reads it: strings are always quoted (an empty string stays an empty
string), an absent value is an empty unquoted cell (no property), arrays are joined with
U+001F. The importer cannot store an empty array, so an empty list is absent; every query reads
list properties through `coalesce(x, [])`, so absent and empty mean the same."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = [
    "ARRAY_DELIMITER",
    "ARRAY_DELIMITER_ARG",
    "Cells",
    "PartWriter",
    "UnencodableValueError",
    "encode_props",
]

ARRAY_DELIMITER = "\x1f"  # unit separator: never part of a name, number or code
ARRAY_DELIMITER_ARG = "U+001F"  # how the importer's --array-delimiter option spells it

# Header token ("name:type", or ":START_ID(Label)"...) -> encoded cell.
Cells = dict[str, str]


class UnencodableValueError(ValueError):
    """A value the importer's format cannot carry (an array element with U+001F in it)."""


def _type_of(value: Any) -> str:
    # bool before int: bool is a subclass of int.
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, datetime):
        return "datetime"
    return "string"


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return _quote(str(value))


def _array(values: list[Any]) -> str:
    parts = []
    for value in values:
        text = "true" if value is True else "false" if value is False else str(value)
        if ARRAY_DELIMITER in text:
            raise UnencodableValueError(f"a list element contains U+001F: {text!r}")
        parts.append(text)
    return _quote(ARRAY_DELIMITER.join(parts))


def encode_props(props: Mapping[str, Any], cells: Cells | None = None) -> Cells:
    """Typed header tokens and cells of `props`; None and empty lists are left out (absent)."""
    out: Cells = {} if cells is None else cells
    for name, value in props.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            if not value:
                continue
            out[f"{name}:{_type_of(value[0])}[]"] = _array(list(value))
        else:
            out[f"{name}:{_type_of(value)}"] = _scalar(value)
    return out


class PartWriter:
    """Rows of one label or relationship type, flushed to numbered part files.

    `leading` are the header tokens every row has, first in every part (`:ID(...)`,
    `:START_ID(...)`/`:END_ID(...)`); the other columns are the union of the part's rows."""

    def __init__(self, folder: Path, name: str, leading: tuple[str, ...], rows_per_part: int):
        self.folder = folder
        self.name = name
        self.leading = leading
        self.rows_per_part = rows_per_part
        self.parts: list[Path] = []
        self.rows = 0
        self.multiline = False  # a quoted cell holds a line break: the importer must be told
        self._buffer: list[Cells] = []

    def add(self, cells: Cells) -> None:
        self._buffer.append(cells)
        self.rows += 1
        if len(self._buffer) >= self.rows_per_part:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        extra = sorted({token for row in self._buffer for token in row} - set(self.leading))
        header = [*self.leading, *extra]
        path = self.folder / f"{self.name}-{len(self.parts):04d}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(",".join(header) + "\n")
            for row in self._buffer:
                line = ",".join(row.get(token, "") for token in header)
                if "\n" in line or "\r" in line:
                    self.multiline = True
                handle.write(line + "\n")
        self.parts.append(path)
        self._buffer = []
