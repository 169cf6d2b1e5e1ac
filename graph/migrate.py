"""Versioned, idempotent schema migrations: `cypher/schema/NNNN_description.cypher`, applied in
order, each recorded as a `SchemaVersion` node so a second run does nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.cypher import CYPHER_DIR, statements
from graph.driver import Graph
from idgraph.errors import ConfigurationError

__all__ = ["Migration", "applied_versions", "migrate", "pending", "schema_migrations"]

SCHEMA_DIR = CYPHER_DIR / "schema"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.cypher$")


@dataclass(frozen=True)
class Migration:
    """One schema step."""

    version: int
    description: str
    path: Path


def schema_migrations() -> list[Migration]:
    """All migrations on disk, in version order; a badly named file is an error, not skipped."""
    found = []
    for path in sorted(SCHEMA_DIR.glob("*.cypher")):
        match = _NAME.match(path.name)
        if match is None:
            raise ConfigurationError(
                f"migration file {path} is not named NNNN_description.cypher",
                hint="rename it, e.g. 0003_add_phone_index.cypher",
            )
        found.append(Migration(int(match[1]), match[2].replace("_", " "), path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise ConfigurationError("two migrations share a version number", hint="renumber one")
    return found


def applied_versions(graph: Graph) -> set[int]:
    """Versions recorded in the graph."""
    return {int(row["version"]) for row in graph.read("meta/applied_versions")}


def pending(graph: Graph) -> list[Migration]:
    """Migrations not yet applied."""
    done = applied_versions(graph)
    return [m for m in schema_migrations() if m.version not in done]


def migrate(graph: Graph) -> list[Migration]:
    """Apply every pending migration in order; return those applied."""
    applied = []
    for migration in pending(graph):
        for statement in statements(migration.path.read_text(encoding="utf-8")):
            # Schema statements cannot share a transaction with data writes, so each runs alone.
            graph.driver.execute_query(statement, database_=graph.database)
        graph.write(
            "meta/record_version", version=migration.version, description=migration.description
        )
        applied.append(migration)
    return applied
