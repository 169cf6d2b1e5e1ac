"""Property test: on random small graphs and random callers, no operation returns a record the
caller may not read (compartments outside token ∩ ceiling, a protected person for roles that
may not see them, or for a branch-scoped ud_officer anyone not in an incident of their branch),
and totals count only readable records."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from api.policy import POLICY, Role
from graph.driver import Graph
from loaders import await_search_index, load_records
from tests.api.conftest import Call
from tests.api.factories import seed_identities, subject

pytestmark = pytest.mark.neo4j
COMPARTMENTS = ["PTMS", "UDLB", "IDENT", "PARTNER"]
BRANCHES = ["WHITE_HOUSE", "FOREIGN_MISSIONS"]
SURNAME = "Leakcheck"  # every random subject shares it, so one search sees them all

people = st.lists(
    st.tuples(
        st.lists(st.sampled_from(COMPARTMENTS), min_size=1, max_size=2, unique=True),
        st.booleans(),  # protected class
        st.integers(min_value=0, max_value=3),  # identity number
        st.sampled_from([None, *BRANCHES]),  # arrested at this UDLB branch, or never
    ),
    min_size=1,
    max_size=8,
)
callers = st.lists(
    st.tuples(
        st.sampled_from(
            [r for r in Role if "searchSubjects" in {str(o) for o in POLICY[r].operations}]
        ),
        st.lists(st.sampled_from(COMPARTMENTS), min_size=1, max_size=4, unique=True),
        st.sampled_from(BRANCHES),  # the caller's branch, used by branch-scoped roles
    ),
    min_size=1,
    max_size=4,
)


def _readable(
    role: Role,
    token: list[str],
    branch: str,
    rec: tuple[list[str], bool, int, str | None],
    identity_protected: bool,
) -> bool:
    policy = POLICY[role]
    effective = set(token) & policy.compartments
    compartments, protected, _, arrested_at = rec
    hidden_by_class = (protected or identity_protected) and not policy.see_protected
    # The arrest incident is UDLB: the caller must read UDLB to see it at all.
    in_branch = arrested_at == branch and "UDLB" in effective
    return (
        set(compartments) <= effective
        and not hidden_by_class
        and (in_branch or not policy.branch_scoped)
    )


@hsettings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(graph_spec=people, who=callers)
def test_no_leak_on_random_graphs(graph: Graph, call: Call, graph_spec: Any, who: Any) -> None:
    graph.write_autocommit("meta/wipe_data")
    records: list[dict[str, Any]] = []
    for n, (compartments, protected, _, arrested_at) in enumerate(graph_spec):
        rec = subject(
            f"R-{n}",
            f"Person{n}",
            SURNAME,
            compartments[0],
            dob="1980-01-01",
            protected_classes=["ASYLUM"] if protected else [],
        )
        rec["compartments"] = compartments
        records.append(rec)
        if arrested_at is not None:
            records.append(
                {
                    "kind": "incident",
                    "incident_id": f"I-{n}",
                    "system": "UDLB",
                    "incident_type": "ARREST",
                    "branch": arrested_at,
                    "occurred_at": "2024-01-01T10:00:00Z",
                    "subjects": [{"record_id": f"R-{n}", "role": "ARRESTEE"}],
                }
            )
    load_records(graph, records)
    await_search_index(graph)  # searchSubjects' index lags a load (cypher/schema/0011)
    groups: dict[str, list[str]] = {}
    for n, (_, _, ident, _) in enumerate(graph_spec):
        groups.setdefault(f"E-{ident}", []).append(f"R-{n}")
    seed_identities(graph, groups)
    protected_identity = {e: any(graph_spec[int(r[2:])][1] for r in m) for e, m in groups.items()}
    identity_of = {r: e for e, m in groups.items() for r in m}
    for role, token, branch in who:
        allowed = {
            f"R-{n}"
            for n, rec in enumerate(graph_spec)
            if _readable(role, token, branch, rec, protected_identity[identity_of[f"R-{n}"]])
        }
        out = call(
            role.value,
            '{ searchSubjects(filter: {lastName: "%s"}, first: 100) '  # noqa: UP031 - GraphQL braces would need doubling in an f-string
            "{ totalCount edges { node { recordId } } } }" % SURNAME,
            compartments=token,
            branch=branch,
        )
        data = out["data"]["searchSubjects"]
        seen = {e["node"]["recordId"] for e in data["edges"]}
        assert seen == allowed and data["totalCount"] == len(allowed)
        if "identity" not in {str(o) for o in POLICY[role].operations}:
            continue
        for entity_id in groups:
            got = call(
                role.value,
                '{ identity(id: "%s") { size records { recordId } } }' % entity_id,  # noqa: UP031 - GraphQL braces would need doubling in an f-string
                compartments=token,
                branch=branch,
            )["data"]["identity"]
            members = {r for r in groups[entity_id] if r in allowed}
            if not members:
                assert got is None  # hidden and absent look the same
            else:
                assert {r["recordId"] for r in got["records"]} == members
                assert got["size"] == len(members)
