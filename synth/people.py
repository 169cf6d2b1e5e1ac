"""True people and the households they come in: the ground truth the records are noisy views of.

Most units are one person. Some are the hard cases a resolver must get right: twins, a Jr/Sr
pair at one address, siblings, two strangers sharing one SSN, one person behind two identities
(same FIN), very common names and people in protected classes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from random import Random

from synth.fast_random import below, between, pick
from synth.pools import GivenName, Origin, Pools, Surname

__all__ = ["Address", "Person", "UnitFactory"]

_DOB_FIRST = date(1940, 1, 1).toordinal()
_DOB_LAST = date(2006, 12, 31).toordinal()
_FATHER_SON_GAP_DAYS = (20 * 365, 36 * 365)
_PROTECTED = ("ASYLUM", "REFUGEE", "T_VISA", "U_VISA", "VAWA")
_RACES = ("W", "W", "W", "B", "B", "A", "I", "U")
_HAIR = ("BLK", "BLK", "BRO", "BRO", "BLN", "RED", "GRY", "BAL")
_EYES = ("BRO", "BRO", "BRO", "BLU", "GRN", "HAZ", "BLK", "GRY")

# Share of units of each hard kind; the rest are single people. Sized so a 1,000-person run
# already holds several of each.
_UNIT_KINDS = (
    ("twin", 0.02),
    ("jr_sr", 0.02),
    ("sibling", 0.03),
    ("shared_ssn", 0.015),
    ("identity_fraud", 0.015),
    ("common_name", 0.04),
    ("protected", 0.03),
)


@dataclass(frozen=True, slots=True)
class Address:
    number: int
    direction: tuple[str, str] | None
    street: str
    street_type: tuple[str, str]
    city: str
    state: str
    postal_code: str
    area_codes: tuple[str, ...]


@dataclass(slots=True)
class Person:
    """One human. `alias` is a second biographic identity the same body uses (identity fraud)."""

    pid: str
    origin: Origin
    sex: str
    given: GivenName
    middle: str | None
    surnames: tuple[Surname, ...]
    dob: date
    address: Address
    phone: str
    immigrant: bool
    ssn: str | None = None
    ssn_used: str | None = None  # the SSN written on records: someone else's for shared_ssn
    a_number: int | None = None
    fin: str | None = None
    partner_id: str | None = None
    passport: str | None = None
    country: str = "USA"
    suffix: str | None = None
    race: str = "U"
    hair: str = "BRO"
    eyes: str = "BRO"
    height_in: int = 68
    weight_lb: int = 170
    protected_classes: tuple[str, ...] = ()
    alias: Person | None = None
    labels: list[str] = field(default_factory=list)


class UnitFactory:
    """Makes units of people with unique ids, identifiers and true attributes."""

    def __init__(self, rng: Random, pools: Pools) -> None:
        self.rng, self.pools = rng, pools
        self._next = 0
        self._ssn_serial = between(rng, 1, 10_000_000)
        self._fin_serial = between(rng, 1, 1_000_000)

    def _id(self) -> str:
        self._next += 1
        return f"P{self._next:09d}"

    def _ssn(self) -> str:
        # Area 001-665, group 01-99, serial 0001-9999: always valid; a counter keeps them unique.
        self._ssn_serial += between(self.rng, 1, 50)
        n = self._ssn_serial
        return f"{n % 665 + 1:03d}{n // 665 % 99 + 1:02d}{n // 65835 % 9999 + 1:04d}"

    def _fin(self) -> str:
        self._fin_serial += between(self.rng, 1, 20)
        return f"F{self._fin_serial:010d}"

    def address(self) -> Address:
        rng, pools = self.rng, self.pools
        city, state, zip3, area_codes = pick(rng, pools.cities)
        direction = pick(rng, pools.directions) if rng.random() < 0.2 else None
        return Address(
            between(rng, 1, 9999),
            direction,
            pools.streets.pick(rng),
            pick(rng, pools.street_types),
            city,
            state,
            f"{zip3}{below(rng, 100):02d}",
            area_codes,
        )

    def phone(self, address: Address) -> str:
        """A local NANP number (exchange 200-999 so it passes NANP rules)."""
        rng = self.rng
        return f"{pick(rng, address.area_codes)}{between(rng, 200, 999)}{below(rng, 10_000):04d}"

    def person(self, origin: Origin | None = None, sex: str | None = None) -> Person:
        rng = self.rng
        origin = origin or self.pools.origin(rng)
        sex = sex or ("M" if rng.random() < 0.5 else "F")
        names = origin.male if sex == "M" else origin.female
        surnames: tuple[Surname, ...] = (origin.surnames.pick(rng),)
        if rng.random() < origin.two_surnames:
            surnames = (surnames[0], origin.surnames.pick(rng))
        immigrant = origin.key != "anglo" or rng.random() < 0.1
        address = self.address()
        person = Person(
            pid=self._id(),
            origin=origin,
            sex=sex,
            given=names.pick(rng),
            middle=names.pick(rng).name if rng.random() < 0.4 else None,
            surnames=surnames,
            dob=date.fromordinal(between(rng, _DOB_FIRST, _DOB_LAST)),
            address=address,
            phone=self.phone(address),
            immigrant=immigrant,
            race=pick(rng, _RACES),
            hair=pick(rng, _HAIR),
            eyes=pick(rng, _EYES),
            height_in=between(rng, 60, 77) if sex == "M" else between(rng, 58, 71),
            weight_lb=between(rng, 110, 260),
        )
        if not immigrant or rng.random() < 0.5:
            person.ssn = self._ssn()
        if immigrant:
            # Older A-Numbers have 8 digits (below 100,000,000).
            person.a_number = between(rng, 10_000_000, 240_000_000)
            person.fin = self._fin()
            person.country = pick(rng, origin.countries)
            person.partner_id = f"{pick(rng, ('CA', 'AU'))}{below(rng, 10**8):08d}"
            if rng.random() < 0.3:
                person.passport = f"{person.country[0]}{between(rng, 10**7, 10**8)}"
        person.ssn_used = person.ssn
        return person

    def unit(self) -> list[Person]:
        """The next household: one person, or a hard case of two or three."""
        roll, acc = self.rng.random(), 0.0
        for kind, share in _UNIT_KINDS:
            acc += share
            if roll < acc:
                maker: Callable[[], list[Person]] = getattr(self, f"_{kind}")
                return maker()
        return [self.person()]

    def _relatives(self, kind: str, count: int, same_dob: bool) -> list[Person]:
        first = self.person()
        people = [first]
        for _ in range(count - 1):
            other = self.person(origin=first.origin)
            other.surnames, other.address, other.phone = first.surnames, first.address, first.phone
            other.immigrant, other.country = first.immigrant, first.country
            if same_dob:
                other.dob = first.dob
            while other.given.name == first.given.name:
                other.given = (first.origin.male if other.sex == "M" else first.origin.female).pick(
                    self.rng
                )
            people.append(other)
        for p in people:
            p.labels.append(kind)
        return people

    def _twin(self) -> list[Person]:
        return self._relatives("twin", 2, same_dob=True)

    def _sibling(self) -> list[Person]:
        return self._relatives("sibling", pick(self.rng, (2, 2, 3)), same_dob=False)

    def _jr_sr(self) -> list[Person]:
        senior = self.person(sex="M")
        junior = self.person(origin=senior.origin, sex="M")
        junior.given, junior.middle, junior.surnames = senior.given, senior.middle, senior.surnames
        junior.address, junior.phone = senior.address, senior.phone
        # A father is at least 20 years older than his son, and the son is born by the last
        # DOB we draw: the father's drawn date is scaled into the years that allow both even at
        # the largest gap (a scaling, not a redraw, so the random stream and every other person
        # stay the same). Clamping the son to the last date instead put one son in six on
        # 2006-12-31, and unrelated juniors with one birth date are not a case real data holds.
        latest_senior = _DOB_LAST - _FATHER_SON_GAP_DAYS[1]
        scaled = _DOB_FIRST + (senior.dob.toordinal() - _DOB_FIRST) * (
            latest_senior - _DOB_FIRST
        ) // (_DOB_LAST - _DOB_FIRST)
        senior.dob = date.fromordinal(scaled)
        junior.dob = date.fromordinal(scaled + between(self.rng, *_FATHER_SON_GAP_DAYS))
        senior.suffix, junior.suffix = "SR", "JR"
        for p in (senior, junior):
            p.labels.append("jr_sr")
        return [senior, junior]

    def _shared_ssn(self) -> list[Person]:
        owner, user = self.person(), self.person()
        if owner.ssn is None:
            owner.ssn = owner.ssn_used = self._ssn()
        user.ssn_used = owner.ssn  # the user writes the owner's SSN on their own records
        for p in (owner, user):
            p.labels.append("shared_ssn")
        return [owner, user]

    def _identity_fraud(self) -> list[Person]:
        person = self.person(origin=self.pools.origin(self.rng))
        if person.fin is None:
            person.immigrant, person.fin = True, self._fin()
            person.a_number = between(self.rng, 10_000_000, 240_000_000)
        other = self.person(origin=person.origin, sex=person.sex)
        # Same body (FIN), different name, DOB and documents: the truth says SAME person.
        person.alias = replace(other, pid=person.pid, fin=person.fin, labels=[])
        person.labels.append("identity_fraud")
        return [person]

    def _common_name(self) -> list[Person]:
        origin_key, sex, given, surname = pick(self.rng, self.pools.common_names)
        origin = self.pools.by_key[origin_key]
        person = self.person(origin=origin, sex=sex)
        picker = origin.male if sex == "M" else origin.female
        person.given = next(g for g in picker.items if g.name == given)
        person.surnames = (next(s for s in origin.surnames.items if s.name == surname),)
        person.labels.append("common_name")
        return [person]

    def _protected(self) -> list[Person]:
        person = self.person(origin=pick(self.rng, self.pools.origins[1:]))
        person.immigrant = True
        person.fin = person.fin or self._fin()
        person.protected_classes = (pick(self.rng, _PROTECTED),)
        person.labels.append("protected")
        return [person]
