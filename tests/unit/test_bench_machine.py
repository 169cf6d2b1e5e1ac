"""How the bench accounts for the host: the CPU share it took, and how fast it was."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.machine import CpuSample, cpu_reference_ms, cpu_sample, host_ratio, steal_pct


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


def test_host_ratio_is_current_over_baseline_time() -> None:
    assert host_ratio(80.0, 100.0) == 1.25  # 25% slower host
    assert host_ratio(100.0, 80.0) == 0.8
    assert host_ratio(None, 80.0) is None  # a baseline from before the reference existed
    assert host_ratio(80.0, 0.0) is None


def test_the_reference_workload_takes_measurable_time() -> None:
    ms = cpu_reference_ms()
    assert 1.0 < ms < 60_000.0


def test_compare_says_how_fast_the_host_was(tmp_path: Path) -> None:
    base = {"meta": {"size": 100, "machine": {"cpu_reference_ms": 80.0}}, "stages": {}}
    now = {  # the host slowed down within the run: its mean speed counts
        "meta": {"size": 100, "machine": {"cpu_reference_ms": 90.0}, "cpu_reference_end_ms": 110.0},
        "stages": {},
    }
    (tmp_path / "base.json").write_text(json.dumps(base), encoding="utf-8")
    (tmp_path / "now.json").write_text(json.dumps(now), encoding="utf-8")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "idgraph"), "bench", "compare",
         "--run", str(tmp_path / "now.json"), "--baseline", str(tmp_path / "base.json")],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "1.25x the baseline's time (25% slower)" in result.stdout
