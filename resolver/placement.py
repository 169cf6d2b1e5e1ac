"""Where one arriving record goes, among candidates found by indexed lookup (pure, no graph).

The batch's rules in the batch's order: a shared FIN joins whatever else differs; otherwise the
best-scoring identity whose stored facts do not forbid it (cannot-link over all its members,
not only the candidates), with the same 0.5 / 0.99 thresholds and average-linkage guard as
`resolver.cluster`. No explanation is computed here (the hot path); `explain_pair` gives it on
demand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from resolver.cluster import MATCH_PROBABILITY, STRONG_PROBABILITY
from resolver.frame import build_frame
from resolver.model import MatchModel
from resolver.persist import cluster_facts
from resolver.records import ResolverRecord
from resolver.rules import facts_conflict
from resolver.scoring import probability, score_pairs

__all__ = ["Placement", "place"]


@dataclass(frozen=True)
class Placement:
    """The identity to join (None: a new one), the rule, the best link and its probability.
    `partner_unresolved`: the partner record has no identity yet (both start a new one)."""

    entity_id: str | None
    rule: str
    probability: float
    partner: str | None
    fraud: bool = False
    partner_unresolved: bool = False


def place(
    record: ResolverRecord,
    candidates: Sequence[ResolverRecord],
    entity_of: Mapping[str, str],
    facts: Mapping[str, dict[str, Any]],
    model: MatchModel,
    dob_far_years: int | None,
) -> Placement:
    """Place `record`; `entity_of` maps candidate record ids to identity ids, `facts` maps
    identity ids to their stored facts. A candidate without identity stands for itself."""
    if not candidates:
        return Placement(None, "SINGLETON", 0.0, None)
    frame = build_frame([record, *candidates])
    n = len(candidates)
    scored = score_pairs(
        frame, (np.zeros(n, dtype=np.int32), np.arange(1, n + 1, dtype=np.int32)), model
    )
    probs = scored.probability
    by_entity: dict[str, list[int]] = {}
    for k, cand in enumerate(candidates):
        by_entity.setdefault(entity_of.get(cand.record_id, cand.record_id), []).append(k)
    if record.fin:
        for eid, ks in by_entity.items():
            for k in ks:
                if candidates[k].fin == record.fin:
                    # same body; biographics alone saying "different" is the identity-fraud flag
                    bio = float(probability(scored.biographic_weight[k : k + 1])[0])
                    return Placement(
                        eid, "FIN", 1.0, candidates[k].record_id, bio < MATCH_PROBABILITY,
                        candidates[k].record_id not in entity_of,
                    )  # fmt: skip
    mine = cluster_facts([record])
    best: tuple[float, str, int] | None = None
    for eid, ks in by_entity.items():
        theirs = facts.get(eid) or cluster_facts([candidates[k] for k in ks])
        if facts_conflict(mine, theirs, dob_far_years):
            continue
        p_ks = probs[ks]
        top = int(np.argmax(p_ks))
        p = float(p_ks[top])
        if p < MATCH_PROBABILITY:
            continue
        if p < STRONG_PROBABILITY and float(p_ks.mean()) < MATCH_PROBABILITY:
            continue  # the batch's average-linkage guard
        if best is None or p > best[0]:
            best = (p, eid, ks[top])
    if best is None:
        return Placement(None, "SINGLETON", 0.0, None)
    p, eid, k = best
    partner = candidates[k].record_id
    return Placement(eid, "SCORE", p, partner, False, partner not in entity_of)
