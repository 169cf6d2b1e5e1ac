"""Write batches of validated records to the graph: nodes first, then their links; links whose
far end is not loaded yet are held as `PendingLink` nodes and made when it arrives."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.driver import Graph
from loaders.prepare import PreparedBatch
from loaders.rows import LINK_KINDS, Link
from loaders.subject_writer import write_subjects

__all__ = ["BatchWriter", "HeldLink"]

# Kinds in write order: records that others point at go first, so most links find their end
# in the same batch. Subjects have their own set-based writer (loaders/subject_writer.py).
_NODE_ORDER = ("subject", "protectee", "encounter", "incident", "case", "partner_request")


@dataclass(frozen=True)
class HeldLink:
    """A reference still waiting for the record it names."""

    kind: str
    source: str
    target: str
    held_since: str


class BatchWriter:
    """Writes one batch of records per call, in managed transactions."""

    def __init__(self, graph: Graph, batch_id: str, operator: str) -> None:
        self.graph = graph
        self.params = {"batch": batch_id, "operator": operator}
        # Whether a held reference may now find its record. Only a batch of subjects alone
        # says for sure that none waits (its statement looks, in its own transaction); a
        # reference held after that is this run's own, and `_link` sets this.
        self._links_may_wait = False

    def write(self, batch: PreparedBatch) -> int:
        """Write one prepared batch (nodes, then links); return how many links had to be held."""
        subject_rows = batch.rows.get("subject", [])
        if subject_rows:
            self._links_may_wait |= write_subjects(self.graph, subject_rows, self.params)
        for kind in _NODE_ORDER[1:]:
            if batch.rows.get(kind):
                self.graph.write(f"load/upsert_{kind}", rows=batch.rows[kind], **self.params)
                self._links_may_wait = True  # these statements do not look
        return self._link(batch.links)

    def _link(self, links: Sequence[Link]) -> int:
        by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for link in links:
            by_kind[link.kind].append(link.row())
        missing: list[dict[str, Any]] = []
        for kind in LINK_KINDS:
            if by_kind[kind]:
                unmatched = set(self._try_link(kind, by_kind[kind]))
                missing.extend(row for row in by_kind[kind] if row["key"] in unmatched)
        if missing:
            self.graph.write("load/hold_links", rows=missing)
            self._links_may_wait = True
        return len(missing)

    def _try_link(self, kind: str, rows: list[dict[str, Any]]) -> list[str]:
        return [row["key"] for row in self.graph.write(f"load/link_{kind}", rows=rows)]

    def release_held(self) -> list[HeldLink]:
        """Make every held link whose far end now exists; return those still waiting. Skipped
        (a round trip, 2-5 ms of a one-record load at 1M) when only subjects were written and
        no reference waited when they committed: a reference held by a load running beside
        this one is then made by that load's own release, which sees these subjects."""
        if not self._links_may_wait:
            return []
        pending = self.graph.read("load/pending_links")
        by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in pending:
            by_kind[row["kind"]].append({**row, "props": json.loads(row["props"] or "{}")})
        still: set[str] = set()
        for kind, rows in by_kind.items():
            still.update(self._try_link(kind, rows))
        made = [row["key"] for row in pending if row["key"] not in still]
        if made:
            self.graph.write("load/release_links", keys=made)
        return [
            HeldLink(row["kind"], row["from"], row["to"], row["held_since"])
            for row in pending
            if row["key"] in still
        ]
