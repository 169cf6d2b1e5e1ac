"""One bench run, end to end: data, graph stages on the bench Neo4j, FEBRL, anchors, report.

Order matters on a 2-core machine: the graph stages run while Neo4j is up; Neo4j is stopped
before FEBRL and the anchors, so no two heavy things ever compete for the cores."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.anchor_runs import run_anchor
from bench.data import make_data
from bench.instance import BENCH_INSTANCE, BENCH_PORT, bench_graph, bench_settings
from bench.machine import cpu_reference_ms, cpu_sample, machine, steal_pct
from bench.report import markdown
from bench.stages.api import run_api
from bench.stages.arrival import run_arrivals
from bench.stages.febrl import FEBRL_DIR, run_febrl
from bench.stages.load import run_load
from bench.stages.resolution import run_resolution

__all__ = ["RESULTS", "ROOT", "run_bench"]

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
RL_MAX_RECORDS = 30_000  # recordlinkage's ECM holds every feature row in pandas: 10k persons fit
Say = Callable[[str], None]


def _timed(say: Say, name: str, step: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    say(f"[bold]{name}[/] ...")
    t0, before = time.perf_counter(), cpu_sample()
    figures = step()
    figures["cpu_steal_pct"] = steal_pct(before, cpu_sample())
    say(
        f"  {name}: {figures.get('status', 'ok')} ({time.perf_counter() - t0:.1f} s, "
        f"CPU stolen by the host: {figures['cpu_steal_pct']}%)"
    )
    return figures


def _anchors(
    data_root: Path,
    subjects: Path,
    truth: Path,
    hard: Path | None,
    records: int,
    out: Path,
    say: Say,
    link: tuple[str, ...] = (),
) -> dict[str, Any]:
    if not BENCH_PYTHON.exists():
        return {"status": "not available: .venv-bench missing (`make bench-setup`)"}
    res: dict[str, Any] = {}
    res["splink"] = _timed(
        say,
        f"Splink on {data_root.name}",
        lambda: run_anchor(
            "splink", BENCH_PYTHON, subjects, truth, out, link=link, hard_cases=hard
        ),
    )
    if records <= RL_MAX_RECORDS:
        res["recordlinkage_ecm"] = _timed(
            say,
            f"recordlinkage ECM on {data_root.name}",
            lambda: run_anchor(
                "recordlinkage_ecm", BENCH_PYTHON, subjects, truth, out, link=link, hard_cases=hard
            ),
        )
    else:
        res["recordlinkage_ecm"] = {
            "status": f"not run: {records:,} records is past what "
            f"its in-memory ECM fits here ({RL_MAX_RECORDS:,})"
        }
    return res


def run_bench(
    size: int,
    seed: int,
    say: Say,
    *,
    holdout: int = 300,
    api_seconds: float = 20.0,
    skip_anchors: bool = False,
) -> Path:
    """Run everything at `size` persons; return the run folder."""
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    run_dir = RESULTS / "runs" / f"{started:%Y%m%dT%H%M%SZ}-{size}"
    data_dir = run_dir / "data"
    results: dict[str, Any] = {
        "meta": {
            "size": size,
            "seed": seed,
            "started": started.isoformat(timespec="seconds"),
            "machine": machine(ROOT),
        }
    }
    stages: dict[str, Any] = {}
    results["stages"] = stages
    data, stages["synth"] = make_data(data_dir, size, seed, holdout)
    say(
        f"synth: {stages['synth']['subject_records']:,} subject records "
        f"in {stages['synth']['synth_seconds']} s"
    )
    settings = bench_settings()
    neo4j_env = {
        "IDGRAPH_LOCAL_INSTANCE": BENCH_INSTANCE,
        "IDGRAPH_LOCAL_BOLT_PORT": str(BENCH_PORT),
    }
    with bench_graph(settings) as (graph, server):
        pid = server.status().pid
        stages["load"] = _timed(
            say, "load", lambda: run_load(graph, data, settings.load_batch_size, pid)
        )
        stages["resolve"] = _timed(say, "batch resolution", lambda: run_resolution(graph, data))
        if stages["resolve"]["status"] == "ok":
            stages["arrival"] = _timed(say, "on arrival", lambda: run_arrivals(graph, data))
        else:
            stages["arrival"] = {"status": "not available: needs batch resolution first"}
        stages["api"] = _timed(
            say, "API over HTTP", lambda: run_api(ROOT, data, neo4j_env, seconds=api_seconds)
        )
    stages["febrl"] = _timed(say, "FEBRL3/4", lambda: run_febrl(ROOT, BENCH_PYTHON))
    anchors: dict[str, Any] = {}
    results["anchors"] = anchors
    if not skip_anchors:
        subjects = stages["synth"]["batch_subjects"]
        anchors["synthetic"] = _anchors(
            data_dir, data.subjects, data.truth_batch, data.hard_cases, subjects, run_dir, say
        )
        for name, link in (("febrl4", ("FEBRL4-A", "FEBRL4-B")), ("febrl3", ())):
            base = ROOT / FEBRL_DIR / name
            if (base / "records.jsonl").exists():
                anchors[name] = _anchors(
                    base, base / "records.jsonl", base / "truth.jsonl", None, 0, run_dir, say, link
                )
    results["meta"]["wall_seconds"] = round(time.perf_counter() - t0, 1)
    # the host can change speed within a run: measured again at the end (bench compare)
    results["meta"]["cpu_reference_end_ms"] = cpu_reference_ms()
    (run_dir / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    (run_dir / "results.md").write_text(markdown(results), encoding="utf-8")
    _publish(run_dir, size)
    shutil.rmtree(data_dir, ignore_errors=True)  # hundreds of MB per run; regenerated by seed
    return run_dir


def _publish(run_dir: Path, size: int) -> None:
    """Copy the run's summary to bench/results/summary-<size>.{json,md} (the committed latest)
    and draw the plots with the bench venv's matplotlib."""
    for ext in ("json", "md"):
        shutil.copyfile(run_dir / f"results.{ext}", RESULTS / f"summary-{size}.{ext}")
    if BENCH_PYTHON.exists():
        subprocess.run(  # noqa: S603 - our venv and our script
            [str(BENCH_PYTHON), str(ROOT / "bench" / "plots.py"), str(RESULTS)],
            capture_output=True,
            check=False,
        )
