"""Human judgements as constraints the resolver never overrides."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

__all__ = ["Judgement", "constraints_from"]

Kind = Literal["SAME", "NOT_SAME", "SPLIT"]


@dataclass(frozen=True)
class Judgement:
    """SAME: all of left and right are one person. NOT_SAME / SPLIT: no left record is the same
    person as any right record (SPLIT is the decision to cut an identity in two parts)."""

    kind: Kind
    left: tuple[str, ...]
    right: tuple[str, ...] = ()


def constraints_from(
    judgements: Sequence[Judgement], row_of: Mapping[str, int]
) -> tuple[list[tuple[npt.NDArray[np.int64], str]], dict[int, set[int]]]:
    """Must-link groups (rows) and signed cannot-link tokens per row; unknown ids are ignored."""
    must: list[tuple[npt.NDArray[np.int64], str]] = []
    tokens: dict[int, set[int]] = {}
    for t, judgement in enumerate(judgements, start=1):
        left = [row_of[r] for r in judgement.left if r in row_of]
        right = [row_of[r] for r in judgement.right if r in row_of]
        if judgement.kind == "SAME":
            rows = left + right
            if len(rows) > 1:
                must.append((np.asarray(rows, dtype=np.int64), "JUDGEMENT"))
            continue
        for row in left:
            tokens.setdefault(row, set()).add(t)
        for row in right:
            tokens.setdefault(row, set()).add(-t)
    return must, tokens
