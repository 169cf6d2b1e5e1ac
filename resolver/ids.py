"""Stable identity ids across re-resolution.

Rules: a cluster keeps the id most of its records had; when clusters merge the oldest id
survives (oldest = smallest creation order in the registry); when a cluster splits the largest
part keeps the id and the others get fresh ones; a new cluster gets `e-` + an HMAC of its smallest
record_id under the deployment's key (deterministic, so re-running on the same input gives the
same ids; keyed, so an id tells nothing of a record its reader may not see).
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from idgraph.settings import get_settings

__all__ = ["IdRegistry", "assign_entity_ids", "new_entity_id"]


@dataclass
class IdRegistry:
    """Creation order of every entity id ever issued (ids are never reused)."""

    created: dict[str, int] = field(default_factory=dict)

    def order(self, entity_id: str) -> int:
        return self.created.get(entity_id, 1 << 62)

    def add(self, entity_id: str) -> None:
        self.created.setdefault(entity_id, len(self.created))

    @classmethod
    def oldest_first(cls, created: Mapping[str, int]) -> IdRegistry:
        """The ids of `created` (id -> creation time) in creation order, ties by id: the order
        in which a merge keeps the oldest id."""
        registry = cls()
        for entity_id in sorted(created, key=lambda e: (created[e], e)):
            registry.add(entity_id)
        return registry


@lru_cache(maxsize=1)
def _key() -> bytes:
    return get_settings().entity_id_key.get_secret_value().encode("utf-8")


def new_entity_id(smallest_record_id: str, salt: int = 0) -> str:
    """`e-` + 16 hex digits of HMAC-SHA256(IDGRAPH_ENTITY_ID_KEY, record id); salt only when that
    id was issued before. Ids issued before the key existed (a plain sha256) stay as they are:
    ids never change once issued."""
    text = smallest_record_id if salt == 0 else f"{smallest_record_id}#{salt}"
    return "e-" + hmac.new(_key(), text.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def assign_entity_ids(
    new_clusters: Sequence[Sequence[str]],
    previous: Mapping[str, str],
    registry: IdRegistry | None = None,
) -> dict[str, str]:
    """Entity id for every record of `new_clusters`, following the rules above.

    Without a registry the previous ids are taken as created in sorted order. The registry, if
    given, is updated with the ids issued here.
    """
    if registry is None:
        registry = IdRegistry()
        for eid in sorted(set(previous.values())):
            registry.add(eid)
    clusters = [sorted(c) for c in new_clusters]
    # which cluster holds the largest part of each old id (tie: the smaller first record id)
    best: dict[str, tuple[int, str, int]] = {}
    for idx, members in enumerate(clusters):
        for eid, count in Counter(previous[r] for r in members if r in previous).items():
            key = (-count, members[0], idx)
            if eid not in best or key < best[eid]:
                best[eid] = key
    won: dict[int, list[str]] = {}
    for eid, (_, _, idx) in best.items():
        won.setdefault(idx, []).append(eid)
    used = set(registry.created)
    out: dict[str, str] = {}
    for idx, members in enumerate(clusters):
        if idx in won:
            eid = min(won[idx], key=lambda e: (registry.order(e), e))  # oldest survives
        else:
            salt = 0
            eid = new_entity_id(members[0])
            while eid in used:
                salt += 1
                eid = new_entity_id(members[0], salt)
            registry.add(eid)
        used.add(eid)
        for r in members:
            out[r] = eid
    return out
