"""`idgraph serve`: run the API under uvicorn (host, port, workers from settings)."""

from __future__ import annotations

import typer
import uvicorn

from idgraph.settings import get_settings

__all__ = ["app_factory", "serve"]


def app_factory() -> object:
    """Uvicorn factory: each worker process builds its own app, hence its own driver."""
    from api import create_app  # imported in the worker, not by every CLI command

    return create_app(get_settings())


def serve(
    host: str | None = typer.Option(None, help="bind address (default IDGRAPH_API_HOST)"),
    port: int | None = typer.Option(None, help="port (default IDGRAPH_API_PORT)"),
    workers: int | None = typer.Option(None, help="worker processes (default IDGRAPH_API_WORKERS)"),
) -> None:
    """Serve the GraphQL API on the configured Neo4j (migrations are applied at start)."""
    settings = get_settings()
    uvicorn.run(
        "idgraph.cli.serve:app_factory",
        factory=True,
        host=host or settings.api_host,
        port=port or settings.api_port,
        workers=workers or settings.api_workers,
        # Access logs would duplicate the audit chain without its protection; keep them off.
        access_log=False,
        # Tokens may appear in headers; never echo server details to callers.
        server_header=False,
    )
