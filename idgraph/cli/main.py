"""The `idgraph` command."""

from __future__ import annotations

import sys

import typer

from idgraph.cli.audit import audit_app
from idgraph.cli.bench import bench_app
from idgraph.cli.db import db_app
from idgraph.cli.errors import report
from idgraph.cli.load import load
from idgraph.cli.resolve import explain, export_app, judge, resolve, review, split
from idgraph.cli.serve import serve
from idgraph.cli.token import token
from idgraph.errors import IdgraphError
from synth.cli import synth_command

__all__ = ["app", "main"]

app = typer.Typer(
    help="idgraph: graph entity resolution on Neo4j. Start with `idgraph db start`.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # expected faults are reported by `main`, not as tracebacks
)
app.add_typer(db_app, name="db")
app.command("serve")(serve)
app.command("token")(token)
app.add_typer(audit_app, name="audit")
app.command("load", help=load.__doc__)(load)
app.command("synth")(synth_command)
app.command("resolve")(resolve)
app.add_typer(export_app, name="export")
app.command("judge")(judge)
app.command("split")(split)
app.command("explain")(explain)
app.command("review")(review)
app.add_typer(bench_app, name="bench")


def main() -> None:
    """Entry point: run the CLI, turning expected faults into a message and an exit code."""
    try:
        app()
    except IdgraphError as error:
        sys.exit(report(error))
