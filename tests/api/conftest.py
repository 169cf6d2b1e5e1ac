"""Fixture strategy for the API tests.

- Everything runs against the real Neo4j of the session fixture (tests/conftest.py), over HTTP
  through FastAPI's TestClient; nothing is mocked.
- `seeded` loads the fixed scenario of tests/api/factories.py once per module with the real
  loader (`loaders.load_records`) and seeds its identities; tests that change data (retire,
  purge) use `fresh` which re-seeds before and after.
- `api` is a client of an app built with test settings on the session's driver; `call` posts a
  document with a token minted for a role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api import create_app
from api.auth import mint_token
from api.policy import policy_for
from graph.driver import Graph
from idgraph.settings import Settings
from loaders import await_search_index, load_records
from tests.api.factories import IDENTITIES, scenario, seed_identities

Call = Callable[..., dict[str, Any]]

ALL_COMPARTMENTS = ["PTMS", "UDLB", "IDENT", "PARTNER"]


def api_settings(settings: Settings, **overrides: Any) -> Settings:
    """The session settings as a test-stage API (partner floor off to keep the suite fast)."""
    return settings.model_copy(update={"env": "test", "api_partner_floor_ms": 0, **overrides})


def reseed(graph: Graph) -> None:
    graph.write_autocommit("meta/wipe_data")
    summary = load_records(graph, scenario())
    assert summary.rejected == 0, summary.rejects
    await_search_index(graph)  # searchSubjects' index lags a load (cypher/schema/0011)
    seed_identities(graph, IDENTITIES)


@pytest.fixture(scope="module")
def seeded(graph: Graph) -> Graph:
    reseed(graph)
    return graph


@pytest.fixture
def fresh(graph: Graph) -> Iterator[Graph]:
    reseed(graph)
    yield graph
    reseed(graph)


@pytest.fixture(scope="module")
def api(settings: Settings, graph: Graph) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings(settings), graph=graph)) as client:
        yield client


def token_for(
    settings: Settings, role: str, compartments: list[str] | None = None, **claims: Any
) -> str:
    partner = "CAN" if role == "foreign_partner" else None
    policy = policy_for(role)
    if policy is not None and policy.branch_scoped:
        claims.setdefault("branch", "WHITE_HOUSE")
    return mint_token(
        api_settings(settings),
        role=role,
        compartments=compartments or ALL_COMPARTMENTS,
        purpose="test",
        sub=f"test-{role}",
        partner=partner,
        **claims,
    )


@pytest.fixture(scope="module")
def call(api: TestClient, settings: Settings) -> Call:
    """POST a document as `role`; returns the response JSON with `_status` added."""

    def run(
        role: str,
        query: str | None = None,
        variables: dict[str, Any] | None = None,
        compartments: list[str] | None = None,
        document_id: str | None = None,
        **claims: Any,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"variables": variables or {}}
        if query is not None:
            body["query"] = query
        if document_id is not None:
            body["documentId"] = document_id
        headers = {
            "Authorization": f"Bearer {token_for(settings, role, compartments, **claims)}",
            "Accept": "application/graphql-response+json",
        }
        response = api.post("/graphql", json=body, headers=headers)
        out: dict[str, Any] = response.json()
        out["_status"] = response.status_code
        return out

    return run
