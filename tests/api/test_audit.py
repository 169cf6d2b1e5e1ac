"""The audit chain: every request is chained, concurrent appends keep it linear, tampering with
one event is found and named, supervisors can page through it, `idgraph audit verify` fails."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from api.audit import AuditRecord, iter_events, verify_chain
from api.audit_writer import AuditWriter, append_event
from graph.driver import Graph
from idgraph.cli.audit import verify_exit_code
from tests.api.conftest import Call

pytestmark = pytest.mark.neo4j


def _record(n: int) -> AuditRecord:
    return AuditRecord("u", "pid_analyst", "test", "identity", f"{n:064x}", [f"S-{n}"], "OK")


def test_concurrent_appends_form_one_chain(clean_graph: Graph) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        seqs = list(pool.map(lambda n: append_event(clean_graph, _record(n)), range(40)))
    assert sorted(seqs) == list(range(1, 41))
    report = verify_chain(clean_graph)
    assert report.broken_at is None and report.events == 40


def test_writers_of_two_processes_take_turns_on_the_chain(clean_graph: Graph) -> None:
    # Two writers stand for two API worker processes: each commits groups under the chain lock.
    writers = [AuditWriter(clean_graph), AuditWriter(clean_graph)]
    futures = [writers[n % 2].submit(_record(n)) for n in range(200)]
    seqs = [f.result(timeout=60) for f in futures]
    assert sorted(seqs) == list(range(1, 201))
    report = verify_chain(clean_graph)
    assert report.broken_at is None and report.events == 200


def test_tampering_names_the_first_broken_event(clean_graph: Graph) -> None:
    for n in range(5):
        append_event(clean_graph, _record(n))
    assert verify_exit_code(clean_graph) == 0
    clean_graph.driver.execute_query(
        "MATCH (e:AuditEvent {seq: 3}) SET e.disclosed = ['someone-else']",
        database_=clean_graph.database,
    )
    report = verify_chain(clean_graph)
    assert report.broken_at == 3 and "hash" in report.reason
    assert verify_exit_code(clean_graph) == 1


def test_deleting_an_event_is_found(clean_graph: Graph) -> None:
    for n in range(4):
        append_event(clean_graph, _record(n))
    clean_graph.driver.execute_query(
        "MATCH (e:AuditEvent {seq: 2}) DELETE e", database_=clean_graph.database
    )
    assert verify_chain(clean_graph).broken_at == 2


def test_every_request_is_audited_with_disclosures(seeded: Graph, call: Call) -> None:
    before = sum(1 for _ in iter_events(seeded))
    call("pid_analyst", '{ identity(id: "E-SMITH") { entityId } }')
    call("pid_analyst", "{ auditEvents { hasNextPage } }")  # refused, still audited
    events = list(iter_events(seeded, after=before))
    assert [e["operation"] for e in events] == ["identity", "auditEvents"]
    assert "S-SMITH" in events[0]["disclosed"] and events[0]["purpose"] == "test"
    assert events[1]["outcome"] == "ERROR:FORBIDDEN" and events[1]["disclosed"] == []
    assert verify_chain(seeded).broken_at is None


def test_supervisors_page_through_the_log(seeded: Graph, call: Call) -> None:
    for _ in range(3):
        call("pid_analyst", '{ identity(id: "E-SMITH") { entityId } }')
    out = call(
        "pid_supervisor",
        "{ auditEvents(first: 2) { events { seq hash prevHash } endCursor hasNextPage } }",
    )["data"]["auditEvents"]
    assert [e["seq"] for e in out["events"]] == [1, 2] and out["hasNextPage"]
    assert out["events"][1]["prevHash"] == out["events"][0]["hash"]
