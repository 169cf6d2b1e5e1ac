"""Trusted documents: the only GraphQL text system and partner callers may run.

Each `*.graphql` file here is one document; its id is `sha256:<hex of the file's text>`. Callers
send `documentId` (or Apollo's `extensions.persistedQuery.sha256Hash`) instead of a query; the
exact registered text is also accepted."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["DOCUMENTS_DIR", "document_id", "registry", "resolve_document"]

DOCUMENTS_DIR = Path(__file__).resolve().parent


def document_id(text: str) -> str:
    """The id of a document text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def registry() -> dict[str, str]:
    """id -> text of every registered document (read once)."""
    docs = {}
    for path in sorted(DOCUMENTS_DIR.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        docs[document_id(text)] = text
    return docs


def resolve_document(
    query: str | None, doc_id: str | None, extensions: dict[str, Any] | None
) -> tuple[str | None, bool]:
    """(text to run, whether it is a registered document). An unknown id gives (None, False)."""
    if doc_id is None and extensions:
        persisted = extensions.get("persistedQuery")
        if isinstance(persisted, dict) and isinstance(persisted.get("sha256Hash"), str):
            doc_id = "sha256:" + str(persisted["sha256Hash"]).removeprefix("sha256:")
    if doc_id is not None:
        text = registry().get(doc_id)
        return text, text is not None
    if query is not None:
        return query, document_id(query) in registry()
    return None, False
