"""Sort orders of non-negative int arrays, by numpy's sort rather than its argsort.

On this machine numpy vectorises `sort` of int64 but not `argsort` (1M keys: 10-13 against
33-34 ms; 62M: 1.0 against 4.5 s). When a key and its position fit in one int64 together, the
two are sorted as one packed value and the positions read back from its low bits, which is a
stable argsort. Otherwise (keys too large) this falls back to `argsort`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["distinct", "stable_order"]

Ints = npt.NDArray[np.int64]
Positions = npt.NDArray[np.intp]


def stable_order(keys: Ints) -> Positions:
    """`np.argsort(keys, kind="stable")` for non-negative keys."""
    bits = max(len(keys) - 1, 1).bit_length()
    if len(keys) == 0 or int(keys.min()) < 0 or int(keys.max()) >= 1 << (63 - bits):
        return np.argsort(keys, kind="stable")
    packed = (keys.astype(np.int64) << bits) | np.arange(len(keys), dtype=np.int64)
    packed.sort()
    return np.asarray(packed & ((1 << bits) - 1), dtype=np.intp)


def distinct(keys: Ints) -> tuple[Positions, Positions]:
    """One position per distinct key (its first) and, for every position, which distinct key it
    holds: `np.unique(return_index, return_inverse)` by the packed sort above."""
    order = stable_order(keys)
    ordered = keys[order]
    starts = np.empty(len(keys), dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    inverse = np.empty(len(keys), dtype=np.intp)
    inverse[order] = np.cumsum(starts) - 1
    return order[starts], inverse
