"""Foreign-partner queries (CPMS): MATCH with the agreed data elements, or NO_MATCH.

A protected-class person is filtered inside the statement, so their NO_MATCH is built by the
same code as nobody's, with the same shape; a time floor hides the remaining timing difference.
"""

from __future__ import annotations

import time
import uuid

import anyio
import strawberry

from api.context import RequestContext, read
from api.schema.inputs import gql_error, person_keys
from idgraph.errors import InputError

__all__ = ["AGREED_ELEMENTS", "PartnerQuery"]

Info = strawberry.Info[RequestContext, None]
# What the information-sharing agreement releases after a biometric match; nothing else leaves.
AGREED_ELEMENTS = (
    "firstName",
    "lastName",
    "dob",
    "gender",
    "citizenship",
    "countryOfBirth",
    "fin",
    "encounters",
)


@strawberry.type
class PartnerEncounter:
    encounter_id: str
    encounter_date: str | None


@strawberry.type
class PartnerElements:
    first_name: str | None
    last_name: str | None
    dob: str | None
    gender: str | None
    citizenship: str | None
    country_of_birth: str | None
    fin: str | None
    encounters: list[PartnerEncounter]


@strawberry.type
class PartnerAnswer:
    query_id: str
    result: str = strawberry.field(description="MATCH or NO_MATCH")
    elements: PartnerElements | None


@strawberry.type
class PartnerQueryRoot:
    # Partner query by FIN, encounter id or biographics.
    @strawberry.field
    async def partner_query(
        self,
        info: Info,
        fin: str | None = None,
        encounter_id: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        dob: str | None = None,
    ) -> PartnerAnswer:
        ctx = info.context
        started = time.monotonic()
        if not (fin or encounter_id or (first_name and last_name and dob)):
            raise gql_error(InputError("give fin, encounterId, or firstName+lastName+dob"))
        keys = person_keys(first=first_name, last=last_name, dob=dob, fin_raw=fin)
        rows = await read(
            ctx.graph,
            "api/partner_query",
            fin=keys.fin,
            encounter_id=encounter_id,
            first_key=keys.first_key,
            last_key=keys.last_key,
            dob=keys.dob,
            dob_year=keys.dob_year,
            compartments=ctx.access["compartments"],
        )
        query_id = f"pq-{uuid.uuid4()}"
        answer = PartnerAnswer(query_id=query_id, result="NO_MATCH", elements=None)
        if rows:
            r = rows[0]
            ctx.disclose(r["record_id"], *(e["encounter_id"] for e in r["encounters"]))
            answer = PartnerAnswer(
                query_id=query_id,
                result="MATCH",
                elements=PartnerElements(
                    first_name=r["first_name"],
                    last_name=r["last_name"],
                    dob=r["dob"],
                    gender=r["gender"],
                    citizenship=r["citizenship"],
                    country_of_birth=r["country_of_birth"],
                    fin=r["fin"],
                    encounters=[
                        PartnerEncounter(
                            encounter_id=e["encounter_id"], encounter_date=e["encounter_date"]
                        )
                        for e in r["encounters"]
                    ],
                ),
            )
        ctx.disclose(query_id)
        floor = ctx.settings.api_partner_floor_ms / 1000
        await anyio.sleep(max(0.0, floor - (time.monotonic() - started)))
        return answer


PartnerQuery = PartnerQueryRoot
