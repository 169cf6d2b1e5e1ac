"""Write one batch of Subject rows and their shared-attribute links in one transaction.

Set-based rather than per-row subqueries: subjects first, then the batch's distinct Address,
Phone and Identifier nodes, then the links of only the subjects actually written. All of it
commits together, so a crash can never leave a written subject without its links (a rerun
would skip it as unchanged)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.driver import Transaction
from loaders.rows import distinct_attributes

__all__ = ["write_subjects"]

# Attribute kind -> (row list in the subject row, key field, merge statement, link statement)
_ATTRIBUTES = (
    ("addresses", "address_key", "load/merge_addresses", "load/link_subject_addresses"),
    ("phones", "e164", "load/merge_phones", "load/link_subject_phones"),
    ("identifiers", "id_key", "load/merge_identifiers", "load/link_subject_identifiers"),
)


def write_subjects(tx: Transaction, rows: Sequence[dict[str, Any]], params: dict[str, Any]) -> int:
    """Upsert `rows` (from `loaders.rows.node_rows`); return how many were new or changed."""
    written = tx.run(
        "load/upsert_subjects",
        rows=[{"key": r["key"], "hash": r["hash"], "props": r["props"]} for r in rows],
        **params,
    )
    if not written:
        return 0
    changed = [w["key"] for w in written if w["existed"]]
    if changed:
        tx.run("load/unlink_subject_attributes", keys=changed)
    keys = {w["key"] for w in written}
    fresh = [r for r in rows if r["key"] in keys]
    for field, key_field, merge, link in _ATTRIBUTES:
        nodes, links = distinct_attributes(fresh, field, key_field)
        if nodes:
            tx.run(merge, rows=list(nodes.values()))
            tx.run(link, rows=list(links.values()))
    return len(written)
