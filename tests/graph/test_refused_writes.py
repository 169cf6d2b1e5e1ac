"""A record Neo4j refuses to store is set aside as a reject and the rest of its batch loads.

The models cap every value an index holds (tests/unit/test_parse_hostile.py), so a refusal needs
a rule the models do not know: these tests add a uniqueness constraint or an index of their own
for their duration and drop it after."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.driver import Graph
from idgraph.errors import RefusedWriteError
from loaders import load_files
from tests.unit.factories import case_row, subject_row


@pytest.fixture
def passports_unique(clean_graph: Graph) -> Iterator[Graph]:
    clean_graph.driver.execute_query(
        "CREATE CONSTRAINT test_passport_unique FOR (s:Subject) REQUIRE s.passport IS UNIQUE",
        database_=clean_graph.database,
    )
    try:
        yield clean_graph
    finally:
        clean_graph.driver.execute_query(
            "DROP CONSTRAINT test_passport_unique IF EXISTS", database_=clean_graph.database
        )


def test_a_refused_record_is_a_reject_and_its_batch_still_loads(
    passports_unique: Graph, tmp_path: Path
) -> None:
    graph = passports_unique
    rows = [
        subject_row(record_id=f"R-{n}", passport=f"P{n}", fin=None, ssn=None, a_number=None)
        for n in range(7)
    ]
    rows[5]["passport"] = "P2"  # refused: the constraint holds P2 for R-2 already
    rows.append(case_row(case_id="C-1", subjects=[{"record_id": "R-6", "role": "SUSPECT"}]))
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"

    summary = load_files(graph, [path], batch_size=100, rejects_path=rejects)

    assert (summary.loaded, summary.rejected) == (7, 1)
    assert "R-5" not in summary.loaded_subject_ids and len(summary.loaded_subject_ids) == 6
    (reject,) = [json.loads(line) for line in rejects.open(encoding="utf-8")]
    assert (reject["file"], reject["line"]) == (str(path), 6)
    assert reject["reason"].startswith("Neo4j refused to store it: a uniqueness rule refused it")
    assert json.loads(reject["raw"])["record_id"] == "R-5"  # the input line itself
    stored = graph.driver.execute_query(
        "MATCH (s:Subject) RETURN s.record_id AS id ORDER BY id", database_=graph.database
    ).records
    assert [r["id"] for r in stored] == ["R-0", "R-1", "R-2", "R-3", "R-4", "R-6"]
    linked = graph.driver.execute_query(
        "MATCH (:Case {case_id: 'C-1'})-[:INVOLVES]->(s:Subject) RETURN s.record_id AS id",
        database_=graph.database,
    ).records
    assert [r["id"] for r in linked] == ["R-6"]


@pytest.fixture
def probe_tokens_indexed(clean_graph: Graph) -> Iterator[Graph]:
    clean_graph.driver.execute_query(
        "CREATE INDEX test_probe_token FOR (p:Probe) ON (p.token)", database_=clean_graph.database
    )
    clean_graph.read("meta/await_indexes", seconds=60)
    try:
        yield clean_graph
    finally:
        clean_graph.driver.execute_query(
            "DROP INDEX test_probe_token IF EXISTS", database_=clean_graph.database
        )


def test_a_value_too_large_to_index_is_named_by_label_and_property(
    probe_tokens_indexed: Graph,
) -> None:
    with pytest.raises(RefusedWriteError, match=r"too large for Neo4j to index \(Probe.token\)"):
        probe_tokens_indexed.write("meta/probe_write", token="x" * 9_000)
