"""CPU steal accounting of the bench: what share of the window the host took."""

from __future__ import annotations

from bench.machine import CpuSample, cpu_sample, steal_pct


def test_steal_is_the_stolen_share_of_the_window() -> None:
    before = CpuSample(total=1_000, steal=10)
    after = CpuSample(total=1_400, steal=110)
    assert steal_pct(before, after) == 25.0


def test_steal_is_unknown_without_samples_or_elapsed_time() -> None:
    sample = CpuSample(total=1_000, steal=10)
    assert steal_pct(None, sample) is None
    assert steal_pct(sample, None) is None
    assert steal_pct(sample, sample) is None


def test_this_machine_reports_its_cpu_time() -> None:
    first = cpu_sample()
    assert first is not None  # Linux: /proc/stat exists
    assert first.total > 0
    assert 0 <= first.steal <= first.total
