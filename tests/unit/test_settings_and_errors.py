"""Settings validation and the error table."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from idgraph.errors import (
    ERROR_TABLE,
    AuthenticationError,
    ForbiddenError,
    GraphUnavailableError,
    IdgraphError,
    InputError,
    NotFoundError,
    QueryTimeoutError,
    response_for,
)
from idgraph.settings import Settings


def test_production_refuses_the_development_jwt_secret() -> None:
    with pytest.raises(ValidationError, match="development default"):
        Settings(env="production", neo4j_uri="bolt://db:7687", neo4j_password=SecretStr("x" * 12))


def test_production_needs_an_external_neo4j() -> None:
    with pytest.raises(ValidationError, match="IDGRAPH_NEO4J_URI"):
        Settings(env="production", jwt_algorithms=["RS256"], entity_id_key=SecretStr("a-real-key"))


def test_production_refuses_the_development_entity_id_key() -> None:
    with pytest.raises(ValidationError, match="IDGRAPH_ENTITY_ID_KEY"):
        Settings(
            env="production",
            neo4j_uri="bolt://db:7687",
            neo4j_password=SecretStr("x" * 12),
            jwt_algorithms=["RS256"],
        )


def test_production_accepts_real_secrets() -> None:
    s = Settings(
        env="production",
        neo4j_uri="neo4j://cluster:7687",
        neo4j_password=SecretStr("a-real-password"),
        jwt_algorithms=["RS256"],
        entity_id_key=SecretStr("a-real-key"),
    )
    assert not s.uses_local_neo4j


def test_environment_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IDGRAPH_LOAD_BATCH_SIZE", "5000")
    assert Settings().load_batch_size == 5000


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (InputError("x"), 400, "BAD_USER_INPUT"),
        (AuthenticationError("x"), 401, "UNAUTHENTICATED"),
        (ForbiddenError("x"), 403, "FORBIDDEN"),
        (NotFoundError("x"), 404, "NOT_FOUND"),
        (QueryTimeoutError("x"), 504, "QUERY_TIMEOUT"),
        (GraphUnavailableError("x"), 503, "SERVICE_UNAVAILABLE"),
        (IdgraphError("x"), 500, "INTERNAL_SERVER_ERROR"),
    ],
)
def test_error_table_rows(error: IdgraphError, status: int, code: str) -> None:
    row = response_for(error)
    assert (row.http_status, row.graphql_code) == (status, code)


def test_every_error_has_a_distinct_exit_code() -> None:
    codes = [row.exit_code for row in ERROR_TABLE.values()]
    assert len(codes) == len(set(codes))
    assert 0 not in codes


def test_error_text_carries_the_hint() -> None:
    assert "what to do: run it" in str(InputError("bad", hint="run it"))


def test_an_error_raised_on_purpose_in_a_resolver_keeps_its_message_and_code() -> None:
    from graphql import GraphQLError

    from api.schema.guard import SafeErrors

    error = GraphQLError("wrapped", original_error=QueryTimeoutError("stopped after 10 s"))
    assert not SafeErrors._mask(error)
    assert (error.message, error.extensions) == ("stopped after 10 s", {"code": "QUERY_TIMEOUT"})
