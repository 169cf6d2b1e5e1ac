"""The tamper-evident audit chain: every request becomes an `AuditEvent` carrying the hash of the
one before, so changing or removing any event breaks every link after it.

hash = sha256(canonical JSON of the event without `hash` and `prev_hash`, then `prev_hash`).
"""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.driver import Graph
from idgraph.errors import GraphUnavailableError

__all__ = [
    "GENESIS_HASH",
    "AuditRecord",
    "ChainReport",
    "append_event",
    "args_digest",
    "event_hash",
    "iter_events",
    "verify_chain",
]

GENESIS_HASH = "0" * 64
# Concurrent appenders race for the same seq; each loss costs one round trip, so a few dozen
# attempts cover far more contention than 2 workers x threadpool can produce.
_MAX_ATTEMPTS = 50
_PAGE = 5000
# One appender per process at a time: contention then only happens between worker processes.
_local_lock = threading.Lock()


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


def event_hash(event: dict[str, Any], prev_hash: str) -> str:
    """The hash an event must carry given the hash before it."""
    body = {k: v for k, v in event.items() if k not in ("hash", "prev_hash")}
    return hashlib.sha256((_canonical(body) + prev_hash).encode("utf-8")).hexdigest()


def append_event(graph: Graph, record: AuditRecord) -> int:
    """Chain `record` at the head; return its seq. Safe under concurrent appenders."""
    with _local_lock:
        for _ in range(_MAX_ATTEMPTS):
            head = graph.read("api/audit_head")
            seq = int(head[0]["seq"]) + 1 if head else 1
            prev = str(head[0]["hash"]) if head else GENESIS_HASH
            props: dict[str, Any] = {
                "seq": seq,
                "event_id": str(uuid.uuid4()),  # makes our hash ours even for identical events
                "at": datetime.now(UTC).isoformat(),
                "caller": record.caller,
                "role": record.role,
                "purpose": record.purpose,
                "operation": record.operation,
                "args_digest": record.args_digest,
                "disclosed": sorted(set(record.disclosed)),
                "outcome": record.outcome,
                "prev_hash": prev,
            }
            props["hash"] = event_hash(props, prev)
            rows = graph.write("api/audit_append", seq=seq, props=props)
            if rows and rows[0]["appended"]:
                return seq
    raise GraphUnavailableError(
        "could not append to the audit chain", hint="too much contention; retry the request"
    )


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
