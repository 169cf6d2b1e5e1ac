"""A bounded asyncio load client over loopback, in two modes:

- **closed loop** (`rate=None`): N connections each send the next request as soon as the last
  answer arrived, until a request count or a time limit; gives the most the service can do;
- **open loop** (`rate=R`): requests are due at fixed times, R a second, whatever the service
  does; a request's latency runs from when it was due, so time spent waiting for a free
  connection counts (no coordinated omission). This is how "p95 at 200 requests a second" is
  measured.

The client speaks HTTP/1.1 keep-alive on raw asyncio streams with each request pre-encoded:
on a 2-core machine the client shares the cores with the server, so it must cost next to
nothing (a general HTTP client library spent more CPU per request than the server's query)."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bench.machine import cpu_sample, steal_pct
from bench.stats import latency_summary

__all__ = ["CLIENT_TIMEOUT_S", "LoadResult", "run_load"]

CLIENT_TIMEOUT_S = 10.0  # a request unanswered by then counts as an error


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None
    seconds: float = 0.0
    cpu_steal_pct: float | None = None  # of the measured window (bench.machine.steal_pct)

    def figures(self) -> dict[str, Any]:
        ok = len(self.latencies)
        out: dict[str, Any] = latency_summary(self.latencies)
        out["errors"] = self.errors
        out["requests_per_s"] = round(ok / self.seconds, 1) if self.seconds else 0.0
        out["cpu_steal_pct"] = self.cpu_steal_pct
        if self.first_error:
            out["first_error"] = self.first_error[:300]
        return out

    def fail(self, why: str) -> None:
        self.errors += 1
        self.first_error = self.first_error or why


def _encode(url: str, token: str, body: dict[str, Any]) -> bytes:
    parts = urlsplit(url)
    payload = json.dumps(body).encode("utf-8")
    head = (
        f"POST {parts.path or '/'} HTTP/1.1\r\n"
        f"Host: {parts.netloc}\r\n"
        f"Authorization: Bearer {token}\r\n"
        "Accept: application/graphql-response+json\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode("ascii") + payload


class _Connection:
    """One keep-alive connection; `send` returns (status, body)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, url: str) -> _Connection:
        parts = urlsplit(url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        return cls(reader, writer)

    async def send(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def _one(
    url: str, conn: _Connection, request: bytes, due: float, result: LoadResult
) -> _Connection:
    """Send one request, record its latency or error; return a usable connection (a new one
    when this one broke)."""
    try:
        status, body = await asyncio.wait_for(conn.send(request), CLIENT_TIMEOUT_S)
        elapsed = time.perf_counter() - due
        payload = json.loads(body)
    except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError) as e:
        result.fail(repr(e))
        conn.close()
        return await _Connection.open(url)
    if status != 200 or payload.get("errors"):
        result.fail(f"{status} {payload}")
    else:
        result.latencies.append(elapsed)
    return conn


async def _closed(
    url: str, conns: list[_Connection], requests: Iterator[bytes], count: int, seconds: float
) -> LoadResult:
    result = LoadResult()
    remaining = [count]
    deadline = time.monotonic() + seconds

    async def worker(n: int) -> None:
        while remaining[0] > 0 and time.monotonic() < deadline:
            remaining[0] -= 1
            conns[n] = await _one(url, conns[n], next(requests), time.perf_counter(), result)

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(len(conns))))
    result.seconds = time.perf_counter() - t0
    return result


async def _open(
    url: str,
    conns: list[_Connection],
    requests: Iterator[bytes],
    count: int,
    seconds: float,
    rate: float,
) -> LoadResult:
    result = LoadResult()
    idle: asyncio.Queue[_Connection] = asyncio.Queue()
    for conn in conns:
        idle.put_nowait(conn)
    total = min(count, int(rate * seconds))
    t0 = time.perf_counter()

    async def request(n: int) -> None:
        due = t0 + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        conn = await idle.get()  # waiting here counts: latency runs from `due`
        idle.put_nowait(await _one(url, conn, next(requests), due, result))

    await asyncio.gather(*(request(n) for n in range(total)))
    result.seconds = time.perf_counter() - t0
    return result


async def _run(
    url: str,
    token: str,
    bodies: Sequence[dict[str, Any]],
    concurrency: int,
    requests: int,
    seconds: float,
    warmup: int,
    rate: float | None,
) -> LoadResult:
    encoded = [_encode(url, token, b) for b in bodies]
    cycle = itertools.cycle(encoded)
    conns = [await _Connection.open(url) for _ in range(concurrency)]
    try:
        await _closed(url, conns, cycle, warmup, min(5.0, seconds))
        before = cpu_sample()
        if rate is None:
            result = await _closed(url, conns, cycle, requests, seconds)
        else:
            result = await _open(url, conns, cycle, requests, seconds, rate)
        result.cpu_steal_pct = steal_pct(before, cpu_sample())
        return result
    finally:
        for conn in conns:
            conn.close()


def run_load(
    url: str,
    token: str,
    bodies: Sequence[dict[str, Any]],
    *,
    concurrency: int = 16,
    requests: int = 2000,
    seconds: float = 20.0,
    warmup: int = 50,
    rate: float | None = None,
) -> LoadResult:
    """Send up to `requests` requests (after `warmup` unmeasured ones) over `concurrency`
    keep-alive connections for at most `seconds`: as fast as answered, or `rate` a second."""
    return asyncio.run(_run(url, token, bodies, concurrency, requests, seconds, warmup, rate))
