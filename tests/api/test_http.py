"""GraphQL-over-HTTP conformance (the spec's audit list, checked by hand), auth statuses, the
trusted-document rule, and fuzzed inputs that must never produce a server error."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from graph.driver import Graph
from idgraph.settings import Settings
from tests.api.conftest import token_for

pytestmark = pytest.mark.neo4j
Q = '{ searchSubjects(filter: {lastName: "Smith"}) { totalCount } }'
GRJ = "application/graphql-response+json"


@pytest.fixture(scope="module")
def auth(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(settings, 'pid_analyst')}"}


def test_health_and_ready(api: TestClient) -> None:
    assert api.get("/health").json() == {"status": "ok"}
    assert api.get("/ready").status_code == 200


def test_missing_and_bad_tokens_are_401(api: TestClient, settings: Settings) -> None:
    assert api.post("/graphql", json={"query": Q}).status_code == 401
    bad = {"Authorization": "Bearer not.a.jwt"}
    assert api.post("/graphql", json={"query": Q}, headers=bad).status_code == 401
    expired = token_for(settings, "pid_analyst", ttl_s=-10)
    r = api.post("/graphql", json={"query": Q}, headers={"Authorization": f"Bearer {expired}"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_post_json_and_graphql_response_media_types(
    seeded: Graph, api: TestClient, auth: dict[str, str]
) -> None:
    r = api.post("/graphql", json={"query": Q}, headers={**auth, "Accept": GRJ})
    assert r.status_code == 200 and r.headers["content-type"].startswith(GRJ)
    r = api.post("/graphql", json={"query": Q}, headers={**auth, "Accept": "application/json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    r = api.post("/graphql", json={"query": Q}, headers={**auth, "Accept": "*/*"})
    assert r.headers["content-type"].startswith("application/json")
    r = api.post("/graphql", json={"query": Q}, headers={**auth, "Accept": "text/xml"})
    assert r.status_code == 406


def test_get_queries_and_no_mutations_over_get(
    seeded: Graph, api: TestClient, auth: dict[str, str]
) -> None:
    r = api.get("/graphql", params={"query": Q}, headers={**auth, "Accept": GRJ})
    assert r.status_code == 200 and r.json()["data"]["searchSubjects"]["totalCount"] == 1
    m = 'mutation { retireCase(caseId: "X") { caseId } }'
    r = api.get("/graphql", params={"query": m}, headers={**auth, "Accept": GRJ})
    assert r.status_code == 405 and r.headers["allow"] == "POST"


def test_null_optional_parameters_are_allowed(
    seeded: Graph, api: TestClient, auth: dict[str, str]
) -> None:
    body = {"query": Q, "variables": None, "operationName": None, "extensions": None}
    assert api.post("/graphql", json=body, headers=auth).status_code == 200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 400),  # no query
        ({"query": 7}, 400),
        ({"query": Q, "variables": "x"}, 400),
        ({"query": Q, "extensions": []}, 400),
        ([{"query": Q}], 400),  # batching is off
    ],
)
def test_malformed_requests_are_400(
    api: TestClient, auth: dict[str, str], body: object, status: int
) -> None:
    r = api.post(
        "/graphql",
        content=json.dumps(body),
        headers={**auth, "Content-Type": "application/json", "Accept": GRJ},
    )
    assert r.status_code == status and "data" not in r.json()


def test_unsupported_content_type_and_bad_json(api: TestClient, auth: dict[str, str]) -> None:
    r = api.post("/graphql", content=Q, headers={**auth, "Content-Type": "text/plain"})
    assert r.status_code == 415
    r = api.post("/graphql", content="{", headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 400


def test_parse_and_validation_errors(api: TestClient, auth: dict[str, str]) -> None:
    for query in ("{", "{ noSuchField }"):
        r = api.post("/graphql", json={"query": query}, headers={**auth, "Accept": GRJ})
        assert r.status_code == 400 and "data" not in r.json() and r.json()["errors"]
        r = api.post(
            "/graphql", json={"query": query}, headers={**auth, "Accept": "application/json"}
        )
        assert r.status_code == 200 and r.json()["errors"]


def test_limits_depth_aliases_tokens(api: TestClient, auth: dict[str, str]) -> None:
    aliases = "{ " + " ".join(f'a{i}: identity(id: "x") {{ entityId }}' for i in range(20)) + " }"
    r = api.post("/graphql", json={"query": aliases}, headers={**auth, "Accept": GRJ})
    assert r.status_code == 400
    huge = "{ " + "__typename " * 3000 + "}"
    r = api.post("/graphql", json={"query": huge}, headers={**auth, "Accept": GRJ})
    assert r.status_code == 400


def test_trusted_documents_only_for_system_callers(api: TestClient, settings: Settings) -> None:
    h = {"Authorization": f"Bearer {token_for(settings, 'name_check_system')}", "Accept": GRJ}
    text = '{ nameCheck(firstName: "a", lastName: "b", dob: "1990") { openCase } }'
    assert api.post("/graphql", json={"query": text}, headers=h).status_code == 400
    assert api.post("/graphql", json={"documentId": "sha256:00"}, headers=h).status_code == 400


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.one_of(
        st.text(max_size=200),
        st.sampled_from(
            [
                '{ searchSubjects(filter: {dob: "%s"}) { totalCount } }',
                '{ identity(id: "%s") { entityId } }',
                '{ shortestPath(fromId: "%s", toId: "S-SMITH", maxHops: 99) { nodes { id } } }',
                '{ neighbourhood(id: "%s", types: ["Nope"]) { nodes { id } } }',
                '{ searchSubjects(filter: {lastName: "%s"}, after: "%s") { totalCount } }',
            ]
        ),
    ),
    value=st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters='"\\'),
        max_size=40,
    ),
)
def test_fuzzed_inputs_never_500(
    api: TestClient, auth: dict[str, str], query: str, value: str
) -> None:
    text = query.replace("%s", value)
    r = api.post("/graphql", json={"query": text}, headers={**auth, "Accept": GRJ})
    assert r.status_code < 500, r.text
    for error in r.json().get("errors", []):
        assert error.get("extensions", {}).get("code") != "INTERNAL_SERVER_ERROR", error
