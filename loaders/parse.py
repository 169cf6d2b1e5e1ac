"""Read `.jsonl` and `.csv` input files into validated records or rejects, line by line.

`iter_records` never stops on a bad line: bad JSON, bad UTF-8, a missing or unknown kind, a
missing field, a wrong type, a bad date or code, or an id already seen all become a `Reject`
with the file, line, field, reason and what to do; every other line becomes a `ParsedRecord`.
"""

from __future__ import annotations

import csv
import json
import re
import zlib
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from loaders.csv_rows import row_to_record
from loaders.messages import Problem, problems_from
from loaders.models import KEY_FIELDS, KIND_MODELS, Record
from loaders.rejects import Reject

__all__ = [
    "ParsedLine",
    "ParsedRecord",
    "Shard",
    "iter_records",
    "kind_from_filename",
    "validate_record",
]

UnknownFields = Literal["reject", "ignore"]
_KIND_LIST = ", ".join(KIND_MODELS)
# File stems that say which kind a file holds when its lines do not (CSV, or JSONL without kind).
_STEM_KINDS = {
    **{kind: kind for kind in KIND_MODELS},
    **{f"{kind}s": kind for kind in KIND_MODELS},
    "people": "subject",
    "persons": "subject",
}


@dataclass(frozen=True)
class ParsedRecord:
    """A valid record and where it came from."""

    file: str
    line: int
    record: Record


ParsedLine = ParsedRecord | Reject


@dataclass(frozen=True)
class Shard:
    """One of `count` disjoint shares of a file's lines, for parallel parsing.

    A line belongs to the share of its record's (kind, id), so two lines with one id always meet
    in the same share and the later one is rejected there, as in a serial read; a line whose id
    cannot be read belongs to the share of its line number."""

    index: int
    count: int

    def owns(self, number: int, data: Any, default_kind: str | None) -> bool:
        if isinstance(data, dict):
            kind = str(data.get("kind") or default_kind or "").strip().lower()
            key = data.get(KEY_FIELDS.get(kind, ""))
            if key is not None:
                digest = zlib.crc32(f"{kind}|{str(key).strip()}".encode())
                return digest % self.count == self.index
        return number % self.count == self.index


def kind_from_filename(path: Path) -> str | None:
    """'subjects.csv' -> 'subject', 'partner_requests.jsonl' -> 'partner_request'."""
    return _STEM_KINDS.get(path.stem.lower())


def _reject(file: str, line: int, raw: str, problems: list[Problem]) -> Reject:
    first, rest = problems[0], problems[1:]
    also = tuple(
        (f"field '{p.field}': " if p.field else "") + f"{p.reason}; {p.hint}" for p in rest
    )
    return Reject(file, line, first.field, first.reason, first.hint, raw, also)


def _validate(
    data: Any,
    default_kind: str | None,
    unknown_fields: UnknownFields,
) -> Record | list[Problem]:
    if not isinstance(data, dict):
        return [
            Problem(
                None,
                f"expected one JSON object, got {type(data).__name__}",
                "write one {...} object per line",
            )
        ]
    kind = data.get("kind") or default_kind
    if kind is None:
        return [Problem("kind", "required field is missing", f"add 'kind': one of {_KIND_LIST}")]
    model = KIND_MODELS.get(str(kind).strip().lower())
    if model is None:
        return [Problem("kind", f"{kind!r} is not a known kind", f"use one of {_KIND_LIST}")]
    fields = {**data, "kind": model.model_fields["kind"].default}
    if unknown_fields == "ignore":
        fields = {k: v for k, v in fields.items() if k in model.model_fields}
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        return problems_from(error, model)


@dataclass(frozen=True)
class _Unreadable:
    """A line that could not even be read as data, and why."""

    problems: list[Problem]


# (line number, raw text, parsed data or why it could not be read)
_Line = tuple[int, str, Any]


_GZIP_MAGIC = b"\x1f\x8b"
# Bytes that are not UTF-8, kept by the "surrogateescape" decoder as lone surrogates, so one bad
# line is rejected without stopping the file (a valid U+FFFD stays valid).
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _shown_text(text: str) -> str:
    """The text as it can be written to the reject file (bytes that are not UTF-8 as U+FFFD)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _not_utf8(text: str) -> _Unreadable | None:
    bad = _UNDECODABLE.search(text)
    if bad is None:
        return None
    return _Unreadable(
        [Problem(None, f"not UTF-8 (at character {bad.start() + 1})", "save the file as UTF-8")]
    )


def _gzip_line(path: Path) -> _Line | None:
    """The one line a gzip file reads as (a reject), instead of lines of binary; None otherwise."""
    with path.open("rb") as handle:
        if handle.read(2) != _GZIP_MAGIC:
            return None
    hint = f"decompress it first (gunzip {path.name}) and load what it holds"
    return 1, "", _Unreadable([Problem(None, "the file is gzip-compressed", hint)])


def _json_problem(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON: {error.msg} (character {error.pos + 1})"
    if isinstance(error, RecursionError):
        return "not readable JSON: nested too deeply"
    # json's other ValueError: an integer of more digits than Python converts (4,300)
    return f"not readable JSON: {str(error).partition(':')[0]}"


def _jsonl_lines(path: Path) -> Iterator[_Line]:
    with path.open("rb") as handle:
        number = 0
        for raw in handle:  # bytes, decoded line by line: one bad line is one reject
            try:
                text = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as error:
                number += 1
                problem = Problem(None, f"not UTF-8 (byte {error.start + 1})", "save as UTF-8")
                yield number, raw.decode("utf-8", "replace").rstrip("\r\n"), _Unreadable([problem])
                continue
            # A lone \r ends a line too (files from old Mac tools): JSON holds no raw line break
            # inside a value, so it cannot cut a record in two.
            for line in text.split("\r") if "\r" in text else (text,):
                number += 1
                # a byte order mark starts the file, or a file pasted onto the end of another
                if line.startswith("\ufeff"):
                    line = line[1:]
                if not line.strip():
                    continue
                try:
                    yield number, line, json.loads(line)
                except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
                    hint = "write one complete JSON object per line"
                    yield number, line, _Unreadable([Problem(None, _json_problem(error), hint)])


def _csv_lines(path: Path, kind: str | None) -> Iterator[_Line]:
    """Rows as records. Line numbers are those of the first line of a row (a quoted cell may
    span lines; blank lines are skipped but counted); a row with fewer or more cells than the
    header, bad quoting, or a header naming a column twice is rejected, never guessed at."""
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        consumed: list[str] = []  # the physical lines of the row being read, for its reject

        def lines() -> Iterator[str]:
            for line in handle:
                consumed.append(line)
                yield line

        reader = csv.reader(lines(), strict=True)
        header: list[str] | None = None
        header_problem: Problem | None = None
        end = 0  # the last line read
        while True:
            consumed.clear()
            start = end + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                end = reader.line_num
                where = f"line {start}" if end <= start else f"lines {start}-{end}"
                problem = Problem(
                    None,
                    f"not valid CSV ({error}; {where})",
                    'close every quoted cell with a quote, and write a quote inside one as ""',
                )
                yield start, _shown_text("".join(consumed)), _Unreadable([problem])
                continue
            end = reader.line_num
            raw = _shown_text("".join(consumed).rstrip("\r\n"))
            if not cells:
                continue  # a blank line
            if header is None:
                header = [cell.strip() for cell in cells]
                twice = sorted({name for name in header if header.count(name) > 1})
                if twice:
                    header_problem = Problem(
                        None,
                        f"the header names {', '.join(map(repr, twice))} more than once",
                        "name each column once in the first line",
                    )
                continue
            unreadable = _not_utf8("".join(cells))
            if header_problem is not None:
                yield start, raw, _Unreadable([header_problem])
            elif len(cells) != len(header):
                yield start, raw, _Unreadable([_cell_count_problem(len(cells), len(header))])
            elif unreadable is not None:
                yield start, raw, unreadable
            else:
                row = dict(zip(header, cells, strict=True))
                row_kind = (row.get("kind") or kind or "").strip().lower()
                yield start, raw, row_to_record(row_kind, row)


def _cell_count_problem(cells: int, columns: int) -> Problem:
    hint = (
        "quote cells that contain commas"
        if cells > columns
        else "give the row a cell per column (an empty one for a value it does not have)"
    )
    return Problem(None, f"{cells} cells in a row under {columns} header columns", hint)


def validate_record(data: Any, file: str, line: int) -> ParsedLine:
    """One record given as data (not read from a file) as a ParsedRecord or a Reject."""
    result = _validate(data, None, "reject")
    if isinstance(result, list):
        return _reject(file, line, json.dumps(data, default=str)[:10_000], result)
    return ParsedRecord(file, line, result)


def iter_records(
    path: Path,
    *,
    kind: str | None = None,
    unknown_fields: UnknownFields = "reject",
    seen_ids: MutableMapping[tuple[str, str], str] | None = None,
    shard: Shard | None = None,
) -> Iterator[ParsedLine]:
    """Each line of a `.jsonl` or `.csv` file as a ParsedRecord or a Reject, in file order.

    kind: the kind of lines that do not say (default: from the file name, e.g. subjects.csv).
    unknown_fields: "reject" (default) or "ignore" fields the model does not know.
    seen_ids: (kind, id) -> "file:line" of ids already loaded; pass one mapping to several calls
    to reject ids repeated across files, as the interchange spec requires.
    shard: yield only the lines of this share (see `Shard`).
    """
    file = str(path)
    default_kind = kind or kind_from_filename(path)
    seen = seen_ids if seen_ids is not None else {}
    is_csv = path.suffix.lower() == ".csv"
    gzipped = _gzip_line(path)
    lines: Iterator[_Line]
    if gzipped is not None:
        lines = iter([gzipped])
    else:
        lines = _csv_lines(path, default_kind) if is_csv else _jsonl_lines(path)
    for number, raw, data in lines:
        if shard is not None and not shard.owns(number, data, default_kind):
            continue
        if isinstance(data, _Unreadable):
            yield _reject(file, number, raw, data.problems)
            continue
        result = _validate(data, default_kind, unknown_fields)
        if isinstance(result, list):
            yield _reject(file, number, raw, result)
            continue
        key_field = KEY_FIELDS[result.kind]
        key = (result.kind, str(getattr(result, key_field)))
        if key in seen:
            yield _reject(
                file,
                number,
                raw,
                [
                    Problem(
                        key_field,
                        f"{key[1]!r} is already used by {seen[key]}",
                        f"give every {result.kind} its own {key_field}",
                    )
                ],
            )
            continue
        seen[key] = f"{file}:{number}"
        yield ParsedRecord(file, number, result)
