"""Bulk import: the first load of a large set into an empty local store, through Neo4j's offline
importer (`neo4j-admin database import full`) instead of transactions. Same validation, rejects
and graph as `idgraph load`; several times faster because no transaction, lock or index is
maintained while the store is built."""

from loaders.bulk.run import bulk_load

__all__ = ["bulk_load"]
