"""A load run: read files, reject what is bad, write the rest in batches, release held links.

Idempotent and resumable by construction: every node is MERGEd on its source key and rewritten
only when its content hash changed, so a run killed at any point and started again ends with
every record exactly once; the rerun skips unchanged records cheaply."""

from __future__ import annotations

import getpass
import itertools
import json
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.driver import Graph
from idgraph.errors import RefusedWriteError
from loaders.parse import validate_record
from loaders.prepare import Entry, PreparedBatch, prepare_batches, prepare_files_in_background
from loaders.rejects import Reject, RejectWriter
from loaders.writer import BatchWriter, HeldLink

__all__ = ["LoadSummary", "await_search_index", "load_files", "load_records", "new_batch_id"]

Progress = Callable[[int, int], None]  # (records loaded so far, rejected so far)
_REJECTS_KEPT = 20  # rejects kept in the summary for the person reading it; all go to the file


@dataclass
class LoadSummary:
    """What a run did."""

    batch_id: str
    loaded: int = 0
    rejected: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    held: list[HeldLink] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    loaded_subject_ids: list[str] = field(default_factory=list)


def new_batch_id() -> str:
    """A sortable, unique id for one load run."""
    return f"load-{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def load_files(
    graph: Graph,
    paths: Iterable[Path],
    *,
    batch_size: int,
    rejects_path: Path | None = None,
    progress: Progress | None = None,
    batch_id: str | None = None,
) -> LoadSummary:
    """Load every file; bad lines go to `rejects_path` (if given) and never stop the run."""
    batches = prepare_files_in_background(list(paths), batch_size)
    if rejects_path is None:
        summary = _run(graph, batches, None, progress, batch_id)
    else:
        with RejectWriter(rejects_path) as writer:
            summary = _run(graph, batches, writer, progress, batch_id)
    await_search_index(graph)
    return summary


def await_search_index(graph: Graph) -> None:
    """Return once the name search (searchSubjects) finds every loaded subject: its full-text
    index is updated after each commit rather than in it (cypher/schema/0011); at 1M a subject
    loaded alone was found p50 / p95 / max 13.5 / 22.1 / 168 ms after its load returned
    (var/dev/search_lag.py)."""
    graph.read("meta/await_search_index")


def load_records(
    graph: Graph,
    records: Iterable[dict[str, Any]],
    *,
    batch_id: str | None = None,
    batch_size: int = 5_000,
) -> LoadSummary:
    """Load interchange records given as dicts (tests, API seeding, programmatic use). Unlike
    `load_files` it returns without waiting for the name search's index (`await_search_index`),
    which took 12.5 ms of a one-record load at 1M."""
    lines = (validate_record(data, "<records>", n) for n, data in enumerate(records, 1))
    return _run(graph, prepare_batches(lines, batch_size), None, None, batch_id)


def _run(
    graph: Graph,
    batches: Iterator[PreparedBatch],
    reject_writer: RejectWriter | None,
    progress: Progress | None,
    batch_id: str | None,
) -> LoadSummary:
    summary = LoadSummary(batch_id or new_batch_id())
    writer = BatchWriter(graph, summary.batch_id, getpass.getuser())
    for batch in batches:
        refused = _write_setting_aside(writer, batch)
        for reject in [*batch.rejects, *refused]:
            summary.rejected += 1
            if len(summary.rejects) < _REJECTS_KEPT:
                summary.rejects.append(reject)
            if reject_writer is not None:
                reject_writer.write(reject)
        set_aside = {(r.file, r.line) for r in refused}
        for entry in batch.entries:
            if (entry.file, entry.line) in set_aside:
                continue
            kind = entry.rows.kind
            summary.by_kind[kind] = summary.by_kind.get(kind, 0) + 1
            summary.loaded += 1
            if kind == "subject":
                summary.loaded_subject_ids.append(entry.rows.row["key"])
        if progress:
            progress(summary.loaded, summary.rejected)
    summary.held = writer.release_held()
    return summary


def _write_setting_aside(writer: BatchWriter, batch: PreparedBatch) -> list[Reject]:
    """Write a batch. When Neo4j refuses what a record holds (a value too large to index), the
    batch is halved until that record is found: it becomes a reject and the others are written
    (a half written twice changes nothing: unchanged records are skipped by content hash)."""
    try:
        writer.write(batch)
    except RefusedWriteError as error:
        if not batch.entries:
            raise
        if len(batch.entries) == 1:
            return [_refused(batch.entries[0], error)]
        first, second = batch.halves()
        return _write_setting_aside(writer, first) + _write_setting_aside(writer, second)
    return []


def _refused(entry: Entry, error: RefusedWriteError) -> Reject:
    return Reject(
        entry.file,
        entry.line,
        None,
        f"Neo4j refused to store it: {error.message}",
        "shorten or correct the value and load the record again",
        _line_text(entry),
    )


def _line_text(entry: Entry) -> str:
    """The input line of a record, for the reject file (read again: this is the rare path)."""
    try:
        with Path(entry.file).open(encoding="utf-8", errors="replace") as handle:
            for text in itertools.islice(handle, entry.line - 1, entry.line):
                return text.rstrip("\r\n")
    except OSError:
        pass  # records given as data (load_records) have no file: their row stands in
    return json.dumps(entry.rows.row, default=str, ensure_ascii=False)
