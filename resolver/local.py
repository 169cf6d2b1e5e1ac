"""Re-resolution of a few identities (on arrival, after a judgement or a split) with the stored
model: the engine runs on their region only (narrowed to the identities the given records can
change, `resolver.focus`), then only what changed there is rewritten.

Round trips are most of the latency of a one-record resolution, so the region (records,
candidates, identity members, creation times, judgements) is read in one statement
(`region.cypher`) and written in one (`write_region.cypher`), which also checks that the ids the
region minted are unused; only when one is held (by an identity one of the region's records left
earlier) is the region resolved and written again with it reserved.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from graph.driver import Graph
from resolver.engine import Resolution, resolve
from resolver.focus import focus
from resolver.graph_io import (
    REGION_FIELDS,
    ResolverSettings,
    SubjectRows,
    as_judgements,
    as_rows,
    model_trained_at,
)
from resolver.households import HOUSEHOLD_ITEM_CAP
from resolver.ids import IdRegistry
from resolver.judgements import Judgement
from resolver.model import MatchModel, StaleModelError
from resolver.persist import write_resolution
from resolver.scoring import KnownScores

__all__ = ["reresolve"]

log = logging.getLogger(__name__)


def _resolve_region(
    subjects: SubjectRows, judgements: list[Judgement], created: dict[str, int],
    taken: Sequence[str], model: MatchModel, settings: ResolverSettings,
    known: KnownScores | None,
) -> Resolution:  # fmt: skip
    registry = IdRegistry.oldest_first(created)  # the oldest survives a merge
    for eid in taken:  # held by an identity outside the region: never minted again
        registry.add(eid)
    return resolve(
        subjects.records, judgements, subjects.previous, model=model,
        unique_sources=settings.unique_sources, registry=registry,
        dob_far_years=settings.dob_far_years, compare_stored=True, known=known,
    )  # fmt: skip


def reresolve(
    graph: Graph, record_ids: Sequence[str], candidates_per_key: int = 0,
    *, rewrite_unchanged: bool = True,
) -> int:  # fmt: skip
    """Re-resolve `record_ids`, up to `candidates_per_key` candidates of each per lookup key, and
    every member of the identities any of them is in, narrowed to the identities they can change
    (`resolver.focus`); return the number of records re-resolved.
    The model is the stored one whose training time the region read returns (the process's
    parsed copy when current); without a stored model this is a full resolve.

    `rewrite_unchanged=False` leaves an identity whose members did not change and include none of
    `record_ids` as stored (arrivals); a judgement keeps the default, since it can change the
    evidence of an identity whose members stay the same."""
    given = list(dict.fromkeys(record_ids))
    found = graph.read_one_trip("resolver/region", record_ids=given, cap=candidates_per_key,
                                household_cap=HOUSEHOLD_ITEM_CAP)  # fmt: skip
    if not found:
        return 0
    (region,) = found
    try:
        stored = model_trained_at(graph, region["model_trained_at"])
    except StaleModelError as stale:
        log.warning("%s: resolving everything again, which retrains it", stale.message)
        stored = None
    if stored is None:
        from resolver.full import resolve_full  # a first resolve trains and stores the model

        return resolve_full(graph).records
    model, settings = stored
    subjects = SubjectRows()
    created: dict[str, int] = {}
    for row in as_rows(region["subjects"], REGION_FIELDS):
        subjects.add(row)
        if row["entity_id"]:
            created[str(row["entity_id"])] = int(row["created"] or 0)
    judgements = as_judgements(region["judgements"])
    focused = focus(subjects, frozenset(given), judgements, model)
    subjects = focused.subjects
    touched = None if rewrite_unchanged else frozenset(given)
    taken: list[str] = []
    while True:  # again only when a minted id is held elsewhere: rare, and never twice the same
        res = _resolve_region(subjects, judgements, created, taken, model, settings,
                              focused.known)  # fmt: skip
        minted = sorted(set(res.entity_ids.values()) - set(created))
        counts = write_resolution(graph, res, subjects, subjects.previous, created, touched,
                                  minted)  # fmt: skip
        if not counts.taken:
            return len(subjects.records)
        taken += counts.taken
