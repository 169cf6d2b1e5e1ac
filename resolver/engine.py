"""The pipeline: records -> candidates -> scores -> constrained clusters -> stable ids."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from resolver.blocking import candidate_pairs
from resolver.cluster import MATCH_PROBABILITY, Clustering, Constraints, cluster
from resolver.comparators import DOB_FAR_YEARS
from resolver.completion import complete, stored_labels, with_pairs_inside
from resolver.estimate import train_model
from resolver.features import FEATURES
from resolver.frame import RecordFrame, build_frame
from resolver.ids import IdRegistry, assign_entity_ids
from resolver.judgements import Judgement, constraints_from
from resolver.levels import level_matrix
from resolver.model import MatchModel
from resolver.records import ResolverRecord
from resolver.review import ReviewItem, review_queue
from resolver.rules import fin_groups
from resolver.scoring import (
    KnownScores,
    ScoredPairs,
    probability,
    score_pairs,
    score_pairs_reusing,
)

__all__ = ["MemberEvidence", "Resolution", "resolve"]

FIN_LEVEL_EQUAL = 1
_FIN = [f.name for f in FEATURES].index("fin")


@dataclass(frozen=True)
class MemberEvidence:
    """Why a record is in its identity: rule (FIN, JUDGEMENT, SCORE, SINGLETON, or AMBIGUOUS:
    alone because it fits two people who cannot be one), best link."""

    rule: str
    score: float
    partner: str | None


@dataclass
class Resolution:
    clusters: list[tuple[str, ...]]
    entity_ids: dict[str, str]
    flags: dict[str, set[str]]
    evidence: dict[str, MemberEvidence]
    model: MatchModel
    scored: ScoredPairs
    review: list[ReviewItem] = field(default_factory=list)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)


def _unique_codes(frame: RecordFrame, unique_sources: Iterable[str]) -> frozenset[int]:
    names = set(unique_sources)
    return frozenset(int(c) for r, c in zip(frame.records, frame.source, strict=True)
                     if r.source in names)  # fmt: skip


def _flags(frame: RecordFrame, scored: ScoredPairs, result: Clustering) -> dict[int, set[str]]:
    flags: dict[int, set[str]] = {}
    same_fin = scored.levels[:, _FIN] == FIN_LEVEL_EQUAL
    disagree = same_fin & (probability(scored.biographic_weight) < MATCH_PROBABILITY)
    for a in scored.i[disagree].tolist():
        flags.setdefault(int(result.labels[a]), set()).add("possible_identity_fraud")
    return flags


def resolve(
    records: Sequence[ResolverRecord],
    judgements: Sequence[Judgement] = (),
    previous_ids: Mapping[str, str] | None = None,
    model: MatchModel | None = None,
    unique_sources: Iterable[str] = (),
    registry: IdRegistry | None = None,
    dob_far_years: int | None = DOB_FAR_YEARS,
    first_name_rule: bool = True,
    compare_stored: bool = False,
    known: KnownScores | None = None,
) -> Resolution:
    """Resolve records into identities. `unique_sources` names sources known to hold one record
    per person (a linkage task): two of their records are never joined. `dob_far_years=None`
    turns off the birth-years-apart cannot-link (see resolver.rules.cannot_link_reason);
    `first_name_rule=False` the first-name rule (resolver.evidence), for a trained model only
    (a given model keeps its own setting). Both are off for FEBRL, whose generator has no
    households and replaces whole dates and names.

    `compare_stored=True` (a region re-resolved against the graph) also compares up front every
    pair inside an identity of `previous_ids`: the batch compared them all (clustering step 7,
    resolver.completion), so the region starts from what the batch knew instead of scoring them
    in a second pass after clustering (4.6 ms in 12 of 200 arrival regions at 1M).

    `known` (with a given `model`): pairs already scored with it, which are not scored again
    (an arrival's focus scores most of the pairs its region's engine needs)."""
    frame = build_frame(records)
    unique = _unique_codes(frame, unique_sources)
    i, j = candidate_pairs(frame)
    if compare_stored and previous_ids:
        i, j = with_pairs_inside(stored_labels(frame, previous_ids), (i, j))
    if unique:
        same = (frame.source[i] == frame.source[j]) & np.isin(frame.source[i], list(unique))
        i, j = i[~same], j[~same]
    if model is not None and known is not None:
        scored = score_pairs_reusing(frame, (i, j), model, known)
    else:
        levels = level_matrix(frame, i, j)  # once, for training and scoring both
        model = model or train_model(frame, (i, j), levels=levels,
                                     first_name_rule=first_name_rule)  # fmt: skip
        scored = score_pairs(frame, (i, j), model, levels)
    row_of = {rid: k for k, rid in enumerate(frame.ids)}
    must, tokens = constraints_from(judgements, row_of)
    must += [(g, "FIN") for g in fin_groups(frame)]
    edges = (i.astype(np.int64), j.astype(np.int64), scored.probability)
    constraints = Constraints(must, tokens, unique, dob_far_years)
    result = cluster(frame, edges, constraints)
    scored, result = complete(frame, scored, result, model, constraints)
    groups: dict[int, list[str]] = {}
    for row, label in enumerate(result.labels.tolist()):
        groups.setdefault(label, []).append(frame.ids[row])
    clusters = [tuple(sorted(m)) for m in groups.values()]
    entity_ids = assign_entity_ids(clusters, previous_ids or {}, registry)
    flags: dict[str, set[str]] = {}
    for label, names in _flags(frame, scored, result).items():
        flags.setdefault(entity_ids[frame.ids[label]], set()).update(names)
    evidence = {
        rid: MemberEvidence(
            result.rule[k], float(result.score[k]),
            frame.ids[int(result.partner[k])] if result.partner[k] >= 0 else None,
        )
        for k, rid in enumerate(frame.ids)
    }  # fmt: skip
    conflicts = [(frame.ids[a], frame.ids[b], why) for a, b, why in result.conflicts]
    review = review_queue(scored, frame.ids, result.labels, ambiguous=result.ambiguous)
    return Resolution(clusters, entity_ids, flags, evidence, model, scored, review, conflicts)
