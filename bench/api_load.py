"""A bounded asyncio load client: N concurrent workers send GraphQL requests over loopback
until a request count or a time limit is reached, whichever comes first."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.stats import latency_summary

__all__ = ["LoadResult", "run_load"]


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None
    seconds: float = 0.0

    def figures(self) -> dict[str, Any]:
        ok = len(self.latencies)
        out: dict[str, Any] = latency_summary(self.latencies)
        out["errors"] = self.errors
        out["requests_per_s"] = round(ok / self.seconds, 1) if self.seconds else 0.0
        if self.first_error:
            out["first_error"] = self.first_error[:300]
        return out


async def _worker(
    client: httpx.AsyncClient,
    url: str,
    token: str,
    bodies: Any,
    result: LoadResult,
    remaining: list[int],
    deadline: float,
) -> None:
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/graphql-response+json"}
    while remaining[0] > 0 and time.monotonic() < deadline:
        remaining[0] -= 1
        body = next(bodies)
        t0 = time.perf_counter()
        try:
            response = await client.post(url, json=body, headers=headers)
            elapsed = time.perf_counter() - t0
            payload = response.json()
        except (httpx.HTTPError, ValueError) as e:
            result.errors += 1
            result.first_error = result.first_error or repr(e)
            continue
        if response.status_code != 200 or payload.get("errors"):
            result.errors += 1
            result.first_error = result.first_error or f"{response.status_code} {payload}"
            continue
        result.latencies.append(elapsed)


async def _run(
    url: str,
    token: str,
    bodies: Sequence[dict[str, Any]],
    concurrency: int,
    requests: int,
    seconds: float,
    warmup: int,
) -> LoadResult:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=10.0, limits=limits) as client:
        cycle = itertools.cycle(bodies)
        await _gather(
            client, url, token, cycle, LoadResult(), warmup, min(5.0, seconds), concurrency
        )
        result = LoadResult()
        t0 = time.perf_counter()
        await _gather(client, url, token, cycle, result, requests, seconds, concurrency)
        result.seconds = time.perf_counter() - t0
        return result


async def _gather(
    client: httpx.AsyncClient,
    url: str,
    token: str,
    bodies: Any,
    result: LoadResult,
    requests: int,
    seconds: float,
    concurrency: int,
) -> None:
    remaining = [requests]
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(
            _worker(client, url, token, bodies, result, remaining, deadline)
            for _ in range(concurrency)
        )
    )


def run_load(
    url: str,
    token: str,
    bodies: Sequence[dict[str, Any]],
    *,
    concurrency: int = 16,
    requests: int = 2000,
    seconds: float = 20.0,
    warmup: int = 50,
) -> LoadResult:
    """Send up to `requests` requests (after `warmup` unmeasured ones) from `concurrency`
    clients for at most `seconds`; every request goes to `url` (loopback)."""
    return asyncio.run(_run(url, token, bodies, concurrency, requests, seconds, warmup))
