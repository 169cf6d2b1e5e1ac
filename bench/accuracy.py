"""Accuracy and speed of the resolver on FEBRL3 and FEBRL4 (soc_sec_id dropped).

    .venv-bench/bin/python bench/datasets/febrl_export.py   # once: writes var/datasets/febrl*
    .venv/bin/python bench/accuracy.py [--json]

Each dataset is resolved in one call of `resolver.resolve`; the export is scored by
/work/shared/tools/score_clusters.py (or $IDGRAPH_SCORER) as a subprocess.
FEBRL4 is a linkage of two files that each hold one record per person, said so through
`unique_sources`; FEBRL3 is a plain deduplication.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from resolver import blocking_recall, build_frame, candidate_pairs, from_interchange, resolve  # noqa: E402

SCORER = Path(os.environ.get("IDGRAPH_SCORER", "/work/shared/tools/score_clusters.py"))
DATASETS = {
    "febrl4": ("FEBRL4-A", "FEBRL4-B"),  # both halves deduplicated: a linkage task
    "febrl3": (),
}
ANCHORS = {"febrl4": {"splink": 0.9913, "recordlinkage_ecm": 0.9883},
           "febrl3": {"splink": 0.9815, "recordlinkage_ecm": 0.9793}}  # fmt: skip


def run(name: str, unique: tuple[str, ...], dob_rule: bool) -> dict[str, Any]:
    base = ROOT / "var" / "datasets" / name
    rows = [json.loads(line) for line in (base / "records.jsonl").open(encoding="utf-8")]
    truth = {}
    for line in (base / "truth.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        truth[row["record_id"]] = row["entity_id"]
    t0 = time.perf_counter()
    records = [from_interchange(r) for r in rows]
    # FEBRL's generator replaces whole dates of birth in duplicates, and has no father/son
    # pairs, so the domain's "birth years decades apart" cannot-link is off unless --dob-rule.
    # FEBRL's generator replaces whole birth dates and given names in duplicates and has no
    # twins or Jr/Sr pairs, so the two domain rules that keep those apart are off unless asked.
    result = resolve(
        records,
        unique_sources=unique,
        dob_far_years=15 if dob_rule else None,
        first_name_rule=dob_rule,
    )
    seconds = time.perf_counter() - t0
    frame = build_frame(records)
    recall = blocking_recall(candidate_pairs(frame), [truth[r] for r in frame.ids])
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as out:
        for rid, eid in result.entity_ids.items():
            out.write(json.dumps({"record_id": rid, "entity_id": eid}) + "\n")
    proc = subprocess.run(  # noqa: S603 - fixed interpreter and our own scorer path
        [sys.executable, str(SCORER), str(base / "truth.jsonl"), out.name, "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    Path(out.name).unlink()
    scores: dict[str, Any] = json.loads(proc.stdout)
    scores.update(dataset=name, seconds=round(seconds, 2), blocking_recall=round(recall, 4),
                  candidates=len(result.scored.i), prior=round(result.model.prior, 4))  # fmt: skip
    return scores


def main() -> None:
    dob_rule = "--dob-rule" in sys.argv
    results = [run(name, unique, dob_rule) for name, unique in DATASETS.items()]
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2))  # noqa: T201 - bench output
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="idgraph resolver on FEBRL (no soc_sec_id)")
    for col in ("dataset", "pair P", "pair R", "pair F1", "B3 F1", "split", "wrong merge",
                "block recall", "candidates", "seconds", "Splink F1", "rl ECM F1"):  # fmt: skip
        table.add_column(col)
    for r in results:
        a = ANCHORS[r["dataset"]]
        table.add_row(
            r["dataset"], f"{r['pair_precision']:.4f}", f"{r['pair_recall']:.4f}",
            f"{r['pair_f1']:.4f}", f"{r['bcubed_f1']:.4f}", str(r["true_entities_split"]),
            str(r["predicted_entities_wrongly_merged"]), f"{r['blocking_recall']:.4f}",
            str(r["candidates"]), f"{r['seconds']:.2f}", str(a["splink"]),
            str(a["recordlinkage_ecm"]),
        )  # fmt: skip
    Console().print(table)


if __name__ == "__main__":
    main()
