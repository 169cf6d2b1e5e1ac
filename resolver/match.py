"""`match_person`: candidate identities for a described person (the API's matchPerson)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jellyfish
import numpy as np

import normalize
from graph.driver import Graph
from resolver.explain_graph import _top_reasons, require_model
from resolver.frame import build_frame
from resolver.graph_io import SubjectRows
from resolver.records import from_interchange
from resolver.scoring import explain_pair, score_pairs

__all__ = ["MATCH_CAP", "Candidate", "match_person", "singleton_entity_id"]

# Candidates per lookup key, as on arrival (resolver.arrival.CANDIDATE_CAP).
MATCH_CAP = 64


@dataclass(frozen=True)
class Candidate:
    """An identity that may be the described person: best match probability and why."""

    entity_id: str
    score: float
    reasons: list[str]
    record_ids: list[str]


def singleton_entity_id(record_id: str) -> str:
    """The id of a record not yet resolved (the export gives it; it is no Identity node)."""
    return f"singleton:{record_id}"


def _keys(d: Mapping[str, Any]) -> dict[str, Any]:
    """The Subject properties the lookup indexes hold, computed as loaders/normalised.py does."""
    last, _ = normalize.split_suffix(d.get("last_name"), d.get("name_suffix"))
    surname = normalize.surname_key(last) if last else ""
    first_token = surname.split(" ", 1)[0] if surname else ""
    try:
        parts = normalize.dob_parts(d.get("dob")) if d.get("dob") else None
    except normalize.DateFormatError:
        parts = None
    social = normalize.ssn(d.get("ssn")) if d.get("ssn") else None
    phones = [normalize.phone_e164(p if isinstance(p, str) else str(p.get("number") or ""))
              for p in d.get("phones") or ()]  # fmt: skip
    return {
        "fin": normalize.fin(d.get("fin")) if d.get("fin") else None,
        "a_number": normalize.a_number(d.get("a_number")) if d.get("a_number") else None,
        "ssn": social.digits if social and social.valid else None,
        "phones": [p for p in phones if p],
        "last_key": normalize.comparison_form(last) or None if last else None,
        "first_key": normalize.comparison_form(d.get("first_name")) or None,
        "soundex": jellyfish.soundex(first_token) if first_token else None,
        "dob_year": parts.year if parts else None,
    }


def match_person(graph: Graph, description: Mapping[str, Any], limit: int = 10) -> list[Candidate]:
    """Identities that may be the person described (an interchange-subject-like dict), best
    first; probabilities from the stored model, reasons from the best-matching record."""
    model = require_model(graph)
    query = from_interchange({"record_id": "query", "source": "QUERY", **description})
    rows = graph.read("resolver/candidates_for", cap=MATCH_CAP, **_keys(description))
    cands = SubjectRows()
    for row in rows:
        cands.add(row)
    if not cands.records:
        return []
    n = len(cands.records)
    frame = build_frame([query, *cands.records])
    probs = score_pairs(
        frame, (np.zeros(n, dtype=np.int32), np.arange(1, n + 1, dtype=np.int32)), model
    ).probability
    best: dict[str, tuple[float, int]] = {}
    members: dict[str, list[str]] = {}
    for k, rec in enumerate(cands.records):
        eid = cands.previous.get(rec.record_id) or singleton_entity_id(rec.record_id)
        members.setdefault(eid, []).append(rec.record_id)
        p = float(probs[k])
        if query.fin and rec.fin == query.fin:
            p = 1.0  # the same FIN is the same body
        if eid not in best or p > best[eid][0]:
            best[eid] = (p, k)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:limit]
    return [
        Candidate(eid, p, _top_reasons(explain_pair(query, cands.records[k], model)),
                  sorted(members[eid]))
        for eid, (p, k) in ranked
    ]  # fmt: skip
