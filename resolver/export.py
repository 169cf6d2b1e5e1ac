"""`export_entities`: the interchange export contract (../shared/spec/interchange.md)."""

from __future__ import annotations

import json
from pathlib import Path

from graph.driver import Graph
from resolver.graph_io import PAGE_SIZE
from resolver.match import singleton_entity_id

__all__ = ["export_entities"]


def export_entities(graph: Graph, out: Path) -> int:
    """One line per loaded subject, `{"record_id", "source", "entity_id"}`; a subject without
    identity gets a singleton id of its own. Returns the number of lines written."""
    written = 0
    after = ""
    with out.open("w", encoding="utf-8") as f:
        while True:
            rows = graph.read("resolver/export_page", after=after, limit=PAGE_SIZE)
            if not rows:
                break
            for row in rows:
                rid = str(row["record_id"])
                eid = row["entity_id"] or singleton_entity_id(rid)
                f.write(json.dumps({"record_id": rid, "source": row["source"], "entity_id": eid},
                                   ensure_ascii=False) + "\n")  # fmt: skip
            written += len(rows)
            after = str(rows[-1]["record_id"])
    return written
