"""The bench's latency percentiles (nearest rank: always an observed value)."""

from __future__ import annotations

import pytest

from bench.stats import latency_summary, percentile


def test_percentile_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 99) == 99.0
    assert percentile(values, 100) == 100.0


def test_percentile_is_an_observed_value_and_order_free() -> None:
    values = [0.3, 0.1, 0.2]
    assert percentile(values, 50) == 0.2
    assert percentile(values, 99) == 0.3
    assert percentile([7.0], 1) == 7.0


@pytest.mark.parametrize("p", [0, -1, 101])
def test_percentile_rejects_out_of_range(p: float) -> None:
    with pytest.raises(ValueError):
        percentile([1.0], p)


def test_percentile_rejects_empty() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)


def test_latency_summary_in_milliseconds() -> None:
    summary = latency_summary([0.001] * 99 + [0.5])
    assert summary["n"] == 100
    assert summary["p50_ms"] == 1.0
    assert summary["p99_ms"] == 1.0
    assert summary["max_ms"] == 500.0
    assert latency_summary([]) == {"n": 0}
