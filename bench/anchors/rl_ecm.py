"""recordlinkage 0.16 ECM (unsupervised Fellegi-Sunter on binary features) on interchange
subjects: dedupe, or link two sources with --link A,B. Matches become clusters by connected
components.

    .venv-bench/bin/python bench/anchors/rl_ecm.py SUBJECTS.jsonl OUT.jsonl [--link A,B]

Blocking is the union of name/DOB keys, postcode+surname and the identifiers; features are exact
agreements plus Jaro-Winkler >= 0.85 on names and street (ECM needs 0/1 features).
Prints {"seconds", "pairs", "matches", "peak_rss_mb"} as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import pandas as pd
import recordlinkage as rl
from flat import peak_rss_mb, read_subjects, write_clusters
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

BLOCKS = (
    ("last_name", "dob_year"),
    ("first_name", "dob"),
    ("first_name", "last_name"),
    ("dob", "postcode"),
    ("last_name", "postcode"),
    ("fin",),
    ("a_number",),
    ("ssn",),
    ("phone",),
)


def _index(left: pd.DataFrame, right: pd.DataFrame | None) -> pd.MultiIndex:
    indexer = rl.Index()
    for keys in BLOCKS:
        indexer.block(list(keys))
    return indexer.index(left) if right is None else indexer.index(left, right)


def _features(pairs: pd.MultiIndex, left: pd.DataFrame, right: pd.DataFrame | None) -> pd.DataFrame:
    comp = rl.Compare(n_jobs=2)
    for col in (
        "first_name",
        "last_name",
        "dob",
        "dob_year",
        "gender",
        "postcode",
        "city",
        "ssn",
        "fin",
        "a_number",
        "phone",
        "middle_name",
    ):
        comp.exact(col, col, label=col)
    for col in ("first_name", "last_name", "street"):
        comp.string(col, col, method="jarowinkler", threshold=0.85, label=f"{col}_jw")
    return comp.compute(pairs, left) if right is None else comp.compute(pairs, left, right)


def main(argv: list[str]) -> None:
    src, out = Path(argv[1]), Path(argv[2])
    link = argv[argv.index("--link") + 1].split(",") if "--link" in argv else None
    t0 = time.perf_counter()
    frame = read_subjects(src).set_index("unique_id")
    if link:
        left, right = (frame[frame["source"] == s] for s in link)
    else:
        left, right = frame, None
    pairs = _index(left, right)
    features = _features(pairs, left, right).fillna(0).astype(int)
    matches = rl.ECMClassifier(binarize=None).fit_predict(features)
    ids = frame.index.to_numpy()
    position = pd.Series(np.arange(len(ids)), index=ids)
    a = position.loc[matches.get_level_values(0)].to_numpy()
    b = position.loc[matches.get_level_values(1)].to_numpy()
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(ids), len(ids)))
    _, labels = connected_components(graph, directed=False)
    seconds = time.perf_counter() - t0
    write_clusters(out, ids, labels)
    print(  # noqa: T201 - the script reports on stdout
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "pairs": len(pairs),
                "matches": len(matches),
                "records": len(frame),
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv)
