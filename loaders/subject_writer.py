"""Write one batch of Subject rows and their shared-attribute links: one statement
(`cypher/load/write_subjects.cypher`), so one round trip and one transaction.

All of it commits together, so a crash can never leave a written subject without its links (a
rerun would skip it as unchanged). One statement rather than eight (the subjects, the changed
ones' old links, then each kind of attribute node and its links), which a record loaded alone,
as an arrival is, paid in round trips. Each row carries its own attribute lists, since which
rows are written (new or changed) is known only inside the statement; so a reload of unchanged
records sends lists it then skips (docs/performance.md, session 20)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.driver import Graph
from loaders.rows import distinct_items

__all__ = ["write_subjects"]

# Attribute list in a subject row -> the field that keys its shared node
_ATTRIBUTES = (("addresses", "address_key"), ("phones", "e164"), ("identifiers", "id_key"))


def write_subjects(graph: Graph, rows: Sequence[dict[str, Any]], params: dict[str, Any]) -> bool:
    """Upsert `rows` (from `loaders.rows.node_rows`); return whether any held reference (a
    PendingLink) was waiting when they committed."""
    load = {
        "rows": [
            {
                "key": r["key"], "hash": r["hash"], "props": r["props"],
                **{field: list(distinct_items(r[field], key).values())
                   for field, key in _ATTRIBUTES},
            }
            for r in rows
        ]
    }  # fmt: skip
    (row,) = graph.write_one_trip("load/write_subjects", load=load, **params)
    return bool(row["links_waiting"])
