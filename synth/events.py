"""Records that refer to people: protectees, cases, incidents, encounters, partner requests.

Each function takes the subject record ids of one person and returns the records about them,
so generation streams person by person with constant memory.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from synth.fast_random import below, between, pick
from synth.pools import Pools

__all__ = ["EventFactory"]

_PTMS_TYPES = (
    "THREAT",
    "THREAT",
    "THREAT",
    "UNCORROBORATED_SOURCE_REPORT",
    "EXCLUSION",
    "MOTORCADE_INCIDENT",
    "SECURITY_COMPROMISE",
    "OTHER",
)
_INTERESTS = ("THREAT", "THREAT", "INAPPROPRIATE_INTEREST", "OTHER")
_BRANCHES = (
    "WHITE_HOUSE",
    "WHITE_HOUSE",
    "FOREIGN_MISSIONS",
    "NAVAL_OBSERVATORY",
    "OFFICE_OF_THE_CHIEF",
    "SPECIAL_OPERATIONS",
)
_REASONS = ("VISA_APPLICANT", "APPLICATION", "REFUGEE_CLAIMANT", "ENFORCEMENT", "ABSCONDER")
_EPOCH = date(2015, 1, 1)


class EventFactory:
    """Ids and plausible content for the non-subject kinds, from one random generator."""

    def __init__(self, rng: Random, pools: Pools, protectees: int = 20) -> None:
        self.rng, self.vocab = rng, pools.events
        self._counters: dict[str, int] = {}
        self.protectee_ids = [f"PROT-{i:04d}" for i in range(1, protectees + 1)]

    def _id(self, prefix: str) -> str:
        n = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = n
        return f"{prefix}-{n:08d}"

    def _day(self) -> date:
        return _EPOCH + timedelta(days=below(self.rng, 3650))

    def protectees(self) -> list[dict[str, Any]]:
        titles = self.vocab["protectee_titles"]
        return [
            {
                "kind": "protectee",
                "protectee_id": pid,
                "name": f"Protectee {pid[-4:]}",
                "title": titles[i % len(titles)][0],
                "protection_class": titles[i % len(titles)][1],
                "compartments": ["PTMS"],
            }
            for i, pid in enumerate(self.protectee_ids)
        ]

    def case_for(self, subject_ids: list[str], repeat: bool) -> list[dict[str, Any]]:
        """A PTMS case about the given subject records, with its incidents (written first)."""
        rng, vocab = self.rng, self.vocab
        protectee = self.protectee_ids[
            min(int(rng.paretovariate(1.2)) - 1, len(self.protectee_ids) - 1)
        ]
        # Repeat threateners come back to the same protectee 2-4 times.
        incidents = []
        for _ in range(between(rng, 2, 5) if repeat else between(rng, 0, 2)):
            incident_type = "THREAT" if repeat else pick(rng, _PTMS_TYPES)
            incidents.append(
                {
                    "kind": "incident",
                    "incident_id": self._id("INC"),
                    "system": "PTMS",
                    "incident_type": incident_type,
                    "city": "Washington",
                    "state": "DC",
                    "occurred_at": f"{self._day()}T{below(rng, 24):02d}:{below(rng, 60):02d}:00Z",
                    "status": pick(rng, ("OPEN", "CLOSED", "APPROVED")),
                    "reporting_officer": pick(rng, vocab["employees"]),
                    "subjects": [{"record_id": r, "role": "SUSPECT"} for r in subject_ids],
                    "protectees": [
                        {
                            "protectee_id": protectee,
                            "interest": "THREAT" if repeat else pick(rng, _INTERESTS),
                        }
                    ],
                }
            )
        opened = self._day()
        closed = opened + timedelta(days=between(rng, 10, 900)) if rng.random() < 0.5 else None
        case = {
            "kind": "case",
            "case_id": self._id("CASE"),
            "case_number": f"PID-{opened.year}-{below(rng, 10**5):05d}",
            "title": "Repeated threats" if repeat else "Subject of interest",
            "status": "CLOSED" if closed else "OPEN",
            "case_type": "INVESTIGATIVE",
            "office": pick(rng, vocab["offices"]),
            "assigned_employees": rng.sample(vocab["employees"], between(rng, 1, 3)),
            "opened_on": str(opened),
            "physical_file": rng.random() < 0.3,
            "subjects": [{"record_id": r, "role": "SUBJECT"} for r in subject_ids],
            "protectee_ids": [protectee],
            "incident_ids": [i["incident_id"] for i in incidents],
            "compartments": ["PTMS"],
        }
        if closed:
            case["closed_on"] = str(closed)
        return [*incidents, case]

    def udlb_incident(self, record_id: str) -> dict[str, Any]:
        """A Uniformed Division incident at a branch: mostly arrests, some sick or injured."""
        rng, vocab = self.rng, self.vocab
        branch = pick(rng, _BRANCHES)
        incident: dict[str, Any] = {
            "kind": "incident",
            "incident_id": self._id("UDLB"),
            "system": "UDLB",
            "branch": branch,
            "sector": pick(rng, vocab["udlb_sectors"][branch]),
            "city": "Washington",
            "state": "DC",
            "occurred_at": f"{self._day()}T{below(rng, 24):02d}:{below(rng, 60):02d}:00Z",
            "status": pick(rng, ("OPEN", "PENDING_APPROVAL", "APPROVED", "CLOSED")),
            "reporting_officer": pick(rng, vocab["officers"]),
            "approver": pick(rng, vocab["officers"]),
        }
        if rng.random() < 0.75:
            charges = rng.sample(vocab["charges"], between(rng, 1, 3))
            flags = {flag for _, fs in charges for flag in fs}
            incident.update(
                incident_type=pick(
                    rng, ("ARREST", "ARREST", "PENETRATION", "THREAT", "DEMONSTRATION")
                ),
                arrest_charges=[c for c, _ in charges],
                subjects=[{"record_id": record_id, "role": "ARRESTEE"}],
                **{flag: True for flag in sorted(flags)},
            )
        else:
            incident.update(
                incident_type=pick(
                    rng, ("ASSISTANCE", "DEMONSTRATION", "COVERAGE", "VEHICLE_ACCIDENT")
                ),
                injury_detail=pick(rng, ("heat exhaustion", "fall on steps", "minor laceration")),
                subjects=[{"record_id": record_id, "role": "INJURED"}],
            )
        return incident

    def encounter(
        self, record_id: str, fin: str | None, collected_by: str = "USCIS"
    ) -> dict[str, Any]:
        return {
            "kind": "encounter",
            "encounter_id": self._id("EID"),
            "fin": fin,
            "encounter_date": str(self._day()),
            "collected_by": collected_by,
            "subject_record_id": record_id,
            "source": "IDENT",
        }

    def partner_requests(
        self, record_id: str, encounter_id: str | None, match: bool, fingerprint_id: str
    ) -> list[dict[str, Any]]:
        """A 1 -> 2 -> 3 sequence from CAN or AUS; only a match leads to further requests.

        Protected-class people reach here with match=False: their answer is NO_MATCH, exactly
        like a real no-match (8 U.S.C. 1367).
        """
        rng, vocab = self.rng, self.vocab
        country = pick(rng, ("CAN", "CAN", "AUS"))
        sent = self._day()
        last = 1 if not match else pick(rng, (2, 2, 3))
        requests, previous = [], None
        for sequence in range(1, last + 1):
            request_id = self._id("REQ")
            released = (
                ["NAME", "DOB"]
                if sequence == 1
                else rng.sample(vocab["released_elements"], between(rng, 3, 6))
            )
            request: dict[str, Any] = {
                "kind": "partner_request",
                "request_id": request_id,
                "partner_country": country,
                "direction": "PARTNER_TO_USCIS",
                "sequence": sequence,
                "requestor": pick(rng, vocab["partner_requestors"][country]),
                "contact": f"liaison{between(rng, 1, 40)}@{country.lower()}.example",
                "requested_on": str(sent),
                "reason": pick(rng, _REASONS),
                "priority": pick(rng, ("HIGH", "MEDIUM", "MEDIUM", "LOW")),
                "foreign_fingerprint_id": fingerprint_id,
                "subject_record_id": record_id,
                "compartments": ["PARTNER"],
                "response": {
                    "response_id": self._id("RSP"),
                    "result": "MATCH" if match else "NO_MATCH",
                    "reviewer": pick(rng, vocab["employees"]),
                    "responded_on": str(sent + timedelta(days=between(rng, 0, 5))),
                    "released_elements": released if match else [],
                },
            }
            if match and encounter_id:
                request["encounter_id"] = encounter_id
            if previous:
                request["follows_request_id"] = previous
            requests.append(request)
            previous, sent = request_id, sent + timedelta(days=between(rng, 1, 30))
        return requests
