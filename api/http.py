"""The /graphql endpoint: authenticate, parse (api.transport), enforce trusted documents,
execute, answer with the spec's media type and status, and chain an audit event for every
request, refused ones included. If the audit cannot be written the answer is not sent."""

from __future__ import annotations

import json
import logging
from typing import Any

import strawberry
from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from strawberry.exceptions import MissingQueryError
from strawberry.http import process_result
from strawberry.http.ides import get_graphql_ide_html
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from api.audit import AuditRecord, args_digest
from api.audit_writer import append_event_async
from api.auth import Caller, TokenVerifier
from api.context import RequestContext
from api.documents import resolve_document
from api.transport import (
    GRAPHQL_RESPONSE_JSON,
    GraphQLParams,
    RequestError,
    negotiate,
    params_from_body,
    params_from_query,
)
from graph.driver import Graph
from idgraph.errors import AuthenticationError, IdgraphError
from idgraph.settings import Settings

__all__ = ["handle_graphql"]

log = logging.getLogger(__name__)


def _error_body(message: str, code: str) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


async def _audit(
    graph: Graph,
    caller: Caller | None,
    operation: str,
    digest: str,
    disclosed: set[str],
    outcome: str,
) -> None:
    record = AuditRecord(
        caller=caller.sub if caller else "anonymous",
        role=caller.role if caller else "-",
        purpose=caller.purpose if caller else "-",
        operation=operation or "-",
        args_digest=digest,
        disclosed=sorted(disclosed),
        outcome=outcome,
    )
    await append_event_async(graph, record)  # a failure withholds the answer (503)


def _outcome(result: ExecutionResult) -> str:
    if not result.errors:
        return "OK"
    codes = sorted({str((e.extensions or {}).get("code", "GRAPHQL_ERROR")) for e in result.errors})
    return "ERROR:" + ",".join(codes)


async def _params(request: Request) -> GraphQLParams:
    if request.method == "GET":
        return params_from_query(dict(request.query_params))
    return params_from_body(request.headers.get("content-type"), await request.body())


async def handle_graphql(
    request: Request,
    graph: Graph,
    settings: Settings,
    schema: strawberry.Schema,
    tokens: TokenVerifier,
) -> Response:
    """Serve one GraphQL-over-HTTP request."""
    accept = request.headers.get("accept", "")
    if (
        request.method == "GET"
        and "text/html" in accept
        and not request.query_params
        and settings.env == "development"
    ):
        return HTMLResponse(get_graphql_ide_html())
    media = negotiate(accept)
    if media is None:
        return JSONResponse(
            _error_body(
                "Accept application/graphql-response+json or application/json", "NOT_ACCEPTABLE"
            ),
            status_code=406,
        )
    caller: Caller | None = None
    digest = args_digest(None, None, None)
    try:
        caller = tokens.caller(request.headers.get("authorization"))
        params = await _params(request)
        digest = args_digest(
            params.query or params.document_id, params.variables, params.operation_name
        )
        text, trusted = resolve_document(params.query, params.document_id, params.extensions)
        if text is None:
            raise RequestError(400, "unknown documentId: only registered documents are accepted")
        if caller.policy.trusted_documents_only and not trusted:
            raise RequestError(400, "this caller may only run registered documents (documentId)")
    except AuthenticationError as e:
        await _audit(graph, None, "-", digest, set(), "UNAUTHENTICATED")
        return JSONResponse(
            _error_body(e.message, "UNAUTHENTICATED"),
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    except RequestError as e:
        await _audit(graph, caller, "-", digest, set(), f"BAD_REQUEST:{e.status}")
        return JSONResponse(
            _error_body(e.message, "BAD_REQUEST"),
            status_code=e.status,
            headers=e.headers,
            media_type=media,
        )
    ctx = RequestContext(graph=graph, settings=settings, caller=caller)
    allowed = (
        {OperationType.QUERY}
        if request.method == "GET"
        else {OperationType.QUERY, OperationType.MUTATION}
    )
    status = 200
    try:
        result = await schema.execute(
            text,
            variable_values=params.variables,
            context_value=ctx,
            operation_name=params.operation_name,
            allowed_operation_types=allowed,
        )
    except InvalidOperationTypeError:
        await _audit(graph, caller, "-", digest, set(), "BAD_REQUEST:405")
        return JSONResponse(
            _error_body("mutations need POST", "METHOD_NOT_ALLOWED"),
            status_code=405,
            headers={"Allow": "POST"},
            media_type=media,
        )
    except (CannotGetOperationTypeError, MissingQueryError):
        await _audit(graph, caller, "-", digest, set(), "BAD_REQUEST:400")
        message = "operationName does not name an operation of the document"
        return JSONResponse(_error_body(message, "BAD_REQUEST"), status_code=400, media_type=media)
    body: dict[str, Any] = dict(process_result(result))
    if isinstance(result, PreExecutionError):
        # Parse and validation errors: the request never executed, so no `data` key, and the
        # graphql-response type says so with 400 (application/json keeps 200 for old clients).
        body.pop("data", None)
        status = 400 if media == GRAPHQL_RESPONSE_JSON else 200
    try:
        await _audit(
            graph, caller, ",".join(ctx.operations), digest, ctx.disclosed, _outcome(result)
        )
    except IdgraphError as e:
        log.error("audit append failed; answer withheld: %s", e)
        return JSONResponse(
            _error_body("audit unavailable; nothing disclosed", "SERVICE_UNAVAILABLE"),
            status_code=503,
        )
    return Response(json.dumps(body), status_code=status, media_type=media)
