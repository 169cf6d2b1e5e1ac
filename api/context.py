"""Per-request context: the graph, the verified caller, what they may read, and what was
disclosed to them (for the audit). Reads run the sync driver in a worker thread, never on the
event loop: `anyio.to_thread` keeps `async def` resolvers non-blocking, and the one sync driver
(thread-safe, pooled) stays the process's only driver."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
from strawberry.dataloader import DataLoader

from api.auth import Caller
from graph.driver import Graph
from idgraph.settings import Settings

__all__ = ["RequestContext", "read", "write"]


async def read(graph: Graph, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run a read statement off the event loop."""
    return await anyio.to_thread.run_sync(functools.partial(graph.read, name, **params))


async def write(graph: Graph, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run a write statement off the event loop."""
    return await anyio.to_thread.run_sync(functools.partial(graph.write, name, **params))


@dataclass
class RequestContext:
    """What every resolver gets as `info.context`."""

    graph: Graph
    settings: Settings
    caller: Caller
    disclosed: set[str] = field(default_factory=set)
    operations: list[str] = field(default_factory=list)
    identities: DataLoader[str, dict[str, Any] | None] = field(init=False)

    def __post_init__(self) -> None:
        # One loader per request: batching across resolvers, caching never across callers.
        self.identities = DataLoader(load_fn=self._load_identities)

    @property
    def access(self) -> dict[str, Any]:
        """The access parameters every API statement takes (docs/model.md, Access)."""
        policy = self.caller.policy
        return {
            "compartments": self.caller.effective_compartments,
            "may_see_protected": policy.see_protected,
            "may_see_retired": policy.see_retired,
            # None: not branch-scoped. Otherwise only that branch's incidents and their people.
            "scope_branch": self.caller.branch,
        }

    def visible(self, type_name: str) -> frozenset[str]:
        """GraphQL fields of `type_name` this caller's role may see."""
        return self.caller.policy.fields.get(type_name, frozenset())

    def disclose(self, *ids: str | None) -> None:
        """Note ids whose data leaves in this response (the audit records them)."""
        self.disclosed.update(i for i in ids if i)

    async def _load_identities(self, ids: list[str]) -> list[dict[str, Any] | None]:
        rows = await read(self.graph, "api/identities", ids=list(dict.fromkeys(ids)), **self.access)
        by_id = {row["entity_id"]: row for row in rows}
        return [by_id.get(i) for i in ids]
