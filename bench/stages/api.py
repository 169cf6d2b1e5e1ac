"""Stage: the GraphQL API over HTTP. Starts `idgraph serve` on 127.0.0.1 against the bench Neo4j,
mints tokens with `idgraph token`, and drives nameCheck, matchPerson, suspects and shortestPath
with a bounded asyncio client; stops the server it started (by its pid) at the end."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.api_load import CLIENT_TIMEOUT_S, run_load
from bench.data import RunData
from bench.stages import not_available

__all__ = ["API_FIGURES", "NAME_CHECK_RATE", "run_api"]

# The name-check target is a latency at a throughput: measured open loop at this fixed rate (a
# request's latency runs from when it was due), beside the closed-loop most-it-can-do figure.
NAME_CHECK_RATE = 200
NAME_CHECK_AT_RATE = f"nameCheck_at_{NAME_CHECK_RATE}_per_s"
API_FIGURES = ("nameCheck", NAME_CHECK_AT_RATE, "matchPerson", "suspects", "shortestPath")
# Operations with fewer concurrent clients than the rest. A suspects search scans every readable
# subject (about 1 s of a core at 200k subjects): it is an investigator's interactive query, a
# few at a time, not a system's stream; 16 at once on 2 cores queue past the client timeout.
CONCURRENCY = {"suspects": 2}

HOST, PORT = "127.0.0.1", 18097  # loopback only; a port of its own beside the demo's 8000
NAME_CHECK = Path("api/documents/name_check.graphql")
MATCH = (
    "query M($f: String, $l: String, $d: String) { matchPerson(firstName: $f, lastName: $l, "
    "dob: $d) { entityId recordId score reasons } }"
)
SUSPECTS = (
    "query S($d: SuspectDescription!) { suspects(description: $d) "
    "{ entityId recordId score reasons } }"
)
PATH = (
    "query P($a: String!, $b: String!) { shortestPath(fromId: $a, toId: $b) "
    "{ nodes { id type } edges { type source target } } }"
)


def _idgraph(root: Path) -> Path:
    return root / ".venv" / "bin" / "idgraph"


def _has_commands(root: Path, env: dict[str, str]) -> str | None:
    proc = subprocess.run(  # noqa: S603 - our own CLI
        [str(_idgraph(root)), "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )
    missing = [c for c in ("serve", "token") if f" {c} " not in proc.stdout]
    return f"`idgraph {' / '.join(missing)}` does not exist yet" if missing else None


def _token(root: Path, env: dict[str, str], role: str, compartments: str) -> str:
    proc = subprocess.run(  # noqa: S603 - our own CLI
        [
            str(_idgraph(root)),
            "token",
            "--role",
            role,
            "--compartments",
            compartments,
            "--purpose",
            "benchmark",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=True,
    )
    return proc.stdout.strip().splitlines()[-1]


@contextmanager
def _server(root: Path, env: dict[str, str], log: Path) -> Iterator[str]:
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 - our own CLI, loopback only
            [str(_idgraph(root)), "serve"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=root,
            start_new_session=True,
        )
    base = f"http://{HOST}:{PORT}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"idgraph serve exited with {proc.returncode}; see {log}")
            try:
                if httpx.get(base + "/health", timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError(f"idgraph serve did not answer within 90 s; see {log}")
        yield base + "/graphql"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the session we started, and its workers
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def _subjects(data: RunData, limit: int = 500) -> list[dict[str, Any]]:
    out = []
    with data.subjects.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("first_name") and rec.get("last_name") and len(rec.get("dob") or "") == 10:
                out.append(rec)
                if len(out) >= limit:
                    break
    return out


def _paths(data: RunData, limit: int = 200) -> list[dict[str, Any]]:
    out = []
    with (data.root / "cases.jsonl").open(encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            if case.get("subjects") and case.get("protectee_ids"):
                out.append({"a": case["subjects"][0]["record_id"], "b": case["protectee_ids"][0]})
                if len(out) >= limit:
                    break
    return out


def _bodies(root: Path, data: RunData) -> dict[str, list[dict[str, Any]]]:
    people = _subjects(data)
    text = (root / NAME_CHECK).read_text(encoding="utf-8")
    doc_id = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    return {
        "nameCheck": [
            {
                "documentId": doc_id,
                "variables": {
                    "firstName": p["first_name"],
                    "lastName": p["last_name"],
                    "dob": p["dob"],
                    "gender": p.get("gender"),
                },
            }
            for p in people
        ],
        "matchPerson": [
            {
                "query": MATCH,
                "variables": {"f": p["first_name"], "l": p["last_name"], "d": p["dob"]},
            }
            for p in people
        ],
        "suspects": [
            {
                "query": SUSPECTS,
                "variables": {
                    "d": {
                        "gender": p.get("gender"),
                        "ageMin": 20 + n % 40,
                        "ageMax": 35 + n % 40,
                        "state": "DC" if n % 2 else "NY",
                    }
                },
            }
            for n, p in enumerate(people)
        ],
        "shortestPath": [{"query": PATH, "variables": v} for v in _paths(data)],
    }


def run_api(
    root: Path,
    data: RunData,
    neo4j_env: dict[str, str],
    *,
    concurrency: int = 16,
    requests: int = 2000,
    seconds: float = 20.0,
) -> dict[str, Any]:
    env = {
        **os.environ,
        **neo4j_env,
        "IDGRAPH_API_HOST": HOST,
        "IDGRAPH_API_PORT": str(PORT),
        "IDGRAPH_API_WORKERS": "2",  # one per core
        # Neo4j stops a query when the client gives up on it, so an operation whose requests
        # time out does not leave the server busy for the next one.
        "IDGRAPH_API_QUERY_TIMEOUT_S": str(CLIENT_TIMEOUT_S),
    }
    missing = _has_commands(root, env)
    if missing:
        return not_available(missing)
    try:
        tokens = {"nameCheck": _token(root, env, "name_check_system", "PTMS,UDLB")}
        analyst = _token(root, env, "pid_analyst", "PTMS,UDLB,IDENT,CPMS,PARTNER")
    except subprocess.CalledProcessError as e:
        return not_available(f"`idgraph token` failed: {(e.stderr or '').strip()[:200]}")
    bodies = _bodies(root, data)
    figures: dict[str, Any] = {"status": "ok", "concurrency": concurrency, "workers": 2}
    try:
        with _server(root, env, data.root / "serve.log") as url:
            for op, op_bodies in bodies.items():
                if not op_bodies:
                    figures[op] = not_available("no sample inputs in the data")
                    continue
                clients = min(concurrency, CONCURRENCY.get(op, concurrency))
                result = run_load(
                    url,
                    tokens.get(op, analyst),
                    op_bodies,
                    concurrency=clients,
                    requests=requests,
                    seconds=seconds,
                )
                figures[op] = {**result.figures(), "clients": clients}
                if result.errors:
                    time.sleep(CLIENT_TIMEOUT_S)  # the last timed-out queries end by then
            fixed_rate = run_load(
                url,
                tokens["nameCheck"],
                bodies["nameCheck"],
                concurrency=concurrency,
                requests=int(NAME_CHECK_RATE * seconds),
                seconds=seconds,
                rate=NAME_CHECK_RATE,
            )
            figures[NAME_CHECK_AT_RATE] = fixed_rate.figures()
    except RuntimeError as e:
        return not_available(str(e))
    return figures
