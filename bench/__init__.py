"""The benchmark suite: `idgraph bench --size N` measures loading, batch and on-arrival
resolution, API latency and FEBRL accuracy on a dedicated local Neo4j, beside Splink 5 and
recordlinkage ECM run on the same data in the same run. docs/performance.md has the figures."""
