"""The one Neo4j driver of a process, and the thin `Graph` handle the rest of the code uses.

Reads go through `execute_query` routed to readers; writes through managed transactions; the
database name is always passed so no call pays for home-database resolution.

The on-arrival resolution's two statements are a measured exception to that rule (the style
guide's): each goes in one round trip as an auto-commit statement (`read_one_trip`,
`write_one_trip`), retried here on transient errors as a managed transaction would be. Its
latency target is mostly round trips; at 1M, alternated twice, the region read's p50 fell from
7.9-9.0 to 5.9-6.6 ms and the write's from 8.0-8.5 to 6.8-6.9 ms (docs/performance.md)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
)

from graph.cypher import query
from idgraph.errors import GraphUnavailableError, QueryTimeoutError, RefusedWriteError
from idgraph.settings import Settings

__all__ = ["Graph", "connection_target", "open_graph"]


# A one-trip statement is tried this many times on transient errors (a deadlock, a leader
# switch), waiting ONE_TRIP_BACKOFF_S, then twice that, between tries, as a managed transaction
# would be retried.
ONE_TRIP_ATTEMPTS = 4
ONE_TRIP_BACKOFF_S = 0.05


@dataclass(frozen=True)
class ConnectionTarget:
    """Where to connect and as whom."""

    uri: str
    user: str
    password: str


def connection_target(settings: Settings) -> ConnectionTarget:
    """The external server when `IDGRAPH_NEO4J_URI` is set, else the local one."""
    if settings.neo4j_uri is not None:
        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        return ConnectionTarget(settings.neo4j_uri, settings.neo4j_user, password)
    from graph.server.local import LocalNeo4j  # local-only import: external setups never need it

    local = LocalNeo4j(settings)
    return ConnectionTarget(local.uri, "neo4j", local.password())


def _rows(keys: Sequence[str], records: Iterable[neo4j.Record]) -> list[dict[str, Any]]:
    """Rows as dicts. Statements return plain values (scalars, lists, maps and map projections),
    never nodes, so the driver's `Record.data()`, which walks every value looking for nodes to
    turn into dicts, is not needed: it took 4.6 s for a 50k-row page of the resolver's read,
    this 0.4 s (same rows)."""
    return [dict(zip(keys, record, strict=True)) for record in records]


class Graph:
    """A driver bound to one database. Statements are named files in `cypher/`."""

    def __init__(
        self, driver: neo4j.Driver, database: str, uri: str, read_timeout_s: float | None = None
    ) -> None:
        self.driver = driver
        self.database = database
        self.uri = uri
        self.read_timeout_s = read_timeout_s

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a read statement, routed to a reader, and return its rows as dicts.
        With a read timeout, Neo4j itself stops the query when it runs longer."""
        try:
            records, _, keys = self.driver.execute_query(
                self._statement(name), params, database_=self.database,
                routing_=RoutingControl.READ,
            )  # fmt: skip
        except ClientError as e:
            self._raise_if_timed_out(e)
            raise
        return _rows(keys, records)

    def read_one_trip(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """`read` in one round trip: an auto-commit statement, whose RUN and PULL go together,
        where `execute_query`'s transaction adds a COMMIT trip (0.3-1 ms at the median, up to
        2 ms at p95 here). For on-arrival resolution, whose latency is mostly round trips."""
        try:
            return self._one_trip(self._statement(name), params, neo4j.READ_ACCESS)
        except ClientError as e:
            self._raise_if_timed_out(e)
            raise

    def write_one_trip(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """`write` in one round trip (see `read_one_trip`): one statement, one transaction."""
        return self._one_trip(query(name), params, neo4j.WRITE_ACCESS)

    def _one_trip(
        self, statement: str | neo4j.Query, params: dict[str, Any], mode: str
    ) -> list[dict[str, Any]]:
        """An auto-commit statement, retried on transient errors like a managed transaction,
        and causally chained with every other call through the driver's bookmark manager (in a
        cluster the arrival's read sees the record its load just wrote)."""
        tries = 0
        while True:
            try:
                with self.driver.session(
                    database=self.database, default_access_mode=mode,
                    bookmark_manager=self.driver.execute_query_bookmark_manager,
                ) as session:  # fmt: skip
                    result = session.run(statement, params)
                    return _rows(result.keys(), result)
            except (Neo4jError, DriverError) as e:
                tries += 1
                if not e.is_retryable() or tries == ONE_TRIP_ATTEMPTS:
                    if isinstance(e, Neo4jError):
                        _raise_if_refused(e)
                    raise
                time.sleep(ONE_TRIP_BACKOFF_S * 2 ** (tries - 1))

    def _statement(self, name: str) -> str | neo4j.Query:
        text = query(name)
        return neo4j.Query(text, timeout=self.read_timeout_s) if self.read_timeout_s else text

    def _raise_if_timed_out(self, error: ClientError) -> None:
        """A read stopped by the read timeout becomes the project's error (the caller re-raises
        any other error as it came)."""
        if "TransactionTimedOut" in (error.code or ""):
            raise QueryTimeoutError(
                f"the query ran longer than {self.read_timeout_s:g} s and was stopped",
                hint="narrow it (fewer hops, a shorter time window, more criteria)",
            ) from error

    def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run one write statement in a managed (retried) transaction and return its rows.
        Batched writes pass their rows as `rows=[...]` to an `UNWIND $rows AS row` statement."""
        try:
            records, _, keys = self.driver.execute_query(
                query(name), params, database_=self.database, routing_=RoutingControl.WRITE
            )
        except (ClientError, DatabaseError) as e:
            _raise_if_refused(e)
            raise
        return _rows(keys, records)

    def write_autocommit(self, name: str, **params: Any) -> None:
        """Run a statement that batches itself (`CALL {...} IN TRANSACTIONS`), which Neo4j only
        allows in an auto-commit transaction."""
        with self.driver.session(database=self.database) as session:
            session.run(query(name), params).consume()


# "... too large to index ... Index( id=31, name='subject_fin', type='RANGE', schema=(:Subject
# {fin_norm}), ..." (Neo4j 5.26; the code, Neo.DatabaseError.Statement.ExecutionFailed, is
# shared with failures of every kind, so the message is what tells this one apart).
_TOO_LARGE = re.compile(r"too large to index.*?schema=\(:(\w+) \{([^}]*)\}\)", re.DOTALL)


def _raise_if_refused(error: Neo4jError) -> None:
    """Raise RefusedWriteError when the data written (not the statement or the server) is why
    Neo4j failed the write; return otherwise, for the caller to re-raise the error as it came."""
    message = error.message or ""
    refusal = None
    if error.code == "Neo.ClientError.Schema.ConstraintValidationFailed":
        refusal = f"a uniqueness rule refused it: {message.splitlines()[0] if message else ''}"
    elif too_large := _TOO_LARGE.search(message):
        label, props = too_large.groups()
        refusal = f"a value is too large for Neo4j to index ({label}.{props.strip()})"
    if refusal is not None:
        raise RefusedWriteError(refusal, hint="correct the value and write it again") from error


@contextmanager
def open_graph(settings: Settings, *, read_timeout_s: float | None = None) -> Iterator[Graph]:
    """Open the process's driver, check it can reach Neo4j, close it on exit. Reads are stopped
    by Neo4j after `read_timeout_s` when given (the API's; batch jobs read without a limit)."""
    target = connection_target(settings)
    driver = GraphDatabase.driver(
        target.uri,
        auth=(target.user, target.password),
        connection_timeout=settings.neo4j_connect_timeout_s,
        # Server notifications (unknown label on an empty graph...) are not errors; they would
        # otherwise be logged on every query.
        notifications_min_severity="OFF",
    )
    try:
        try:
            driver.verify_connectivity()
        except AuthError as e:
            raise GraphUnavailableError(
                f"Neo4j at {target.uri} refused the credentials of user {target.user!r}",
                hint="check IDGRAPH_NEO4J_USER / IDGRAPH_NEO4J_PASSWORD",
            ) from e
        except (ServiceUnavailable, OSError) as e:
            hint = (
                "start the local one with `idgraph db start` (or `make demo`)"
                if settings.uses_local_neo4j
                else "check that the server runs and IDGRAPH_NEO4J_URI is right"
            )
            raise GraphUnavailableError(f"cannot reach Neo4j at {target.uri}", hint=hint) from e
        yield Graph(driver, settings.neo4j_database, target.uri, read_timeout_s)
    finally:
        driver.close()
