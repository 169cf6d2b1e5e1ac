"""The graph a bulk import writes, stated as data: each record kind's label (its key property
is the interchange id field, `loaders.models.KEY_FIELDS`),
each link kind's relationship type, ends and property, each shared attribute's label and key.

It is the same graph the online writer's statements make (`cypher/load/*.cypher`); the
equivalence test (`tests/graph/test_bulk_import.py`) loads one set both ways and compares every
node, property and relationship, so the two cannot drift apart unnoticed."""

from __future__ import annotations

from dataclasses import dataclass

from graph.vocabulary import Label, Rel

__all__ = ["ATTRIBUTES", "LINKS", "NODE_LABELS", "AttributeShape", "LinkShape"]

NODE_LABELS: dict[str, Label] = {
    "subject": Label.SUBJECT,
    "protectee": Label.PROTECTEE,
    "case": Label.CASE,
    "incident": Label.INCIDENT,
    "encounter": Label.ENCOUNTER,
    "partner_request": Label.PARTNER_REQUEST,
}


@dataclass(frozen=True)
class LinkShape:
    """A link kind of `loaders.rows.LINK_KINDS` as a relationship."""

    rel: Rel
    source: str  # record kind of the start node
    target: str  # record kind of the end node
    prop: str | None  # the one relationship property, taken from the link's props


LINKS: dict[str, LinkShape] = {
    "case_subject": LinkShape(Rel.INVOLVES, "case", "subject", "role"),
    "case_protectee": LinkShape(Rel.CONCERNS, "case", "protectee", None),
    "case_incident": LinkShape(Rel.INCLUDES, "case", "incident", None),
    "incident_subject": LinkShape(Rel.INVOLVES, "incident", "subject", "role"),
    "incident_protectee": LinkShape(Rel.AFFECTED, "incident", "protectee", "interest"),
    "encounter_subject": LinkShape(Rel.OF_SUBJECT, "encounter", "subject", None),
    "request_subject": LinkShape(Rel.ABOUT, "partner_request", "subject", None),
    "request_encounter": LinkShape(Rel.FOR_ENCOUNTER, "partner_request", "encounter", None),
    "request_follows": LinkShape(Rel.FOLLOWS, "partner_request", "partner_request", None),
}


@dataclass(frozen=True)
class AttributeShape:
    """A shared-attribute node a Subject links to (one per normalised value)."""

    field: str  # list in the subject row (loaders.rows.node_rows)
    label: Label
    key: str  # key property, also the item's field
    node_props: tuple[str, ...]  # properties set when the node is created
    rel: Rel
    rel_prop: str | None  # the item's field kept on the relationship


ATTRIBUTES: tuple[AttributeShape, ...] = (
    AttributeShape(
        "addresses",
        Label.ADDRESS,
        "address_key",
        ("street", "city", "state", "postal_code", "country"),
        Rel.HAS_ADDRESS,
        None,
    ),
    AttributeShape("phones", Label.PHONE, "e164", ("raw",), Rel.HAS_PHONE, "kind"),
    AttributeShape(
        "identifiers",
        Label.IDENTIFIER,
        "id_key",
        ("type", "value", "valid"),
        Rel.HAS_IDENTIFIER,
        None,
    ),
)
