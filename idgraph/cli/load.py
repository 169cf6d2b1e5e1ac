"""`idgraph load`: interchange JSON Lines and CSV files into the graph."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.driver import open_graph
from graph.migrate import migrate
from idgraph.errors import InputError
from idgraph.settings import get_settings
from loaders import LoadSummary, load_files
from loaders.bulk import bulk_load

__all__ = ["REJECTED_EXIT_CODE", "load"]

# Distinct from every error code in idgraph.errors: the load itself succeeded, some lines did not.
REJECTED_EXIT_CODE = 10
console = Console(stderr=True)

HELP = """Load interchange records (JSON Lines or CSV) into the graph.

\b
Formats (docs/records.md has every field):
  *.jsonl  one JSON object per line; `kind` is subject, protectee, case, incident,
           encounter or partner_request (files named after a kind may omit it)
  *.csv    one kind per file, named after it (subjects.csv, cases.csv, ...);
           list fields `;`-separated; one address as address_street, address_city, ...

\b
Bad lines never stop a load: each goes to the reject file with file, line, field,
reason and what to do, and the good records load. A reference to a record not loaded
yet (a case naming an unknown subject) is held and made when that record arrives.
Loading the same file twice changes nothing; a changed record is updated and keeps its
earlier values in its history. A load killed half way can simply be run again.

\b
--bulk: the first load of a large set into an empty local store. Records are checked
and rejected exactly as above, then Neo4j's offline importer builds the store (the
local server stops meanwhile), indexes are built and subjects resolved in full.
Refused when the graph already holds records. Killed half way, run it again.

\b
Exit codes: 0 all loaded; 10 loaded, some lines rejected; others as in docs/operations.md.
"""


def load(
    files: Annotated[
        list[Path],
        typer.Argument(help="JSONL or CSV files", exists=True, dir_okay=False, readable=True),
    ],
    rejects: Annotated[Path, typer.Option(help="where rejected lines go (JSON Lines)")] = Path(
        "rejects.jsonl"
    ),
    batch_size: Annotated[int | None, typer.Option(help="records per transaction")] = None,
    resolve: Annotated[bool, typer.Option(help="resolve new subjects on arrival")] = True,
    bulk: Annotated[
        bool,
        typer.Option(
            help="first load into an empty local store: build it with Neo4j's offline importer "
            "(several times faster on large sets; the server restarts; resolves in full)"
        ),
    ] = False,
) -> None:
    settings = get_settings()
    size = batch_size or settings.load_batch_size
    _check_rejects_path(rejects, files)
    started = time.perf_counter()
    if bulk:
        summary = _bulk(files, rejects, resolve)
        _print_summary(summary, rejects, time.perf_counter() - started)
        if summary.rejected:
            raise typer.Exit(REJECTED_EXIT_CODE)
        return
    with open_graph(settings) as graph:
        migrate(graph)
        with _progress_bar() as bar:
            task = bar.add_task("loading", total=None)

            def report(loaded: int, rejected: int) -> None:
                rate = loaded / max(time.perf_counter() - started, 1e-9)
                bar.update(
                    task,
                    description=f"{loaded:,} loaded, {rejected:,} rejected, {rate:,.0f} records/s",
                )

            summary = load_files(
                graph, files, batch_size=size, rejects_path=rejects, progress=report
            )
        if resolve and summary.loaded_subject_ids:
            from resolver.service import resolve_arrivals

            resolved = resolve_arrivals(graph, summary.loaded_subject_ids)
            console.print(f"resolved {resolved:,} new or changed subjects on arrival")
    _print_summary(summary, rejects, time.perf_counter() - started)
    if summary.rejected:
        raise typer.Exit(REJECTED_EXIT_CODE)


load.__doc__ = HELP


def _check_rejects_path(rejects: Path, files: list[Path]) -> None:
    """Refuse a reject file that would overwrite an input (the default `rejects.jsonl` when
    loading a file of that name) or that cannot be written, before anything is loaded."""
    target = rejects.resolve()
    for path in files:
        if path.resolve() == target:
            raise InputError(
                f"the reject file {rejects} is also an input: writing rejects would erase it",
                hint="name another reject file: --rejects rejects-2.jsonl",
            )
    if target.is_dir():
        raise InputError(
            f"the reject file {rejects} is a directory", hint="name a file: --rejects DIR/x.jsonl"
        )
    folder = target.parent
    while not folder.exists():
        folder = folder.parent
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InputError(
            f"the reject file {rejects} cannot be written here",
            hint="name a file in a folder you can write to: --rejects DIR/x.jsonl",
        )


def _progress_bar() -> Progress:
    """A spinner, the task's description (counts and rate) and the time elapsed."""
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
    )


def _bulk(files: list[Path], rejects: Path, resolve: bool) -> LoadSummary:
    settings = get_settings()
    started = time.perf_counter()
    with _progress_bar() as bar:
        task = bar.add_task("bulk import", total=None)

        def parsed(count: int) -> None:
            rate = count / max(time.perf_counter() - started, 1e-9)
            bar.update(task, description=f"parsing: {count:,} records, {rate:,.0f} records/s")

        def stage(text: str) -> None:
            console.print(f"[bold]bulk import[/]: {text}")
            bar.update(task, description=text)

        summary = bulk_load(settings, files, rejects_path=rejects, report=stage, on_parsed=parsed)
    if resolve and summary.by_kind.get("subject"):
        from resolver.service import resolve_full

        with open_graph(settings) as graph:
            resolved = resolve_full(graph)
        console.print(
            f"resolved {resolved.records:,} subjects into {resolved.identities:,} identities"
        )
    return summary


def _print_summary(summary: LoadSummary, rejects: Path, seconds: float) -> None:
    table = Table(title=f"load {summary.batch_id}", show_header=True)
    table.add_column("kind")
    table.add_column("records", justify="right")
    for kind, count in sorted(summary.by_kind.items()):
        table.add_row(kind, f"{count:,}")
    table.add_row("[bold]loaded[/]", f"[bold]{summary.loaded:,}[/]")
    table.add_row("[red]rejected[/]", f"{summary.rejected:,}")
    table.add_row("held references", f"{len(summary.held):,}")
    console.print(table)
    console.print(f"{summary.loaded / max(seconds, 1e-9):,.0f} records/s over {seconds:.1f} s")
    for reject in summary.rejects[:5]:
        console.print(f"[red]rejected[/] {reject}", highlight=False)
    if summary.rejected:
        console.print(f"all {summary.rejected:,} rejected lines with reasons: {rejects}")
    for held in summary.held[:5]:
        console.print(
            f"[yellow]held[/] {held.kind} {held.source} -> {held.target} (not loaded yet)"
        )
    if len(summary.held) > 5:
        console.print(f"and {len(summary.held) - 5:,} more (PendingLink nodes; docs/operations.md)")
