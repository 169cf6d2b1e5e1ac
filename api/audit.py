"""The tamper-evident audit chain: every request becomes an `AuditEvent` carrying the hash of the
one before, so changing or removing any event breaks every link after it. Events are appended
in groups by `api.audit_writer`.

hash = sha256(canonical JSON of the event without `hash` and `prev_hash`, then `prev_hash`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.driver import Graph

__all__ = [
    "GENESIS_HASH",
    "AuditRecord",
    "ChainReport",
    "args_digest",
    "canonical_head",
    "event_hash",
    "iter_events",
    "verify_chain",
]

GENESIS_HASH = "0" * 64
_PAGE = 5000


@dataclass(frozen=True)
class AuditRecord:
    """What one request did, before it is chained."""

    caller: str
    role: str
    purpose: str
    operation: str
    args_digest: str
    disclosed: list[str]
    outcome: str


@dataclass(frozen=True)
class ChainReport:
    """Result of verifying the chain: `broken_at` is the first bad seq, None when intact."""

    events: int
    broken_at: int | None
    reason: str = ""


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def args_digest(query: str | None, variables: Any, operation_name: str | None) -> str:
    """sha256 of what was asked: the audit keeps the digest, not the PII in the arguments."""
    payload = {"query": query, "variables": variables, "operationName": operation_name}
    return hashlib.sha256(_canonical(payload).encode("utf-8")).hexdigest()


def canonical_head(event: dict[str, Any]) -> str:
    """The canonical JSON of an event that has no seq yet, up to where its seq value goes: seq
    sorts after every other key, so `canonical_head(e) + str(seq) + "}"` is the canonical JSON
    of `e` with that seq. Lets the chain's head assign seqs inside the appending statement."""
    body = {k: v for k, v in event.items() if k not in ("hash", "prev_hash", "seq")}
    late = sorted(k for k in body if k > "seq")
    if late:
        raise ValueError(f"audit fields must sort before 'seq': {late}")
    return _canonical(body)[:-1] + ',"seq":'


def event_hash(event: dict[str, Any], prev_hash: str) -> str:
    """The hash an event must carry given the hash before it."""
    body = {k: v for k, v in event.items() if k not in ("hash", "prev_hash")}
    return hashlib.sha256((_canonical(body) + prev_hash).encode("utf-8")).hexdigest()


def iter_events(graph: Graph, after: int = 0, page: int = _PAGE) -> Iterator[dict[str, Any]]:
    """Every event after `after`, oldest first, read a page at a time."""
    while True:
        rows = graph.read("api/audit_page", after=after, limit=page)
        for row in rows:
            yield dict(row["event"])
        if len(rows) < page:
            return
        after = int(rows[-1]["event"]["seq"])


def verify_chain(graph: Graph) -> ChainReport:
    """Recompute every link; name the first event whose seq, prev_hash or hash is wrong."""
    expected_seq, prev, count = 1, GENESIS_HASH, 0
    for event in iter_events(graph):
        seq = int(event["seq"])
        if seq != expected_seq:
            return ChainReport(count, expected_seq, f"event {expected_seq} is missing")
        if event.get("prev_hash") != prev:
            return ChainReport(count, seq, "prev_hash does not match the event before")
        if event.get("hash") != event_hash(event, prev):
            return ChainReport(count, seq, "content does not match its hash")
        prev, expected_seq, count = str(event["hash"]), seq + 1, count + 1
    return ChainReport(count, None)
