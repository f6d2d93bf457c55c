"""The field model: one logistic scorer per field over its candidates' features, and a calibration map
from the chosen candidate's score to the probability that it is right.

The model is a small JSON file (`field_model.json`, shipped in this package) written by
`python -m evals.train_fields`; reading it needs numpy only. A candidate's score is the logistic of
its weighted features; the field's value is the best-scored candidate; the field's confidence is the
calibrated probability (isotonic, fitted on held-out folds) that this choice is right.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from opsloop.errors import ConfigError

MODEL_FILE = "field_model.json"
FORMAT = 1


LOGIT_LIMIT = 12.0

EVIDENCE_SIGNALS: dict[str, tuple[str, ...]] = {
    "vendor": (
        "legal_form",
        "legal_mention",
        "names_domain",
        "vat_line",
        "account_holder",
        "repeats",
        "under_vendor_label",
        "name_field",
        "heads_address",
    ),
}
"""Per field, the candidate features that are evidence of the value independent of where it stands:
for the seller's name a legal form, the legal mentions naming it, an e-mail or web domain spelling it,
the VAT id's line, the account holder's name, the name printed again, a seller label or name field
over it, an address block under it. A name resting on its position alone carries none."""
EVIDENCE_CAP = 4
"""Corroboration counts up to this many signals (more add nothing)."""


def corroboration(signals: tuple[str, ...] | list[str], features: dict[str, float]) -> float:
    """How many of ``signals`` the chosen candidate carries, up to EVIDENCE_CAP, as a share of it."""
    return min(sum(1 for name in signals if features.get(name, 0.0) > 0), EVIDENCE_CAP) / EVIDENCE_CAP


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return float(np.clip(np.log(p / (1 - p)), -LOGIT_LIMIT, LOGIT_LIMIT))


def calibration_features(
    best: float,
    second: float | None,
    agrees: bool,
    count: int,
    rules_confidence: float | None = None,
    evidence: float | None = None,
) -> list[float]:
    """What the confidence of a choice is read from: the chosen candidate's score (as a logit), its
    margin over the runner-up, whether the hand rules chose it too, how many candidates there were
    and, where given, the confidence the hand rules gave their own reading (the kind of evidence they
    read it from: a label, a fallback, a balanced sum; 0 when they read nothing) and, where given with
    it, the chosen value's `corroboration`. The training script fits the calibrator on exactly these."""
    margin = _logit(best) - _logit(second) if second is not None else LOGIT_LIMIT
    features = [
        _logit(best) / LOGIT_LIMIT,
        min(margin, LOGIT_LIMIT) / LOGIT_LIMIT,
        1.0 if agrees else 0.0,
        float(np.log1p(count)) / 5,
    ]
    if rules_confidence is not None:
        features.append(float(rules_confidence))
        if evidence is not None:
            features.append(float(evidence))
    return features


@dataclass(frozen=True)
class FieldScorer:
    features: tuple[str, ...]
    weights: np.ndarray[Any, np.dtype[np.float64]]
    bias: float
    calibration_x: np.ndarray[Any, np.dtype[np.float64]]
    calibration_y: np.ndarray[Any, np.dtype[np.float64]]
    threshold: float = 0.0
    """A best score below this means no candidate is the field's value (a due date not printed)."""
    mode: str = "model"
    """`model`: the best-scored candidate is the value; `rules`: the hand rules' choice is (they beat
    the model on leave-one-source-out) and the model only calibrates its confidence; `combined`: per
    document, where the two differ, the one the evidence favours (`prefers_model`)."""

    def scores(self, rows: list[dict[str, float]]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The probability-like score of each candidate (logistic of the weighted features)."""
        if not rows:
            return np.zeros(0)
        # one row of feature values per candidate (0.0 for a feature it lacks), read into the matrix
        # straight from one iterator: no list per row
        missing = itertools.repeat(0.0)
        values = itertools.chain.from_iterable(map(row.get, self.features, missing) for row in rows)
        size = len(rows) * len(self.features)
        matrix = np.fromiter(values, dtype=np.float64, count=size).reshape(len(rows), len(self.features))
        return 1.0 / (1.0 + np.exp(-(matrix @ self.weights + self.bias)))

    calibrator: tuple[float, ...] = ()
    """Weights of the calibrator over `calibration_features` (the last one its bias): four weights
    (score, margin, agreement, count), five (and the rules' own confidence) or six (and the chosen
    value's corroboration by `evidence`); empty: the chosen score itself goes through the isotonic map."""
    evidence: tuple[str, ...] = ()
    """The candidate features a six-weight calibrator counts as corroboration (`EVIDENCE_SIGNALS`)."""
    rules_calibrator: tuple[float, ...] = ()
    """`combined` mode: the calibrator of the hand rules' choice (five weights and a bias over its
    `calibration_features`, the model's score of the rules' value among them); `calibrator` is the
    model choice's."""
    switch: tuple[float, ...] = ()
    """`combined` mode, where given: a logistic regression over both choices' five calibration features
    (the model's first) and a bias, whose output above one half takes the model's choice; where empty,
    the choice with the higher calibrated probability is taken."""
    abstain_floor: float = 0.0
    """`combined` mode: where the hand rules read no value, the model's choice is taken only where its
    calibrated probability is at least this (fitted on held-out documents where the rules read none,
    a wrong value costing more than none); 0: wherever the combination prefers it."""

    def prefers_model(self, model_row: list[float], rules_row: list[float], rules_read: bool = True) -> bool:
        """`combined` mode: whether the model's choice is taken over the hand rules' on a document
        where they differ, from each choice's five `calibration_features`; ``rules_read``: whether the
        rules read a value at all (where not, the model's choice must clear `abstain_floor` too)."""
        if not rules_read and self.raw_confidence(model_row) < self.abstain_floor:
            return False
        if self.switch:
            *weights, bias = self.switch
            return float(np.dot(weights, [*model_row, *rules_row])) + bias > 0.0
        return self.raw_confidence(model_row) > _platt(self.rules_calibrator, rules_row)

    def corroboration(self, features: dict[str, float]) -> float:
        return corroboration(self.evidence, features)

    def raw_confidence(self, features: list[float]) -> float:
        if not self.calibrator:
            return float(1.0 / (1.0 + np.exp(-features[0] * LOGIT_LIMIT)))  # the chosen score itself
        *weights, bias = self.calibrator
        return float(1.0 / (1.0 + np.exp(-(float(np.dot(weights, features)) + bias))))

    def confidence(self, raw: float) -> float:
        """The calibrated probability that the choice is right, from the calibrator's output (the
        isotonic map fitted on leave-one-source-out predictions)."""
        return float(np.clip(np.interp(raw, self.calibration_x, self.calibration_y), 0.0, 1.0))

    def choice_confidence(
        self,
        best: float,
        second: float | None,
        agrees: bool,
        count: int,
        rules_confidence: float = 0.0,
        evidence: float = 0.0,
    ) -> float:
        """The calibrated probability that a choice is right; ``rules_confidence`` is read only by a
        calibrator fitted on it (five or six weights), ``evidence`` (the chosen value's corroboration)
        only by one fitted on it too (six)."""
        extra = rules_confidence if len(self.calibrator) >= 6 else None
        strength = evidence if len(self.calibrator) == 7 else None
        features = calibration_features(best, second, agrees, count, extra, strength)
        return self.confidence(self.raw_confidence(features))

    def rules_choice_confidence(self, features: list[float]) -> float:
        """`combined` mode: the calibrated probability that the hand rules' choice is right, from its
        five `calibration_features`."""
        return float(np.clip(_platt(self.rules_calibrator, features), 0.0, 1.0))


def _platt(calibrator: tuple[float, ...], features: list[float]) -> float:
    *weights, bias = calibrator
    return float(1.0 / (1.0 + np.exp(-(float(np.dot(weights, features)) + bias))))


@dataclass(frozen=True)
class EvidenceTable:
    """A field the hand rules alone read: the probability that their value is right per kind of
    evidence it was read from (see `opsloop.extract.scorer.kinds`), each kind's rate shrunk towards its
    coarser kind's; a kind the table lacks falls back to its coarser kind, then to the field's rate."""

    kinds: dict[str, float]
    default: float

    def probability(self, kind: str) -> float:
        while True:
            if kind in self.kinds:
                return self.kinds[kind]
            if "|" not in kind:
                return self.default
            kind = kind.rsplit("|", 1)[0]


@dataclass(frozen=True)
class FieldModel:
    fields: dict[str, FieldScorer]
    meta: dict[str, Any]
    rule_fields: dict[str, tuple[tuple[float, ...], tuple[float, ...]] | EvidenceTable] = dataclass_field(
        default_factory=dict
    )
    """Fields the hand rules alone read: a table of the probability that the value is right per kind
    of evidence (fitted by the training script on held-out sources), or an older file's isotonic map
    from the rules' confidence to that probability."""

    def rule_confidence(self, name: str, confidence: float, kind: str | None = None) -> float:
        """The probability that the rules' value of ``name`` is right: from its evidence ``kind``
        where the model holds a table, else from the rules' ``confidence``; a field the rules did not
        read (confidence 0) stays 0."""
        spec = self.rule_fields.get(name)
        if spec is None or confidence <= 0:
            return confidence
        if isinstance(spec, EvidenceTable):
            return spec.probability(kind) if kind is not None else confidence
        return float(np.clip(np.interp(confidence, spec[0], spec[1]), 0.0, 1.0))


def _scorer(raw: dict[str, Any]) -> FieldScorer:
    calibration = raw["calibration"]
    x = np.array(calibration["x"], dtype=np.float64)
    y = np.array(calibration["y"], dtype=np.float64)
    if len(x) != len(y) or len(x) < 2 or np.any(np.diff(x) < 0) or np.any(np.diff(y) < -1e-12):
        raise ValueError("calibration must be two increasing arrays of equal length")
    features = tuple(str(name) for name in raw["features"])
    weights = np.array(raw["weights"], dtype=np.float64)
    if len(weights) != len(features):
        raise ValueError("one weight per feature")
    mode = str(raw.get("mode", "model"))
    if mode not in ("model", "rules", "combined"):
        raise ValueError(f"mode {mode!r}: model, rules or combined")
    calibrator = tuple(float(v) for v in raw.get("calibrator", []))
    if calibrator and len(calibrator) not in (5, 6, 7):
        raise ValueError("the calibrator holds four, five or six weights and a bias")
    evidence = tuple(str(name) for name in raw.get("evidence", []))
    if len(calibrator) == 7 and not evidence:
        raise ValueError("a six-weight calibrator names the evidence it counts")
    rules_calibrator = tuple(float(v) for v in raw.get("rules_calibrator", []))
    switch = tuple(float(v) for v in raw.get("switch", []))
    if mode == "combined" and (len(calibrator) != 6 or len(rules_calibrator) != 6):
        raise ValueError("combined mode: both choices' calibrators hold five weights and a bias")
    if switch and len(switch) != 11:
        raise ValueError("the switch holds ten weights and a bias")
    abstain_floor = float(raw.get("abstain_floor", 0.0))
    if not 0.0 <= abstain_floor <= 1.0:
        raise ValueError("the abstain floor is a probability")
    return FieldScorer(
        features,
        weights,
        float(raw["bias"]),
        x,
        y,
        float(raw.get("threshold", 0.0)),
        mode,
        calibrator,
        evidence,
        rules_calibrator,
        switch,
        abstain_floor,
    )


def parse_model(raw: dict[str, Any]) -> FieldModel:
    if raw.get("format") != FORMAT:
        raise ValueError(f"model format {raw.get('format')!r}, expected {FORMAT}")
    fields = {name: _scorer(spec) for name, spec in raw["fields"].items()}
    rule_fields: dict[str, tuple[tuple[float, ...], tuple[float, ...]] | EvidenceTable] = {}
    for name, spec in raw.get("rule_fields", {}).items():
        if "kinds" in spec:
            kinds = {str(k): float(v) for k, v in spec["kinds"].items()}
            default = float(spec["default"])
            if not all(0.0 <= p <= 1.0 for p in [*kinds.values(), default]):
                raise ValueError(f"rule_fields.{name}: probabilities between 0 and 1")
            rule_fields[name] = EvidenceTable(kinds, default)
            continue
        x, y = tuple(float(v) for v in spec["x"]), tuple(float(v) for v in spec["y"])
        if len(x) != len(y) or len(x) < 2 or any(b < a for a, b in itertools.pairwise(x)):
            raise ValueError(f"rule_fields.{name}: two increasing arrays of equal length")
        rule_fields[name] = (x, y)
    meta = {k: v for k, v in raw.items() if k not in ("fields", "rule_fields")}
    return FieldModel(fields, meta, rule_fields)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> FieldModel:
    """The model at ``path`` (a file trained elsewhere), or the one shipped in the package; a file
    that is no model raises ConfigError naming it."""
    try:
        if path is None:
            text = (resources.files("opsloop.extract.scorer") / MODEL_FILE).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return parse_model(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        name = path or MODEL_FILE
        raise ConfigError(f"The field model {name} cannot be read: {exc}") from exc
