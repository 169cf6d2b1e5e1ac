"""Small factories for resolver test records (interchange dicts -> ResolverRecord)."""

from __future__ import annotations

from typing import Any

from resolver import ResolverRecord, from_interchange


def subject(record_id: str, **fields: Any) -> ResolverRecord:
    """A subject record with only the given interchange fields set."""
    row: dict[str, Any] = {"kind": "subject", "source": fields.pop("source", "PTMS")}
    row["record_id"] = record_id
    row.update(fields)
    return from_interchange(row)
