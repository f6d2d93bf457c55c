"""The learned scorer's seller candidates: the costly signals are read only where they can change what
the scorer reads of the scores (the chosen candidate's score, the best of the others, their number)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.parties import COSTLY_NAME_SIGNALS
from opsloop.extract.scorer.candidates import FIELDS, FieldCandidate
from opsloop.extract.scorer.choose import candidates_for
from opsloop.extract.scorer.model import FieldModel, load_model, parse_model

INVOICE = (
    "Nordwind Technik GmbH                              Rechnung\n"
    "Hafenweg 3                                         Kundennummer: 4711\n"
    "20457 Hamburg                                      Seite 1\n"
    "www.nordwind-technik.de\n"
    "\n"
    "Lindenhof Gastronomie KG\n"
    "Herrn Paul Berger\n"
    "Marktplatz 12\n"
    "80331 München\n"
    "\n"
    "Rechnung Nr. RE-2024-0815                    Rechnungsdatum: 12.03.2024\n"
    "Pos  Artikel                 Menge   Preis\n"
    "1    Wartung Kältetechnik    1       100,00\n"
    "Summe netto                                   100,00 EUR\n"
    "MwSt 19 %                                      19,00 EUR\n"
    "Gesamtbetrag                                  119,00 EUR\n"
    "Nordwind Technik GmbH - Geschäftsführer Jan Ohl - Amtsgericht Hamburg HRB 12345\n"
    "USt-IdNr. DE123456789 - IBAN DE89 3704 0044 0532 0130 00\n"
)


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _head_cell(candidate: FieldCandidate) -> bool:
    """A cell of page one's head or footer (not the sender line's or the account holder's name)."""
    return "head_pos" in candidate.features and "sender_line" not in candidate.features


def _what_the_scorer_reads(scores: np.ndarray[Any, Any], best: int) -> tuple[float, float, int]:
    others = [float(v) for i, v in enumerate(scores) if i != best]
    return float(scores[best]), max(others), len(scores)


def _model_mode(model: FieldModel) -> FieldModel:
    raw_vendor = model.fields["vendor"]
    spec = {
        "mode": "model",
        "features": list(raw_vendor.features),
        "weights": [float(w) for w in raw_vendor.weights],
        "bias": raw_vendor.bias,
        "calibration": {"x": [0.0, 1.0], "y": [0.1, 0.9]},
    }
    return parse_model({"format": 1, "fields": {"vendor": spec}})


def _combined_mode(model: FieldModel) -> FieldModel:
    """The shipped seller weights choosing per document between the rules' choice and the model's, with
    the rules' choice scored far below every other candidate (so that only reading it first reads it)."""
    raw_vendor = model.fields["vendor"]
    weights = [float(w) for w in raw_vendor.weights]
    weights[list(raw_vendor.features).index("is_rules_choice")] = -40.0
    spec = {
        "mode": "combined",
        "features": list(raw_vendor.features),
        "weights": weights,
        "bias": raw_vendor.bias,
        "calibration": {"x": [0.0, 1.0], "y": [0.1, 0.9]},
        "calibrator": [1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
        "rules_calibrator": [1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
    }
    return parse_model({"format": 1, "fields": {"vendor": spec}})


def test_a_combined_scorer_reads_the_rules_choice_whole_however_low_it_scores() -> None:
    # GIVEN a combined-mode scorer (it weighs the rules' choice's own score against the model's best)
    # that scores the rules' choice lowest of all
    model = _combined_mode(load_model(None))
    scorer = model.fields["vendor"]
    parsed = _doc(INVOICE)
    rules = extract_rules(parsed)
    # WHEN the candidates are read for it, and read whole
    lean = candidates_for(parsed, rules, model=model)["vendor"]
    whole = candidates_for(parsed, rules)["vendor"]
    # THEN the rules' choice carries every signal, and both choices read the same from the scores
    ruled = next(i for i, c in enumerate(whole) if c.features["is_rules_choice"] > 0)
    assert lean[ruled].features == whole[ruled].features
    lean_scores = scorer.scores([c.features for c in lean])
    whole_scores = scorer.scores([c.features for c in whole])
    best = int(whole_scores.argmax())
    assert best != ruled
    for chosen in (ruled, best):
        assert _what_the_scorer_reads(lean_scores, chosen) == _what_the_scorer_reads(whole_scores, chosen)


@pytest.mark.parametrize("mode", ["rules", "model"])
def test_seller_candidates_that_cannot_change_the_scorers_answer_are_not_read_whole(mode: str) -> None:
    # GIVEN a document whose head and footer hold many name-like cells, and the shipped scorer (whose
    # seller field the rules decide) or the same weights choosing by themselves
    shipped = load_model(None)
    model = shipped if mode == "rules" else _model_mode(shipped)
    scorer = model.fields["vendor"]
    parsed = _doc(INVOICE)
    rules = extract_rules(parsed)
    # WHEN the candidates are read for that scorer, and read whole (as training reads them)
    lean = candidates_for(parsed, rules, model=model)["vendor"]
    whole = candidates_for(parsed, rules)["vendor"]
    # THEN the same candidates, some without their costly signals, and the same answer from the scores
    assert [c.value for c in lean] == [c.value for c in whole]
    unread = [c for c in lean if _head_cell(c) and not set(COSTLY_NAME_SIGNALS) <= c.features.keys()]
    assert unread
    lean_scores = scorer.scores([c.features for c in lean])
    whole_scores = scorer.scores([c.features for c in whole])
    if mode == "rules":
        best = next(i for i, c in enumerate(whole) if c.features["is_rules_choice"] > 0)
    else:
        best = int(whole_scores.argmax())
        assert int(lean_scores.argmax()) == best
    assert _what_the_scorer_reads(lean_scores, best) == _what_the_scorer_reads(whole_scores, best)


def test_seller_candidates_are_read_whole_for_a_scorer_without_a_seller_field() -> None:
    # GIVEN a scorer of the other fields only
    spec = {"features": ["is_rules_choice"], "weights": [6.0], "bias": -3.0}
    spec["calibration"] = {"x": [0.0, 1.0], "y": [0.1, 0.9]}
    model = parse_model({"format": 1, "fields": {name: dict(spec) for name in FIELDS if name != "vendor"}})
    parsed = _doc(INVOICE)
    # WHEN the candidates are read for it
    vendor = candidates_for(parsed, extract_rules(parsed), model=model)["vendor"]
    # THEN every head cell's signals are read (what training and another scorer see)
    assert all(set(COSTLY_NAME_SIGNALS) <= c.features.keys() for c in vendor if _head_cell(c))
