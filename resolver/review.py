"""Review queue: uncertain pairs, most useful first, for a human to judge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from resolver.cluster import Ambiguity
from resolver.scoring import ScoredPairs

__all__ = ["REVIEW_BAND", "ReviewItem", "review_queue"]

# Pairs with a probability in this band are uncertain enough that a human decision changes
# the outcome; outside it the model is confident (both errors < 10%).
REVIEW_BAND = (0.1, 0.9)


@dataclass(frozen=True)
class ReviewItem:
    left: str
    right: str
    probability: float
    bridged_size: int  # records the decision would join or keep apart
    same_cluster: bool
    # "uncertain" (a pair in the band), or "ambiguous": a record that fits two people who
    # cannot be one, kept apart from both; each of its two links is an item.
    reason: str = "uncertain"


def review_queue(
    scored: ScoredPairs,
    ids: list[str],
    labels: npt.NDArray[np.int64],
    limit: int = 1000,
    ambiguous: Sequence[Ambiguity] = (),
) -> list[ReviewItem]:
    """Ambiguous records' links first (a wrong guess there joins two people), then pairs in the
    uncertain band, closest to 0.5 first, then those bridging big clusters."""
    sizes = np.bincount(labels, minlength=len(labels))
    first = sorted(
        (
            ReviewItem(ids[a.row], ids[other], p, 1 + int(sizes[labels[other]]), False, "ambiguous")
            for a in ambiguous
            for other, p in ((a.placed_with, a.placed_probability), (a.rival, a.rival_probability))
        ),
        key=lambda x: -x.bridged_size,  # stable: an ambiguous record's two links stay in order
    )[:limit]
    low, high = REVIEW_BAND
    band = np.flatnonzero((scored.probability >= low) & (scored.probability <= high))
    i, j = scored.i[band], scored.j[band]
    bridged = np.where(
        labels[i] == labels[j], sizes[labels[i]], sizes[labels[i]] + sizes[labels[j]]
    )
    closeness = np.abs(scored.probability[band] - 0.5).round(2)  # ties within 0.01 go by size
    order = np.lexsort((-bridged, closeness))[: limit - len(first)]
    return first + [
        ReviewItem(
            ids[int(i[k])], ids[int(j[k])], float(scored.probability[band][k]),
            int(bridged[k]), bool(labels[i[k]] == labels[j[k]]),
        )
        for k in order
    ]  # fmt: skip
