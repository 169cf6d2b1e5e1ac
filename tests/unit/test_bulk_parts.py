"""The offline importer's CSV encoding and the sharing of lines between parse workers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from loaders.bulk.csv_parts import PartWriter, UnencodableValueError, encode_props
from loaders.parse import ParsedRecord, Shard, iter_records
from tests.unit.factories import subject_row


def test_values_are_typed_from_python_and_absent_ones_left_out() -> None:
    cells = encode_props(
        {
            "name": 'O"Brien',
            "empty": "",
            "year": 1990,
            "valid": False,
            "score": 0.5,
            "at": datetime(2024, 1, 2, tzinfo=UTC),
            "tags": ["A", "B"],
            "none": None,
            "no_tags": [],
        }
    )
    assert cells == {
        "name:string": '"O""Brien"',
        "empty:string": '""',  # quoted: an empty string, not an absent property
        "year:long": "1990",
        "valid:boolean": "false",
        "score:double": "0.5",
        "at:datetime": "2024-01-02T00:00:00+00:00",
        "tags:string[]": '"A\x1fB"',
    }


def test_an_array_element_holding_the_delimiter_is_refused() -> None:
    with pytest.raises(UnencodableValueError):
        encode_props({"tags": ["A\x1fB"]})


def test_each_part_has_the_union_of_its_rows_columns(tmp_path: Path) -> None:
    writer = PartWriter(tmp_path, "Subject", ("record_id:ID(Subject)",), rows_per_part=2)
    writer.add({"record_id:ID(Subject)": '"A"', "x:long": "1"})
    writer.add({"record_id:ID(Subject)": '"B"', "y:string": '"b\nc"'})
    writer.add({"record_id:ID(Subject)": '"C"'})
    writer.flush()
    first, second = (p.read_text(encoding="utf-8") for p in writer.parts)
    assert first == 'record_id:ID(Subject),x:long,y:string\n"A",1,\n"B",,"b\nc"\n'
    assert second == 'record_id:ID(Subject)\n"C"\n'
    assert writer.multiline and writer.rows == 3


def test_shards_split_the_lines_and_a_repeated_id_is_rejected_in_file_order(
    tmp_path: Path,
) -> None:
    rows = [subject_row(record_id=f"PTMS-{n}") for n in range(40)]
    rows.insert(30, subject_row(record_id="PTMS-7", first_name="Later"))
    path = tmp_path / "subjects.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    shares = [list(iter_records(path, seen_ids={}, shard=Shard(i, 3))) for i in range(3)]
    lines = sorted(line.line for share in shares for line in share)
    assert lines == list(range(1, 42))  # every line in exactly one share
    rejected = [line for share in shares for line in share if not isinstance(line, ParsedRecord)]
    assert [(r.line, r.field) for r in rejected] == [(31, "record_id")]
