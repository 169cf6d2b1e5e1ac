"""What the run ran on: cores, memory, CPU model, versions, commit, and how fast the host was."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["CpuSample", "cpu_reference_ms", "cpu_sample", "host_ratio", "machine", "steal_pct"]

REFERENCE_REPEATS = 5


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return 0.0


def _git(root: Path) -> str:
    proc = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH, as make does
        capture_output=True,
        text=True,
        cwd=root,
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain"],  # noqa: S607 - git from PATH, as make does
        capture_output=True,
        text=True,
        cwd=root,
    ).stdout.strip()
    return proc.stdout.strip() + ("+dirty" if dirty else "")


def machine(root: Path) -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "memory_gib": _mem_gib(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "os": platform.platform(),
        "commit": _git(root),
        "cpu_reference_ms": cpu_reference_ms(),
    }


@dataclass(frozen=True)
class CpuSample:
    """The machine's CPU time so far (all cores, in clock ticks): in total and stolen."""

    total: int
    steal: int


def cpu_sample() -> CpuSample | None:
    """Now, from /proc/stat; None where there is no such file."""
    try:
        line = Path("/proc/stat").read_text(encoding="utf-8").splitlines()[0]
    except OSError:
        return None
    # cpu user nice system idle iowait irq softirq steal [guest guest_nice: already in user]
    ticks = [int(v) for v in line.split()[1:9]]
    return CpuSample(total=sum(ticks), steal=ticks[7])


def steal_pct(before: CpuSample | None, after: CpuSample | None) -> float | None:
    """The share of CPU time the hypervisor gave to other guests between two samples. On a
    shared host this is what makes one run's latencies differ from the next: a figure taken
    while the host stole a quarter of the cores is not this machine's figure."""
    if before is None or after is None or after.total <= before.total:
        return None
    return round(100 * (after.steal - before.steal) / (after.total - before.total), 1)


def _reference_workload() -> None:
    """A fixed piece of single-thread work shaped like the resolver's: string keys through a
    dict (the Python side: factorising, grouping) and a numpy sort (the vectorised side)."""
    index: dict[str, int] = {}
    for i in range(200_000):
        index.setdefault(f"name-{i % 50_000}", len(index))
    values = np.random.default_rng(7).integers(0, 1 << 40, size=1_000_000)
    np.sort(values)


def cpu_reference_ms() -> float:
    """How long this host takes for the reference workload now, in ms (the median of
    REFERENCE_REPEATS). The same code on the same host is only as fast as the host is that day:
    a run whose reference is 25% slower than the baseline's was measured on a slower host, even
    at no CPU steal (another CPU model, a busier neighbour's caches), and its timings move with it.
    """
    times = []
    for _ in range(REFERENCE_REPEATS):
        start = time.perf_counter()
        _reference_workload()
        times.append(time.perf_counter() - start)
    return round(1000 * statistics.median(times), 1)


def host_ratio(baseline_ms: float | None, current_ms: float | None) -> float | None:
    """Current host time over the baseline's for the reference workload (1.25: 25% slower);
    None when either run did not measure it."""
    if not baseline_ms or not current_ms:
        return None
    return round(current_ms / baseline_ms, 3)
