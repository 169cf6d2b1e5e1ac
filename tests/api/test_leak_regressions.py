"""Leaks an access audit found, each kept fixed by a test that failed before its fix: what a
caller may not read must not show through an answer's shape, its scores, its errors, its
audit record, or a partner's MATCH. Tests that read the shared scenario take `fresh` (seeded
for each), since others here empty the graph."""

from __future__ import annotations

from typing import Any

import pytest

from api.audit import iter_events
from graph.driver import Graph
from loaders import await_search_index, load_records
from tests.api.conftest import Call
from tests.api.factories import seed_identities, subject
from tests.api.ops import PARTNER_ID

pytestmark = pytest.mark.neo4j


def _partner(call: Call, **args: str) -> dict[str, Any]:
    out = call("foreign_partner", None, args, document_id=PARTNER_ID, compartments=["IDENT"])
    result: dict[str, Any] = out["data"]["partnerQuery"]
    result.pop("queryId")
    return result


def test_a_partner_gets_no_match_for_a_person_with_a_protected_encounter(
    clean_graph: Graph, call: Call
) -> None:
    records = [
        subject("S-ENC", "Nadia", "Karimi", "IDENT", dob="1991-01-01", fin="F700"),
        subject("S-ENC2", "Nadia", "Karimi", "IDENT", dob="1991-01-01", fin="F701"),
        {"kind": "encounter", "encounter_id": "E-7", "fin": "F700", "encounter_date": "2023-07-07",
         "subject_record_id": "S-ENC", "protected_classes": ["ASYLUM"]},
    ]  # fmt: skip
    assert load_records(clean_graph, records).rejected == 0
    seed_identities(clean_graph, {"E-ENC": ["S-ENC", "S-ENC2"]})
    nobody = _partner(call, encounterId="E-NOBODY")
    assert nobody == {"result": "NO_MATCH", "elements": None}
    assert _partner(call, encounterId="E-7") == nobody
    assert _partner(call, fin="F700") == nobody
    assert _partner(call, fin="F701") == nobody  # the same person through the identity


def test_a_partner_gets_no_match_through_an_encounter_with_a_protected_fin(
    clean_graph: Graph, call: Call
) -> None:
    records = [
        subject("S-BODY", "Nadia", "Karimi", "IDENT", dob="1991-01-01"),  # no FIN of its own
        subject("S-PROT", "Nadia", "Karimi", "IDENT", fin="F800", protected_classes=["ASYLUM"]),
        {"kind": "encounter", "encounter_id": "E-9", "fin": "f-800", "encounter_date": "2023-07-07",
         "subject_record_id": "S-BODY"},
    ]  # fmt: skip
    assert load_records(clean_graph, records).rejected == 0
    seed_identities(clean_graph, {"E-BODY": ["S-BODY"], "E-PROT": ["S-PROT"]})
    assert _partner(call, encounterId="E-9") == _partner(call, encounterId="E-NOBODY")


def _address(street: str) -> dict[str, str]:
    return {"street": street, "city": "Washington", "state": "DC", "postal_code": "20001"}


PATH = '{ shortestPath(fromId: "X1", toId: "X2") { nodes { id type } } }'


def test_a_hidden_shorter_path_does_not_hide_a_readable_longer_one(
    clean_graph: Graph, call: Call
) -> None:
    records = [
        subject("X1", "Xavier", "One", "PTMS", phones=["202-555-0001"],
                addresses=[_address("1 A St")]),
        subject("M1", "Mia", "Mid", "PTMS", phones=["202-555-0001", "202-555-0002"]),
        subject("M2", "Max", "Mid", "PTMS", phones=["202-555-0002", "202-555-0003"]),
        subject("X2", "Xena", "Two", "PTMS", phones=["202-555-0003"],
                addresses=[_address("2 B St")]),
        # H is readable itself but belongs to a protected person: a 4-hop path through H
        subject("H", "Hal", "Hidden", "PTMS", addresses=[_address("1 A St"), _address("2 B St")]),
        subject("HP", "Hal", "Hidden", "IDENT", protected_classes=["ASYLUM"]),
    ]  # fmt: skip
    assert load_records(clean_graph, records).rejected == 0
    seed_identities(
        clean_graph,
        {"E-X1": ["X1"], "E-M1": ["M1"], "E-M2": ["M2"], "E-X2": ["X2"], "E-H": ["H", "HP"]},
    )
    assert len(call("pid_supervisor", PATH)["data"]["shortestPath"]["nodes"]) == 5  # via H
    seen = call("pid_analyst", PATH)["data"]["shortestPath"]
    assert seen is not None and "H" not in {n["id"] for n in seen["nodes"]}
    assert len(seen["nodes"]) == 7  # the readable 6-hop path


HOOD = '{ neighbourhood(id: "%s", types: ["Identity"]) { nodes { id } } }'
TO_IDENTITY = '{ shortestPath(fromId: "%s", toId: "%s") { nodes { id } } }'


def test_an_identity_node_with_hidden_members_reads_as_any_other(seeded: Graph, call: Call) -> None:
    # E-KHAN holds the analyst's S-KHAN and a PARTNER record the analyst may not read.
    assert call("pid_analyst", '{ identity(id: "E-KHAN") { size } }')["data"]["identity"] == {
        "size": 1
    }
    hood = call("pid_analyst", HOOD % "S-KHAN")["data"]["neighbourhood"]["nodes"]
    assert {n["id"] for n in hood} == {"S-KHAN", "E-KHAN"}
    path = call("pid_analyst", TO_IDENTITY % ("S-KHAN", "E-KHAN"))["data"]["shortestPath"]
    assert [n["id"] for n in path["nodes"]] == ["S-KHAN", "E-KHAN"]


SPLIT = 'mutation { splitIdentity(entityId: "%s", recordIds: ["%s"], why: "probe") { ok detail } }'


def _members(graph: Graph) -> dict[str, str]:
    rows = graph.driver.execute_query(
        "MATCH (s:Subject)-[:MEMBER_OF]->(i:Identity) RETURN s.record_id AS r, i.entity_id AS e",
        database_=graph.database,
    ).records
    return {row["r"]: row["e"] for row in rows}


def test_a_split_judges_only_readable_members_and_names_no_hidden_one(
    fresh: Graph, call: Call
) -> None:
    singleton = call("pid_analyst", SPLIT % ("E-SMITH", "S-SMITH"))
    before = _members(fresh)
    with_hidden = call("pid_analyst", SPLIT % ("E-KHAN", "S-KHAN"))
    for answer in (singleton, with_hidden):
        answer.pop("_status")
    assert singleton["errors"][0]["message"].startswith("cannot split E-SMITH")
    assert with_hidden["errors"][0]["message"].startswith("cannot split E-KHAN")
    assert "S-KHAN-P" not in str(with_hidden)
    assert _members(fresh) == before  # nothing was judged or re-resolved


def test_protection_applies_before_the_resolver_runs(fresh: Graph, call: Call) -> None:
    changed = subject("S-BROWN-I", "Robert", "Brown", "IDENT", dob="1970-10-10", fin="F300",
                      protected_classes=["REFUGEE"])  # fmt: skip
    assert load_records(fresh, [changed]).rejected == 0
    await_search_index(fresh)
    assert call("pid_analyst", '{ identity(id: "E-BROWN") { size } }')["data"]["identity"] is None
    search = call("pid_analyst", '{ searchSubjects(filter: {lastName: "Brown"}) { totalCount } }')
    assert search["data"]["searchSubjects"]["totalCount"] == 0


SEARCH = (
    '{ searchSubjects(filter: {lastName: "Quintero"}) '
    "{ totalCount edges { score node { recordId } } } }"
)


def test_hidden_records_do_not_move_search_scores(clean_graph: Graph, call: Call) -> None:
    visible = [subject(f"V-{n}", "Ana", "Quintero", "PTMS") for n in range(2)]
    visible += [subject("V-2", "Ana", "Quinteros", "PTMS")]
    visible += [subject(f"W-{n}", "Bo", "Other", "PTMS") for n in range(20)]
    assert load_records(clean_graph, visible).rejected == 0
    await_search_index(clean_graph)
    before = call("pid_analyst", SEARCH)["data"]["searchSubjects"]
    hidden = [subject(f"H-{n}", "Ana", "Quintero", "PARTNER") for n in range(10)]
    hidden += [
        subject(f"HP-{n}", "Ana", "Quintero", "PTMS", protected_classes=["ASYLUM"])
        for n in range(10)
    ]
    assert load_records(clean_graph, hidden).rejected == 0
    await_search_index(clean_graph)
    assert call("pid_analyst", SEARCH)["data"]["searchSubjects"] == before
    edges = before["edges"]
    assert [e["node"]["recordId"] for e in edges] == ["V-0", "V-1", "V-2"]
    assert edges[0]["score"] == 1.0 > edges[2]["score"]  # the exact name first


def test_common_connections_audit_the_records_they_return(fresh: Graph, call: Call) -> None:
    q = (
        '{ commonConnections(identityA: "E-SMITH", identityB: "E-JONES") '
        "{ node { id } viaRecordsA viaRecordsB } }"
    )
    out = call("pid_analyst", q)["data"]["commonConnections"]
    returned = {r for c in out for r in c["viaRecordsA"] + c["viaRecordsB"]}
    assert returned == {"S-SMITH", "S-JONES"}
    disclosed = list(iter_events(fresh))[-1]["disclosed"]
    assert returned <= set(disclosed)


def _identity_of(graph: Graph, record_id: str) -> dict[str, Any]:
    rows = graph.driver.execute_query(
        "MATCH (:Subject {record_id: $r})-[m:MEMBER_OF]->(i:Identity) "
        "RETURN i {.entity_id, .size, .a_numbers, .ssns} AS i, m {.rule, .score, .reasons} AS m",
        {"r": record_id},
        database_=graph.database,
    ).records
    return {**rows[0]["i"], **rows[0]["m"]}


def test_nothing_of_a_purged_record_stays_in_the_identity_it_was_in(
    fresh: Graph, call: Call
) -> None:
    home = {"street": "7 Elm St", "city": "Washington", "state": "DC", "postal_code": "20001"}
    person = {"dob": "1966-06-06", "ssn": "318-22-4444", "gender": "M", "addresses": [home],
              "phones": ["202-555-0199"]}  # fmt: skip
    records = [
        subject("S-X", "Victor", "Purgeme", "PTMS", a_number="A012345678", **person),
        subject("S-Y", "Victor", "Purgeme", "UDLB", **person),
        {"kind": "case", "case_id": "C-9", "case_number": "PID-9",
         "subjects": [{"record_id": "S-X", "role": "SUBJECT"}]},
    ]  # fmt: skip
    assert load_records(fresh, records).rejected == 0
    from resolver.service import resolve_full

    resolve_full(fresh)
    before = _identity_of(fresh, "S-Y")
    assert before["size"] == 2 and before["a_numbers"] == ["012345678"]
    purged = call("pid_supervisor", 'mutation { purgeCase(caseId: "C-9") { records } }')
    assert purged["data"]["purgeCase"]["records"] == ["S-X"]
    after = _identity_of(fresh, "S-Y")
    assert (after["size"], after["a_numbers"], after["rule"]) == (1, [], "SINGLETON")
    assert after["entity_id"] != before["entity_id"]  # it was minted from S-X's id


WHY = '{ identity(id: "%s") { size why { recordId rule score reasons } } }'


def test_evidence_of_a_link_to_a_hidden_record_is_not_shown(fresh: Graph, call: Call) -> None:
    records = [
        subject("S-KHAN", "Ahmed", "Khan", "IDENT", dob="1985-07-07", fin="F100", gender="M"),
        subject("S-KHAN-P", "Ahmad", "Kahn", "PARTNER", dob="1986-08-08", fin="F100"),
        subject("S-SOLO", "Olga", "Solo", "IDENT", dob="1970-01-05", fin="F900", gender="F"),
    ]
    fresh.write_autocommit("meta/wipe_data")
    assert load_records(fresh, records).rejected == 0
    from resolver.service import resolve_full

    resolve_full(fresh)
    khan = _identity_of(fresh, "S-KHAN")["entity_id"]
    assert khan == _identity_of(fresh, "S-KHAN-P")["entity_id"]  # one body: the same FIN
    solo = _identity_of(fresh, "S-SOLO")["entity_id"]
    seen = call("pid_analyst", WHY % khan)["data"]["identity"]
    alone = call("pid_analyst", WHY % solo)["data"]["identity"]
    assert (
        [{**w, "recordId": "-"} for w in seen["why"]]
        == [{**w, "recordId": "-"} for w in alone["why"]]
        == [{"recordId": "-", "rule": "SINGLETON", "score": 0.0, "reasons": []}]
    )
    # a caller who reads both records sees the evidence as stored
    both = call("fdns_analyst", WHY % khan)["data"]["identity"]
    assert both["size"] == 2 and {w["rule"] for w in both["why"]} == {"FIN"}


def test_a_protected_incident_is_hidden_from_an_identity_and_searches(
    fresh: Graph, call: Call
) -> None:
    records = [
        subject("S-V", "Vic", "Tim", "PTMS", dob="1981-01-01"),
        {"kind": "incident", "incident_id": "I-VAWA", "system": "PTMS", "incident_type": "OTHER",
         "occurred_at": "2024-05-01T10:00:00Z", "protected_classes": ["VAWA"],
         "subjects": [{"record_id": "S-V", "role": "VICTIM"}]},
    ]  # fmt: skip
    assert load_records(fresh, records).rejected == 0
    await_search_index(fresh)
    seed_identities(fresh, {"E-V": ["S-V"]})
    q = '{ identity(id: "E-V") { incidents { incidentId } } }'
    assert call("pid_analyst", q)["data"]["identity"] == {"incidents": []}
    assert call("pid_supervisor", q)["data"]["identity"] == {
        "incidents": [{"incidentId": "I-VAWA"}]
    }
    by_type = '{ searchSubjects(filter: {incidentType: "OTHER"}) { totalCount } }'
    assert call("pid_analyst", by_type)["data"]["searchSubjects"]["totalCount"] == 0
    assert call("pid_supervisor", by_type)["data"]["searchSubjects"]["totalCount"] == 1


def test_a_path_from_a_node_to_itself_is_a_bad_request_whatever_the_node(
    fresh: Graph, call: Call
) -> None:
    answers = []
    for node in ("S-SMITH", "S-KHAN-P", "S-NOBODY"):  # readable, hidden, absent
        out = call("pid_analyst", TO_IDENTITY % (node, node))
        answers.append((out["data"], out["errors"][0]["extensions"]["code"]))
    assert answers == [({"shortestPath": None}, "BAD_USER_INPUT")] * 3


def test_the_audit_names_every_id_an_answer_returns(fresh: Graph, call: Call) -> None:
    q = '{ matchPerson(firstName: "John", lastName: "Smith", dob: "1980-01-02") '
    q += "{ entityId recordId } }"
    answered = call("pid_analyst", q)["data"]["matchPerson"]
    assert answered
    returned = {i for c in answered for i in (c["entityId"], c["recordId"]) if i}
    assert returned <= set(list(iter_events(fresh))[-1]["disclosed"])
    purge = 'mutation { purgeCase(caseId: "C-1") { caseId incidents records identities } }'
    out = call("pid_supervisor", purge)["data"]["purgeCase"]
    returned = {out["caseId"], *out["incidents"], *out["records"], *out["identities"]}
    assert returned <= set(list(iter_events(fresh))[-1]["disclosed"])
