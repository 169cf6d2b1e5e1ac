"""The Markdown table of a run: every idgraph figure, its anchors beside it, and the ratio."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bench.stages.api import API_FIGURES

__all__ = ["markdown", "rows"]

Row = tuple[str, Any, Any, Any]  # label, idgraph, Splink, recordlinkage ECM


def _get(tree: Mapping[str, Any], path: str) -> Any:
    node: Any = tree
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _status(tree: Mapping[str, Any], path: str) -> str | None:
    status = _get(tree, path + ".status")
    return None if status in (None, "ok") else str(status)


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return (
            f"{value:,.4f}"
            if abs(value) < 1
            else f"{value:,.1f}"
            if value < 1e4
            else f"{value:,.0f}"
        )
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _ratio(ours: Any, theirs: Any) -> str:
    if isinstance(ours, int | float) and isinstance(theirs, int | float) and theirs:
        return f"{ours / theirs:.2f}x"
    return ""


def rows(r: Mapping[str, Any]) -> list[Row]:
    """(label, idgraph, Splink, rl ECM) for every figure the run has."""
    s, a = r.get("stages", {}), r.get("anchors", {})
    out: list[Row] = []

    def add(
        label: str, ours: str, anchor: str | None = None, anchor_key: str | None = None
    ) -> None:
        key = anchor_key or (ours.rsplit(".", 1)[-1])
        sp = _get(a, f"{anchor}.splink.{key}") if anchor else None
        rl = _get(a, f"{anchor}.recordlinkage_ecm.{key}") if anchor else None
        out.append((label, _get(s, ours), sp, rl))

    add("synth: subject records", "synth.subject_records")
    add("synth: seconds", "synth.synth_seconds")
    add("load: subjects / s", "load.subjects_per_s")
    add("load: all records / s", "load.records_per_s")
    add("load: seconds (all kinds)", "load.load_seconds")
    add("load: Python peak RSS MB", "load.python_peak_rss_mb")
    add("load: Neo4j JVM peak RSS MB", "load.neo4j_peak_rss_mb")
    add("load: CPU stolen by the host %", "load.cpu_steal_pct")
    add("batch resolution: CPU stolen by the host %", "resolve.cpu_steal_pct")
    add(
        "batch resolution: seconds (idgraph into Neo4j; anchors in memory)",
        "resolve.resolve_seconds",
        "synthetic",
        "wall_seconds",
    )
    for key in ("pair_precision", "pair_recall", "pair_f1", "bcubed_f1"):
        add(f"synthetic: {key}", f"resolve.{key}", "synthetic")
    for label in ("twin", "jr_sr", "sibling", "shared_ssn", "common_name"):
        add(
            f"hard cases: {label} merged share",
            f"resolve.hard_cases.{label}.merged_share",
            "synthetic",
            f"hard_cases.{label}.merged_share",
        )
    add(
        "hard cases: identity fraud joined share",
        "resolve.hard_cases.identity_fraud.joined_share",
        "synthetic",
        "hard_cases.identity_fraud.joined_share",
    )
    add(
        "hard cases: fraud joined and flagged share",
        "resolve.hard_cases.identity_fraud.flagged_joined_share",
    )
    for p in ("p50_ms", "p95_ms", "p99_ms"):
        add(f"on arrival: resolve {p}", f"arrival.resolve.{p}")
    for p in ("p50_ms", "p95_ms", "p99_ms"):
        add(f"on arrival, steady state: resolve {p}", f"arrival.resolve_steady.{p}")
    add("on arrival: load + resolve p95_ms", "arrival.load_and_resolve.p95_ms")
    add("after arrivals: pair_f1", "arrival.after_arrivals.pair_f1")
    for op in API_FIGURES:
        for p in (
            "p50_ms", "p95_ms", "p99_ms", "requests_per_s", "errors", "clients", "cpu_steal_pct"
        ):  # fmt: skip
            add(f"API {op}: {p}", f"api.{op}.{p}")
    for ds in ("febrl4", "febrl3"):
        for key in ("pair_f1", "bcubed_f1"):
            add(f"{ds.upper()} (no soc_sec_id): {key}", f"febrl.{ds}.{key}", ds)
        add(
            f"{ds.upper()}: seconds (anchors: wall with start-up)",
            f"febrl.{ds}.seconds",
            ds,
            "wall_seconds",
        )
    return [row for row in out if any(v is not None for v in row[1:])]


def markdown(r: Mapping[str, Any]) -> str:
    meta = r.get("meta", {})
    m = meta.get("machine", {})
    lines = [
        f"# idgraph bench: {meta.get('size', 0):,} persons (seed {meta.get('seed')})",
        "",
        f"{meta.get('started')} · {m.get('cores')} cores, {m.get('memory_gib')} GiB, {m.get('cpu')}"
        f" · commit {m.get('commit')} · whole run {meta.get('wall_seconds')} s",
        "",
        "| figure | idgraph | Splink 5 | idgraph / Splink | rl ECM | idgraph / ECM |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, ours, sp, rl in rows(r):
        lines.append(
            f"| {label} | {_fmt(ours)} | {_fmt(sp)} | {_ratio(ours, sp)} | {_fmt(rl)} "
            f"| {_ratio(ours, rl)} |"
        )
    notes = []
    for stage in ("resolve", "arrival", "api", "febrl", "load"):
        why = _status(r.get("stages", {}), stage)
        if why:
            notes.append(f"- {stage}: {why}")
    for ds, tools in r.get("anchors", {}).items():
        if isinstance(tools, Mapping):
            for tool, fig in tools.items():
                why = _status(tools, tool)
                if why and isinstance(fig, Mapping):
                    notes.append(f"- {tool} on {ds}: {why}")
    for op in API_FIGURES:
        err = _get(r.get("stages", {}), f"api.{op}.first_error")
        if err:
            notes.append(f"- API {op} first error: `{str(err)[:160]}`")
    if notes:
        lines += ["", "Not measured or not clean:", "", *notes]
    return "\n".join(lines) + "\n"
