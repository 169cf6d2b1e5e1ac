"""Parsing JSONL and CSV: every bad line becomes an actionable Reject, and parsing goes on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from loaders.parse import ParsedRecord, iter_records, kind_from_filename
from loaders.rejects import Reject, write_rejects
from tests.unit.factories import incident_row, partner_request_row, subject_row


def _write_jsonl(path: Path, rows: list[Any]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rejects(path: Path, **kwargs: Any) -> list[Reject]:
    return [p for p in iter_records(path, **kwargs) if isinstance(p, Reject)]


def test_bad_lines_are_rejected_with_file_line_field_and_hint(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "people.jsonl",
        [
            subject_row(record_id="S1"),
            subject_row(record_id="S2", dob="1985-13-02"),
            "{not json",
            subject_row(record_id="S1"),
            {"kind": "widget"},
            subject_row(record_id="S3", gender="Q"),
            [1, 2],
            subject_row(record_id="S4"),
        ],
    )
    parsed = list(iter_records(path))
    assert [type(p).__name__ for p in parsed] == [
        "ParsedRecord",
        "Reject",
        "Reject",
        "Reject",
        "Reject",
        "Reject",
        "Reject",
        "ParsedRecord",
    ]
    rejects = [p for p in parsed if isinstance(p, Reject)]
    assert str(rejects[0]) == (
        f"{path}:2: field 'dob': '1985-13-02' is not a date (month 13); "
        "write YYYY-MM-DD, YYYY-MM or YYYY"
    )
    assert rejects[1].line == 3 and "not valid JSON" in rejects[1].reason
    assert rejects[2].field == "record_id" and f"{path}:1" in rejects[2].reason
    assert rejects[3].field == "kind" and "partner_request" in rejects[3].hint
    assert rejects[4].field == "gender" and "M, F, X or U" in rejects[4].hint
    assert "expected one JSON object" in rejects[5].reason


def test_every_problem_on_a_line_is_reported(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "s.jsonl", [subject_row(dob="1990-02-30", gender="Q", x=1)])
    (reject,) = _rejects(path)
    assert reject.field == "dob" and "February has 28" in reject.reason
    assert len(reject.also) == 2 and any(
        "did you mean" in a or "unknown field" in a for a in reject.also
    )


def test_unknown_fields_can_be_ignored(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "s.jsonl", [subject_row(legacy_code="X")])
    assert _rejects(path)[0].field == "legacy_code"
    assert _rejects(path, unknown_fields="ignore") == []


def test_misspelt_field_gets_a_suggestion(tmp_path: Path) -> None:
    row = subject_row()
    row["frist_name"] = row.pop("first_name")
    (reject,) = _rejects(_write_jsonl(tmp_path / "s.jsonl", [row]))
    assert "did you mean 'first_name'" in reject.hint


def test_ids_repeated_across_files_are_rejected_with_a_shared_mapping(tmp_path: Path) -> None:
    seen: dict[tuple[str, str], str] = {}
    first = _write_jsonl(tmp_path / "a.jsonl", [subject_row(record_id="X")])
    second = _write_jsonl(tmp_path / "b.jsonl", [subject_row(record_id="X")])
    assert _rejects(first, seen_ids=seen) == []
    (reject,) = _rejects(second, seen_ids=seen)
    assert str(first) in reject.reason


def test_kind_comes_from_the_file_name_when_lines_omit_it(tmp_path: Path) -> None:
    row = partner_request_row()
    del row["kind"]
    path = _write_jsonl(tmp_path / "partner_requests.jsonl", [row])
    (parsed,) = list(iter_records(path))
    assert isinstance(parsed, ParsedRecord) and parsed.record.kind == "partner_request"
    assert kind_from_filename(Path("people.csv")) == "subject"
    assert kind_from_filename(Path("misc.csv")) is None


def test_bad_utf8_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    good = json.dumps(subject_row()).encode()
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n\n" + b'{"kind": "subject\xff"}\n')
    parsed = list(iter_records(path))
    assert isinstance(parsed[0], ParsedRecord)
    assert isinstance(parsed[1], Reject) and parsed[1].line == 3 and "UTF-8" in parsed[1].reason


def test_csv_subjects_with_lists_address_and_phone_kinds(tmp_path: Path) -> None:
    path = tmp_path / "subjects.csv"
    path.write_text(
        "source,record_id,first_name,last_name,dob,aliases,phones,address_street,address_city\n"
        'PTMS,S1,Ann,Lee,1980-05-06,"Ann Li; Anne Lee",home:(202) 555-0142;202-555-0199,'
        "1 Main St,Washington\n"
        "PTMS,S2,Bob,Ray,1980-15-06,,,,\n",
        encoding="utf-8",
    )
    first, second = list(iter_records(path))
    assert isinstance(first, ParsedRecord)
    subject = first.record
    assert subject.kind == "subject"
    assert subject.aliases == ["Ann Li", "Anne Lee"]
    assert [(p.number, p.kind) for p in subject.phones] == [
        ("(202) 555-0142", "home"),
        ("202-555-0199", "unknown"),
    ]
    assert subject.addresses[0].city == "Washington"
    assert isinstance(second, Reject) and second.line == 3 and second.field == "dob"


def test_csv_incident_pairs_and_booleans(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(
        "incident_id,system,incident_type,branch,subjects,protectees,gun,arrest_charges\n"
        "U1,UDLB,ARREST,WHITE_HOUSE,S1:ARRESTEE;S2,P1:THREAT,true,Unlawful entry;Resisting\n",
        encoding="utf-8",
    )
    (parsed,) = list(iter_records(path))
    assert isinstance(parsed, ParsedRecord)
    incident = parsed.record
    assert incident.kind == "incident" and incident.gun is True
    assert [(s.record_id, s.role) for s in incident.subjects] == [
        ("S1", "ARRESTEE"),
        ("S2", "SUBJECT"),
    ]
    assert incident.arrest_charges == ["Unlawful entry", "Resisting"]


def test_csv_partner_request_response_columns(tmp_path: Path) -> None:
    path = tmp_path / "partner_requests.csv"
    path.write_text(
        "request_id,partner_country,sequence,response_id,response_result,"
        "response_released_elements\nR1,AUS,1,RS1,MATCH,NAME;DOB\n",
        encoding="utf-8",
    )
    (parsed,) = list(iter_records(path))
    assert isinstance(parsed, ParsedRecord)
    request = parsed.record
    assert request.kind == "partner_request" and request.response is not None
    assert request.response.released_elements == ["NAME", "DOB"]


def test_write_rejects_round_trips(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "i.jsonl", [incident_row(branch="MOON_BASE")])
    count = write_rejects(_rejects(path), tmp_path / "out" / "rejects.jsonl")
    (row,) = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").open()]
    assert count == 1
    assert row["field"] == "branch" and row["line"] == 1 and row["file"] == str(path)
    assert row["hint"].startswith("use one of") and row["message"].startswith(str(path))
    assert json.loads(row["raw"])["branch"] == "MOON_BASE"
