"""idgraph/cli."""
