"""`idgraph bench compare`: which figures moved beyond their noise, and which way."""

from __future__ import annotations

from typing import Any

from bench.compare import compare, flatten, noise_for


def _run(**stages: Any) -> dict[str, Any]:
    return {
        "meta": {"size": 10_000, "wall_seconds": 100.0},
        "stages": stages,
        "anchors": {"synthetic": {"splink": {"pair_f1": 0.8, "wall_seconds": 10.0}}},
    }


def test_flatten_skips_strings_and_booleans() -> None:
    tree = {"a": {"b": 1, "c": "ok", "d": True}, "e": 2.5}
    assert dict(flatten(tree)) == {"a.b": 1.0, "e": 2.5}


def test_noise_by_metric_name() -> None:
    f1 = noise_for("stages.resolve.pair_f1")
    secs = noise_for("stages.resolve.resolve_seconds")
    assert f1 is not None and f1.higher_is_better and f1.band(0.99) == 0.002
    assert secs is not None and not secs.higher_is_better and secs.band(100.0) == 10.0
    assert secs.band(1.0) == 0.5  # the absolute floor for short stages
    assert noise_for("stages.load.subjects") is None  # counts are not compared


def test_moves_inside_noise_are_silent() -> None:
    base = _run(resolve={"pair_f1": 0.990, "resolve_seconds": 100.0})
    now = _run(resolve={"pair_f1": 0.9885, "resolve_seconds": 108.0})
    assert compare(base, now) == []


def test_regression_and_improvement_by_direction() -> None:
    base = _run(
        resolve={"pair_f1": 0.990, "resolve_seconds": 100.0},
        arrival={"resolve": {"p95_ms": 20.0}},
        load={"subjects_per_s": 10_000.0},
    )
    now = _run(
        resolve={"pair_f1": 0.980, "resolve_seconds": 80.0},
        arrival={"resolve": {"p95_ms": 30.0}},
        load={"subjects_per_s": 12_000.0},
    )
    moves = {m.path: m for m in compare(base, now)}
    assert moves["stages.resolve.pair_f1"].regression
    assert not moves["stages.resolve.resolve_seconds"].regression
    assert moves["stages.arrival.resolve.p95_ms"].regression
    assert not moves["stages.load.subjects_per_s"].regression
    assert all(m.counts for m in moves.values())


def test_anchor_moves_are_reported_but_never_count() -> None:
    base, now = _run(), _run()
    now["anchors"]["synthetic"]["splink"]["pair_f1"] = 0.7
    (move,) = compare(base, now)
    assert move.path == "anchors.synthetic.splink.pair_f1"
    assert move.regression and not move.counts


def test_metrics_missing_on_either_side_are_skipped() -> None:
    base = _run(resolve={"pair_f1": 0.99})
    now = _run(api={"nameCheck": {"p95_ms": 5.0}})
    assert compare(base, now) == []
