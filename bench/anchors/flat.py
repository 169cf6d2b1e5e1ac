"""Interchange subjects as one flat pandas table, with the light cleaning any Splink user does
(upper case, accents and punctuation off, digits only in numbers). Both anchors read this."""

from __future__ import annotations

import json
import re
import resource
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

COLUMNS = (
    "first_name",
    "middle_name",
    "last_name",
    "dob",
    "dob_year",
    "gender",
    "ssn",
    "fin",
    "a_number",
    "passport",
    "street",
    "city",
    "postcode",
    "phone",
    "source",
)
_NOT_ALNUM = re.compile(r"[^A-Z0-9 ]+")
_SPACES = re.compile(r"\s+")


def clean(text: Any) -> str | None:
    if text is None:
        return None
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().upper()
    out = _SPACES.sub(" ", _NOT_ALNUM.sub(" ", folded)).strip()
    return out or None


def digits(text: Any) -> str | None:
    if text is None:
        return None
    out = "".join(ch for ch in str(text) if ch.isdigit())
    return out or None


def _phone(phones: list[Any]) -> str | None:
    for p in phones or []:
        number = digits(p.get("number") if isinstance(p, dict) else p)
        if number:
            return number[-10:]
    return None


def flat_row(rec: dict[str, Any]) -> dict[str, Any]:
    addr = (rec.get("addresses") or [{}])[0] or {}
    dob = digits(rec.get("dob"))
    return {
        "unique_id": rec["record_id"],
        "source": rec.get("source"),
        "first_name": clean(rec.get("first_name")),
        "middle_name": clean(rec.get("middle_name")),
        "last_name": clean(rec.get("last_name")),
        "dob": dob,
        "dob_year": dob[:4] if dob else None,
        "gender": clean(rec.get("gender")),
        "ssn": digits(rec.get("ssn")),
        "fin": clean(rec.get("fin")),
        "a_number": (digits(rec.get("a_number")) or "").zfill(9) or None,
        "passport": clean(rec.get("passport")),
        "street": clean(" ".join(p for p in (addr.get("street"), addr.get("street2")) if p)),
        "city": clean(addr.get("city")),
        "postcode": digits(addr.get("postal_code")),
        "phone": _phone(rec.get("phones") or []),
    }


def read_subjects(path: Path) -> pd.DataFrame:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("kind", "subject") == "subject":
                rows.append(flat_row(rec))
    frame = pd.DataFrame(rows)
    frame["a_number"] = frame["a_number"].where(frame["a_number"] != "000000000", None)
    return frame


def write_clusters(path: Path, ids: Any, clusters: Any) -> None:
    with path.open("w", encoding="utf-8") as out:
        for rid, cid in zip(ids, clusters, strict=True):
            out.write(json.dumps({"record_id": str(rid), "entity_id": f"c-{cid}"}) + "\n")


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
