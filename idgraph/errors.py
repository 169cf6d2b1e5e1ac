"""One exception hierarchy for idgraph, and one table mapping each error to what a caller sees:
an HTTP status, a GraphQL error code and a CLI exit code."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ERROR_TABLE",
    "AuthenticationError",
    "ConfigurationError",
    "ErrorResponse",
    "ForbiddenError",
    "GraphUnavailableError",
    "IdgraphError",
    "InputError",
    "LocalServerError",
    "NotFoundError",
    "QueryTimeoutError",
    "RefusedWriteError",
    "ResolutionError",
    "response_for",
]


class IdgraphError(Exception):
    """Base of every error idgraph raises on purpose. `hint` tells the reader what to do."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  what to do: {self.hint}" if self.hint else self.message


class ConfigurationError(IdgraphError):
    """A setting is missing or wrong."""


class GraphUnavailableError(IdgraphError):
    """Neo4j cannot be reached or refused the credentials."""


class LocalServerError(IdgraphError):
    """The local Neo4j could not be provisioned, started or stopped."""


class InputError(IdgraphError):
    """Input that cannot be used: a bad file, record or argument."""


class RefusedWriteError(InputError):
    """Neo4j refused to store what a write holds (a value too large to index, a uniqueness
    clash): the data is at fault, not the server, so a loader sets the record aside."""


class AuthenticationError(IdgraphError):
    """No credentials, or credentials that do not verify."""


class ForbiddenError(IdgraphError):
    """The caller may not run this operation or see this data."""


class NotFoundError(IdgraphError):
    """The thing asked for does not exist (or the caller may not know it exists)."""


class QueryTimeoutError(IdgraphError):
    """Neo4j stopped a query that ran longer than its time limit."""


class ResolutionError(IdgraphError):
    """The resolver cannot honour a request, e.g. a judgement contradicting an identifier rule."""


@dataclass(frozen=True)
class ErrorResponse:
    """How one kind of error reaches a caller."""

    http_status: int
    graphql_code: str
    exit_code: int


# The single table. Forbidden and not-found share the GraphQL code on purpose where hiding
# existence matters; the API decides which to raise.
ERROR_TABLE: dict[type[IdgraphError], ErrorResponse] = {
    InputError: ErrorResponse(400, "BAD_USER_INPUT", 2),
    AuthenticationError: ErrorResponse(401, "UNAUTHENTICATED", 3),
    ForbiddenError: ErrorResponse(403, "FORBIDDEN", 4),
    NotFoundError: ErrorResponse(404, "NOT_FOUND", 5),
    ResolutionError: ErrorResponse(409, "CONFLICT", 6),
    ConfigurationError: ErrorResponse(500, "INTERNAL_SERVER_ERROR", 7),
    LocalServerError: ErrorResponse(503, "SERVICE_UNAVAILABLE", 8),
    GraphUnavailableError: ErrorResponse(503, "SERVICE_UNAVAILABLE", 9),
    # 11, not 10: `idgraph load` exits 10 for "loaded, some lines rejected".
    QueryTimeoutError: ErrorResponse(504, "QUERY_TIMEOUT", 11),
    IdgraphError: ErrorResponse(500, "INTERNAL_SERVER_ERROR", 1),
}


def response_for(error: IdgraphError) -> ErrorResponse:
    """The table row of the nearest class of `error` (subclasses inherit their parent's row)."""
    for cls in type(error).__mro__:
        if cls in ERROR_TABLE:
            return ERROR_TABLE[cls]
    return ERROR_TABLE[IdgraphError]
