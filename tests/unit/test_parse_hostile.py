"""Hostile and malformed input: each bad line or row is one reject naming what to do, the lines
around it still parse, and nothing is guessed at or silently lost."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from loaders.parse import ParsedRecord, iter_records
from loaders.rejects import Reject
from tests.unit.factories import case_row, subject_row


def _parsed(path: Path) -> tuple[list[ParsedRecord], list[Reject]]:
    lines = list(iter_records(path))
    return (
        [p for p in lines if isinstance(p, ParsedRecord)],
        [p for p in lines if isinstance(p, Reject)],
    )


def _ids(good: list[ParsedRecord]) -> list[str]:
    return [str(getattr(p.record, "record_id", "")) for p in good]


_HEADER = "source,record_id,first_name,last_name,dob\n"


def _csv(tmp_path: Path, *rows: str) -> tuple[list[ParsedRecord], list[Reject]]:
    """Subjects parsed from a CSV of the five-column header and `rows`."""
    path = tmp_path / "subjects.csv"
    path.write_text(_HEADER + "".join(rows), encoding="utf-8")
    return _parsed(path)


def _line(**fields: object) -> str:
    return json.dumps(subject_row(**fields), ensure_ascii=False)


def test_json_past_the_readers_limits_is_a_reject_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "subjects.jsonl"
    path.write_text(
        "\n".join(
            [
                _line(record_id="S-1"),
                '{"kind": "subject", "height_in": ' + "9" * 5_000 + "}",
                "[" * 100_000 + "]" * 100_000,
                _line(record_id="S-2"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    good, bad = _parsed(path)
    assert _ids(good) == ["S-1", "S-2"]
    assert [(r.line, r.reason) for r in bad] == [
        (2, "not readable JSON: Exceeds the limit (4300 digits) for integer string conversion"),
        (3, "not readable JSON: nested too deeply"),
    ]


def test_json_errors_point_at_the_right_character(tmp_path: Path) -> None:
    path = tmp_path / "subjects.jsonl"
    path.write_text('{"kind": "subject", "record_id": "S-1"\n{"a": 1} x\n', encoding="utf-8")
    _, bad = _parsed(path)
    assert [r.reason for r in bad] == [
        "not valid JSON: Expecting ',' delimiter (character 39)",
        "not valid JSON: Extra data (character 10)",
    ]


def test_lone_carriage_returns_end_lines_and_a_pasted_byte_order_mark_is_dropped(
    tmp_path: Path,
) -> None:
    path = tmp_path / "subjects.jsonl"
    text = "\r".join([_line(record_id="S-1"), "\ufeff" + _line(record_id="S-2"), "{bad"]) + "\r"
    path.write_bytes(text.encode("utf-8"))
    good, bad = _parsed(path)
    assert [(p.line, p.record.record_id) for p in good] == [(1, "S-1"), (2, "S-2")]  # type: ignore[union-attr]
    assert [r.line for r in bad] == [3]


def test_a_gzip_file_is_one_reject_saying_to_decompress(tmp_path: Path) -> None:
    for name in ("subjects.jsonl", "subjects.csv"):
        path = tmp_path / name
        path.write_bytes(gzip.compress((_line(record_id="S-1") + "\n").encode()))
        good, bad = _parsed(path)
        assert good == []
        assert len(bad) == 1 and bad[0].reason == "the file is gzip-compressed"
        assert bad[0].hint.startswith("decompress it first")


def test_a_valid_replacement_character_is_kept_and_invalid_bytes_are_rejected(
    tmp_path: Path,
) -> None:
    jsonl = tmp_path / "subjects.jsonl"
    jsonl.write_bytes(
        (_line(record_id="S-1", first_name="An\ufffdn") + "\n").encode()
        + b'{"kind": "subject", "record_id": "S-2", "first_name": "\xff"}\n'
    )
    csv_file = tmp_path / "subjects.csv"
    csv_file.write_bytes(b"source,record_id,first_name\nPTMS,S-3,An\xef\xbf\xbdn\nPTMS,S-4,\xff\n")
    for path, kept, rejected in ((jsonl, "S-1", 2), (csv_file, "S-3", 3)):
        good, bad = _parsed(path)
        assert _ids(good) == [kept]
        assert [(r.line, r.reason.startswith("not UTF-8")) for r in bad] == [(rejected, True)]


def test_csv_rows_with_too_few_or_too_many_cells_are_rejected(tmp_path: Path) -> None:
    good, bad = _csv(
        tmp_path,
        "PTMS,C-1,Ann,Lee,1980-05-06\n",
        "PTMS,C-2,Bob\n",
        "PTMS,C-3,Cy,Lee,1980-05-06,extra\n",
    )
    assert _ids(good) == ["C-1"]
    assert [(r.line, r.reason) for r in bad] == [
        (3, "3 cells in a row under 5 header columns"),
        (4, "6 cells in a row under 5 header columns"),
    ]
    assert bad[0].hint.startswith("give the row a cell per column")
    assert bad[0].raw == "PTMS,C-2,Bob"


def test_an_unclosed_quote_is_a_reject_covering_what_it_swallowed(tmp_path: Path) -> None:
    good, bad = _csv(
        tmp_path,
        "PTMS,R-1,Ann,Lee,1980-05-06\n",
        'PTMS,R-2,"unterminated,Lee,1980-05-06\n',
        "PTMS,R-3,Cy,Lee,1980-05-06\n",
    )
    assert _ids(good) == ["R-1"]
    (reject,) = bad
    assert reject.line == 3 and reject.reason.startswith("not valid CSV (unexpected end of data")
    assert "lines 3-4" in reject.reason and "R-3" in reject.raw


def test_a_header_naming_a_column_twice_rejects_every_row(tmp_path: Path) -> None:
    path = tmp_path / "subjects.csv"
    path.write_text(
        "source,record_id,first_name,source\nPTMS,D-1,Ann,UDLB\nPTMS,D-2,Bob,UDLB\n",
        encoding="utf-8",
    )
    good, bad = _parsed(path)
    assert good == []
    assert [(r.line, r.reason) for r in bad] == [
        (2, "the header names 'source' more than once"),
        (3, "the header names 'source' more than once"),
    ]


def test_csv_line_numbers_count_blank_lines_and_multi_line_cells(tmp_path: Path) -> None:
    path = tmp_path / "subjects.csv"
    path.write_text(
        "\n"
        "source,record_id,first_name,dob\n"
        "PTMS,L-1,Ann,1980-05-06\n"
        "\n"
        'PTMS,L-2,"Anna\n",1980-05-06\n'  # a quoted cell over two lines
        "\n"
        "PTMS,L-3,Cy,1980-13-06\n",
        encoding="utf-8",
    )
    good, bad = _parsed(path)
    assert [(p.line, p.record.record_id) for p in good] == [(3, "L-1"), (5, "L-2")]  # type: ignore[union-attr]
    assert [(r.line, r.field) for r in bad] == [(8, "dob")]


def test_a_csv_cell_past_the_readers_limit_is_a_reject(tmp_path: Path) -> None:
    good, bad = _csv(tmp_path, f"PTMS,B-1,{'x' * 200_000},Lee,\n", "PTMS,B-2,Bo,Lee,\n")
    assert _ids(good) == ["B-2"]
    assert [(r.line, r.reason.startswith("not valid CSV (field larger than")) for r in bad] == [
        (2, True)
    ]


def test_over_long_values_are_rejected_with_their_field(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    rows = [
        subject_row(record_id="T-1", fin="F" * 9_000),
        subject_row(record_id="T-2", last_name="L" * 201),
        subject_row(record_id="T-3", addresses=[{"street": "S" * 300}]),
        case_row(case_id="T-4", assigned_employees=[f"employee {n:04d}" for n in range(700)]),
        subject_row(record_id="T-5", last_name="L" * 200),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    good, bad = _parsed(path)
    assert [p.line for p in good] == [5]
    assert [(r.field, r.reason) for r in bad] == [
        ("fin", "9,000 characters, more than the 200 allowed"),
        ("last_name", "201 characters, more than the 200 allowed"),
        ("addresses[0].street", "300 characters, more than the 200 allowed"),
        (
            "assigned_employees",
            "the assigned employees run to 11,200 characters, more than the 8,000 their search "
            "index takes",
        ),
    ]


def test_control_characters_in_ids_and_names_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "subjects.jsonl"
    rows = [
        subject_row(record_id="P-1009\u001f"),
        subject_row(record_id="P-1", first_name="Lee\u0007\u001b[31mRED"),
        subject_row(record_id="P-2", first_name="Zoë", last_name="O'Brien-Núñez"),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    good, bad = _parsed(path)
    assert [p.line for p in good] == [3]
    assert [(r.field, r.reason) for r in bad] == [
        ("record_id", "holds the control character U+001F at character 7"),
        ("first_name", "holds the control character U+0007 at character 4"),
    ]


def test_messages_say_what_is_wrong_in_the_records_terms(tmp_path: Path) -> None:
    path = tmp_path / "subjects.jsonl"
    rows = [
        subject_row(record_id="M-1", observed_at="yesterday"),
        subject_row(record_id="M-2", citizenship="US"),
        subject_row(record_id="M-3", source=""),
        subject_row(record_id="M-4", source=None),
        subject_row(record_id="M-5", height_in=180),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    _, bad = _parsed(path)
    assert [f"{r.reason}; {r.hint}" for r in bad] == [
        "expected a date-time, got text 'yesterday' (input is too short); "
        "write an ISO date-time, e.g. 2024-03-01T14:30:00Z",
        "'US' is not a three-letter country code; "
        "write its ISO 3166-1 alpha-3 code, e.g. USA, CAN, GBR",
        "is empty; give a value, or leave the field out if it may be",
        "expected text, got null; write it as text in quotes",
        "180 is above the most allowed, 108 (inches); correct it",
    ]
