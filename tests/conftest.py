"""Fixture strategy.

- Graph tests run against a real Neo4j, never a mock. By default the session starts a dedicated
  local instance (`var/neo4j-test-<port>`, Bolt on 127.0.0.1:$IDGRAPH_TEST_BOLT_PORT, default
  17687) so tests never touch the demo database, and stops it at the end if it started it.
  With IDGRAPH_NEO4J_URI set, the suite uses that server instead (it must be disposable: tests
  wipe its data). With IDGRAPH_TEST_NEO4J=testcontainers, a throwaway `neo4j:5.26-community`
  container is used (needs a Docker engine).
- `graph` is one driver for the whole session, schema migrated once.
- `clean_graph` wipes every node except the schema record before a test, so each test starts
  from an empty graph and builds what it needs with the small factories in
  `tests/unit/factories.py`.
- Pure logic is tested in `tests/unit` without any server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from graph.driver import Graph, open_graph
from graph.migrate import migrate
from graph.server import LocalNeo4j
from idgraph.settings import Settings


def _test_settings() -> Settings:
    if os.environ.get("IDGRAPH_NEO4J_URI"):
        return Settings()
    port = int(os.environ.get("IDGRAPH_TEST_BOLT_PORT", "17687"))
    return Settings(
        local_instance=f"neo4j-test-{port}",  # one home per port: two suites never share files
        local_bolt_port=port,
        local_heap="2g",  # the test graph is small; leave memory to the suite itself
        local_pagecache="512m",
    )


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    """Settings pointing at the test Neo4j, started for the session when local."""
    if os.environ.get("IDGRAPH_TEST_NEO4J") == "testcontainers":
        from tests.containers import container_settings

        with container_settings() as external:
            yield external
        return
    test_settings = _test_settings()
    if not test_settings.uses_local_neo4j:
        yield test_settings
        return
    server = LocalNeo4j(test_settings)
    started_here = not server.status().running
    server.start()
    try:
        yield test_settings
    finally:
        if started_here and not os.environ.get("IDGRAPH_TEST_KEEP_NEO4J"):
            server.stop()


@pytest.fixture(scope="session")
def graph(settings: Settings) -> Iterator[Graph]:
    """One driver for the session, on a migrated schema."""
    with open_graph(settings) as g:
        migrate(g)
        yield g


@pytest.fixture
def clean_graph(graph: Graph) -> Graph:
    """The session graph, emptied of data (schema kept)."""
    graph.write_autocommit("meta/wipe_data")
    return graph
