"""Link analysis: shortest path, k-hop neighbourhood, common connections. The access filter is
inside each statement, over every node of every path."""

from __future__ import annotations

from typing import Any

import strawberry

from api.context import RequestContext, read
from api.schema.inputs import gql_error
from graph.vocabulary import Label
from idgraph.errors import InputError

__all__ = ["LinksQuery"]

Info = strawberry.Info[RequestContext, None]

# Key property per label (docs/model.md); what a caller names a node by.
_KEYS = {
    Label.SUBJECT: "record_id",
    Label.IDENTITY: "entity_id",
    Label.CASE: "case_id",
    Label.INCIDENT: "incident_id",
    Label.PROTECTEE: "protectee_id",
    Label.ENCOUNTER: "encounter_id",
    Label.ADDRESS: "address_key",
    Label.PHONE: "e164",
    Label.IDENTIFIER: "id_key",
    Label.PARTNER_REQUEST: "request_id",
    Label.PARTNER_RESPONSE: "response_id",
}
MAX_PATH_HOPS = 6  # the statement's fixed bound; Cypher cannot take it as a parameter
MAX_NEIGHBOURHOOD_HOPS = 3
NEIGHBOURHOOD_PATHS = 2000  # bounds the work and the answer of a dense neighbourhood


@strawberry.type
class GraphNode:
    id: str
    type: str
    label: str | None


@strawberry.type
class GraphEdge:
    type: str
    source: str
    target: str


@strawberry.type
class Subgraph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


@strawberry.type
class Connection:
    node: GraphNode
    via_records_a: list[str]
    via_records_b: list[str]


def _node(row: dict[str, Any], ctx: RequestContext) -> GraphNode:
    label = next((lb for lb in row["_labels"] if lb in _KEYS), row["_labels"][0])
    key = str(row.get(_KEYS.get(Label(label), "")) or "") if label in _KEYS else ""
    return GraphNode(id=key, type=label, label=_caption(label, row, ctx))


def _caption(label: str, row: dict[str, Any], ctx: RequestContext) -> str | None:
    """A human caption, only from fields the role may see."""
    if label == Label.SUBJECT:
        if "lastName" not in ctx.visible("Subject"):
            return None
        return " ".join(str(row[k]) for k in ("first_name", "last_name") if row.get(k))
    captions = {
        Label.CASE: row.get("case_number") if "caseNumber" in ctx.visible("Case") else None,
        Label.INCIDENT: row.get("incident_type")
        if "incidentType" in ctx.visible("Incident")
        else None,
        Label.PROTECTEE: row.get("name"),
        Label.ADDRESS: ", ".join(str(row[k]) for k in ("street", "city", "state") if row.get(k)),
        Label.IDENTIFIER: row.get("type"),
    }
    value = captions.get(Label(label)) if label in _KEYS else None
    return str(value) if value else None


def _subgraph(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], ctx: RequestContext
) -> Subgraph:
    by_eid = {n["_eid"]: _node(n, ctx) for n in nodes}
    ctx.disclose(*(n.id for n in by_eid.values()))
    return Subgraph(
        nodes=list(by_eid.values()),
        edges=[
            GraphEdge(type=e["type"], source=by_eid[e["start"]].id, target=by_eid[e["end"]].id)
            for e in edges
            if e["start"] in by_eid and e["end"] in by_eid
        ],
    )


def _types(types: list[str]) -> list[str]:
    try:
        return [Label(t).value for t in types]
    except ValueError as e:
        raise gql_error(InputError(f"types: use labels of docs/model.md, e.g. {Label.CASE}")) from e


@strawberry.type
class LinksQuery:
    # Shortest readable path between two nodes (max 6 hops).
    @strawberry.field
    async def shortest_path(
        self, info: Info, from_id: str, to_id: str, max_hops: int = 6
    ) -> Subgraph | None:
        ctx = info.context
        if not 1 <= max_hops <= MAX_PATH_HOPS:
            raise gql_error(InputError(f"maxHops must be 1..{MAX_PATH_HOPS}"))
        if from_id == to_id:
            # Neo4j refuses a shortest path from a node to itself (it was an internal error);
            # said before any read, so the answer is the same for every id
            raise gql_error(InputError("fromId and toId are the same: name two nodes"))
        rows = await read(
            ctx.graph,
            "api/shortest_path",
            from_id=from_id,
            to_id=to_id,
            max_hops=max_hops,
            **ctx.access,
        )
        if not rows:
            return None
        return _subgraph(rows[0]["nodes"], rows[0]["edges"], ctx)

    # Readable nodes within `hops` (<= 3) of a node.

    @strawberry.field
    async def neighbourhood(
        self, info: Info, id: str, hops: int = 1, types: list[str] | None = None
    ) -> Subgraph:
        ctx = info.context
        if not 1 <= hops <= MAX_NEIGHBOURHOOD_HOPS:
            raise gql_error(InputError(f"hops must be 1..{MAX_NEIGHBOURHOOD_HOPS}"))
        rows = await read(
            ctx.graph,
            "api/neighbourhood",
            id=id,
            hops=hops,
            types=_types(types or []),
            cap=NEIGHBOURHOOD_PATHS,
            **ctx.access,
        )
        if not rows:
            return Subgraph(nodes=[], edges=[])
        return _subgraph(rows[0]["nodes"], rows[0]["edges"], ctx)

    # Addresses, phones, identifiers, incidents, cases two share.

    @strawberry.field
    async def common_connections(
        self, info: Info, identity_a: str, identity_b: str, limit: int = 100
    ) -> list[Connection]:
        ctx = info.context
        rows = await read(
            ctx.graph,
            "api/common_connections",
            a=identity_a,
            b=identity_b,
            limit=max(1, min(limit, 500)),
            **ctx.access,
        )
        out = [
            Connection(
                node=_node(r["node"], ctx), via_records_a=r["via_a"], via_records_b=r["via_b"]
            )
            for r in rows
        ]
        # the records each connection runs through are in the answer too
        ctx.disclose(
            *(c.node.id for c in out),
            *(record for c in out for record in (*c.via_records_a, *c.via_records_b)),
        )
        return out
