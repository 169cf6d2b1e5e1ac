"""Helpers for the loading tests: what a clean load of a synthetic set must produce."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from neo4j import RoutingControl

from graph.driver import Graph
from idgraph.settings import Settings
from loaders.models import KEY_FIELDS
from loaders.parse import ParsedRecord, iter_records
from loaders.rows import node_rows
from synth import RECORD_FILES, generate

__all__ = [
    "IDGRAPH",
    "cli_env",
    "counts",
    "expected_counts",
    "history",
    "record_links",
    "synthetic_load",
]

IDGRAPH = Path(sys.executable).parent / "idgraph"  # the CLI of the interpreter under test

_LABELS = {
    "subject": "Subject",
    "protectee": "Protectee",
    "case": "Case",
    "incident": "Incident",
    "encounter": "Encounter",
    "partner_request": "PartnerRequest",
}
_LINK_TYPES = {
    "case_subject": "INVOLVES",
    "incident_subject": "INVOLVES",
    "case_protectee": "CONCERNS",
    "case_incident": "INCLUDES",
    "incident_protectee": "AFFECTED",
    "encounter_subject": "OF_SUBJECT",
    "request_subject": "ABOUT",
    "request_encounter": "FOR_ENCOUNTER",
    "request_follows": "FOLLOWS",
}


def counts(graph: Graph) -> Counter[str]:
    """Node counts by label and relationship counts by type, in one Counter."""
    return Counter({row["name"]: row["total"] for row in graph.read("load/count_nodes")})


def expected_counts(files: list[Path]) -> Counter[str]:
    """Counts computed from the input alone, independently of the writer's Cypher."""
    expected: Counter[str] = Counter()
    attributes: dict[str, set[Any]] = {"Address": set(), "Phone": set(), "Identifier": set()}
    attribute_links: dict[str, set[Any]] = {
        "HAS_ADDRESS": set(),
        "HAS_PHONE": set(),
        "HAS_IDENTIFIER": set(),
    }
    links: set[str] = set()
    for path in files:
        for line in iter_records(path):
            assert isinstance(line, ParsedRecord), str(line)
            rows = node_rows(line.record)
            expected[_LABELS[rows.kind]] += 1
            links.update(link.key for link in rows.links)
            if rows.kind == "partner_request" and rows.row["response"]:
                expected["PartnerResponse"] += 1
                expected["ANSWERED_BY"] += 1
            if rows.kind != "subject":
                continue
            key = rows.row["key"]
            for field, label, rel, id_field in (
                ("addresses", "Address", "HAS_ADDRESS", "address_key"),
                ("phones", "Phone", "HAS_PHONE", "e164"),
                ("identifiers", "Identifier", "HAS_IDENTIFIER", "id_key"),
            ):
                for item in rows.row[field]:
                    attributes[label].add(item[id_field])
                    attribute_links[rel].add((key, item[id_field]))
    for label, values in attributes.items():
        expected[label] = len(values)
    for rel, pairs in attribute_links.items():
        expected[rel] = len(pairs)
    for key in links:
        expected[_LINK_TYPES[key.split("|", 1)[0]]] += 1
    return +expected


def cli_env(settings: Settings) -> dict[str, str]:
    """Environment that points an `idgraph` subprocess at the test Neo4j."""
    env = dict(os.environ)
    if settings.uses_local_neo4j:
        env["IDGRAPH_LOCAL_INSTANCE"] = settings.local_instance
        env["IDGRAPH_LOCAL_BOLT_PORT"] = str(settings.local_bolt_port)
        env["IDGRAPH_DATA_DIR"] = str(settings.data_dir)
    return env


def synthetic_load(tmp_path: Path, persons: int, *options: str) -> tuple[list[Path], list[str]]:
    """A synthetic set written to `tmp_path`, and the `idgraph load` command (with `options`,
    no resolution, rejects beside the set) that loads it."""
    generate(persons=persons, seed=5, out_dir=tmp_path)
    files = [tmp_path / f"{name}.jsonl" for name in RECORD_FILES]
    rejects = str(tmp_path / "rejects.jsonl")
    command = [
        str(IDGRAPH),
        "load",
        *options,
        "--no-resolve",
        *map(str, files),
        "--rejects",
        rejects,
    ]
    return files, command


def history(graph: Graph, key: str, kind: str = "subject") -> list[dict[str, Any]]:
    """The `history` entries of one record, oldest first."""
    (row,) = _record_read(graph, kind, "RETURN n.history AS history", key)
    return [json.loads(entry) for entry in row["history"] or []]


def record_links(graph: Graph, kind: str, key: str) -> set[tuple[str, str, Any]]:
    """(type, far end's key, role or interest) of every relationship from one record; reads that
    record alone, so data other tests write beside it does not matter."""
    far_key = ", ".join(f"b.{field}" for field in KEY_FIELDS.values())
    rows = _record_read(
        graph,
        kind,
        f"MATCH (n)-[r]->(b) RETURN type(r) AS type, coalesce({far_key}, b.response_id) AS to, "
        "coalesce(r.role, r.interest) AS role",
        key,
    )
    return {(row["type"], row["to"], row["role"]) for row in rows}


def _record_read(graph: Graph, kind: str, rest: str, key: str) -> list[dict[str, Any]]:
    # Label and key field come from the closed tables above, never from input.
    statement = f"MATCH (n:{_LABELS[kind]} {{{KEY_FIELDS[kind]}: $key}}) {rest}"
    records, _, _ = graph.driver.execute_query(
        statement, key=key, database_=graph.database, routing_=RoutingControl.READ
    )
    return [record.data() for record in records]
