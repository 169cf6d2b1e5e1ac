"""`idgraph resolve`, `export entities`, `judge`, `split`, `explain`, `review`: the resolver."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.table import Table

from graph.driver import open_graph
from graph.migrate import migrate
from idgraph.errors import InputError
from idgraph.settings import get_settings

__all__ = ["explain", "export_app", "judge", "resolve", "review", "split"]

console = Console()
export_app = typer.Typer(help="Export the resolution.", no_args_is_help=True)


def resolve(
    full: Annotated[bool, typer.Option("--full", help="re-resolve every subject")] = False,
    no_dob_rule: Annotated[
        bool,
        typer.Option(
            "--no-dob-rule",
            help="FEBRL-like data: turn off 'birth years > 15 apart never join' and "
            "the first-name rule",
        ),
    ] = False,
) -> None:
    """Resolve subjects into identities. `--full` rebuilds everything (trains the model, keeps
    ids stable, honours every judgement); without it only unresolved subjects are placed."""
    from resolver.graph_io import ResolverSettings
    from resolver.service import resolve_arrivals, resolve_full

    with open_graph(get_settings()) as graph:
        migrate(graph)
        if not full:
            ids = [r["record_id"] for r in graph.read("resolver/unresolved_ids")]
            count = resolve_arrivals(graph, ids)
            console.print(f"resolved {count:,} unresolved subjects")
            return
        settings = (
            ResolverSettings(dob_far_years=None, first_name_rule=False) if no_dob_rule else None
        )
        summary = resolve_full(graph, settings=settings)
    table = Table(title="resolve --full")
    table.add_column("what")
    table.add_column("value", justify="right")
    for key, value in asdict(summary).items():
        if key != "seconds":
            table.add_row(key.replace("_", " "), f"{value:,}")
    for phase, secs in summary.seconds.items():
        table.add_row(f"seconds: {phase}", f"{secs:.1f}")
    console.print(table)


@export_app.command("entities")
def export_entities(
    out: Annotated[Path, typer.Argument(help="output JSON Lines file", dir_okay=False)],
) -> None:
    """One line per subject: {"record_id", "source", "entity_id"} (spec/interchange.md)."""
    from resolver.service import export_entities as run

    with open_graph(get_settings()) as graph:
        count = run(graph, out)
    console.print(f"wrote {count:,} lines to {out}")


def judge(
    left: Annotated[str, typer.Argument(help="record_id")],
    right: Annotated[str, typer.Argument(help="record_id")],
    kind: Annotated[str, typer.Argument(help="same, not-same or unsure")],
    by: Annotated[str, typer.Option("--by", help="who decides")],
    why: Annotated[str, typer.Option("--why", help="the reason, for the record")],
) -> None:
    """Record a human decision on a pair; both identities are re-resolved under it."""
    from resolver.service import judge_pair

    kinds: dict[str, Literal["SAME", "NOT_SAME", "UNSURE"]] = {
        "same": "SAME", "not-same": "NOT_SAME", "unsure": "UNSURE"
    }  # fmt: skip
    if kind.lower() not in kinds:
        raise InputError(f"unknown judgement {kind!r}", hint="use same, not-same or unsure")
    with open_graph(get_settings()) as graph:
        jid = judge_pair(graph, left, right, kinds[kind.lower()], by, why)
    console.print(f"judgement {jid} recorded; identities re-resolved")


def split(
    entity_id: Annotated[str, typer.Argument(help="identity to split")],
    records: Annotated[list[str], typer.Argument(help="record_ids to cut out")],
    by: Annotated[str, typer.Option("--by", help="who decides")],
    why: Annotated[str, typer.Option("--why", help="the reason, for the record")],
) -> None:
    """Split records out of an identity (stored as a SPLIT judgement, never overridden)."""
    from resolver.service import split_identity

    with open_graph(get_settings()) as graph:
        jid = split_identity(graph, entity_id, records, by, why)
    console.print(f"split {jid} recorded; identity re-resolved")


def explain(
    first: Annotated[str, typer.Argument(help="record_id, or an entity_id alone")],
    second: Annotated[str | None, typer.Argument(help="second record_id")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Why two records are (not) one person, or what holds an identity together."""
    from resolver.service import explain_identity, explain_pair

    with open_graph(get_settings()) as graph:
        if second is None:
            ident = explain_identity(graph, first)
            if as_json:
                console.print_json(json.dumps(asdict(ident), default=str))
                return
            console.print(f"[bold]{ident.entity_id}[/] {ident.size} records"
                          + (" [red]possible identity fraud[/]" if ident.possible_identity_fraud
                             else ""))  # fmt: skip
            for link in ident.links:
                console.print(f"  {link.left} -- {link.right}  {link.rule} "
                              f"p={link.probability:.3f}  {'; '.join(link.reasons)}")  # fmt: skip
            return
        pair = explain_pair(graph, first, second)
    if as_json:
        console.print_json(json.dumps(asdict(pair), default=str))
        return
    table = Table(title=f"{first} vs {second}: {pair.rule}, p={pair.probability:.4f}, "
                        f"{pair.match_weight:+.1f} bits")  # fmt: skip
    for col in ("feature", "level", "bits", "reason"):
        table.add_column(col)
    for c in pair.contributions:
        table.add_row(c.feature, c.level, f"{c.weight:+.2f}", c.reason)
    console.print(table)
    if pair.cannot_link:
        console.print(f"cannot-link: {pair.cannot_link}")


def review(
    limit: Annotated[int, typer.Option(help="pairs to show")] = 20,
) -> None:
    """The review queue, most useful first: records that fit two people who cannot be one
    ("ambiguous", each with its link to both), then uncertain pairs."""
    from resolver.service import review_queue

    with open_graph(get_settings()) as graph:
        items = review_queue(graph, limit)
    table = Table(title="review queue")
    for col in ("left", "right", "p", "records bridged", "same identity now", "why"):
        table.add_column(col)
    for x in items:
        table.add_row(x.left, x.right, f"{x.probability:.3f}", str(x.bridged_size),
                      "yes" if x.same_cluster else "no", x.reason)  # fmt: skip
    console.print(table)
