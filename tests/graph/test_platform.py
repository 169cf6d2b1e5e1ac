"""The platform against the real Neo4j: Bolt, auth, APOC, migrations, write and read."""

from __future__ import annotations

import time
import uuid

import pytest
from neo4j.exceptions import ClientError

from graph.cypher import statements
from graph.driver import Graph, open_graph
from graph.migrate import applied_versions, migrate, schema_migrations
from idgraph.errors import GraphUnavailableError, QueryTimeoutError
from idgraph.settings import Settings
from normalize import fin


def test_server_is_neo4j_526_community_with_apoc(graph: Graph) -> None:
    (row,) = graph.read("meta/ping")
    assert row["name"] == "Neo4j Kernel"
    assert row["version"].startswith("5.26.")
    assert row["apoc"].startswith("5.26.")


def test_write_then_read_over_bolt(clean_graph: Graph) -> None:
    token = uuid.uuid4().hex
    assert clean_graph.write("meta/probe_write", token=token) == [{"token": token}]
    assert clean_graph.read("meta/probe_read", token=token) == [{"token": token}]
    assert clean_graph.read("meta/probe_read", token="absent") == []


def test_one_trip_statements_write_then_read(clean_graph: Graph) -> None:
    token = uuid.uuid4().hex
    assert clean_graph.write_one_trip("meta/probe_write", token=token) == [{"token": token}]
    assert clean_graph.read_one_trip("meta/probe_read", token=token) == [{"token": token}]
    assert clean_graph.read("meta/probe_read", token=token) == [{"token": token}]


def test_a_one_trip_read_may_not_write(clean_graph: Graph) -> None:
    """The read goes in read access mode (a cluster routes it to a reader); the server's
    refusal, which no retry can mend, reaches the caller."""
    token = uuid.uuid4().hex
    with pytest.raises(ClientError, match="read access mode"):
        clean_graph.read_one_trip("meta/probe_write", token=token)
    assert clean_graph.read("meta/probe_read", token=token) == []


def test_migrations_are_recorded_and_idempotent(graph: Graph) -> None:
    on_disk = {m.version for m in schema_migrations()}
    assert applied_versions(graph) == on_disk
    assert migrate(graph) == []  # a second run applies nothing
    names = {row["name"] for row in graph.read("meta/show_constraints")}
    assert {"subject_record_id", "identity_entity_id", "case_id"} <= names


def test_wipe_keeps_schema_record(clean_graph: Graph) -> None:
    clean_graph.write("meta/probe_write", token="x")
    clean_graph.write_autocommit("meta/wipe_data")
    assert clean_graph.read("meta/probe_read", token="x") == []
    assert applied_versions(clean_graph)


def test_unreachable_server_names_the_uri() -> None:
    settings = Settings(neo4j_uri="bolt://127.0.0.1:1", neo4j_connect_timeout_s=1.0)
    with pytest.raises(GraphUnavailableError) as caught, open_graph(settings):
        pass
    assert "bolt://127.0.0.1:1" in caught.value.message
    assert caught.value.hint


def test_a_read_past_its_time_limit_is_stopped_by_neo4j(graph: Graph) -> None:
    limited = Graph(graph.driver, graph.database, graph.uri, read_timeout_s=0.2)
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"longer than 0\.2 s"):
        limited.read("meta/slow_probe", rows=2_000_000_000)
    assert time.monotonic() - started < 10
    assert graph.read("meta/slow_probe", rows=1000) == [{"total": 143}]  # no limit: it answers


def test_encounters_loaded_before_fin_norm_get_it_from_migration_0013(clean_graph: Graph) -> None:
    (backfill,) = [m for m in schema_migrations() if m.version == 13]
    clean_graph.driver.execute_query(
        "CREATE (:Encounter {encounter_id: 'E-OLD', fin: 'f-12 3'}), "
        "(:Encounter {encounter_id: 'E-DASH', fin: '--'})",
        database_=clean_graph.database,
    )
    for statement in statements(backfill.path.read_text(encoding="utf-8")):
        clean_graph.driver.execute_query(statement, database_=clean_graph.database)
    rows = clean_graph.driver.execute_query(
        "MATCH (e:Encounter) RETURN e.encounter_id AS id, e.fin_norm AS fin ORDER BY id",
        database_=clean_graph.database,
    ).records
    # the same comparison form as normalize.identifiers.fin gives a loaded encounter
    assert [(r["id"], r["fin"]) for r in rows] == [("E-DASH", fin("--")), ("E-OLD", fin("f-12 3"))]
    assert fin("f-12 3") == "F123" and fin("--") is None
