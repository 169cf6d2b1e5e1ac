"""Writing a resolution: Identity nodes, MEMBER_OF links with their evidence, removed identities.

Only what changed is written: a record whose identity and evidence are unchanged is left alone,
so a re-run on unchanged data costs a read and a compare, not a rewrite.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from graph.driver import Graph
from resolver.engine import Resolution
from resolver.graph_io import SubjectRows
from resolver.records import ResolverRecord

__all__ = ["WRITE_BATCH", "WriteCounts", "cluster_facts", "write_resolution"]

# Rows per write transaction: the style guide's 5k-25k; 10k keeps each transaction's memory
# (MEMBER_OF rows with their reasons) well under the test instance's 2 GB heap.
WRITE_BATCH = 10_000
# Write transactions in flight at once. A batch write is the server's work (the client's CPU was
# 0.6 s of the 10.3 s that rewriting 100k MEMBER_OF rows took), so a second transaction keeps the
# second core busy: the same rows took 7.0 s on two threads (1M bench store).
WRITE_THREADS = 2
# Reasons kept on a MEMBER_OF: the features that pulled the record in most. More would repeat
# what `explain_pair` gives on demand.
TOP_REASONS = 3


@dataclass(frozen=True)
class WriteCounts:
    """What a write did; `taken` (nothing written) names minted ids an identity already held."""

    identities_written: int
    members_written: int
    identities_deleted: int
    seconds: float
    taken: tuple[str, ...] = ()

    @classmethod
    def nothing_written(cls, started: float, taken: tuple[str, ...] = ()) -> WriteCounts:
        """Nothing to write, or (`taken`) nothing written because these minted ids are held."""
        return cls(0, 0, 0, time.perf_counter() - started, taken)


def _batches(rows: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Rows in batches of about WRITE_BATCH, each ending where the entity_id changes: the
    members of one Identity are written by one transaction, so the transactions in flight seldom
    wait on each other's locks (and a deadlock, should one occur, is retried by the driver)."""
    out: list[list[Mapping[str, Any]]] = []
    start = 0
    while start < len(rows):
        end = min(start + WRITE_BATCH, len(rows))
        while end < len(rows) and rows[end]["entity_id"] == rows[end - 1]["entity_id"]:
            end += 1
        out.append(list(rows[start:end]))
        start = end
    return out


def write_batches(graph: Graph, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """`UNWIND $rows` statement `name` over `rows` (grouped by entity_id), WRITE_THREADS
    transactions at a time."""
    with ThreadPoolExecutor(WRITE_THREADS, thread_name_prefix="write") as pool:
        for _ in pool.map(lambda batch: graph.write(name, rows=batch), _batches(rows)):
            pass  # iterating raises a batch's error here


def cluster_facts(records: Iterable[ResolverRecord]) -> dict[str, Any]:
    """What an identity asserts (FINs, A-Numbers, valid SSNs, suffixes, birth years): stored on
    the Identity so an arriving record is checked against every member, not only candidates."""
    fins, anums, ssns, suffixes, years = set(), set(), set(), set(), []
    for r in records:
        if r.fin:
            fins.add(r.fin)
        if r.a_number:
            anums.add(r.a_number)
        if r.ssn and r.ssn_valid:
            ssns.add(r.ssn)
        if r.suffix:
            suffixes.add(r.suffix)
        if r.dob_year:
            years.append(r.dob_year)
    return {
        "fins": sorted(fins), "a_numbers": sorted(anums), "ssns": sorted(ssns),
        "suffixes": sorted(suffixes),
        "year_min": min(years) if years else None, "year_max": max(years) if years else None,
    }  # fmt: skip


def _score_reasons(res: Resolution) -> dict[int, str]:
    """Top features of each SCORE member's best link, found by binary search over the sorted
    pair keys and weighed in one vectorised pass (no per-pair Python)."""
    scored = res.scored
    n = len(res.evidence)
    if len(scored.i) == 0:
        return {}
    keys = scored.i.astype(np.int64) * n + scored.j.astype(np.int64)
    # candidate pairs come in (i, j) order (resolver.blocking), which spares sorting 50M keys
    # (~10 s); a check costs 0.1 s
    if not bool((keys[1:] > keys[:-1]).all()):
        raise RuntimeError("scored pairs must be distinct and in (i, j) order")
    row_of = {rid: k for k, rid in enumerate(res.evidence)}
    rows, partners = [], []
    for rid, ev in res.evidence.items():
        if ev.rule == "SCORE" and ev.partner is not None:
            rows.append(row_of[rid])
            partners.append(row_of[ev.partner])
    if not rows:
        return {}
    a, b = np.asarray(rows, dtype=np.int64), np.asarray(partners, dtype=np.int64)
    want = np.minimum(a, b) * n + np.maximum(a, b)
    idx = np.clip(np.searchsorted(keys, want), 0, len(keys) - 1)
    found = keys[idx] == want
    weights = res.model.weights()
    levels = scored.levels[idx]
    w = np.stack([weights[f][levels[:, f]] for f in range(len(weights))], axis=1)
    top = np.argsort(-w, axis=1)[:, :TOP_REASONS]
    names = [f.name for f in res.model.features]
    out: dict[int, str] = {}
    for k in np.flatnonzero(found).tolist():
        parts = [
            f"{names[f]}:{res.model.features[f].levels[levels[k, f]]}({w[k, f]:+.1f})"
            for f in top[k].tolist() if w[k, f] > 0
        ]  # fmt: skip
        out[int(a[k])] = json.dumps(parts)
    return out


_RULE_REASON = {
    "FIN": json.dumps(["same FIN: the same body"]),
    "JUDGEMENT": json.dumps(["a human judged them the same person"]),
    "SINGLETON": json.dumps([]),
    "AMBIGUOUS": json.dumps(["fits two people who cannot be one: left apart for review"]),
}


def write_resolution(
    graph: Graph,
    res: Resolution,
    subjects: SubjectRows,
    previous: Mapping[str, str],
    created_of: Mapping[str, int],
    touched: frozenset[str] | None = None,
    minted: Sequence[str] = (),
) -> WriteCounts:
    """Write identities and memberships that changed, delete identities no member holds.

    `minted` are ids the resolution issued that no identity of its records held: when any is
    held all the same (by an identity outside a re-resolved region), nothing is written and the
    counts name them as `taken`.

    With `touched` (the records that arrived or changed), an identity whose members are the same
    and hold none of them is left as stored: the stored model that made it gives it the same
    evidence and flags. On arrival this skips the candidates' own identities, which were most
    of the write."""
    started = time.perf_counter()
    now = datetime.now(UTC)
    now_ms, now_iso = int(now.timestamp() * 1000), now.isoformat()
    by_id = {r.record_id: r for r in subjects.records}
    prev_sizes = Counter(previous.values())
    reasons = _score_reasons(res)
    row_of = {rid: k for k, rid in enumerate(res.evidence)}
    identity_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    live: set[str] = set()
    for members in res.clusters:
        eid = res.entity_ids[members[0]]
        live.add(eid)
        same_members = prev_sizes.get(eid, -1) == len(members) and all(
            previous.get(r) == eid for r in members
        )
        if same_members and len(members) == 1:
            continue  # an unchanged singleton: nothing about it can differ
        if same_members and touched is not None and touched.isdisjoint(members):
            continue  # untouched and unchanged: left as stored (see the docstring)
        # Otherwise a multi-record identity is rewritten even when unchanged: a retrained model
        # may change its flags and evidence, and such identities are a minority of all.
        flags = res.flags.get(eid, set())
        rules: dict[str, int] = {}
        for r in members:  # a dict: a Counter took 13 us an identity under the profiler
            rule = res.evidence[r].rule
            rules[rule] = rules.get(rule, 0) + 1
        compartments = sorted({c for r in members for c in subjects.compartments.get(r, [])})
        identity_rows.append({
            "entity_id": eid, "created": created_of.get(eid, now_ms), "size": len(members),
            "fraud": "possible_identity_fraud" in flags,
            "protected": any(subjects.protected.get(r, False) for r in members),
            "compartments": compartments, "resolved_at": now_iso,
            "evidence": json.dumps({"rules": rules, "flags": sorted(flags)}),
            **cluster_facts(by_id[r] for r in members if r in by_id),
        })  # fmt: skip
        for rid in members:
            ev = res.evidence[rid]
            member_rows.append({
                "record_id": rid, "entity_id": eid, "rule": ev.rule,
                "score": round(ev.score, 6),
                "reasons": reasons.get(row_of[rid], _RULE_REASON.get(ev.rule, "[]")),
                # the record its evidence links it to: the API shows the evidence only to a
                # caller who may read that record too (cypher/api/identities.cypher)
                "partner": ev.partner,
            })  # fmt: skip
    gone = sorted(set(previous.values()) - live)
    if not (identity_rows or member_rows or gone):
        return WriteCounts.nothing_written(started)
    if len(identity_rows) + len(member_rows) + len(gone) <= WRITE_BATCH:
        # one round trip for a small region, which checks `minted` too: on-arrival latency is
        # mostly round trips
        region = {"identities": identity_rows, "members": member_rows, "gone": gone,
                  "minted": list(minted)}  # fmt: skip
        (row,) = graph.write_one_trip("resolver/write_region", region=region)
        taken = tuple(row["taken"])
        if taken:
            return WriteCounts.nothing_written(started, taken)
        return WriteCounts(len(identity_rows), len(member_rows), len(gone),
                           time.perf_counter() - started)  # fmt: skip
    if minted:
        held = graph.read("resolver/identities_created", entity_ids=list(minted))
        if held:
            taken = tuple(str(r["entity_id"]) for r in held)
            return WriteCounts.nothing_written(started, taken)
    write_batches(graph, "resolver/write_identities", identity_rows)
    staying: list[dict[str, Any]] = []
    joining: list[dict[str, Any]] = []
    for row in member_rows:
        stays = previous.get(row["record_id"]) == row["entity_id"]
        (staying if stays else joining).append(row)
    write_batches(graph, "resolver/keep_members", staying)
    write_batches(graph, "resolver/write_members", joining)
    for start in range(0, len(gone), WRITE_BATCH):
        graph.write("resolver/delete_identities", entity_ids=gone[start : start + WRITE_BATCH])
    return WriteCounts(
        len(identity_rows), len(member_rows), len(gone), time.perf_counter() - started
    )
