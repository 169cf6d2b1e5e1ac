"""idgraph."""
