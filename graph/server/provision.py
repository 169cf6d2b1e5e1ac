"""Fetch the Neo4j and APOC jars with the machine's Maven and compile the launcher, once.

The distribution folder is keyed by a digest of `pom.xml` and `Launcher.java`, so a version bump
provisions afresh while an unchanged checkout reuses the jars in seconds."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from idgraph.errors import LocalServerError

__all__ = ["Distribution", "provision"]

SERVER_DIR = Path(__file__).resolve().parent
POM = SERVER_DIR / "pom.xml"
LAUNCHER = SERVER_DIR / "Launcher.java"


@dataclass(frozen=True)
class Distribution:
    """A provisioned set of jars and the compiled launcher."""

    root: Path

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def plugins(self) -> Path:
        return self.root / "plugins"

    @property
    def classes(self) -> Path:
        return self.root / "classes"

    @property
    def classpath(self) -> str:
        # Plugins are on the classpath too (as the Neo4j start script does): APOC registers its
        # extension factories through ServiceLoader, which only sees the classpath.
        return ":".join([f"{self.lib}/*", f"{self.plugins}/*", str(self.classes)])


def _digest() -> str:
    sha = hashlib.sha256(POM.read_bytes() + LAUNCHER.read_bytes())
    return sha.hexdigest()[:12]


def _require(tool: str, what_to_do: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"`{tool}` is not on PATH; the local Neo4j needs it"
        raise LocalServerError(message, hint=what_to_do)
    return path


def _run(command: list[str], step: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise LocalServerError(
            f"{step} failed (exit {result.returncode}):\n{tail}",
            hint="check that Maven Central is reachable (or set IDGRAPH_NEO4J_URI to use an "
            "existing Neo4j); re-run `idgraph db start` once fixed",
        )


def provision(data_dir: Path) -> Distribution:
    """Return the distribution for this checkout, fetching and compiling it if missing."""
    dist = Distribution(data_dir / f"neo4j-dist-{_digest()}")
    done = dist.root / ".complete"
    if done.exists():
        return dist
    java_hint = "install OpenJDK 17 (Debian: apt-get install openjdk-17-jdk-headless)"
    _require("java", java_hint)
    javac = _require("javac", java_hint)
    mvn = _require("mvn", "install Maven (Debian: apt-get install maven)")
    if dist.root.exists():
        shutil.rmtree(dist.root)  # an interrupted earlier attempt: start clean
    dist.root.mkdir(parents=True)
    common = [mvn, "-q", "-B", "-f", str(POM)]
    _run(
        [
            *common,
            "dependency:copy-dependencies",
            f"-DoutputDirectory={dist.lib}",
            "-DincludeScope=runtime",
            "-DexcludeGroupIds=org.neo4j.procedure",
        ],
        "downloading Neo4j from Maven Central",
    )
    _run(
        [
            *common,
            "dependency:copy-dependencies",
            f"-DoutputDirectory={dist.plugins}",
            "-DincludeGroupIds=org.neo4j.procedure",
            "-DexcludeTransitive=true",
        ],
        "downloading APOC core from Maven Central",
    )
    _run(
        [javac, "-cp", f"{dist.lib}/*", "-d", str(dist.classes), str(LAUNCHER)],
        "compiling the Neo4j launcher",
    )
    done.write_text("ok\n", encoding="utf-8")
    return dist
