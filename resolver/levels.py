"""The level matrix: one row per pair, one column per feature of the scorer's table."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from resolver.features import FEATURES
from resolver.frame import RecordFrame

__all__ = ["level_matrix"]


def level_matrix(
    frame: RecordFrame, i: npt.NDArray[np.int32], j: npt.NDArray[np.int32]
) -> npt.NDArray[np.int8]:
    """Levels of every feature for pairs (i[k], j[k]), as an (n_pairs, n_features) int8 array."""
    out = np.zeros((len(i), len(FEATURES)), dtype=np.int8)
    for k, feat in enumerate(FEATURES):
        out[:, k] = feat.vector(frame, i, j)
    return out
