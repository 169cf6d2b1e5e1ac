"""`idgraph audit verify`: recompute the audit chain and name the first broken link."""

from __future__ import annotations

import typer

from graph.driver import Graph, open_graph
from idgraph.settings import get_settings

__all__ = ["audit_app", "verify_exit_code"]

audit_app = typer.Typer(help="The tamper-evident audit chain.", no_args_is_help=True)


def verify_exit_code(graph: Graph) -> int:
    """0 when the chain is intact, 1 when broken (after saying where and why)."""
    from api.audit import verify_chain

    report = verify_chain(graph)
    if report.broken_at is None:
        typer.echo(f"audit chain intact: {report.events} events")
        return 0
    typer.echo(
        f"audit chain BROKEN at event {report.broken_at}: {report.reason} "
        f"({report.events} events before it verify)",
        err=True,
    )
    return 1


@audit_app.command()
def verify() -> None:
    """Check every link of the chain; exit 1 naming the first broken event."""
    with open_graph(get_settings()) as graph:
        code = verify_exit_code(graph)
    raise typer.Exit(code)
