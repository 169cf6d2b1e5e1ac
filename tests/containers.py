"""The testcontainers path: a throwaway `neo4j:5.26-community` container for machines that run
a Docker engine. Selected with IDGRAPH_TEST_NEO4J=testcontainers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import SecretStr

from idgraph.settings import Settings

__all__ = ["IMAGE", "container_settings", "docker_unavailable_reason"]

IMAGE = "neo4j:5.26-community"


def docker_unavailable_reason() -> str | None:
    """None when a Docker engine answers, else why not (the exact error)."""
    try:
        import docker

        docker.from_env().ping()
    except Exception as e:  # any failure means no usable engine; the reason is reported
        return f"no Docker engine answers ({type(e).__name__}: {e})"
    return None


@contextmanager
def container_settings() -> Iterator[Settings]:
    """Start the container and yield settings pointing at it."""
    from testcontainers.neo4j import Neo4jContainer

    with Neo4jContainer(IMAGE, password="idgraph-test-password") as neo4j:
        yield Settings(
            neo4j_uri=neo4j.get_connection_url(),
            neo4j_user="neo4j",
            neo4j_password=SecretStr("idgraph-test-password"),
        )
