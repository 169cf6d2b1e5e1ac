"""Turn parsed lines into ready-to-write batches, optionally in a separate process.

Parsing, validating and normalising cost about as much CPU as Neo4j spends writing, so on a
two-core machine a producer process that prepares the next batch while the current one is
written roughly halves a large load's time."""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.parse import ParsedLine, iter_records
from loaders.rejects import Reject
from loaders.rows import Link, NodeRows, node_rows

__all__ = ["Entry", "PreparedBatch", "prepare_batches", "prepare_files_in_background"]

_PUT_TIMEOUT_S = 1.0  # how often a blocked producer checks that its parent still lives


@dataclass(frozen=True)
class Entry:
    """One record of a batch: where it came from and what it writes."""

    file: str
    line: int
    rows: NodeRows


@dataclass
class PreparedBatch:
    """One batch: node rows per kind, the links they ask for, and the lines rejected on the way."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # its records, in input order

    @property
    def size(self) -> int:
        return len(self.entries)

    def add(self, entry: Entry) -> None:
        rows = entry.rows
        self.entries.append(entry)
        self.rows.setdefault(rows.kind, []).append(rows.row)
        self.links.extend(rows.links)

    def halves(self) -> tuple[PreparedBatch, PreparedBatch]:
        """Its records in two batches (without the rejects), to find one the graph refuses."""
        middle = len(self.entries) // 2
        first, second = PreparedBatch(), PreparedBatch()
        for entry in self.entries[:middle]:
            first.add(entry)
        for entry in self.entries[middle:]:
            second.add(entry)
        return first, second


def prepare_batches(lines: Iterable[ParsedLine], batch_size: int) -> Iterator[PreparedBatch]:
    """Group lines into batches of `batch_size` records (rejects ride along with the batch)."""
    batch = PreparedBatch()
    for line in lines:
        if isinstance(line, Reject):
            batch.rejects.append(line)
            continue
        batch.add(Entry(line.file, line.line, node_rows(line.record)))
        if batch.size >= batch_size:
            yield batch
            batch = PreparedBatch()
    if batch.size or batch.rejects:
        yield batch


def _produce(paths: list[Path], batch_size: int, out: multiprocessing.Queue[Any]) -> None:
    parent = os.getppid()
    seen: dict[tuple[str, str], str] = {}
    lines = (line for path in paths for line in iter_records(path, seen_ids=seen))
    try:
        for batch in prepare_batches(lines, batch_size):
            _put(out, batch, parent)
    except Exception as error:  # forwarded to the parent, which raises it
        _put(out, error, parent)
        return
    _put(out, None, parent)


def _put(out: multiprocessing.Queue[Any], item: Any, parent: int) -> None:
    while True:
        try:
            out.put(item, timeout=_PUT_TIMEOUT_S)
            return
        except queue.Full:
            if os.getppid() != parent:  # the loader was killed: stop instead of lingering
                os._exit(1)


def prepare_files_in_background(paths: list[Path], batch_size: int) -> Iterator[PreparedBatch]:
    """Batches of `paths`, prepared by a child process a few batches ahead of the consumer."""
    context = multiprocessing.get_context("fork")
    out: multiprocessing.Queue[Any] = context.Queue(maxsize=3)
    producer = context.Process(target=_produce, args=(paths, batch_size, out), daemon=True)
    producer.start()
    try:
        while True:
            item = out.get()
            if item is None:
                return
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        producer.join(timeout=5)
        if producer.is_alive():
            producer.kill()
