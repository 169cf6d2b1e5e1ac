"""The closed set of labels and relationship types. Code that must name one dynamically takes it
from here, never from input (Cypher cannot parameterise labels)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Label", "Rel"]


class Label(StrEnum):
    """Node labels (docs/model.md)."""

    SUBJECT = "Subject"
    IDENTITY = "Identity"
    ADDRESS = "Address"
    PHONE = "Phone"
    IDENTIFIER = "Identifier"
    PROTECTEE = "Protectee"
    CASE = "Case"
    INCIDENT = "Incident"
    ENCOUNTER = "Encounter"
    PARTNER_REQUEST = "PartnerRequest"
    PARTNER_RESPONSE = "PartnerResponse"
    AUDIT_EVENT = "AuditEvent"
    JUDGEMENT = "Judgement"
    SCHEMA_VERSION = "SchemaVersion"
    PENDING_LINK = "PendingLink"
    RESOLVER_MODEL = "ResolverModel"


class Rel(StrEnum):
    """Relationship types (docs/model.md)."""

    HAS_ADDRESS = "HAS_ADDRESS"
    HAS_PHONE = "HAS_PHONE"
    HAS_IDENTIFIER = "HAS_IDENTIFIER"
    INVOLVES = "INVOLVES"
    CONCERNS = "CONCERNS"
    INCLUDES = "INCLUDES"
    AFFECTED = "AFFECTED"
    OF_SUBJECT = "OF_SUBJECT"
    ABOUT = "ABOUT"
    FOR_ENCOUNTER = "FOR_ENCOUNTER"
    FOLLOWS = "FOLLOWS"
    ANSWERED_BY = "ANSWERED_BY"
    MEMBER_OF = "MEMBER_OF"
    NAMES = "NAMES"
