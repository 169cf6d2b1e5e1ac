"""Compare a bench run with the committed baseline, metric by metric, against each metric's noise.

A metric's kind comes from its name (the last part of its dotted path). Each kind has a
direction (is bigger better?) and a noise band: a move inside the band is noise, outside it is
an improvement or a regression. Only idgraph's own figures (`stages.*`) can fail the compare;
the anchors (Splink, recordlinkage) are reported for information, since their moves are not ours.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Move", "Noise", "compare", "flatten", "noise_for"]


@dataclass(frozen=True)
class Noise:
    """Direction and noise band of one kind of metric."""

    higher_is_better: bool
    relative: float  # share of the baseline value
    absolute: float  # floor, in the metric's unit: tiny values jitter by more than a share

    def band(self, baseline: float) -> float:
        return max(abs(baseline) * self.relative, self.absolute)


# Reasons for each band: repeated 10k runs on the 2-core reference machine moved wall times by
# up to ~7% and tail latencies by up to ~12%; F1 of a deterministic pipeline on a fixed seed does
# not move at all, so 0.002 catches a real change of a few hundred pairs at 100k.
_RULES: tuple[tuple[str, Noise], ...] = (
    ("_f1", Noise(True, 0.0, 0.002)),
    ("_precision", Noise(True, 0.0, 0.002)),
    ("_recall", Noise(True, 0.0, 0.002)),
    ("joined_share", Noise(True, 0.0, 0.01)),  # a few fraud cases: one more or less is 1%
    ("merged_share", Noise(False, 0.0, 0.005)),
    ("_per_s", Noise(True, 0.10, 1.0)),
    ("seconds", Noise(False, 0.10, 0.5)),  # half a second: process start-up jitter
    ("_ms", Noise(False, 0.15, 1.0)),  # one millisecond: scheduler jitter on loopback
    ("_mb", Noise(False, 0.10, 50.0)),  # JVM and allocator growth comes in large steps
)


def noise_for(path: str) -> Noise | None:
    """The noise rule of a metric by its name, or None for figures that are not compared
    (counts, sizes, settings)."""
    name = path.rsplit(".", 1)[-1]
    for suffix, noise in _RULES:
        if name.endswith(suffix):
            return noise
    return None


def flatten(tree: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, float]]:
    """Every numeric leaf as (dotted path, value); booleans and strings are skipped."""
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            yield from flatten(value, path)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield path, float(value)


@dataclass(frozen=True)
class Move:
    """One metric that moved beyond its noise band."""

    path: str
    baseline: float
    current: float
    band: float
    regression: bool
    counts: bool  # False for anchors: reported, never failing

    @property
    def change(self) -> float:
        return self.current - self.baseline


def compare(baseline: Mapping[str, Any], current: Mapping[str, Any]) -> list[Move]:
    """The metrics present in both runs that moved by more than their noise."""
    base = dict(flatten(baseline))
    moves = []
    for path, value in flatten(current):
        noise = noise_for(path)
        if noise is None or path not in base or path.startswith("meta."):
            continue
        old = base[path]
        band = noise.band(old)
        delta = value - old
        if abs(delta) <= band:
            continue
        worse = delta < 0 if noise.higher_is_better else delta > 0
        moves.append(Move(path, old, value, band, worse, path.startswith("stages.")))
    return moves
