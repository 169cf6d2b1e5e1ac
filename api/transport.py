"""GraphQL over HTTP, the request side: media-type negotiation and parameter parsing per the
GraphQL-over-HTTP specification. Pure functions; `api.http` wires them to FastAPI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

__all__ = [
    "GRAPHQL_RESPONSE_JSON",
    "JSON",
    "GraphQLParams",
    "RequestError",
    "negotiate",
    "params_from_body",
    "params_from_query",
]

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"


class RequestError(Exception):
    """A malformed HTTP request: the status and a message for the caller."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class GraphQLParams:
    """The GraphQL-over-HTTP request parameters (plus the trusted-document id)."""

    query: str | None
    operation_name: str | None
    variables: dict[str, Any] | None
    extensions: dict[str, Any] | None
    document_id: str | None


def negotiate(accept: str | None) -> str | None:
    """The response media type for an Accept header; None when we can produce none of it.

    No Accept header means application/json (legacy clients, as the spec allows)."""
    if not accept or not accept.strip():
        return JSON
    best: tuple[float, int, str] | None = None
    for position, part in enumerate(accept.split(",")):
        media, *options = (p.strip() for p in part.split(";"))
        q = 1.0
        for option in options:
            name, _, value = option.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        chosen = {
            GRAPHQL_RESPONSE_JSON: GRAPHQL_RESPONSE_JSON,
            JSON: JSON,
            "application/*": JSON,
            "*/*": JSON,
        }.get(media)
        if chosen is None or q <= 0:
            continue
        # Highest q wins; on a tie the graphql-response type, then the earlier entry.
        rank = (q, 1 if chosen == GRAPHQL_RESPONSE_JSON else 0, chosen)
        if best is None or rank[:2] > best[:2]:
            best = rank
        _ = position
    return best[2] if best else None


def _text(value: Any, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise RequestError(400, f"`{name}` must be a string")


def _object(value: Any, name: str) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    raise RequestError(400, f"`{name}` must be a JSON object")


def _build(data: dict[str, Any]) -> GraphQLParams:
    params = GraphQLParams(
        query=_text(data.get("query"), "query"),
        operation_name=_text(data.get("operationName"), "operationName"),
        variables=_object(data.get("variables"), "variables"),
        extensions=_object(data.get("extensions"), "extensions"),
        document_id=_text(data.get("documentId"), "documentId"),
    )
    if params.query is None and params.document_id is None and not params.extensions:
        raise RequestError(400, "no GraphQL `query` (or `documentId`) in the request")
    return params


def params_from_body(content_type: str | None, body: bytes) -> GraphQLParams:
    """POST: a JSON object with query, operationName, variables, extensions."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media != JSON:
        raise RequestError(415, "send the request as Content-Type: application/json")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise RequestError(400, "the request body is not UTF-8 JSON") from e
    if not isinstance(data, dict):
        raise RequestError(400, "the request body must be a JSON object (batching is off)")
    return _build(data)


def params_from_query(args: dict[str, str]) -> GraphQLParams:
    """GET: the same parameters in the URL; variables and extensions as JSON text."""
    data: dict[str, Any] = dict(args)
    for name in ("variables", "extensions"):
        if data.get(name) is not None:
            try:
                data[name] = json.loads(data[name])
            except ValueError as e:
                raise RequestError(400, f"`{name}` must be JSON") from e
    return _build(data)
