"""The CLI as a person meets it: help on every command, expected faults without tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

IDGRAPH = Path(sys.executable).parent / "idgraph"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(IDGRAPH), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    "command", [[], ["db"], ["db", "start"], ["db", "stop"], ["db", "status"], ["db", "migrate"]]
)
def test_help_on_every_command(command: list[str]) -> None:
    result = _run(*command, "--help")
    assert result.returncode == 0
    assert "Usage" in result.stdout


def test_unreachable_neo4j_is_a_clear_error_not_a_traceback() -> None:
    result = _run("db", "migrate", IDGRAPH_NEO4J_URI="bolt://127.0.0.1:1")
    assert result.returncode == 9
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in result.stderr
    assert "what to do" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_start_with_external_server_says_local_is_not_needed() -> None:
    result = _run("db", "start", IDGRAPH_NEO4J_URI="bolt://127.0.0.1:1")
    assert "not needed" in result.stdout
    assert result.returncode == 9  # and then reports that the external server is unreachable


def test_a_reject_file_that_is_an_input_is_refused_before_anything_is_read(
    tmp_path: Path,
) -> None:
    data = tmp_path / "rejects.jsonl"
    data.write_text('{"kind": "subject"}\n', encoding="utf-8")
    for args in (["--rejects", str(data), str(data)], [str(data.name)]):
        result = subprocess.run(
            [str(IDGRAPH), "load", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,  # the default reject file, rejects.jsonl, is then the input
            env={**os.environ, "IDGRAPH_NEO4J_URI": "bolt://127.0.0.1:1"},
            check=False,
            timeout=60,
        )
        assert result.returncode == 2, result.stderr
        said = " ".join(result.stderr.split())  # rich wraps long lines
        assert "is also an input: writing rejects would erase it" in said
        assert data.read_text(encoding="utf-8") == '{"kind": "subject"}\n'


def test_a_reject_file_that_is_a_directory_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "subjects.jsonl"
    data.write_text('{"kind": "subject"}\n', encoding="utf-8")
    result = _run(
        "load", "--rejects", str(tmp_path), str(data), IDGRAPH_NEO4J_URI="bolt://127.0.0.1:1"
    )
    assert result.returncode == 2
    said = " ".join(result.stderr.split())
    assert "is a directory" in said and "Traceback" not in said


def test_the_summary_says_how_many_held_references_it_does_not_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from idgraph.cli.load import _print_summary
    from loaders import LoadSummary
    from loaders.writer import HeldLink

    held = [HeldLink("case_subject", f"C-{n}", f"S-{n}", "2026-11-23T00:00:00Z") for n in range(8)]
    _print_summary(LoadSummary("b1", loaded=8, held=held), Path("rejects.jsonl"), 1.0)
    said = " ".join(capsys.readouterr().err.split())
    assert said.count("held case_subject") == 5
    assert "and 3 more (PendingLink nodes; docs/operations.md)" in said
