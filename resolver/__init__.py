"""Record linkage for idgraph: blocking, explainable comparators, Fellegi-Sunter scoring,
constrained clustering and stable identity ids, on in-memory records (no database here)."""

from resolver.blocking import BLOCKING_KEYS, BlockingKey, blocking_recall, candidate_pairs
from resolver.cluster import MATCH_PROBABILITY, STRONG_PROBABILITY, Clustering, cluster
from resolver.comparators import Comparison
from resolver.engine import MemberEvidence, Resolution, resolve
from resolver.estimate import train_model
from resolver.features import FEATURES, Feature
from resolver.frame import RecordFrame, build_frame
from resolver.ids import IdRegistry, assign_entity_ids, new_entity_id
from resolver.judgements import Judgement
from resolver.model import MatchModel
from resolver.records import Address, ResolverRecord, from_interchange
from resolver.review import ReviewItem, review_queue
from resolver.scoring import Contribution, ScoredPairs, explain_pair, score_pairs

__all__ = [
    "BLOCKING_KEYS",
    "FEATURES",
    "MATCH_PROBABILITY",
    "STRONG_PROBABILITY",
    "Address",
    "BlockingKey",
    "Clustering",
    "Comparison",
    "Contribution",
    "Feature",
    "IdRegistry",
    "Judgement",
    "MatchModel",
    "MemberEvidence",
    "RecordFrame",
    "Resolution",
    "ResolverRecord",
    "ReviewItem",
    "ScoredPairs",
    "assign_entity_ids",
    "blocking_recall",
    "build_frame",
    "candidate_pairs",
    "cluster",
    "explain_pair",
    "from_interchange",
    "new_entity_id",
    "resolve",
    "review_queue",
    "score_pairs",
    "train_model",
]
