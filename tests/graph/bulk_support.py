"""Helpers for the bulk-import tests: a dedicated local instance, and a canonical form of a
graph so two loads of one set can be compared node by node and property by property."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from typing import Any

from graph.driver import Graph
from graph.server import LocalNeo4j
from idgraph.settings import Settings
from loaders.bulk.layout import ATTRIBUTES, NODE_LABELS
from loaders.models import KEY_FIELDS

__all__ = ["bulk_settings", "canonical_graph", "fresh_instance"]

# The property each label is keyed on: a node's identity across two stores.
_KEYS: dict[str, str] = {
    **{NODE_LABELS[kind]: field for kind, field in KEY_FIELDS.items()},
    **{shape.label: shape.key for shape in ATTRIBUTES},
    "PartnerResponse": "response_id",
    "PendingLink": "link_key",
}
# Properties that differ between any two loads by nature: when and in which run.
_PER_RUN = {"loaded_at", "load_batch", "held_since"}


def bulk_settings(base: Settings) -> Settings:
    """Settings of the bulk-test instance: its own home and port, small memory."""
    port = int(os.environ.get("IDGRAPH_TEST_BOLT_PORT", "17687")) + 100
    return Settings(
        data_dir=base.data_dir,
        local_instance=f"neo4j-test-bulk-{port}",
        local_bolt_port=port,
        local_heap="1g",
        local_pagecache="256m",
    )


def fresh_instance(settings: Settings) -> LocalNeo4j:
    """The bulk-test instance, stopped, with no store (only ever under its own home)."""
    server = LocalNeo4j(settings)
    if not server.home.name.startswith("neo4j-test-bulk-"):
        raise RuntimeError(f"refusing to wipe {server.home}")
    server.stop()
    shutil.rmtree(server.home / "data", ignore_errors=True)
    (server.home / "password-set").unlink(missing_ok=True)
    return server


def _value(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def canonical_graph(graph: Graph) -> tuple[dict[Any, Any], Counter[Any]]:
    """Nodes by (label, key) with their properties, and relationships as a multiset of
    (type, start, end, properties). Empty lists count as absent (see loaders/bulk/csv_parts)."""
    nodes: dict[Any, Any] = {}
    names: dict[str, Any] = {}
    for row in graph.read("meta/dump_nodes"):
        label = row["labels"][0]
        name = (label, row["props"][_KEYS[label]])
        names[row["id"]] = name
        nodes[name] = {
            k: _value(v) for k, v in row["props"].items() if k not in _PER_RUN and v != []
        }
    relationships: Counter[Any] = Counter()
    for row in graph.read("meta/dump_relationships"):
        props = tuple(sorted((k, _value(v)) for k, v in row["props"].items()))
        relationships[(row["type"], names[row["start"]], names[row["end"]], props)] += 1
    return nodes, relationships
