"""One representative document per operation, for the role x operation matrix."""

from __future__ import annotations

from api.documents import DOCUMENTS_DIR, document_id

__all__ = ["NAME_CHECK_ID", "OPERATIONS", "PARTNER_ID"]

NAME_CHECK_ID = document_id((DOCUMENTS_DIR / "name_check.graphql").read_text(encoding="utf-8"))
PARTNER_ID = document_id((DOCUMENTS_DIR / "partner_query.graphql").read_text(encoding="utf-8"))

# operation -> (query text or None for a trusted document, document id, variables)
OPERATIONS: dict[str, tuple[str | None, str | None, dict[str, object]]] = {
    "nameCheck": (
        None,
        NAME_CHECK_ID,
        {"firstName": "John", "lastName": "Smith", "dob": "1980-01-02"},
    ),
    "partnerQuery": (None, PARTNER_ID, {"fin": "F100"}),
    "searchSubjects": ('{ searchSubjects(filter: {lastName: "Smith"}) { totalCount } }', None, {}),
    "matchPerson": ('{ matchPerson(lastName: "Smith", dob: "1980-01-02") { recordId } }', None, {}),
    "identity": ('{ identity(id: "E-SMITH") { entityId } }', None, {}),
    "suspects": ('{ suspects(description: {gender: "M"}) { recordId } }', None, {}),
    "subjectsOfInterest": ('{ subjectsOfInterest(protecteeId: "P-1") { latest } }', None, {}),
    "shortestPath": (
        '{ shortestPath(fromId: "S-SMITH", toId: "S-JONES") { nodes { id } } }',
        None,
        {},
    ),
    "neighbourhood": ('{ neighbourhood(id: "P-1") { nodes { id } } }', None, {}),
    "commonConnections": (
        '{ commonConnections(identityA: "E-SMITH", identityB: "E-JONES") { viaRecordsA } }',
        None,
        {},
    ),
    "auditEvents": ("{ auditEvents(first: 1) { hasNextPage } }", None, {}),
    "retireCase": ('mutation { retireCase(caseId: "NO-SUCH") { caseId } }', None, {}),
    "purgeCase": ('mutation { purgeCase(caseId: "NO-SUCH") { caseId } }', None, {}),
    "judgePair": (
        'mutation { judgePair(left: "S-SMITH", right: "S-JONES", kind: "UNSURE", '
        'why: "t") { ok } }',
        None,
        {},
    ),
    "splitIdentity": (
        'mutation { splitIdentity(entityId: "E-BROWN", recordIds: ["S-BROWN"], why: "t") { ok } }',
        None,
        {},
    ),
}
