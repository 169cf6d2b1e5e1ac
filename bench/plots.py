"""PNG plots of the latest summaries (bench/results/summary-<size>.json), drawn with the bench
venv's matplotlib:

    .venv-bench/bin/python bench/plots.py bench/results

accuracy.png: pairwise F1 of idgraph, Splink and recordlinkage ECM per dataset (largest size).
latency.png: p50 / p95 / p99 of on-arrival resolution and the API operations (largest size).
scaling.png: load, batch resolution and Splink seconds against persons, over every size run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def _get(tree: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(tree, dict) or part not in tree:
            return None
        tree = tree[part]
    return tree


def accuracy(r: dict[str, Any], out: Path) -> None:
    sets = [("synthetic", "resolve"), ("febrl4", "febrl.febrl4"), ("febrl3", "febrl.febrl3")]
    tools = [("idgraph", None), ("Splink 5", "splink"), ("rl ECM", "recordlinkage_ecm")]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    width = 0.25
    for k, (tool, key) in enumerate(tools):
        values = [
            (
                _get(r["stages"], f"{ours}.pair_f1")
                if key is None
                else _get(r.get("anchors", {}), f"{ds}.{key}.pair_f1")
            )
            or 0.0
            for ds, ours in sets
        ]
        ax.bar([i + k * width for i in range(len(sets))], values, width, label=tool)
    ax.set_xticks([i + width for i in range(len(sets))], [s for s, _ in sets])
    ax.set_ylim(0.5, 1.0)
    ax.set_ylabel("pairwise F1")
    ax.set_title(f"accuracy, {r['meta']['size']:,} persons")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def latency(r: dict[str, Any], out: Path) -> None:
    series = [("arrival", "arrival.resolve"), ("arrival, steady", "arrival.resolve_steady")] + [
        (op, f"api.{op}") for op in ("nameCheck", "matchPerson", "suspects", "shortestPath")
    ]
    series = [(n, p) for n, p in series if _get(r["stages"], f"{p}.p95_ms") is not None]
    if not series:
        return
    fig, ax = plt.subplots(figsize=(7, 3.5))
    width = 0.27
    for k, q in enumerate(("p50_ms", "p95_ms", "p99_ms")):
        ax.bar(
            [i + k * width for i in range(len(series))],
            [_get(r["stages"], f"{p}.{q}") for _, p in series],
            width,
            label=q[:3],
        )
    ax.set_xticks([i + width for i in range(len(series))], [n for n, _ in series])
    ax.set_ylabel("milliseconds")
    ax.set_title(f"latency, {r['meta']['size']:,} persons")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def scaling(runs: list[dict[str, Any]], out: Path) -> None:
    sizes = [r["meta"]["size"] for r in runs]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for label, path, tree in (
        ("load (all kinds)", "load.load_seconds", "stages"),
        ("idgraph batch resolution", "resolve.resolve_seconds", "stages"),
        ("Splink 5", "synthetic.splink.wall_seconds", "anchors"),
    ):
        pts = [(s, _get(r.get(tree, {}), path)) for s, r in zip(sizes, runs, strict=True)]
        pts = [(s, v) for s, v in pts if isinstance(v, int | float)]
        if pts:
            ax.plot(*zip(*pts, strict=True), marker="o", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("persons")
    ax.set_ylabel("seconds")
    ax.set_title("cost against size")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main(results: Path) -> None:
    runs = sorted(
        (json.loads(p.read_text(encoding="utf-8")) for p in results.glob("summary-*.json")),
        key=lambda r: r["meta"]["size"],
    )
    if not runs:
        return
    accuracy(runs[-1], results / "accuracy.png")
    latency(runs[-1], results / "latency.png")
    scaling(runs, results / "scaling.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
