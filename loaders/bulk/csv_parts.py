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

from collections.abc import Callable, Mapping
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
    "quote",
]

ARRAY_DELIMITER = "\x1f"  # unit separator: never part of a name, number or code
ARRAY_DELIMITER_ARG = "U+001F"  # how the importer's --array-delimiter option spells it

# Header token ("name:type", or ":START_ID(Label)"...) -> encoded cell.
Cells = dict[str, str]


class UnencodableValueError(ValueError):
    """A value the importer's format cannot carry (an array element with U+001F in it)."""


def quote(text: str) -> str:
    """A quoted cell: a string, even an empty one (an unquoted empty cell is no property)."""
    return '"' + (text.replace('"', '""') if '"' in text else text) + '"'


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _datetime(value: datetime) -> str:
    return value.isoformat()


# Exact type -> (importer type, encoder). Dispatch on type() rather than a chain of isinstance:
# this runs for every property of every record (about 30 per subject).
_SCALARS: dict[type, tuple[str, Callable[[Any], str]]] = {
    str: ("string", quote),
    bool: ("boolean", _bool),
    int: ("long", repr),
    float: ("double", repr),
    datetime: ("datetime", _datetime),
}


def _element(value: Any) -> str:
    text = _bool(value) if type(value) is bool else str(value)
    if ARRAY_DELIMITER in text:
        raise UnencodableValueError(f"a list element contains U+001F: {text!r}")
    return text


def encode_props(props: Mapping[str, Any], cells: Cells | None = None) -> Cells:
    """Typed header tokens and cells of `props`; None and empty lists are left out (absent)."""
    out: Cells = {} if cells is None else cells
    for name, value in props.items():
        if value is None:
            continue
        scalar = _SCALARS.get(type(value))
        if scalar is not None:
            out[f"{name}:{scalar[0]}"] = scalar[1](value)
        elif isinstance(value, list | tuple):
            if value:
                element_type = _SCALARS.get(type(value[0]), ("string", str))[0]
                out[f"{name}:{element_type}[]"] = quote(
                    ARRAY_DELIMITER.join([_element(v) for v in value])
                )
        else:
            out[f"{name}:string"] = quote(str(value))
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
            empty = dict.fromkeys(header, "")  # a row's cells in header order, "" where it has none
            for row in self._buffer:
                line = ",".join({**empty, **row}.values())
                if "\n" in line or "\r" in line:
                    self.multiline = True
                handle.write(line + "\n")
        self.parts.append(path)
        self._buffer = []
