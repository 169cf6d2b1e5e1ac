"""The dedicated benchmark Neo4j: its own home (`var/neo4j-bench`), its own port (7697), a fresh
store every run, stopped at the end, so the demo and test databases are never touched."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.driver import Graph, open_graph
from graph.migrate import migrate
from graph.server import LocalNeo4j
from idgraph.settings import Settings

__all__ = ["BENCH_INSTANCE", "BENCH_PORT", "bench_graph", "bench_settings", "proc_memory_mb"]

BENCH_INSTANCE = "neo4j-bench"
BENCH_PORT = 7697


def bench_settings() -> Settings:
    """Settings of the bench instance; heap and page cache as the product defaults (4 GiB each),
    so the figures are those of a default local install."""
    return Settings(local_instance=BENCH_INSTANCE, local_bolt_port=BENCH_PORT)


def _fresh_store(server: LocalNeo4j) -> None:
    """Delete the bench store (and its password marker, since the system database goes with it).
    Only ever under the bench instance's own home."""
    home = server.home
    if home.name != BENCH_INSTANCE:
        raise RuntimeError(f"refusing to wipe {home}: not the bench instance")
    shutil.rmtree(home / "data", ignore_errors=True)
    (home / "password-set").unlink(missing_ok=True)


@contextmanager
def bench_graph(settings: Settings, *, keep: bool = False) -> Iterator[tuple[Graph, LocalNeo4j]]:
    """Start the bench Neo4j on an empty store, migrate it, yield a driver, stop it at the end."""
    server = LocalNeo4j(settings)
    server.stop()  # a previous aborted run of ours; never anything else (pid file + cmdline)
    _fresh_store(server)
    server.start()
    try:
        with open_graph(settings) as graph:
            migrate(graph)
            yield graph, server
    finally:
        if not keep:
            server.stop()


def proc_memory_mb(pid: int | None) -> dict[str, float]:
    """Resident set (VmRSS) and its high-water mark (VmHWM) of a process, in MiB, from /proc."""
    out: dict[str, float] = {}
    if pid is None:
        return out
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return out
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(rest.split()[0]) / 1024, 1)
    return out
