"""The FastAPI application: one Neo4j driver per process (opened in `lifespan`, schema migrated
before the first request, closed on shutdown), `/graphql`, `/health` and `/ready`."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response

from api.auth import TokenVerifier
from api.http import handle_graphql
from api.schema import build_schema
from graph.driver import Graph, open_graph
from graph.migrate import migrate
from idgraph.settings import Settings

__all__ = ["GraphDep", "create_app"]


def _graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


# The process's one driver, injected where a route needs it.
GraphDep = Annotated[Graph, Depends(_graph)]


def create_app(settings: Settings, *, graph: Graph | None = None) -> FastAPI:
    """The API for `settings`. With `graph`, that (already migrated) handle is used and left
    open: tests share the session's driver; otherwise lifespan opens and closes one."""
    schema = build_schema(settings)
    tokens = TokenVerifier(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with ExitStack() as stack:
            if graph is None:
                opened = stack.enter_context(
                    open_graph(settings, read_timeout_s=settings.api_query_timeout_s)
                )
                await anyio.to_thread.run_sync(migrate, opened)
                app.state.graph = opened
            else:
                app.state.graph = graph
            # What start-up built (schema, policy table, driver, imported modules) lives as long
            # as the process: taken out of the collector's generations, it is no longer walked
            # by every full collection, whose pauses otherwise show in the latency tail.
            gc.freeze()
            yield

    production = settings.env == "production"
    app = FastAPI(
        title="idgraph",
        lifespan=lifespan,
        # No generated docs in production: the GraphQL schema is the contract.
        docs_url=None if production else "/docs",
        redoc_url=None,
        openapi_url=None if production else "/openapi.json",
    )

    @app.get("/health")
    async def health() -> dict[str, str]:
        """The process is up (no dependency checked)."""
        return {"status": "ok"}

    @app.get("/ready")
    async def ready(g: GraphDep) -> Response:
        """Neo4j answers a query on the configured database."""
        try:
            await anyio.to_thread.run_sync(g.read, "api/ready")
        except Exception:  # any failure means not ready
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    async def graphql(request: Request) -> Response:
        return await handle_graphql(request, _graph(request), settings, schema, tokens)

    # A plain route: FastAPI's dependency solving and validation wrapper cost ~5% of a name
    # check's CPU and give nothing here (the handler parses its own body by the GraphQL spec).
    app.add_route("/graphql", graphql, methods=["GET", "POST"], include_in_schema=False)

    @app.api_route("/graphql", methods=["PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def graphql_other() -> Response:
        return JSONResponse(
            {
                "errors": [
                    {"message": "use GET or POST", "extensions": {"code": "METHOD_NOT_ALLOWED"}}
                ]
            },
            status_code=405,
            headers={"Allow": "GET, POST"},
        )

    return app
