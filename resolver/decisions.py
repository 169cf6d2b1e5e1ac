"""Human decisions as data: judgements on pairs, splits of identities, the review queue.

A `Judgement` node is never deleted: a newer one on the same pair (same `pair_key`) sets the
older one's `superseded_by`. Clusters are derived from the judgements in force, in every full
and local re-resolution, so no re-run overrides them.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict
from typing import Literal

from graph.driver import Graph
from idgraph.errors import InputError, NotFoundError
from resolver.local import reresolve
from resolver.review import ReviewItem

__all__ = ["judge_pair", "review_queue_from_graph", "split_identity", "store_review"]

Kind = Literal["SAME", "NOT_SAME", "UNSURE"]


def _new_id() -> str:
    return "j-" + uuid.uuid4().hex[:16]


def _check_who(by: str, why: str) -> None:
    if not by.strip() or not why.strip():
        raise InputError("a judgement needs who made it and why", hint="pass --by and --why")


def judge_pair(graph: Graph, left: str, right: str, kind: Kind, by: str, why: str) -> str:
    """Record that `left` and `right` are (not / maybe) one person; re-resolve both identities.
    Returns the judgement id."""
    if kind not in ("SAME", "NOT_SAME", "UNSURE"):
        raise InputError(f"unknown judgement kind {kind!r}", hint="SAME, NOT_SAME or UNSURE")
    if left == right:
        raise InputError("a pair needs two different records", hint="check the record ids")
    _check_who(by, why)
    found = graph.read("resolver/subjects_by_ids", ids=[left, right])
    if len(found) < 2:
        known = {r["record_id"] for r in found}
        raise NotFoundError(f"no Subject {next(r for r in (left, right) if r not in known)!r}")
    a, b = sorted((left, right))
    judgement_id = _new_id()
    graph.write("resolver/judgement_create", judgement_id=judgement_id, kind=kind, left=[a],
                right=[b], pair_key=f"pair:{a}|{b}", by=by, why=why)  # fmt: skip
    reresolve(graph, [a, b])
    return judgement_id


def split_identity(
    graph: Graph,
    entity_id: str,
    record_ids: Sequence[str],
    by: str,
    why: str,
    *,
    readable: Sequence[str] | None = None,
) -> str:
    """Cut `record_ids` out of an identity: none of them is the person the rest are. Returns the
    judgement id; the identity is re-resolved (the largest part keeps the id).

    `readable`: the members the caller may read (the API's). The split is then judged between
    those alone, and its errors name only those: a hidden member must not show through it."""
    _check_who(by, why)
    rows = graph.read("resolver/identity_member_ids", entity_ids=[entity_id])
    everyone = sorted(r["record_id"] for r in rows)
    members = everyone if readable is None else sorted(set(readable) & set(everyone))
    if not members:
        raise NotFoundError(f"no Identity {entity_id!r}", hint="ids come from `export entities`")
    out = sorted(set(record_ids))
    stray = [r for r in out if r not in members]
    rest = [r for r in members if r not in set(out)]
    if stray or not out or not rest:
        raise InputError(
            f"cannot split {entity_id}: "
            + (f"{stray[0]!r} is not a member" if stray else "both parts must be non-empty"),
            hint=f"members are {', '.join(members[:10])}",
        )
    digest = hashlib.sha256(json.dumps([out, rest]).encode()).hexdigest()[:16]
    judgement_id = _new_id()
    graph.write("resolver/judgement_create", judgement_id=judgement_id, kind="SPLIT", left=out,
                right=rest, pair_key=f"split:{digest}", by=by, why=why)  # fmt: skip
    reresolve(graph, everyone)
    return judgement_id


def store_review(graph: Graph, items: Sequence[ReviewItem]) -> None:
    graph.write("resolver/review_put", review=json.dumps([asdict(x) for x in items]))


def review_queue_from_graph(graph: Graph, limit: int = 50) -> list[ReviewItem]:
    """The uncertain pairs of the last full resolve, most useful first, minus pairs a human has
    judged since (any kind, UNSURE too: it has been looked at)."""
    rows = graph.read("resolver/review_get")
    if not rows or not rows[0]["review"]:
        return []
    items = [ReviewItem(**x) for x in json.loads(rows[0]["review"])]
    judged = {
        tuple(sorted((j["left"][0], j["right"][0])))
        for j in graph.read("resolver/judgements_active")
        if j["left"] and j["right"] and len(j["left"]) == len(j["right"]) == 1
    }
    return [x for x in items if tuple(sorted((x.left, x.right))) not in judged][:limit]
