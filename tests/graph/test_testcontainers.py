"""The testcontainers path: the platform smoke test on a throwaway Neo4j container, where a
Docker engine exists. Here (no engine) it is skipped with the exact reason."""

from __future__ import annotations

import pytest

from graph.driver import open_graph
from graph.migrate import migrate
from tests.containers import container_settings, docker_unavailable_reason


@pytest.mark.docker
def test_suite_backend_on_testcontainers_neo4j() -> None:
    reason = docker_unavailable_reason()
    if reason is not None:
        pytest.skip(f"testcontainers path not run: {reason}")
    with container_settings() as settings, open_graph(settings) as graph:
        assert migrate(graph)
        (row,) = graph.read("meta/show_constraints")[:1]
        assert row["name"]
