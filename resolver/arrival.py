"""`resolve_arrivals`: new or changed Subjects resolved at once, through indexed lookup.

The arrivals' candidates come from Cypher over the lookup indexes (`region.cypher`); then the
arrivals, the candidates and every member of the candidates' identities are re-resolved
together by the batch engine with the stored model (`resolver.local`). Running the
same engine on the same neighbourhood is what makes on-arrival and batch agree (tested):
a separate greedy "join the best identity" placement disagreed with the batch whenever the
order of arrival differed from the batch's strongest-edge-first order.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.driver import Graph
from resolver.local import reresolve

__all__ = ["ARRIVAL_FULL_THRESHOLD", "CANDIDATE_CAP", "resolve_arrivals"]

# Above this many arrivals one batch resolve is cheaper than the neighbourhood re-resolution
# (about 10-20 ms a record, so 20k take minutes: about what a full resolve of 1M costs).
ARRIVAL_FULL_THRESHOLD = 20_000
# Candidates per lookup key. The neighbourhood re-resolution costs about the square of its size,
# so the cap is what bounds on-arrival latency; 16 per key (up to ~100 records, with their
# identities' other members) kept p95 near 20 ms at 100k records, and the name keys are narrowed
# by month so that 16 rarely cuts a true match out (measured: bench/resolve_speed.py).
CANDIDATE_CAP = 16


def resolve_arrivals(graph: Graph, record_ids: Sequence[str]) -> int:
    """Resolve new or changed Subjects against the graph; return how many were given.

    Without a stored model (nothing resolved yet), or for a bulk load, this runs a full resolve,
    which trains and stores the model."""
    ids = list(dict.fromkeys(record_ids))
    if not ids:
        return 0
    if len(ids) > ARRIVAL_FULL_THRESHOLD:
        from resolver.full import resolve_full

        resolve_full(graph)
        return len(ids)
    # the region read also says whether a model is stored (without one it resolves in full)
    reresolve(graph, ids, candidates_per_key=CANDIDATE_CAP, rewrite_unchanged=False)
    return len(ids)
