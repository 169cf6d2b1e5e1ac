"""Mutations over HTTP: retire and purge (supervisors), and the resolver's human decisions."""

from __future__ import annotations

import importlib

import pytest

from graph.driver import Graph
from tests.api.conftest import Call

pytestmark = pytest.mark.neo4j


def _has_service(name: str) -> bool:
    try:
        return hasattr(importlib.import_module("resolver.service"), name)
    except ImportError:
        return False


def _count(graph: Graph, cypher: str) -> int:
    records, _, _ = graph.driver.execute_query(cypher, database_=graph.database)
    return int(records[0][0])


def test_retire_hides_the_case_from_all_but_supervisors(fresh: Graph, call: Call) -> None:
    out = call("pid_supervisor", 'mutation { retireCase(caseId: "C-1") { caseId incidents } }')
    assert out["data"]["retireCase"] == {"caseId": "C-1", "incidents": ["I-1"]}
    q = '{ identity(id: "E-SMITH") { cases { caseId } incidents { incidentId } } }'
    assert call("pid_analyst", q)["data"]["identity"] == {"cases": [], "incidents": []}
    assert call("pid_supervisor", q)["data"]["identity"]["cases"] == [{"caseId": "C-1"}]


def test_purge_removes_the_case_everywhere(fresh: Graph, call: Call) -> None:
    fresh.write(
        "resolver/judgement_create", judgement_id="J-1", kind="NOT_SAME", left=["S-JONES"],
        right=["S-SMITH"], pair_key="pair:S-JONES|S-SMITH", by="analyst", why="seen",
    )  # fmt: skip
    out = call(
        "pid_supervisor",
        'mutation { purgeCase(caseId: "C-1") { caseId incidents records identities } }',
    )["data"]["purgeCase"]
    assert out == {
        "caseId": "C-1",
        "incidents": ["I-1"],
        "records": ["S-SMITH"],
        "identities": ["E-SMITH"],
    }
    assert (
        _count(
            fresh,
            "MATCH (n) WHERE n.case_id = 'C-1' OR n.incident_id = 'I-1' "
            "OR n.record_id = 'S-SMITH' RETURN count(n)",
        )
        == 0
    )
    assert _count(fresh, "MATCH (i:Identity {entity_id: 'E-SMITH'}) RETURN count(i)") == 0
    # The address S-JONES shares stays; the phone only S-SMITH had goes.
    assert _count(fresh, "MATCH (a:Address) RETURN count(a)") == 1
    assert _count(fresh, "MATCH (p:Phone) RETURN count(p)") == 0
    assert _count(fresh, "MATCH (p:Protectee) RETURN count(p)") == 1  # not the case's data
    assert _count(fresh, "MATCH (j:Judgement) RETURN count(j)") == 0  # it named S-SMITH


def test_analysts_cannot_retire_or_purge(fresh: Graph, call: Call) -> None:
    for m in ("retireCase", "purgeCase"):
        out = call("pid_analyst", f'mutation {{ {m}(caseId: "C-1") {{ caseId }} }}')
        assert out["data"] is None and out["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.xfail(not _has_service("judge_pair"), reason="needs resolver.service.judge_pair")
def test_judge_pair(fresh: Graph, call: Call) -> None:
    out = call(
        "pid_analyst",
        'mutation { judgePair(left: "S-SMITH", right: "S-JONES", '
        'kind: "NOT_SAME", why: "different people") { ok } }',
    )
    assert out["data"]["judgePair"]["ok"] is True


@pytest.mark.xfail(
    not _has_service("split_identity"), reason="needs resolver.service.split_identity"
)
def test_split_identity(fresh: Graph, call: Call) -> None:
    out = call(
        "pid_supervisor",
        'mutation { splitIdentity(entityId: "E-BROWN", '
        'recordIds: ["S-BROWN"], why: "two people") { ok } }',
    )
    assert out.get("errors") is None and out["data"]["splitIdentity"]["ok"] is True


def test_decisions_need_readable_records(fresh: Graph, call: Call) -> None:
    # S-DOE is protected: for an analyst it does not exist.
    out = call(
        "pid_analyst",
        'mutation { judgePair(left: "S-SMITH", right: "S-DOE", kind: "SAME", why: "x") { ok } }',
    )
    assert out["errors"][0]["extensions"]["code"] == "NOT_FOUND"
