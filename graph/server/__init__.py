"""The local Neo4j: provisioned from Maven Central, started and stopped by `idgraph db`."""

from graph.server.local import LocalNeo4j, ServerStatus

__all__ = ["LocalNeo4j", "ServerStatus"]
