"""Faster stand-ins for `Random.choice` and `Random.randrange` on the generator's hot path.

`Random.randrange` rejects-and-retries to be exactly uniform and costs ~10x a `random()` call;
for synthetic data the bias of `int(random() * n)` (below 2**-40 for our n) does not matter,
and a million people need tens of millions of draws. Both still draw only from the seeded
`Random`, so runs stay deterministic.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from random import Random
from typing import Generic, TypeVar

__all__ = ["WeightedPicker", "below", "between", "pick"]

T = TypeVar("T")


def pick(rng: Random, items: Sequence[T]) -> T:
    """A uniformly chosen item of a non-empty sequence."""
    return items[int(rng.random() * len(items))]


def below(rng: Random, stop: int) -> int:
    """An int in [0, stop)."""
    return int(rng.random() * stop)


def between(rng: Random, start: int, stop: int) -> int:
    """An int in [start, stop)."""
    return start + int(rng.random() * (stop - start))


class WeightedPicker(Generic[T]):
    """`Random.choices(items, weights)[0]` without its per-call setup cost."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = tuple(items)
        self._cumulative = list(accumulate(weights))
        self._total = self._cumulative[-1]

    def pick(self, rng: Random) -> T:
        index = bisect(self._cumulative, rng.random() * self._total)
        return self.items[min(index, len(self.items) - 1)]
