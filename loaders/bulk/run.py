"""A bulk import run: workers parse shares of the input into CSV parts, the parent settles what
needs the whole input (held links, shared attributes, responses), the offline importer builds
the store, then the schema and its indexes are built on it and the counts are checked.

Only into an empty local store. A run killed at any point is run again with the same command: a
marker file says an import was under way, and the store is rebuilt from the start, so every
record ends up there exactly once."""

from __future__ import annotations

import gc
import getpass
import json
import multiprocessing
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.driver import Graph, open_graph
from graph.migrate import migrate
from graph.server import LocalNeo4j
from graph.server.offline_import import ImportInput, import_store
from graph.vocabulary import Label, Rel
from idgraph.errors import InputError, LocalServerError
from idgraph.settings import Settings
from loaders.bulk.csv_parts import ARRAY_DELIMITER_ARG, PartWriter, encode_props, quote
from loaders.bulk.layout import ATTRIBUTES, LINKS, NODE_LABELS
from loaders.bulk.shard import Ordinal, ShardJob, ShardResult, parse_shard
from loaders.parse import Shard
from loaders.rejects import Reject, write_rejects
from loaders.run import LoadSummary, new_batch_id
from loaders.writer import HeldLink

__all__ = ["bulk_load"]

MARKER = "bulk-import.pending"  # in the instance home while its store is being rebuilt
_REJECTS_KEPT = 20
_INDEX_WAIT_S = 3_600  # index population on ~1M subjects takes minutes, not hours
Report = Callable[[str], None]


def bulk_load(
    settings: Settings,
    paths: list[Path],
    *,
    rejects_path: Path | None = None,
    report: Report | None = None,
    on_parsed: Callable[[int], None] | None = None,
    batch_id: str | None = None,
    workers: int | None = None,
) -> LoadSummary:
    """Build the local store from `paths`; bad lines go to `rejects_path`, as with `load_files`."""
    say = report or (lambda _text: None)
    if not settings.uses_local_neo4j:
        raise InputError(
            "a bulk import writes the store files of the local Neo4j; IDGRAPH_NEO4J_URI names "
            "another server",
            hint="load into that server with `idgraph load` (without --bulk), or run "
            "neo4j-admin database import on it",
        )
    server = LocalNeo4j(settings)
    marker = server.home / MARKER
    if marker.exists():
        say("an earlier bulk import was interrupted: its store is rebuilt from the start")
    else:
        _require_empty(server)
    batch = batch_id or new_batch_id()
    folder = settings.data_dir / "import" / batch
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    say("parsing")
    results = _parse(paths, folder, batch, workers or os.cpu_count() or 1, on_parsed)
    rejects = _ordered_rejects(results, paths)
    summary, parts, expected = _assemble(results, rejects, folder, batch)
    if rejects_path is not None:
        write_rejects(rejects, rejects_path)
    server.home.mkdir(parents=True, exist_ok=True)
    marker.write_text(batch, encoding="utf-8")
    say("importing (neo4j-admin database import)")
    server.stop()
    import_store(server, settings.neo4j_database, parts, folder / "import.report")
    server.start()
    say("building the schema and its indexes")
    with open_graph(settings) as graph:
        migrate(graph)
        graph.read("meta/await_indexes", seconds=_INDEX_WAIT_S)
        _check_counts(graph, expected)
    marker.unlink()
    shutil.rmtree(folder, ignore_errors=True)
    return summary


def _require_empty(server: LocalNeo4j) -> None:
    store = server.home / "data" / "databases" / server.settings.neo4j_database
    if not server.status().running and not store.exists():
        return  # never started: nothing to lose, and no need to start it just to look
    server.start()
    with open_graph(server.settings) as graph:
        if graph.read("meta/any_data_node")[0]["found"]:
            raise InputError(
                "the graph already holds records; a bulk import builds a new store",
                hint="load into it with `idgraph load` (without --bulk), or empty it first "
                "with `idgraph db reset`",
            )


_progress: Any = None  # the shared record counter, inherited by each worker


def _init_worker(counter: Any) -> None:
    global _progress
    _progress = counter
    # A worker keeps a large, growing heap (keys, links, buffered parts) and frees little: the
    # default collector thresholds would rescan it over and over (measured: ~8% of the parse).
    gc.set_threshold(100_000, 50, 100)


def _work(job: ShardJob) -> ShardResult:
    return parse_shard(job, _progress)


def _parse(
    paths: list[Path],
    folder: Path,
    batch: str,
    workers: int,
    on_parsed: Callable[[int], None] | None,
) -> list[ShardResult]:
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    now = datetime.now(UTC)
    jobs = [
        ShardJob(paths, Shard(i, workers), folder, batch, getpass.getuser(), now)
        for i in range(workers)
    ]
    with context.Pool(workers, initializer=_init_worker, initargs=(counter,)) as pool:
        pending = [pool.apply_async(_work, (job,)) for job in jobs]
        while not all(p.ready() for p in pending):
            if on_parsed is not None:
                on_parsed(counter.value)
            time.sleep(0.5)
        results = [p.get() for p in pending]
    if on_parsed is not None:
        on_parsed(counter.value)
    return results


def _ordered_rejects(results: list[ShardResult], paths: list[Path]) -> list[Reject]:
    order = {str(path): n for n, path in enumerate(paths)}
    rejects = [r for result in results for r in result.rejects]
    return sorted(rejects, key=lambda r: (order.get(r.file, len(order)), r.line))


def _assemble(
    results: list[ShardResult], rejects: list[Reject], folder: Path, batch: str
) -> tuple[LoadSummary, ImportInput, Counter[str]]:
    """The parts only the whole input can write, the summary, and the counts to expect."""
    keys: dict[str, set[str]] = {}
    kinds: Counter[str] = Counter()
    for result in results:
        kinds.update(result.kinds)
        for kind, shard_keys in result.keys.items():
            keys.setdefault(kind, set()).update(shard_keys)
    if sum(kinds.values()) != sum(len(k) for k in keys.values()):
        raise LocalServerError(
            "two workers loaded the same record id (ids that differ only in spelling?)",
            hint="load these files with `idgraph load` (without --bulk)",
        )
    expected: Counter[str] = Counter()
    parts = _Parts(folder)
    for result in results:
        parts.nodes.extend(result.node_parts)
        parts.relationships.extend(result.rel_parts)
        parts.multiline = parts.multiline or result.multiline
        expected.update(result.written)
    _write_attributes(results, parts, expected)
    held = _write_links(results, keys, parts, expected)
    _write_responses(results, parts, expected)
    _write_held(held, parts, expected)
    summary = LoadSummary(
        batch,
        loaded=sum(kinds.values()),
        rejected=len(rejects),
        by_kind=dict(kinds),
        held=[HeldLink(h["kind"], h["from"], h["to"], h["held_since"].isoformat()) for h in held],
        rejects=rejects[:_REJECTS_KEPT],
    )
    return summary, parts.to_input(), +expected


class _Parts:
    """The parts of the whole import: the shards' and those the parent writes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.nodes: list[tuple[str, Path]] = []
        self.relationships: list[tuple[str, Path]] = []
        self.multiline = False

    def writer(self, name: str, leading: tuple[str, ...]) -> PartWriter:
        return PartWriter(self.folder, f"p-{name}", leading, rows_per_part=200_000)

    def close(self, writer: PartWriter, label_or_type: str, *, relationship: bool) -> None:
        writer.flush()
        target = self.relationships if relationship else self.nodes
        target.extend((label_or_type, part) for part in writer.parts)
        self.multiline = self.multiline or writer.multiline

    def to_input(self) -> ImportInput:
        return ImportInput(self.nodes, self.relationships, ARRAY_DELIMITER_ARG, self.multiline)


def _write_attributes(results: list[ShardResult], parts: _Parts, expected: Counter[str]) -> None:
    """Address, Phone and Identifier nodes, one per key; the earliest record's values win, as
    the online writer's `MERGE ... ON CREATE SET` keeps the first."""
    for shape in ATTRIBUTES:
        first: dict[str, tuple[Ordinal, dict[str, Any]]] = {}
        for result in results:
            for key, (ordinal, props) in result.attributes.get(shape.label, {}).items():
                if key not in first or ordinal < first[key][0]:
                    first[key] = (ordinal, props)
        if not first:
            continue
        id_token = f"{shape.key}:ID({shape.label})"
        writer = parts.writer(shape.label, (id_token,))
        for key, (_ordinal, props) in first.items():
            writer.add(encode_props(props, {id_token: quote(key)}))
        parts.close(writer, shape.label, relationship=False)
        expected[shape.label] += len(first)


def _write_links(
    results: list[ShardResult],
    keys: dict[str, set[str]],
    parts: _Parts,
    expected: Counter[str],
) -> list[dict[str, Any]]:
    """Record links whose far end was imported; return the others, to be held (PendingLink)."""
    writers: dict[str, tuple[Rel, PartWriter]] = {}  # by link kind: ends differ per kind
    held: list[dict[str, Any]] = []
    made: set[str] = set()
    held_since = datetime.now(UTC)
    for result in results:
        for kind, source, target, props, link_key in result.links:
            if link_key in made:
                continue  # the same link named twice by one record: one relationship (MERGE)
            made.add(link_key)
            shape = LINKS[kind]
            if target not in keys.get(shape.target, ()):
                held.append(
                    {
                        "key": link_key,
                        "kind": kind,
                        "from": source,
                        "to": target,
                        "props": props,
                        "held_since": held_since,
                    }
                )
                continue
            start = f":START_ID({NODE_LABELS[shape.source]})"
            end = f":END_ID({NODE_LABELS[shape.target]})"
            if kind not in writers:
                writers[kind] = (shape.rel, parts.writer(kind, (start, end)))
            cells = {start: quote(source), end: quote(target)}
            if shape.prop is not None:
                encode_props({shape.prop: props.get(shape.prop)}, cells)
            writers[kind][1].add(cells)
            expected[shape.rel] += 1
    for rel, writer in writers.values():
        parts.close(writer, rel, relationship=True)
    return held


def _write_responses(results: list[ShardResult], parts: _Parts, expected: Counter[str]) -> None:
    """PartnerResponse nodes (one per response id, the earliest record's) and ANSWERED_BY."""
    first: dict[str, tuple[Ordinal, dict[str, Any]]] = {}
    answered: set[tuple[str, str]] = set()
    for result in results:
        for request, ordinal, response in result.responses:
            response_id = response["response_id"]
            if response_id not in first or ordinal < first[response_id][0]:
                first[response_id] = (ordinal, response)
            answered.add((request, response_id))
    if not first:
        return
    label = Label.PARTNER_RESPONSE
    id_token = f"response_id:ID({label})"
    nodes = parts.writer(label, (id_token,))
    for response_id, (_ordinal, response) in first.items():
        props = {k: v for k, v in response.items() if k != "response_id"}
        nodes.add(encode_props(props, {id_token: quote(response_id)}))
    parts.close(nodes, label, relationship=False)
    start, end = f":START_ID({Label.PARTNER_REQUEST})", f":END_ID({label})"
    links = parts.writer(Rel.ANSWERED_BY, (start, end))
    for request, response_id in answered:
        links.add({start: quote(request), end: quote(response_id)})
    parts.close(links, Rel.ANSWERED_BY, relationship=True)
    expected[label] += len(first)
    expected[Rel.ANSWERED_BY] += len(answered)


def _write_held(held: list[dict[str, Any]], parts: _Parts, expected: Counter[str]) -> None:
    """Links to records not in this import, kept as the online writer keeps them
    (`load/hold_links`) and made when the record arrives in a later load."""
    if not held:
        return
    label = Label.PENDING_LINK
    id_token = f"link_key:ID({label})"
    writer = parts.writer(label, (id_token,))
    for link in held:
        props = {
            "held_since": link["held_since"],
            "kind": link["kind"],
            "from": link["from"],
            "to": link["to"],
            "props": json.dumps(link["props"], separators=(",", ":")),
        }
        writer.add(encode_props(props, {id_token: quote(link["key"])}))
    parts.close(writer, label, relationship=False)
    expected[label] += len(held)


def _check_counts(graph: Graph, expected: Counter[str]) -> None:
    """Every node and relationship the parts hold is in the store, and nothing else."""
    row = graph.read("meta/store_counts")[0]
    found: Counter[str] = Counter({**row["labels"], **row["relTypesCount"]})
    found.pop(Label.SCHEMA_VERSION, None)
    if +found != expected:
        differing = sorted(set(found) | set(expected))
        lines = [
            f"{n}: expected {expected[n]:,}, found {found[n]:,}"
            for n in differing
            if found[n] != expected[n]
        ]
        raise LocalServerError(
            "the imported store does not hold what was written: " + "; ".join(lines),
            hint="run the same command again; if it repeats, report it with the import report",
        )
