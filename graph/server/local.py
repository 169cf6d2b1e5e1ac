"""Start, watch and stop the local Neo4j process (the embedded default).

Only the process recorded in this instance's pid file, whose command line names this instance's
home, is ever signalled: `db stop` must never end a process it did not start."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph.server.provision import Distribution, provision
from idgraph.errors import LocalServerError
from idgraph.settings import Settings

__all__ = ["LocalNeo4j", "ServerStatus"]

READY_LINE = "idgraph-neo4j ready"


@dataclass(frozen=True)
class ServerStatus:
    """What `db status` reports."""

    running: bool
    pid: int | None
    uri: str
    home: Path


class LocalNeo4j:
    """One local Neo4j instance under `settings.local_home`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.local_home
        self.port = settings.local_bolt_port
        self.uri = f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "neo4j.out"

    def password(self) -> str:
        """The generated local password (created on first use, readable by this user only)."""
        path = self.home / "password"
        if not path.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        return path.read_text(encoding="utf-8").strip()

    def status(self) -> ServerStatus:
        pid = self._our_pid()
        return ServerStatus(pid is not None and self._bolt_answers(), pid, self.uri, self.home)

    def start(self) -> ServerStatus:
        """Start the instance unless it runs; return once Bolt answers."""
        current = self.status()
        if current.running:
            return current
        if current.pid is not None:
            # Our process is alive but not answering yet (a start in progress): wait for it.
            return self._wait_until_ready(current.pid)
        if not self._port_free():
            raise LocalServerError(
                f"port {self.port} on 127.0.0.1 is taken by another process",
                hint="stop that process or choose another port: IDGRAPH_LOCAL_BOLT_PORT=7688",
            )
        dist = provision(self.settings.data_dir)
        conf = self.write_conf(dist)
        command = [
            "java",
            f"-Xms{self.settings.local_heap}",
            f"-Xmx{self.settings.local_heap}",
            "-XX:+UseG1GC",
            "-cp",
            dist.classpath,
            "Launcher",
            str(self.home),
            str(conf),
        ]
        env = {**os.environ, "IDGRAPH_NEO4J_PASSWORD": self.password()}
        with self.log_file.open("wb") as log:
            process = subprocess.Popen(  # noqa: S603
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.home,
                start_new_session=True,  # survives the CLI that started it
            )
        self.pid_file.write_text(str(process.pid), encoding="utf-8")
        return self._wait_until_ready(process.pid)

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stop the instance this project started; False when none was running."""
        pid = self._our_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)  # the launcher's shutdown hook closes the stores cleanly
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def write_conf(self, dist: Distribution) -> Path:
        """Write this instance's neo4j.conf (also read by the offline importer); return it."""
        self.home.mkdir(parents=True, exist_ok=True)
        conf = self.home / "neo4j.conf"
        conf.write_text(
            "\n".join(
                [
                    "server.bolt.enabled=true",
                    f"server.bolt.listen_address=127.0.0.1:{self.port}",
                    f"server.bolt.advertised_address=127.0.0.1:{self.port}",
                    "dbms.security.auth_enabled=true",
                    f"server.directories.plugins={dist.plugins}",
                    "dbms.security.procedures.unrestricted=apoc.*",
                    f"server.memory.pagecache.size={self.settings.local_pagecache}",
                    # Keep transaction logs bounded: bulk loads would otherwise fill the disk.
                    "db.tx_log.rotation.retention_policy=2 files",
                    "dbms.usage_report.enabled=false",
                    # Plan once per statement, not once per size of its list and string
                    # parameters: by default Neo4j keys its plan cache by their sizes (lists of
                    # 0, 1, 2-10, 11-100... items), so the on-arrival write recompiled (150-500
                    # ms) whenever a region brought a new combination of sizes. Off, the write's
                    # p99 at 1M fell from 251-429 to 77-160 ms (docs/performance.md). An
                    # internal setting of 5.26 (GraphDatabaseInternalSettings.
                    # cypher_size_hint_parameters): recheck it when the pinned version changes.
                    "internal.cypher.use_parameter_size=false",
                    "",
                ]
            ),
            encoding="utf-8",
        )
        return conf

    def _wait_until_ready(self, pid: int) -> ServerStatus:
        deadline = time.monotonic() + self.settings.local_start_timeout_s
        while time.monotonic() < deadline:
            if not _alive(pid):
                self.pid_file.unlink(missing_ok=True)
                raise LocalServerError(
                    f"the local Neo4j exited while starting; last lines of {self.log_file}:\n"
                    + self._log_tail(),
                    hint="fix the cause shown above and run `idgraph db start` again",
                )
            if self._ready_logged() and self._bolt_answers():
                return ServerStatus(True, pid, self.uri, self.home)
            time.sleep(0.25)
        raise LocalServerError(
            f"the local Neo4j did not answer on {self.uri} within "
            f"{self.settings.local_start_timeout_s:.0f} s",
            hint=f"see {self.log_file}; raise IDGRAPH_LOCAL_START_TIMEOUT_S on a slow machine",
        )

    def _ready_logged(self) -> bool:
        try:
            return READY_LINE in self.log_file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return False

    def _log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log)"
        useful = [ln for ln in text.splitlines() if not ln.lstrip().startswith("at ")]
        return "\n".join(useful[-lines:])

    def _our_pid(self) -> int | None:
        """The pid in our pid file, if that process is alive and is this instance's launcher."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return None
        ours = b"Launcher" in cmdline and str(self.home).encode() in cmdline
        return pid if ours else None

    def _bolt_answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def _port_free(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            # As the server itself does: connections of an earlier run lingering in TIME_WAIT do
            # not make the port taken, only a listener does.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", self.port))
            except OSError:
                return False
        return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped) counts as gone.
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
