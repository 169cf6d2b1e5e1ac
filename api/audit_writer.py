"""Group commit for the audit chain: requests hand their event to the process's writer and wait
until it is committed; the writer chains whatever has queued up meanwhile in one transaction.

Why: chaining needs the head, so appends are serial by nature. One transaction per event costs
several round trips and a commit each and caps the API at what that serial path can do; a group
costs the same round trips for every event in it. No answer leaves before its event is durable
(the caller waits on the commit), so grouping trades nothing away. Appenders in other processes
take turns on the AuditChain lock, held for one statement (cypher/api/audit_append_group.cypher)."""

from __future__ import annotations

import asyncio
import queue
import threading
import uuid
import weakref
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from api.audit import GENESIS_HASH, AuditRecord, canonical_head
from graph.driver import Graph
from idgraph.errors import GraphUnavailableError

__all__ = ["AuditWriter", "append_event", "append_event_async", "audit_writer"]

_GROUP_MAX = 500  # events per transaction: bounds its size when a burst has queued up
_WAIT_S = 30.0  # a request gives up on its audit (and withholds its answer) after this


@dataclass(frozen=True)
class _Pending:
    record: AuditRecord
    at: str
    done: Future[int]


class AuditWriter:
    """The one appender of a process for one graph; a daemon thread commits the groups."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    def submit(self, record: AuditRecord) -> Future[int]:
        """Queue `record`; the future gives its seq once committed, or the error that stopped it."""
        pending = _Pending(record, datetime.now(UTC).isoformat(), Future())
        self._queue.put(pending)
        return pending.done

    def _run(self) -> None:
        while True:
            group = [self._queue.get()]
            while len(group) < _GROUP_MAX:
                try:
                    group.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                seqs = _append(self._graph, group)
            except Exception as e:  # every waiter learns why; the writer keeps serving
                error = GraphUnavailableError(
                    f"could not append to the audit chain: {e}", hint="retry the request"
                )
                for pending in group:
                    pending.done.set_exception(error)
                continue
            for pending, seq in zip(group, seqs, strict=True):
                pending.done.set_result(seq)


def _event(pending: _Pending) -> dict[str, Any]:
    record = pending.record
    props: dict[str, Any] = {
        "event_id": str(uuid.uuid4()),  # makes our hash ours even for identical events
        "at": pending.at,
        "caller": record.caller,
        "role": record.role,
        "purpose": record.purpose,
        "operation": record.operation,
        "args_digest": record.args_digest,
        "disclosed": sorted(set(record.disclosed)),
        "outcome": record.outcome,
    }
    return {"props": props, "canonical_head": canonical_head(props)}


def _append(graph: Graph, group: list[_Pending]) -> list[int]:
    rows = graph.write(
        "api/audit_append_group", events=[_event(p) for p in group], genesis=GENESIS_HASH
    )
    return [int(row["seq"]) for row in rows]


_writers: weakref.WeakKeyDictionary[Graph, AuditWriter] = weakref.WeakKeyDictionary()
_writers_lock = threading.Lock()


def audit_writer(graph: Graph) -> AuditWriter:
    """The process's writer for `graph`, started on first use."""
    with _writers_lock:
        writer = _writers.get(graph)
        if writer is None:
            writer = _writers[graph] = AuditWriter(graph)
        return writer


def _too_slow() -> GraphUnavailableError:
    return GraphUnavailableError("the audit chain did not commit in time", hint="retry the request")


def append_event(graph: Graph, record: AuditRecord) -> int:
    """Chain `record` and wait until it is committed; return its seq."""
    try:
        return audit_writer(graph).submit(record).result(timeout=_WAIT_S)
    except TimeoutError as e:
        raise _too_slow() from e


async def append_event_async(graph: Graph, record: AuditRecord) -> int:
    """`append_event` for the event loop: waits without holding a thread."""
    committed = asyncio.wrap_future(audit_writer(graph).submit(record))
    try:
        return await asyncio.wait_for(committed, _WAIT_S)
    except TimeoutError as e:
        raise _too_slow() from e
