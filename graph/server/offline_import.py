"""Build the local instance's store offline from CSV parts with Neo4j's importer
(`neo4j-admin database import full`, run from the provisioned jars). The instance must be
stopped; the database is replaced as a whole, so an interrupted import is simply run again."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from graph.server.local import LocalNeo4j
from graph.server.provision import provision
from idgraph.errors import LocalServerError

__all__ = ["ImportInput", "import_store"]

_ADMIN_TOOL = "org.neo4j.cli.AdminTool"


@dataclass(frozen=True)
class ImportInput:
    """Every part to import: (label or relationship type, CSV file with its own header)."""

    nodes: list[tuple[str, Path]]
    relationships: list[tuple[str, Path]]
    array_delimiter: str
    multiline: bool


def import_store(server: LocalNeo4j, database: str, parts: ImportInput, report: Path) -> None:
    """Replace `database` of the stopped `server` with the parts."""
    if server.status().pid is not None:
        raise LocalServerError(
            f"the local Neo4j under {server.home} is running",
            hint="stop it first (`idgraph db stop`); the offline importer needs the files alone",
        )
    dist = provision(server.settings.data_dir)
    server.write_conf(dist)
    command = [
        "java",
        f"-Xmx{server.settings.local_heap}",
        "-cp",
        dist.classpath,
        _ADMIN_TOOL,
        "database",
        "import",
        "full",
        database,
        "--overwrite-destination=true",
        "--verbose",  # on failure, the stack trace names the file and the cause
        f"--array-delimiter={parts.array_delimiter}",
        f"--multiline-fields={'true' if parts.multiline else 'false'}",
        f"--report-file={report}",
        *(f"--nodes={label}={path}" for label, path in parts.nodes),
        *(f"--relationships={rel}={path}" for rel, path in parts.relationships),
    ]
    env = {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.home)}
    result = subprocess.run(  # noqa: S603 - fixed program, arguments built above
        command, capture_output=True, text=True, env=env, cwd=server.home, check=False
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        # With --verbose the root cause is the last "Caused by" line of the stack trace.
        causes = [line for line in output.splitlines() if line.startswith("Caused by:")]
        why = causes[-1].removeprefix("Caused by: ") if causes else output[-2000:]
        raise LocalServerError(
            f"the offline import failed (exit {result.returncode}): {why}",
            hint=f"the full report is in {report}; fix the cause and run the same command again "
            "(the store is rebuilt from the start)",
        )
