"""The `idgraph` command."""

from __future__ import annotations

import sys

import typer

from idgraph.cli.db import db_app
from idgraph.cli.errors import report
from idgraph.errors import IdgraphError

__all__ = ["app", "main"]

app = typer.Typer(
    help="idgraph: graph entity resolution on Neo4j. Start with `idgraph db start`.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # expected faults are reported by `main`, not as tracebacks
)
app.add_typer(db_app, name="db")


def main() -> None:
    """Entry point: run the CLI, turning expected faults into a message and an exit code."""
    try:
        app()
    except IdgraphError as error:
        sys.exit(report(error))
