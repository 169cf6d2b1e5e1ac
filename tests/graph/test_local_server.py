"""The local Neo4j launcher's safety rules (no server is started by these tests)."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from graph.server import LocalNeo4j
from idgraph.errors import LocalServerError
from idgraph.settings import Settings


def _local(tmp_path: Path, port: int = 17999) -> LocalNeo4j:
    return LocalNeo4j(Settings(data_dir=tmp_path, local_instance="probe", local_bolt_port=port))


def test_stop_never_ends_a_process_it_did_not_start(tmp_path: Path) -> None:
    stranger = subprocess.Popen(["sleep", "30"])
    try:
        server = _local(tmp_path)
        server.home.mkdir(parents=True)
        server.pid_file.write_text(str(stranger.pid))  # a pid file pointing at someone else
        assert server.stop() is False
        assert stranger.poll() is None  # still running
    finally:
        stranger.kill()
        stranger.wait()


def test_port_taken_is_reported_with_what_to_do(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(LocalServerError) as caught:
            _local(tmp_path, port).start()
    assert f"port {port}" in caught.value.message
    assert "IDGRAPH_LOCAL_BOLT_PORT" in caught.value.hint


def test_status_of_a_never_started_instance(tmp_path: Path) -> None:
    status = _local(tmp_path).status()
    assert status.running is False
    assert status.pid is None


def test_local_password_is_generated_private_and_stable(tmp_path: Path) -> None:
    server = _local(tmp_path)
    first = server.password()
    assert len(first) >= 24
    assert (server.home / "password").stat().st_mode & 0o077 == 0
    assert server.password() == first
