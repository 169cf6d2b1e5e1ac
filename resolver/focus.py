"""The identities a re-resolution may change: those of the given records, and those of the
records that link to a given record.

An arrival's region holds its candidates and every member of their identities (`region.cypher`):
41 records at the median at 1M, most of them people who merely share a name key or a birth
year with it. An identity none of whose records links to a given record cannot change because of
it: clustering joins through links of 0.5 or more, a given record's weaker links only lower the
averages that the chain guard takes, and cannot-link facts only grow. Re-resolving such an
identity anyway only repeats the batch's decision, or overturns it where the region compares its
few records otherwise than the batch did, which is churn the arrival did not cause (session 19:
1.7 identities rewritten besides the arrival's in regions of 80 records or more). So only the
focus is re-resolved and written; the rest is left as the last full resolve made it.

One hop only: a record that leaves an identity of the focus (the arrival made it ambiguous) is
not offered to identities outside it that link to it alone; the next full resolve does that.
On 200 regions of stored records at 1M the focus gave every record it keeps the same
co-members as re-resolving the whole region did.

An arrival's focus scores its pairs with every other record of the region, and the pairs inside
the region's stored identities with them (a few dozen more in the same pass): the engine then
needs no other pair in three arrivals of four at 1M, and takes those scores instead of a second
scoring pass (`Focus.known`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from resolver.blocking import Pairs, candidate_pairs
from resolver.completion import stored_labels, with_pairs_inside
from resolver.frame import RecordFrame, build_frame
from resolver.graph_io import SubjectRows
from resolver.judgements import Judgement
from resolver.model import MatchModel
from resolver.scoring import KnownScores, score_pairs

__all__ = ["ALL_PAIRS_MAX", "FOCUS_PROBABILITY", "Focus", "focus"]

# A record whose match probability with a given record reaches this keeps its identity in the
# focus. Links start at 0.5 (resolver.cluster.MATCH_PROBABILITY); the margin below keeps the
# near misses that the ambiguity and household rules look at, and costs little: the focus of an
# arrival at 1M is 3 records at the median, 13 at the 95th percentile (200 regions).
FOCUS_PROBABILITY = 0.01
# Up to this many (inside x outside) pairs every one is scored, a superset of the blocked pairs
# that costs less than blocking a region's few dozen records; past it (a load's thousands of
# arrivals resolved together) only the pairs blocking proposes, which are all the engine would
# ever compare there.
ALL_PAIRS_MAX = 2_000


@dataclass(frozen=True)
class Focus:
    """The records to re-resolve, and the pairs scored while choosing them (None when none were
    scored, or when they were too many to keep: a load's thousands of arrivals)."""

    subjects: SubjectRows
    known: KnownScores | None


def focus(
    subjects: SubjectRows, given: Collection[str], judgements: Sequence[Judgement],
    model: MatchModel,
) -> Focus:  # fmt: skip
    """`subjects` narrowed to the given records, the records a judgement names with one and
    the members of their identities; then the records whose match probability with any of
    those reaches FOCUS_PROBABILITY, and every member of their identities; in the order they
    came."""
    records = subjects.records
    previous = subjects.previous
    wanted = {r.record_id for r in records if r.record_id in given}
    for judgement in judgements:
        named = (*judgement.left, *judgement.right)
        if wanted.intersection(named):
            wanted.update(named)
    held = {previous[r] for r in wanted if r in previous}
    mine = np.array([r.record_id in wanted or previous.get(r.record_id) in held
                     for r in records], dtype=bool)  # fmt: skip
    known = None
    if not mine.all():
        frame = build_frame(records)
        pairs, every = _pairs_across(frame, mine)
        if every:  # the engine's pairs inside stored identities too, scored in the same pass
            pairs = with_pairs_inside(stored_labels(frame, previous), pairs)
        scored = score_pairs(frame, pairs, model)
        i, j = scored.i, scored.j
        linked = (mine[i] != mine[j]) & (scored.probability >= FOCUS_PROBABILITY)
        for k in np.where(mine[i], j, i)[linked].tolist():  # the side outside
            wanted.add(records[k].record_id)
        known = KnownScores.of(frame, scored) if every else None
    held |= {previous[r] for r in wanted if r in previous}
    out = SubjectRows()
    for record in records:
        rid = record.record_id
        if rid in wanted or previous.get(rid) in held:
            out.records.append(record)
            out.compartments[rid] = subjects.compartments[rid]
            out.protected[rid] = subjects.protected[rid]
            if rid in previous:
                out.previous[rid] = previous[rid]
    return Focus(out, known)


def _pairs_across(frame: RecordFrame, mine: npt.NDArray[np.bool_]) -> tuple[Pairs, bool]:
    """Pairs with one row in `mine` and the other outside it, (i < j) in (i, j) order: all of
    them up to ALL_PAIRS_MAX (True), else those that blocking proposes (False)."""
    inside, outside = np.flatnonzero(mine).astype(np.int32), np.flatnonzero(~mine).astype(np.int32)
    if len(inside) * len(outside) <= ALL_PAIRS_MAX:
        left, right = np.repeat(inside, len(outside)), np.tile(outside, len(inside))
        i, j = np.minimum(left, right), np.maximum(left, right)
        order = np.lexsort((j, i))
        return (i[order], j[order]), True
    i, j = candidate_pairs(frame)
    across = mine[i] != mine[j]
    return (i[across], j[across]), False
