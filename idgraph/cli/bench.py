"""`idgraph bench`: the benchmark suite (`run`, the default) and `compare` with the baseline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from bench.compare import Move, compare
from bench.machine import host_ratio
from bench.runner import RESULTS, run_bench

__all__ = ["bench_app"]

BASELINE = RESULTS / "baseline.json"
REGRESSION_EXIT_CODE = 1  # a figure of ours got worse beyond its noise
MISMATCH_EXIT_CODE = 2  # nothing comparable: no run, or a run of another size
console = Console()

bench_app = typer.Typer(
    help="Measure loading, resolution, on-arrival latency, the API and FEBRL accuracy on a "
    "dedicated local Neo4j, beside Splink 5 and recordlinkage ECM (docs/performance.md).",
)

SizeOption = Annotated[int, typer.Option(min=100, help="synthetic persons (records are ~2x)")]
SeedOption = Annotated[int, typer.Option(help="synthetic data seed")]


def _run(size: int, seed: int, holdout: int, api_seconds: float, skip_anchors: bool) -> None:
    run_dir = run_bench(
        size,
        seed,
        console.print,
        holdout=holdout,
        api_seconds=api_seconds,
        skip_anchors=skip_anchors,
    )
    console.print((run_dir / "results.md").read_text(encoding="utf-8"), markup=False)
    console.print(f"results: {run_dir}")


@bench_app.callback(invoke_without_command=True)
def default(
    ctx: typer.Context,
    size: SizeOption = 100_000,
    seed: SeedOption = 7,
) -> None:
    """Without a subcommand: `run --size N`."""
    if ctx.invoked_subcommand is None:
        _run(size, seed, 300, 20.0, False)


@bench_app.command("run")
def run(
    size: SizeOption = 100_000,
    seed: SeedOption = 7,
    holdout: Annotated[int, typer.Option(help="subjects held out to arrive one by one")] = 300,
    api_seconds: Annotated[float, typer.Option(help="time limit per API operation")] = 20.0,
    skip_anchors: Annotated[bool, typer.Option(help="skip Splink and recordlinkage")] = False,
) -> None:
    """One full bench run; results under bench/results/runs/<time>-<size>/."""
    _run(size, seed, holdout, api_seconds, skip_anchors)


def _latest_run() -> Path | None:
    runs = sorted((RESULTS / "runs").glob("*/results.json"))
    return runs[-1] if runs else None


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _show(moves: list[Move]) -> None:
    table = Table(title="figures that moved beyond their noise")
    for col in ("figure", "baseline", "now", "noise band", "verdict"):
        table.add_column(col)
    for m in moves:
        verdict = "regression" if m.regression else "improvement"
        if not m.counts:
            verdict += " (anchor, informative)"
        table.add_row(
            m.path,
            f"{m.baseline:,.4g}",
            f"{m.current:,.4g}",
            f"±{m.band:,.3g}",
            f"[red]{verdict}[/]" if m.regression and m.counts else verdict,
        )
    console.print(table)


def _reference(run: dict[str, Any]) -> float | None:
    """The run's reference time: the mean of its start and end, since the host's speed can
    change within a run (54.3 then 83.1 ms in one run of session 14)."""
    meta = run["meta"]
    values = [meta.get("machine", {}).get("cpu_reference_ms"), meta.get("cpu_reference_end_ms")]
    known = [float(v) for v in values if v]
    return sum(known) / len(known) if known else None


def _say_host(base: dict[str, Any], current: dict[str, Any]) -> None:
    """How fast the host was against the baseline's, so that a wall time or a latency that
    moved by about as much is read as the host's move, not the code's."""
    ratio = host_ratio(_reference(base), _reference(current))
    if ratio is None:
        console.print("host speed: not comparable (a run without the reference workload)")
        return
    if abs(ratio - 1) < 0.01:
        console.print("host speed: the reference workload took the baseline's time")
        return
    pace = "slower" if ratio > 1 else "faster"
    console.print(
        f"host speed: the reference workload took {ratio:.2f}x the baseline's time "
        f"({abs(ratio - 1):.0%} {pace}): timings move with it"
    )


@bench_app.command("compare")
def compare_command(
    run_file: Annotated[
        Path | None, typer.Option("--run", help="results.json (default: latest)")
    ] = None,
    baseline: Annotated[Path, typer.Option(help="the committed baseline")] = BASELINE,
) -> None:
    """Say which figures moved beyond their noise since the baseline; exit 1 on a regression."""
    current_path = run_file or _latest_run()
    if current_path is None or not baseline.exists():
        console.print("nothing to compare: run `make bench` first (and commit a baseline)")
        raise typer.Exit(MISMATCH_EXIT_CODE)
    base, current = _read(baseline), _read(current_path)
    if base["meta"]["size"] != current["meta"]["size"]:
        console.print(
            f"{current_path} is a run at {current['meta']['size']:,} persons; the "
            f"baseline is at {base['meta']['size']:,}: not comparable"
        )
        raise typer.Exit(MISMATCH_EXIT_CODE)
    _say_host(base, current)
    moves = compare(base, current)
    if not moves:
        console.print(f"no figure moved beyond its noise ({current_path} vs {baseline})")
        return
    _show(moves)
    if any(m.regression and m.counts for m in moves):
        raise typer.Exit(REGRESSION_EXIT_CODE)
