"""`idgraph synth`: write a synthetic data set with ground truth (the lead mounts `synth_app`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from synth.generate import generate

__all__ = ["synth_app"]

synth_app = typer.Typer(help="Synthetic people and records with ground truth.")


@synth_app.command("synth")
def synth_command(
    persons: Annotated[int, typer.Option(min=0, help="How many true people to generate.")] = 10_000,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed writes the same bytes.")
    ] = 1,
    out: Annotated[Path, typer.Option("--out", help="Directory for the .jsonl files.")] = Path(
        "var/synth"
    ),
) -> None:
    """Write subjects, protectees, cases, incidents, encounters and partner requests as JSON
    Lines, plus truth.jsonl (record_id -> true person) and hard_cases.jsonl (labels)."""
    console = Console(stderr=True)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
    ) as bar:
        task = bar.add_task("people", total=persons)
        summary = generate(
            persons, seed, out, progress=lambda done: bar.update(task, completed=done)
        )
    table = Table(title=f"synthetic data in {out}")
    table.add_column("file")
    table.add_column("lines", justify="right")
    for name, lines in summary.lines.items():
        table.add_row(f"{name}.jsonl", f"{lines:,}")
    console.print(table)
    console.print(
        f"{summary.subject_records:,} subject records in {summary.seconds:.1f}s "
        f"({summary.subject_records_per_second:,.0f}/s)"
    )
