"""A trained Fellegi-Sunter model: m and u per feature level, the prior, term frequencies."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from idgraph.errors import ResolutionError
from resolver.comparators import NAME_LEVELS
from resolver.features import FEATURES, Feature

__all__ = [
    "COMMON_NAME_PEOPLE",
    "DEFAULT_PRIOR_CAP",
    "FULL_NAME_TABLE",
    "TF_FLOOR",
    "MatchModel",
    "StaleModelError",
    "default_model",
    "full_name_key",
    "variant_table",
]

Floats = npt.NDArray[np.float64]

# A value seen less often than this is treated as this rare: below ~1 in 10,000 the sample
# frequency is one or two occurrences (noise), and the boost stops growing (about +6 bits).
TF_FLOOR = 1e-4
# A default model's prior is the all-pairs match rate for the data at hand, but never above one
# in ten: in a handful of records the all-pairs rate means little, and one in ten was EM's
# conservative starting belief.
DEFAULT_PRIOR_CAP = 0.1
# The term-frequency table of whole names (given + family), beside the per-feature ones.
FULL_NAME_TABLE = "full_name"
# A whole name borne by fewer people than this is not common enough to correct: with one or two
# people behind it, its share is noise.
COMMON_NAME_PEOPLE = 3
# Probability floor for m and u: keeps log weights finite for levels never seen in training.
PROB_FLOOR = 1e-6
# The name level whose weight the variant shares adjust (NAME_LEVELS: nickname or
# transliteration group).
VARIANT_LEVEL = NAME_LEVELS.index("variant")


class StaleModelError(ResolutionError):
    """A stored model whose feature table is not this version's: it cannot score, only be
    replaced by retraining."""


@dataclass
class MatchModel:
    """m[f][level], u[f][level] for each feature of FEATURES, the match prior among candidates,
    and value frequencies for term-frequency adjustment (Splink-style) of exact name matches."""

    m: list[Floats]
    u: list[Floats]
    prior: float
    tf: dict[str, dict[str, float]] = field(default_factory=dict)
    features: tuple[Feature, ...] = FEATURES
    # resolver.evidence.FIRST_NAME_VETO_BITS; off for data without households (FEBRL).
    first_name_rule: bool = True

    _weights: list[Floats] | None = field(default=None, init=False, repr=False, compare=False)

    def weights(self) -> list[Floats]:
        """log2(m/u) per level; weightless levels (missing, counted elsewhere, uninformative)
        weigh 0. Worked out once, read-only: m and u are never changed after a model is made,
        and an arrival scores its few pairs twice (86 us a call on every call before)."""
        if self._weights is None:
            out = []
            for feat, m, u in zip(self.features, self.m, self.u, strict=True):
                w = np.log2(np.maximum(m, PROB_FLOOR) / np.maximum(u, PROB_FLOOR))
                w[list(feat.weightless)] = 0.0
                w.flags.writeable = False
                out.append(w)
            self._weights = out
        return self._weights

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1.0 - self.prior))

    def tf_adjustment(self, feature: str, values: npt.NDArray[np.object_]) -> Floats:
        """Bits to add to an exact match on each value: log2(u_exact / frequency of the value).

        A common surname (Smith) agrees by chance more often than names agree on average, so
        it counts less; a rare one counts more.
        """
        table = self.tf.get(feature)
        idx = [f.name for f in self.features].index(feature)
        u_exact = max(float(self.u[idx][1]), PROB_FLOOR)
        if not table:
            return np.zeros(len(values))
        freq = np.fromiter((table.get(v, TF_FLOOR) for v in values), float, len(values))
        return np.asarray(np.log2(u_exact / np.maximum(freq, TF_FLOOR)), dtype=np.float64)

    def variant_adjustment(self, feature: str, values: npt.NDArray[np.object_]) -> Floats:
        """Bits to add when a name is a nickname or transliteration of the other, per record:
        log2(u_variant / share of records whose name is a variant of this one). Bob for Robert
        says less than Dima for Dmitry, because Robert's variants are everywhere; of a pair,
        the side with the commoner variants is the one that counts (the smaller adjustment).
        Names without a table entry (none in a group) get 0."""
        table = self.tf.get(variant_table(feature))
        if not table:
            return np.zeros(len(values))
        idx = [f.name for f in self.features].index(feature)
        u_variant = max(float(self.u[idx][VARIANT_LEVEL]), PROB_FLOOR)
        share = np.fromiter((table.get(v, 0.0) for v in values), float, len(values))
        out = np.log2(u_variant / np.maximum(share, TF_FLOOR))
        return np.asarray(np.where(share > 0, out, 0.0), dtype=np.float64)

    def full_name_adjustment(
        self, first: npt.NDArray[np.object_], last: npt.NDArray[np.object_]
    ) -> Floats:
        """Bits to add when both names agree exactly: a common whole name is shared by more
        people than its two parts' frequencies imply (names cluster within a community: Fang
        and Wang are each uncommon, Fang Wang is not), so the per-name adjustments overstate
        it. Adds log2(first share x last share / whole-name share) when that is negative."""
        table = self.tf.get(FULL_NAME_TABLE)
        if not table:
            return np.zeros(len(first))
        firsts, lasts = self.tf.get("first_name", {}), self.tf.get("last_name", {})
        out = np.zeros(len(first))
        for k, (f, g) in enumerate(zip(first.tolist(), last.tolist(), strict=True)):
            share = table.get(full_name_key(f, g))
            if share is not None:
                by_parts = max(firsts.get(f, TF_FLOOR), TF_FLOOR) * max(
                    lasts.get(g, TF_FLOOR), TF_FLOOR
                )
                out[k] = min(0.0, math.log2(by_parts / share))
        return out

    def to_json(self) -> str:
        """Serialise, to store beside the identities (arrivals in any process score with it)."""
        return json.dumps(
            {
                "features": [f.name for f in self.features],
                "m": [x.tolist() for x in self.m],
                "u": [x.tolist() for x in self.u],
                "prior": self.prior,
                "tf": self.tf,
                "first_name_rule": self.first_name_rule,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> MatchModel:
        data: dict[str, Any] = json.loads(text)
        if data["features"] != [f.name for f in FEATURES]:
            raise StaleModelError(
                "the stored match model was trained on another feature table (idgraph was "
                "upgraded since it was trained)",
                hint="run `idgraph resolve --full`: it retrains the model on the stored records",
            )
        return cls(
            m=[np.asarray(x, dtype=float) for x in data["m"]],
            u=[np.asarray(x, dtype=float) for x in data["u"]],
            prior=float(data["prior"]),
            tf={k: {kk: float(vv) for kk, vv in v.items()} for k, v in data["tf"].items()},
            first_name_rule=bool(data.get("first_name_rule", True)),
        )


def variant_table(feature: str) -> str:
    """The name of a feature's variant-share table in `MatchModel.tf`."""
    return f"{feature}:variant"


def full_name_key(first: str, last: str) -> str:
    """The key of a whole name in the full-name table (comparison forms)."""
    return f"{first}|{last}"


def default_model(n_records: int) -> MatchModel:
    """The shipped model (resolver/data/default_model.json, trained on synthetic data) for data
    too small to learn m and u from; its prior is rescaled to this many records."""
    text = resources.files("resolver.data").joinpath("default_model.json").read_text("utf-8")
    data = json.loads(text)
    model = MatchModel.from_json(json.dumps(data["model"]))
    all_pairs = max(n_records * (n_records - 1) / 2, 1.0)
    model.prior = min(float(data["matches_per_record"]) * n_records / all_pairs,
                      DEFAULT_PRIOR_CAP)  # fmt: skip
    return model
