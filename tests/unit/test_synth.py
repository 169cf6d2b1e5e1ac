"""Synthetic data: valid against the models, linked consistently, deterministic, hard cases in."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

import pytest

from loaders.parse import ParsedRecord, iter_records
from loaders.rejects import Reject
from synth import FILES, generate
from synth.people import UnitFactory
from synth.pools import load_pools

_PERSONS = 1500  # enough for every hard-case kind at their shares, small for 2 cores


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(_PERSONS, seed=42, out_dir=out)
    return out


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_every_record_validates_and_ids_are_unique(dataset: Path) -> None:
    seen: dict[tuple[str, str], str] = {}
    for name in FILES[:6]:
        rejects = [
            str(p)
            for p in iter_records(dataset / f"{name}.jsonl", seen_ids=seen)
            if isinstance(p, Reject)
        ]
        assert rejects == []
    kinds = Counter(kind for kind, _ in seen)
    assert kinds["protectee"] == 20
    assert all(
        kinds[k] > 0 for k in ("subject", "case", "incident", "encounter", "partner_request")
    )


def test_truth_covers_every_subject_with_one_to_four_records_per_person(dataset: Path) -> None:
    subjects = {r["record_id"] for r in _rows(dataset / "subjects.jsonl")}
    truth = _rows(dataset / "truth.jsonl")
    assert {t["record_id"] for t in truth} == subjects
    sizes = Counter(t["entity_id"] for t in truth)
    assert len(sizes) == _PERSONS
    assert min(sizes.values()) >= 1 and max(sizes.values()) <= 6  # hard cases force extra


def test_references_point_at_written_records(dataset: Path) -> None:
    subjects = {r["record_id"] for r in _rows(dataset / "subjects.jsonl")}
    incidents = {r["incident_id"] for r in _rows(dataset / "incidents.jsonl")}
    encounters = {r["encounter_id"] for r in _rows(dataset / "encounters.jsonl")}
    requests = _rows(dataset / "partner_requests.jsonl")
    request_ids = {r["request_id"] for r in requests}
    for case in _rows(dataset / "cases.jsonl"):
        assert {s["record_id"] for s in case["subjects"]} <= subjects
        assert set(case["incident_ids"]) <= incidents
    for request in requests:
        assert request["subject_record_id"] in subjects
        assert request.get("encounter_id") is None or request["encounter_id"] in encounters
        assert (request.get("follows_request_id") is None) == (request["sequence"] == 1)
        assert request.get("follows_request_id") in request_ids | {None}


def test_protected_people_are_always_answered_no_match(dataset: Path) -> None:
    labels = defaultdict(set)
    for row in _rows(dataset / "hard_cases.jsonl"):
        labels[row["record_id"]].add(row["case"])
    protected = [
        r
        for r in _rows(dataset / "partner_requests.jsonl")
        if "protected" in labels[r["subject_record_id"]]
    ]
    assert protected, "the data set should hold partner requests about protected people"
    assert {r["response"]["result"] for r in protected} == {"NO_MATCH"}
    assert all(r["sequence"] == 1 for r in protected)


def test_hard_cases_are_present(dataset: Path) -> None:
    counts = Counter(r["case"] for r in _rows(dataset / "hard_cases.jsonl"))
    for case in (
        "twin",
        "jr_sr",
        "sibling",
        "identity_fraud",
        "shared_ssn",
        "common_name",
        "protected",
        "transliteration",
        "nickname",
        "two_surnames",
        "name_order",
        "typo",
        "dob_day_month",
        "dob_partial",
        "dob_placeholder",
        "ssn_typo",
        "repeat_threatener",
    ):
        assert counts[case] > 0, case


def test_identity_fraud_is_one_fin_two_names_one_person(dataset: Path) -> None:
    truth = {r["record_id"]: r["entity_id"] for r in _rows(dataset / "truth.jsonl")}
    fraud = {
        r["record_id"] for r in _rows(dataset / "hard_cases.jsonl") if r["case"] == "identity_fraud"
    }
    by_fin: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(dataset / "subjects.jsonl"):
        if row["record_id"] in fraud and row.get("fin"):
            by_fin[row["fin"]].append(row)
    multi_name = [
        rows
        for rows in by_fin.values()
        if len({(r["first_name"].lower(), r["last_name"].lower()) for r in rows}) > 1
    ]
    assert multi_name
    for rows in multi_name:
        assert len({truth[r["record_id"]] for r in rows}) == 1


def test_shared_ssn_joins_two_people(dataset: Path) -> None:
    truth = {r["record_id"]: r["entity_id"] for r in _rows(dataset / "truth.jsonl")}
    shared = {
        r["record_id"] for r in _rows(dataset / "hard_cases.jsonl") if r["case"] == "shared_ssn"
    }
    people_by_ssn: dict[str, set[str]] = defaultdict(set)
    for row in _rows(dataset / "subjects.jsonl"):
        if row["record_id"] in shared and row.get("ssn"):
            people_by_ssn[row["ssn"].replace("-", "").replace(" ", "")].add(truth[row["record_id"]])
    assert any(len(people) == 2 for people in people_by_ssn.values())


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    summaries = [generate(200, seed, tmp_path / str(i)) for i, seed in enumerate((5, 5, 6))]
    same = [(tmp_path / str(i) / "subjects.jsonl").read_bytes() for i in range(3)]
    assert same[0] == same[1] != same[2]
    assert summaries[0].lines == summaries[1].lines
    assert summaries[0].subject_records == summaries[0].lines["subjects"] > 200


def test_zero_persons_and_negative(tmp_path: Path) -> None:
    summary = generate(0, 1, tmp_path)
    assert summary.lines["subjects"] == 0 and summary.lines["protectees"] == 20
    with pytest.raises(ValueError, match="0 or more"):
        generate(-1, 1, tmp_path)


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[int] = []
    generate(2500, 3, tmp_path, progress=seen.append)
    assert seen[-1] == 2500 and seen == sorted(seen) and len(seen) >= 2


def test_parsed_records_are_models(dataset: Path) -> None:
    first = next(iter(iter_records(dataset / "subjects.jsonl")))
    assert isinstance(first, ParsedRecord) and first.record.kind == "subject"


def test_a_father_is_at_least_twenty_years_older_than_his_son() -> None:
    # The son's DOB must also fall by the last year drawn, without piling up there: clamping
    # it once made fathers 9 years older than their sons, and later put one son in six on
    # 2006-12-31, where unrelated juniors with similar names merged.
    units = UnitFactory(Random(3), load_pools())
    sons_births: Counter[date] = Counter()
    for _ in range(2000):
        senior, junior = units._jr_sr()
        assert (senior.suffix, junior.suffix) == ("SR", "JR")
        assert (junior.dob - senior.dob).days >= 20 * 365
        assert junior.dob.year <= 2006
        sons_births[junior.dob] += 1
    assert max(sons_births.values()) <= 5
