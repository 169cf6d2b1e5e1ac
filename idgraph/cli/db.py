"""`idgraph db`: the local Neo4j (start, status, stop) and schema migrations."""

from __future__ import annotations

import typer
from rich.console import Console

from graph.driver import open_graph
from graph.migrate import migrate, pending
from graph.server import LocalNeo4j
from graph.server.provision import provision as provision_distribution
from idgraph.settings import get_settings

__all__ = ["db_app"]

db_app = typer.Typer(help="Run the local Neo4j and manage the graph schema.", no_args_is_help=True)
console = Console()


@db_app.command()
def start() -> None:
    """Provision (first time only) and start the local Neo4j, wait until Bolt answers, migrate.

    With IDGRAPH_NEO4J_URI set, an external server is used and nothing is started.
    """
    settings = get_settings()
    if not settings.uses_local_neo4j:
        console.print(
            f"IDGRAPH_NEO4J_URI is set ({settings.neo4j_uri}): the local Neo4j is not needed."
        )
        _migrate_and_report()
        return
    server = LocalNeo4j(settings)
    was_running = server.status().running
    with console.status("starting the local Neo4j (first run downloads it from Maven Central)"):
        status = server.start()
    verb = "already running" if was_running else "started"
    console.print(f"Neo4j {verb}: [bold]{status.uri}[/] (pid {status.pid}, data in {status.home})")
    _migrate_and_report()


@db_app.command()
def provision() -> None:
    """Fetch Neo4j and APOC from Maven Central and compile the launcher (once; start does too)."""
    settings = get_settings()
    with console.status("provisioning the local Neo4j from Maven Central"):
        dist = provision_distribution(settings.data_dir)
    console.print(f"local Neo4j ready to start: {dist.root}")


@db_app.command()
def status() -> None:
    """Say whether the local Neo4j runs (or which external server is configured)."""
    settings = get_settings()
    if not settings.uses_local_neo4j:
        console.print(f"external Neo4j configured: {settings.neo4j_uri}")
        return
    current = LocalNeo4j(settings).status()
    if current.running:
        console.print(f"running: {current.uri} (pid {current.pid}, data in {current.home})")
    else:
        console.print(f"not running (would listen on {current.uri}); start it: idgraph db start")
        raise typer.Exit(1)


@db_app.command()
def stop() -> None:
    """Stop the local Neo4j this project started (never any other process)."""
    settings = get_settings()
    if not settings.uses_local_neo4j:
        console.print("an external Neo4j is configured; idgraph does not stop it.")
        return
    if LocalNeo4j(settings).stop():
        console.print("stopped the local Neo4j")
    else:
        console.print("the local Neo4j was not running")


@db_app.command("migrate")
def migrate_command() -> None:
    """Apply pending schema migrations (idempotent; also run by `db start` and before serving)."""
    _migrate_and_report()


def _migrate_and_report() -> None:
    with open_graph(get_settings()) as graph:
        waiting = pending(graph)
        applied = migrate(graph)
    if applied:
        for m in applied:
            console.print(f"applied schema {m.version:04d}: {m.description}")
    elif not waiting:
        console.print("schema up to date")
