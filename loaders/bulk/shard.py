"""One worker's share of a bulk import: parse, validate and normalise its lines (exactly as
`idgraph load` does), write its records' nodes and attribute links as CSV parts, and hand back
what only the whole import can settle: keys, record links, shared attributes, rejects."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from loaders.bulk.csv_parts import Cells, PartWriter, UnencodableValueError, encode_props, quote
from loaders.bulk.layout import ATTRIBUTES, NODE_LABELS
from loaders.models import KEY_FIELDS
from loaders.parse import ParsedRecord, Shard, iter_records
from loaders.rejects import Reject
from loaders.rows import NodeRows, distinct_attributes, node_rows

__all__ = ["Ordinal", "ShardJob", "ShardResult", "parse_shard"]

Ordinal = tuple[int, int]  # (file number, line): input order across the whole import
ROWS_PER_PART = 50_000  # rows buffered per CSV part (a part's header needs all of them)


@dataclass(frozen=True)
class ShardJob:
    """What one worker does."""

    paths: list[Path]
    shard: Shard
    folder: Path
    batch_id: str
    operator: str
    loaded_at: datetime


@dataclass
class ShardResult:
    """What a worker wrote and what it leaves to the parent."""

    node_parts: list[tuple[str, Path]] = field(default_factory=list)  # (label, part)
    rel_parts: list[tuple[str, Path]] = field(default_factory=list)  # (type, part)
    multiline: bool = False
    keys: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # record links: (link kind, source key, target key, props, link key)
    links: list[tuple[str, str, str, dict[str, Any], str]] = field(default_factory=list)
    # attribute label -> key -> (first ordinal, node props)
    attributes: dict[str, dict[str, tuple[Ordinal, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # (request key, ordinal, response props)
    responses: list[tuple[str, Ordinal, dict[str, Any]]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    written: Counter[str] = field(default_factory=Counter)  # rows in the parts, by label or type


class _Writers:
    def __init__(self, job: ShardJob) -> None:
        self.folder = job.folder
        self.prefix = f"s{job.shard.index}"
        self.nodes: dict[str, PartWriter] = {}  # by label
        self.relationships: dict[str, PartWriter] = {}  # by type
        # The same on every node of the run: encoded once.
        self.bookkeeping = encode_props(
            {"load_batch": job.batch_id, "loaded_at": job.loaded_at, "loaded_by": job.operator}
        )

    def get(self, group: dict[str, PartWriter], name: str, leading: tuple[str, ...]) -> PartWriter:
        writer = group.get(name)
        if writer is None:
            writer = PartWriter(self.folder, f"{self.prefix}-{name}", leading, ROWS_PER_PART)
            group[name] = writer
        return writer


def _node_cells(rows: NodeRows, bookkeeping: Cells) -> Cells:
    label = NODE_LABELS[rows.kind]
    key = KEY_FIELDS[rows.kind]
    cells: Cells = {f"{key}:ID({label})": quote(rows.row["key"])}
    encode_props({k: v for k, v in rows.row["props"].items() if k != key}, cells)
    encode_props({"content_hash": rows.row["hash"]}, cells)
    cells.update(bookkeeping)
    return cells


def _attribute_cells(
    rows: NodeRows, ordinal: Ordinal, result: ShardResult
) -> list[tuple[str, Cells]]:
    """Attribute links of one subject (type, cells); its attribute nodes go to `result`."""
    out: list[tuple[str, Cells]] = []
    for shape in ATTRIBUTES:
        nodes, links = distinct_attributes([rows.row], shape.field, shape.key)
        seen = result.attributes[shape.label]
        for key, item in nodes.items():
            if key not in seen:
                seen[key] = (ordinal, {p: item.get(p) for p in shape.node_props})
        for link in links.values():
            cells: Cells = {
                f":START_ID({NODE_LABELS['subject']})": quote(link["subject"]),
                f":END_ID({shape.label})": quote(link["key"]),
            }
            if shape.rel_prop:
                encode_props({shape.rel_prop: link.get(shape.rel_prop)}, cells)
            out.append((shape.rel, cells))
    return out


def _unencodable(line: ParsedRecord, error: UnencodableValueError) -> Reject:
    return Reject(
        line.file,
        line.line,
        None,
        str(error),
        "remove control characters from the record",
        line.record.model_dump_json()[:10_000],
    )


def parse_shard(job: ShardJob, progress: Any = None) -> ShardResult:
    """Parse this worker's share of every file; `progress` (a shared counter) counts records."""
    result = ShardResult()
    writers = _Writers(job)
    seen: dict[tuple[str, str], str] = {}
    since_report = 0
    for number, path in enumerate(job.paths):
        for line in iter_records(path, seen_ids=seen, shard=job.shard):
            if isinstance(line, Reject):
                result.rejects.append(line)
                continue
            rows = node_rows(line.record)
            ordinal = (number, line.line)
            try:
                cells = _node_cells(rows, writers.bookkeeping)
                attribute_links = (
                    _attribute_cells(rows, ordinal, result) if rows.kind == "subject" else []
                )
            except UnencodableValueError as error:
                result.rejects.append(_unencodable(line, error))
                continue
            label = NODE_LABELS[rows.kind]
            writers.get(writers.nodes, label, (next(iter(cells)),)).add(cells)
            for rel, link_cells in attribute_links:
                writers.get(writers.relationships, rel, tuple(link_cells)[:2]).add(link_cells)
            key = rows.row["key"]
            result.keys[rows.kind].append(key)
            result.kinds[rows.kind] += 1
            result.links.extend((k.kind, k.source, k.target, k.props, k.key) for k in rows.links)
            if rows.row.get("response"):
                # Its request's access fields and source (as upsert_partner_request sets them).
                request = rows.row["props"]
                response = {
                    **rows.row["response"],
                    "compartments": request.get("compartments"),
                    "protected_classes": request.get("protected_classes"),
                    "source": request.get("source"),
                }
                result.responses.append((key, ordinal, response))
            since_report += 1
            if progress is not None and since_report >= 1_000:
                with progress.get_lock():
                    progress.value += since_report
                since_report = 0
    if progress is not None and since_report:
        with progress.get_lock():
            progress.value += since_report
    for group, parts in (
        (writers.nodes, result.node_parts),
        (writers.relationships, result.rel_parts),
    ):
        for name, writer in group.items():
            writer.flush()
            parts.extend((name, part) for part in writer.parts)
            result.written[name] += writer.rows
            result.multiline = result.multiline or writer.multiline
    return result
