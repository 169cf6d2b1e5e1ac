"""What the run ran on: cores, memory, CPU model, versions, commit."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path
from typing import Any

__all__ = ["machine"]


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
    }
