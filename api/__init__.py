"""api: GraphQL over HTTP for every caller, with the access rules inside the Cypher, a
declarative policy table, and a tamper-evident audit chain."""

from api.app import create_app

__all__ = ["create_app"]
