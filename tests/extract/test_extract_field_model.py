"""GIVEN the learned field scorer (a small JSON model shipped in the package) WHEN it is loaded and
applied THEN it scores candidates, its confidence is a calibrated, monotone probability, a missing
field has confidence 0 with a reason, and another model file can be chosen by setting."""

import itertools
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.errors import ConfigError
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.scorer.candidates import FIELDS
from opsloop.extract.scorer.choose import apply_model, candidates_for
from opsloop.extract.scorer.model import load_model, parse_model
from opsloop.settings import Settings

INVOICE = (
    "Nordwind Technik GmbH\n"
    "Hafenweg 3, 20457 Hamburg\n"
    "Rechnung Nr. RE-2024-0815                    Rechnungsdatum: 12.03.2024\n"
    "Fällig am: 11.04.2024\n"
    "Lieferdatum: 10.03.2024\n"
    "Summe netto                                   100,00 EUR\n"
    "MwSt 19 %                                      19,00 EUR\n"
    "Gesamtbetrag                                  119,00 EUR\n"
)


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _toy_model(**overrides: Any) -> dict[str, Any]:
    """A model that trusts the rules' choice for every field (enough to test the mechanism)."""
    spec = {
        "features": ["is_rules_choice"],
        "weights": [6.0],
        "bias": -3.0,
        "calibration": {"x": [0.0, 1.0], "y": [0.1, 0.9]},
    }
    spec.update(overrides)
    return {"format": 1, "fields": {name: dict(spec) for name in FIELDS}}


def test_the_shipped_model_loads_and_scores_every_headline_field() -> None:
    model = load_model()
    assert set(FIELDS) <= set(model.fields)
    rules = extract_rules(_doc(INVOICE))
    candidates = candidates_for(_doc(INVOICE), rules)
    for name in FIELDS:
        scorer = model.fields[name]
        scores = scorer.scores([c.features for c in candidates[name]])
        assert len(scores) == len(candidates[name])
        assert np.all((scores >= 0) & (scores <= 1))


def test_the_shipped_models_calibration_is_monotone_and_a_probability() -> None:
    for scorer in load_model().fields.values():
        grid = [scorer.confidence(x) for x in np.linspace(0, 1, 21)]
        assert all(0.0 <= p <= 1.0 for p in grid)
        assert all(b >= a - 1e-12 for a, b in itertools.pairwise(grid))


def test_the_shipped_model_reads_a_plain_invoice() -> None:
    result = extract_invoice(_doc(INVOICE), engine="rules")
    assert result.invoice_number == "RE-2024-0815"
    assert (result.invoice_date, result.due_date) == (date(2024, 3, 12), date(2024, 4, 11))
    assert result.total == Decimal("119.00") and result.currency == "EUR"
    for name in ("invoice_number", "invoice_date", "total", "currency"):
        assert 0.0 < result.fields[name].confidence <= 1.0


def test_candidate_features_name_no_value_and_no_wording() -> None:
    # GIVEN the candidates of a page WHEN their features are listed THEN no feature name carries page text
    candidates = candidates_for(_doc(INVOICE), extract_rules(_doc(INVOICE)))
    names = {feature for cands in candidates.values() for c in cands for feature in c.features}
    for token in ("nordwind", "hamburg", "0815", "rechnung", "gesamtbetrag"):
        assert not any(token in name.lower() for name in names)


def test_the_confidence_is_the_calibration_of_the_chosen_score() -> None:
    model = parse_model(_toy_model())
    result = apply_model(extract_rules(_doc(INVOICE)), _doc(INVOICE), model)
    # the rules' choice scores logistic(3) ~ 0.95: the map gives 0.1 + 0.8 * 0.95
    expected = 0.1 + 0.8 / (1 + np.exp(-3.0))
    assert result.fields["total"].confidence == pytest.approx(expected, abs=1e-6)


def test_a_field_no_candidate_scores_above_its_threshold_is_missing_with_confidence_zero() -> None:
    raw = _toy_model()
    raw["fields"]["due_date"]["threshold"] = 0.999
    result = apply_model(extract_rules(_doc(INVOICE)), _doc(INVOICE), parse_model(raw))
    assert result.due_date is None
    assert result.fields["due_date"].confidence == 0.0 and result.fields["due_date"].reason


def test_a_rules_mode_field_keeps_the_rules_choice_and_only_calibrates_it() -> None:
    raw = _toy_model()
    raw["fields"]["total"] = {
        "mode": "rules",
        "features": ["largest"],
        "weights": [-9.0],
        "bias": 0.0,
        "calibration": {"x": [0.0, 1.0], "y": [0.2, 0.3]},
    }
    rules = extract_rules(_doc(INVOICE))
    result = apply_model(extract_rules(_doc(INVOICE)), _doc(INVOICE), parse_model(raw))
    assert result.total == rules.total
    assert 0.2 <= result.fields["total"].confidence <= 0.3


@pytest.mark.parametrize(
    "broken",
    [
        {"format": 99, "fields": {}},
        {
            "format": 1,
            "fields": {
                "total": {
                    "features": ["a"],
                    "weights": [1.0, 2.0],
                    "bias": 0.0,
                    "calibration": {"x": [0, 1], "y": [0, 1]},
                }
            },
        },
        {
            "format": 1,
            "fields": {
                "total": {
                    "features": ["a"],
                    "weights": [1.0],
                    "bias": 0.0,
                    "calibration": {"x": [0, 1], "y": [1, 0]},
                }
            },
        },
    ],
)
def test_a_broken_model_file_is_refused_with_its_name(tmp_path: Path, broken: dict[str, Any]) -> None:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_model(str(path))
    assert "broken.json" in caught.value.message


def test_another_model_file_is_loaded_by_setting(tmp_path: Path) -> None:
    raw = _toy_model(calibration={"x": [0.0, 1.0], "y": [0.42, 0.42]})
    path = tmp_path / "loso.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    settings = Settings(extract={"field_model": path})  # type: ignore[arg-type]
    result = extract_invoice(_doc(INVOICE), engine="rules", settings=settings)
    assert result.fields["total"].confidence == pytest.approx(0.42)
    rules_only = extract_invoice(
        _doc(INVOICE), engine="rules", settings=Settings(extract={"field_scorer": "rules"})
    )  # type: ignore[arg-type]
    assert rules_only.fields["total"].confidence != pytest.approx(0.42)


def test_a_field_only_the_rules_read_gets_its_confidence_mapped_to_a_probability() -> None:
    # GIVEN a model whose map says the rules' subtotal at confidence 0.95 is right 70 % of the time
    raw = _toy_model()
    raw["rule_fields"] = {"subtotal": {"x": [0.0, 1.0], "y": [0.7, 0.7]}}
    rules = extract_rules(_doc(INVOICE))
    assert rules.subtotal is not None and rules.fields["subtotal"].confidence > 0.7
    # WHEN the model is applied THEN the subtotal's confidence is the mapped probability
    result = apply_model(extract_rules(_doc(INVOICE)), _doc(INVOICE), parse_model(raw))
    assert result.fields["subtotal"].confidence == pytest.approx(0.7)
    assert result.subtotal == rules.subtotal


def test_a_rule_field_map_that_decreases_is_refused() -> None:
    raw = _toy_model()
    raw["rule_fields"] = {"subtotal": {"x": [1.0, 0.0], "y": [0.7, 0.7]}}
    with pytest.raises(ValueError, match=r"rule_fields\.subtotal"):
        parse_model(raw)


def test_a_rule_fields_evidence_table_gives_its_kinds_probability_falling_back_to_coarser_kinds() -> None:
    # GIVEN a table for the VAT id: one kind with a rate, its coarser kind with another, the field's rate
    raw = _toy_model()
    raw["rule_fields"] = {
        "vendor.vat_id": {"kinds": {"c0.90": 0.8, "c0.90|two": 0.55, "c0.90|two|agree": 0.6}, "default": 0.7}
    }
    model = parse_model(raw)
    # THEN a known kind reads its own rate, an unseen finer kind its coarser kind's, an unseen kind the field's
    assert model.rule_confidence("vendor.vat_id", 0.9, "c0.90|two|agree") == pytest.approx(0.6)
    assert model.rule_confidence("vendor.vat_id", 0.9, "c0.90|two|differ") == pytest.approx(0.55)
    assert model.rule_confidence("vendor.vat_id", 0.9, "c0.90|one|agree") == pytest.approx(0.8)
    assert model.rule_confidence("vendor.vat_id", 0.5, "c0.50|one") == pytest.approx(0.7)
    # AND a field the rules did not read keeps confidence 0
    assert model.rule_confidence("vendor.vat_id", 0.0, None) == 0.0


def test_an_evidence_table_with_a_probability_out_of_range_is_refused() -> None:
    raw = _toy_model()
    raw["rule_fields"] = {"subtotal": {"kinds": {"c0.95": 1.2}, "default": 0.9}}
    with pytest.raises(ValueError, match=r"rule_fields\.subtotal"):
        parse_model(raw)


def test_the_subtotals_evidence_kind_says_whether_the_tax_rate_is_plausible_and_the_sum_adds_up() -> None:
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kind

    rules = extract_rules(_doc(INVOICE))
    lines = document_lines(_doc(INVOICE))
    assert (evidence_kind("subtotal", rules, lines) or "").split("|")[1:] == ["rate_ok", "adds"]
    rules.tax_total = Decimal("9.00")
    assert (evidence_kind("subtotal", rules, lines) or "").split("|")[1:] == ["rate_ok", "apart"]
    # net and tax read the other way round: no tax rate makes 100 of 19
    rules.subtotal, rules.tax_total = Decimal("19.00"), Decimal("100.00")
    assert (evidence_kind("tax_total", rules, lines) or "").split("|")[1:] == ["rate_odd", "adds"]
    # a field the rules did not read has no kind
    rules.fields["subtotal"] = rules.fields["subtotal"].model_copy(update={"confidence": 0.0})
    assert evidence_kind("subtotal", rules, lines) is None


def test_the_vat_ids_evidence_kind_counts_the_vat_ids_printed_and_names_no_value() -> None:
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kinds

    one = INVOICE + "USt-IdNr. DE136695976\n"
    two = one + "Kunde: Beispiel AG, USt-IdNr. DE129273398\n"
    kinds_one = evidence_kinds(extract_rules(_doc(one)), document_lines(_doc(one)))
    kinds_two = evidence_kinds(extract_rules(_doc(two)), document_lines(_doc(two)))
    assert kinds_one["vendor.vat_id"].split("|")[1] == "one"
    assert kinds_two["vendor.vat_id"].split("|")[1] == "two"
    for kind in [*kinds_one.values(), *kinds_two.values()]:
        assert not any(token in kind.lower() for token in ("de13", "nordwind", "119", "beispiel"))


def test_a_calibrator_fitted_on_the_rules_confidence_reads_it() -> None:
    # GIVEN a calibrator whose only weight is on the rules' own confidence (fifth feature)
    raw = _toy_model(
        calibrator=[0.0, 0.0, 0.0, 0.0, 4.0, -2.0], calibration={"x": [0.0, 1.0], "y": [0.0, 1.0]}
    )
    scorer = parse_model(raw).fields["total"]
    # THEN the confidence follows it: logistic(4 * c - 2)
    assert scorer.choice_confidence(0.9, 0.1, True, 3, 1.0) == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert scorer.choice_confidence(0.9, 0.1, True, 3, 0.0) == pytest.approx(1 / (1 + np.exp(2.0)))


def test_a_vat_id_printed_under_the_buyers_name_is_read_as_in_the_buyers_block() -> None:
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kind

    text = (
        "Nordwind Technik GmbH\n"
        "Hafenweg 3, 20457 Hamburg\n"
        "\n"
        "Rechnung an:\n"
        "Beispiel Handel AG\n"
        "Ringstraße 5\n"
        "10115 Berlin\n"
        "USt-IdNr. DE136695976\n"
        "Rechnung Nr. RE-2024-0815                    Rechnungsdatum: 12.03.2024\n"
        "Gesamtbetrag                                  119,00 EUR\n"
    )
    rules = extract_rules(_doc(text))
    assert rules.buyer.name == "Beispiel Handel AG" and rules.vendor.vat_id == "DE136695976"
    kind = evidence_kind("vendor.vat_id", rules, document_lines(_doc(text))) or ""
    assert kind.split("|")[2] == "buyer_block"


TABLE = (
    "Nordwind Technik GmbH\n"
    "Hafenweg 3, 20457 Hamburg\n"
    "Rechnung Nr. RE-2024-0815                    Rechnungsdatum: 12.03.2024\n"
    "Pos  Beschreibung                      Menge    Einzelpreis      Betrag\n"
    "1    Kupferrohr 15 mm                      2          10,00       20,00\n"
    "{wrapped}"
    "2    Kabelbinder schwarz                   4           5,00       20,00\n"
    "Summe netto                                                     40,00\n"
    "MwSt 19 %                                                        7,60\n"
    "Gesamtbetrag                                                    47,60 EUR\n"
)


@pytest.mark.parametrize(
    ("wrapped", "expected"),
    [("", "tight"), ("     Ausführung: verzinkt, Rolle\n", "loose")],
)
def test_the_item_tables_evidence_kind_says_whether_a_line_of_words_stands_between_rows_unread(
    wrapped: str, expected: str
) -> None:
    # GIVEN two rows, and a line of words under the first that its description does not hold (a
    # detail line the row did not take), or none
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kind

    text = TABLE.format(wrapped=wrapped)
    rules = extract_rules(_doc(text))
    assert len(rules.lines) == 2
    if wrapped:  # the row did not take it (else the evidence has nothing to say)
        assert "verzinkt" not in (rules.lines[0].description or "")
    kind = evidence_kind("lines", rules, document_lines(_doc(text))) or ""
    assert kind.split("|")[-1] == expected


def test_a_calibrator_fitted_on_corroboration_gives_a_vendor_without_agreeing_evidence_less() -> None:
    # GIVEN a vendor calibrator whose only weight is on the chosen name's corroboration
    from opsloop.extract.scorer.model import EVIDENCE_SIGNALS

    raw = _toy_model()
    raw["fields"]["vendor"].update(
        calibrator=[0.0, 0.0, 0.0, 0.0, 0.0, 4.0, -2.0],
        evidence=list(EVIDENCE_SIGNALS["vendor"]),
        calibration={"x": [0.0, 1.0], "y": [0.0, 1.0]},
    )
    model = parse_model(raw)
    # WHEN one invoice's seller name carries a legal form, its domain and the VAT id's line, and the
    # other's the same name on its own at the top
    sure = (
        "Nordwind Technik GmbH · USt-IdNr. DE136695976\n"
        "Hafenweg 3, 20457 Hamburg · info@nordwind-technik.de\n" + INVOICE.split("\n", 2)[2]
    )
    bare = "Nordwind Technik\n\n" + INVOICE.split("\n", 2)[2]
    confidences = []
    for text in (sure, bare):
        rules = extract_rules(_doc(text))
        result = apply_model(rules, _doc(text), model)
        assert (result.vendor.name or "").startswith("Nordwind Technik")
        confidences.append(result.fields["vendor.name"].confidence)
    # THEN the name without agreeing evidence is less sure
    assert confidences[1] < confidences[0]
    assert confidences[1] == pytest.approx(1 / (1 + np.exp(2.0)))


def test_a_six_weight_calibrator_without_its_evidence_names_is_refused() -> None:
    raw = _toy_model(calibrator=[0.0] * 7)
    with pytest.raises(ValueError, match="evidence"):
        parse_model(raw)


def test_the_shipped_model_gives_every_field_the_rules_read_a_fitted_probability() -> None:
    # GIVEN the shipped model: the VAT id and the item table hold evidence tables (fitted on
    # leave-one-source-out predictions), no field keeps the rules' fixed number
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import RULE_FIELDS, evidence_kinds
    from opsloop.extract.scorer.model import EvidenceTable

    model = load_model()
    assert set(RULE_FIELDS) <= set(model.rule_fields)
    assert isinstance(model.rule_fields["vendor.vat_id"], EvidenceTable)
    assert isinstance(model.rule_fields["lines"], EvidenceTable)
    text = INVOICE.replace(
        "Hafenweg 3, 20457 Hamburg\n", "Hafenweg 3, 20457 Hamburg · USt-IdNr. DE136695976\n"
    )
    rules = extract_rules(_doc(text))
    assert rules.vendor.vat_id == "DE136695976" and rules.fields["vendor.vat_id"].confidence == 0.9
    kind = evidence_kinds(rules, document_lines(_doc(text)))["vendor.vat_id"]
    # WHEN the extraction applies it THEN the VAT id's confidence is its kind's probability
    result = extract_invoice(_doc(text))
    assert result.vendor.vat_id == "DE136695976"
    assert result.fields["vendor.vat_id"].confidence == pytest.approx(
        model.rule_confidence("vendor.vat_id", 0.9, kind)
    )
    assert result.fields["vendor.vat_id"].confidence != pytest.approx(0.9)


def test_the_vat_id_and_iban_kinds_read_from_the_rules_ids_are_those_read_from_the_lines() -> None:
    # GIVEN a page with a seller's VAT id and IBAN, and the ids the rules engine read off its lines
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.rules.parties import Found, find_ibans, find_vat_ids
    from opsloop.extract.scorer.kinds import evidence_kind

    text = "ACME GmbH\nUSt-IdNr.: DE136695976\nIBAN: DE89 3704 0044 0532 0130 00\n" + INVOICE
    rules = extract_rules(_doc(text))
    lines = document_lines(_doc(text))
    ibans = find_ibans(lines)
    ids = (ibans, find_vat_ids(lines, ibans))
    assert ids[0] and ids[1]
    # THEN each kind is the one read from the lines themselves
    for name in ("vendor.vat_id", "vendor.iban"):
        assert evidence_kind(name, rules, lines) is not None
        assert evidence_kind(name, rules, lines, ids) == evidence_kind(name, rules, lines)
    # AND the ids given are what is counted (one id more: "two")
    doubled = (ids[0], [*ids[1], Found("ATU13585627", lines[0], "ATU13585627")])
    assert (evidence_kind("vendor.vat_id", rules, lines, doubled) or "").split("|")[1] == "two"


BUYER = (
    "Nordwind Technik GmbH\n"
    "Hafenweg 3, 20457 Hamburg\n"
    "\n"
    "Rechnung an:\n"
    "Beispiel Handel AG\n"
    "{address}"
    "Rechnung Nr. RE-2024-0815                    Rechnungsdatum: 12.03.2024\n"
    "Gesamtbetrag                                  119,00 EUR\n"
)


@pytest.mark.parametrize(
    ("address", "expected"),
    [("Ringstraße 5\n10115 Berlin\n", "addressed"), ("", "bare")],
)
def test_the_buyers_evidence_kind_says_whether_an_address_stands_under_the_name(
    address: str, expected: str
) -> None:
    # GIVEN a buyer's name under its label, with its postal address under it or with none
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kind

    text = BUYER.format(address=address)
    rules = extract_rules(_doc(text))
    assert rules.buyer.name == "Beispiel Handel AG"
    # THEN the kind's first part after the confidence class says so
    kind = evidence_kind("buyer.name", rules, document_lines(_doc(text))) or ""
    assert kind.split("|")[1] == expected


def test_a_buyer_without_an_address_gets_the_lower_probability_of_its_table() -> None:
    # GIVEN a buyer table fitted with bare names less often right than addressed ones
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kind

    table = {"kinds": {"c0.60|addressed": 0.98, "c0.60|bare": 0.55}, "default": 0.95}
    model = parse_model({**_toy_model(), "rule_fields": {"buyer.name": table}})
    confidences = {}
    for address in ("Ringstraße 5\n10115 Berlin\n", ""):
        text = BUYER.format(address=address)
        rules = extract_rules(_doc(text))
        kind = evidence_kind("buyer.name", rules, document_lines(_doc(text)))
        confidences[bool(address)] = model.rule_confidence("buyer.name", 0.6, kind)
    # THEN the name with no address under it is the less sure
    assert confidences == {True: 0.98, False: 0.55}


def test_an_amount_due_that_is_the_total_is_no_surer_than_the_total() -> None:
    # GIVEN an invoice whose amount due is its total (none printed apart), a table that gives the
    # amount due 0.99 and a total calibrated at 0.5
    from opsloop.extract.scorer.choose import bound_by_reading

    rules = extract_rules(_doc(INVOICE))
    assert rules.amount_due == rules.total == Decimal("119.00")
    table = {"kinds": {}, "default": 0.99}
    model = parse_model(
        {
            **_toy_model(calibration={"x": [0.0, 1.0], "y": [0.5, 0.5]}),
            "rule_fields": {"amount_due": table},
        }
    )
    result = apply_model(rules, _doc(INVOICE), model)
    # THEN the amount due's confidence is at most the total's
    assert result.fields["total"].confidence == pytest.approx(0.5)
    assert result.fields["amount_due"].confidence == pytest.approx(0.5)
    # AND an amount due that differs from the total (read from its own label) keeps its own
    result.amount_due = Decimal("100.00")
    result.fields["amount_due"] = result.fields["amount_due"].model_copy(update={"confidence": 0.99})
    assert bound_by_reading(result).fields["amount_due"].confidence == pytest.approx(0.99)


def test_the_sellers_address_is_no_surer_than_the_sellers_name() -> None:
    # GIVEN the seller's address read under its name at 0.6 and the name itself at 0.3
    from opsloop.extract.scorer.choose import bound_by_reading

    rules = extract_rules(_doc(INVOICE))
    assert rules.vendor.address and rules.fields["vendor.address"].confidence > 0.3
    rules.fields["vendor.name"] = rules.fields["vendor.name"].model_copy(update={"confidence": 0.3})
    # THEN the address's confidence falls to the name's
    assert bound_by_reading(rules).fields["vendor.address"].confidence == pytest.approx(0.3)


@pytest.mark.parametrize(
    ("subtotal_line", "expected"),
    [
        ("Summe netto                                                     40,00\n", "adds"),
        ("", "adds"),  # no subtotal printed: the rows add up to the total less the tax
        ("Summe netto                                                     45,00\n", "apart"),
    ],
)  # apart: the subtotal and the total (52,60) 5,00 above the rows' sum, which the page prints nowhere
def test_the_item_tables_evidence_kind_says_whether_its_rows_add_up_to_a_printed_total(
    subtotal_line: str, expected: str
) -> None:
    # GIVEN two rows of 20,00, and a subtotal that is their sum, none, or another amount
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kind

    text = TABLE.format(wrapped="").replace(
        "Summe netto                                                     40,00\n", subtotal_line
    )
    if expected == "apart":
        text = text.replace("47,60", "52,60")
    rules = extract_rules(_doc(text))
    assert len(rules.lines) == 2
    kind = evidence_kind("lines", rules, document_lines(_doc(text))) or ""
    # THEN the kind's second part says whether the rows add up to a total the page prints
    assert kind.split("|")[1] == expected


def test_rows_that_add_up_with_an_amount_printed_alone_under_them_are_read_as_adjusted() -> None:
    # GIVEN two rows of 20,00, and a freight line of 5,00 under them that the subtotal (45,00) holds
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kind

    text = TABLE.format(wrapped="").replace(
        "Summe netto                                                     40,00\n",
        "Fracht                                                            5,00\n"
        "Summe netto                                                     45,00\n",
    )
    rules = extract_rules(_doc(text))
    assert len(rules.lines) == 2 and rules.subtotal == Decimal("45.00")
    rules.charges = []  # the reading under test is the kind's, whether or not the engine took the charge
    kind = evidence_kind("lines", rules, document_lines(_doc(text))) or ""
    # THEN the rows add up to the subtotal with the amount printed alone under them
    assert kind.split("|")[1] == "adjusted"
    # AND an amount printed nowhere leaves them apart
    rules.subtotal, rules.total = Decimal("46.00"), Decimal("53.00")
    assert (evidence_kind("lines", rules, document_lines(_doc(text))) or "").split("|")[1] == "apart"


def test_a_table_whose_rows_add_up_gets_a_higher_probability_than_one_whose_rows_do_not() -> None:
    # GIVEN the shipped model and an item table whose subtotal was not read as the rows' sum
    from opsloop.extract.scorer.model import EvidenceTable

    table = load_model().rule_fields["lines"]
    assert isinstance(table, EvidenceTable)
    # THEN rows that add up to a printed total are surer than rows that do not, whatever lies between
    for between in ("loose", "tight"):
        assert table.probability(f"c0.60|adds|{between}") > table.probability(f"c0.60|apart|{between}")


@pytest.mark.parametrize(("paid", "expected"), [("20,00", "deducted"), ("", "unexplained")])
def test_an_amount_due_below_the_total_says_whether_the_deduction_is_printed(
    paid: str, expected: str
) -> None:
    # GIVEN an amount due below the total, with the amount paid printed or not
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kind

    text = INVOICE + (f"Anzahlung                                      {paid} EUR\n" if paid else "")
    text += "Zahlbetrag                                     99,00 EUR\n"
    rules = extract_rules(_doc(text))
    rules.amount_due = Decimal("99.00")  # the reading under test is the kind, not the engine's
    kind = evidence_kind("amount_due", rules, document_lines(_doc(text))) or ""
    # THEN the kind says whether total - due is printed
    assert kind.split("|")[1] == "own"
    assert kind.split("|")[3] == expected
    # AND an amount due that is the total has no deduction to explain
    rules.amount_due = rules.total
    assert (evidence_kind("amount_due", rules, document_lines(_doc(text))) or "").split("|")[3] == "none"


@pytest.mark.parametrize(
    ("under", "expected"),
    [
        ("", "clear"),
        ("Anzahlung                                     -40,00 EUR\n", "deduction"),
        (
            "Bereits bezahlt                                40,00 EUR\nRest                                           79,00 EUR\n",
            "deduction",
        ),
        ("Offener Betrag                                  0,00 EUR\n", "zero"),
        # a payment against a balance brought forward, the balance printed too: the total is due
        (
            "Saldovortrag                                   50,00 EUR\nZahlung erhalten                              -50,00 EUR\n",
            "clear",
        ),
        # per-rate rows (net, tax, gross) whose gross amounts make the total; a cash discount's amount
        # in brackets in a payment sentence
        ("19 %        60,00     11,40     71,40\n7 %         40,00      7,60     47,60\n", "clear"),
        ("Bei Zahlung binnen 10 Tagen 2 % Skonto (2,38 EUR).\n", "clear"),
        # the tax in two equal halves on one line; an unread figure named again on another line
        ("Davon CGST / SGST                     9,50      9,50\n", "clear"),
        (
            "Restbetrag                                     79,00\nBitte überweisen Sie 79,00 EUR.\n",
            "deduction",
        ),
        ("Bezahlt mit Karte                            119,00 EUR\n", "repeat"),
    ],
)
def test_an_amount_due_read_as_the_total_says_what_the_page_prints_under_the_total(
    under: str, expected: str
) -> None:
    # GIVEN an invoice whose amount due is read as its total, and under the total a figure printed
    # negative, two figures that make up the total, a zero, the total again, or nothing
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.kinds import evidence_kind

    text = INVOICE + under
    rules = extract_rules(_doc(text))
    rules.amount_due = rules.total  # the reading under test is the kind, not the engine's
    kind = evidence_kind("amount_due", rules, document_lines(_doc(text))) or ""
    # THEN the kind's last part says which: a payment the labels did not name makes the reading doubtful
    assert kind.split("|")[1] == "total"
    assert kind.split("|")[-1] == expected


def test_a_buyer_read_again_after_the_model_changed_the_seller_gets_the_models_probability() -> None:
    # GIVEN a model whose seller is another candidate than the rules' (the buyer is then read again,
    # never the seller) and whose buyer's probability is a flat 0.33
    text = INVOICE.replace(
        "Hafenweg 3, 20457 Hamburg\n",
        "Hafenweg 3, 20457 Hamburg\n\nRechnungsempfänger:\nMüller Bau AG\nLindenstraße 5\n10115 Berlin\n\n",
    )
    raw = _toy_model()
    raw["fields"]["vendor"] = {
        "features": ["is_rules_choice"],
        "weights": [-6.0],
        "bias": 3.0,
        "calibration": {"x": [0.0, 1.0], "y": [0.1, 0.9]},
    }
    raw["rule_fields"] = {"buyer.name": {"x": [0.0, 1.0], "y": [0.33, 0.33]}}
    plain = extract_rules(_doc(text))
    # WHEN the rules read it with the model
    result = extract_rules(_doc(text), model=parse_model(raw))
    # THEN the seller changed, and the buyer read again carries the model's probability, not the
    # rules' own number
    assert result.vendor.name != plain.vendor.name
    assert result.buyer.name == "Müller Bau AG"
    assert plain.fields["buyer.name"].confidence != pytest.approx(0.33)
    assert result.fields["buyer.name"].confidence == pytest.approx(0.33)


def _combined_total(
    model_bias: float, rules_bias: float, switch: list[float] | None = None
) -> dict[str, Any]:
    """A model whose total scorer prefers the largest amount on the page (the postcode, not the total
    the rules read) and combines the two choices per document."""
    raw = _toy_model()
    raw["fields"]["total"] = {
        "mode": "combined",
        "features": ["largest"],
        "weights": [9.0],
        "bias": 0.0,
        "calibrator": [0.0, 0.0, 0.0, 0.0, 0.0, model_bias],
        "rules_calibrator": [0.0, 0.0, 0.0, 0.0, 0.0, rules_bias],
        "calibration": {"x": [0.0, 1.0], "y": [0.0, 1.0]},
    }
    if switch is not None:
        raw["fields"]["total"]["switch"] = switch
    return raw


@pytest.mark.parametrize(
    ("model_bias", "rules_bias", "switch", "model_wins"),
    [
        (2.0, -2.0, None, True),  # the model's choice is the likelier one
        (-2.0, 2.0, None, False),  # the rules' choice is
        (-2.0, 2.0, [0.0] * 10 + [3.0], True),  # a switch overrides the comparison
        (2.0, -2.0, [0.0] * 10 + [-3.0], False),
    ],
)
def test_a_combined_field_takes_per_document_the_choice_the_evidence_favours(
    model_bias: float, rules_bias: float, switch: list[float] | None, model_wins: bool
) -> None:
    # GIVEN a total the rules read from its label and a model whose best candidate is another amount
    rules = extract_rules(_doc(INVOICE))
    model = parse_model(_combined_total(model_bias, rules_bias, switch))
    # WHEN the combined field chooses
    result = apply_model(extract_rules(_doc(INVOICE)), _doc(INVOICE), model)
    # THEN it takes the model's candidate only where the evidence favours it, with that choice's probability
    assert (result.total != rules.total) is model_wins
    chosen_bias = model_bias if model_wins else rules_bias
    assert result.fields["total"].confidence == pytest.approx(1 / (1 + np.exp(-chosen_bias)), abs=1e-6)


def test_a_combined_field_without_the_rules_choices_calibrator_is_refused() -> None:
    raw = _combined_total(2.0, -2.0)
    del raw["fields"]["total"]["rules_calibrator"]
    with pytest.raises(ValueError, match="calibrators hold five weights"):
        parse_model(raw)


NO_NUMBER = (
    "Nordwind Technik GmbH\n"
    "Hafenweg 3\n"
    "20457 Hamburg\n"
    "Rechnung                                      Rechnungsdatum: 12.03.2024\n"
    "Gesamtbetrag                                  119,00 EUR\n"
)


@pytest.mark.parametrize(("floor", "taken"), [(0.0, True), (0.5, True), (0.7, False)])
def test_where_the_rules_read_no_number_the_models_guess_must_clear_the_abstain_floor(
    floor: float, taken: bool
) -> None:
    # GIVEN a page whose number the rules read none of, and a combined number scorer whose switch takes
    # the model's choice (a postcode, here) wherever they differ, read at a probability of 0.62
    rules = extract_rules(_doc(NO_NUMBER))
    assert rules.invoice_number is None
    raw = _toy_model()
    raw["fields"]["invoice_number"] = {
        "mode": "combined",
        "features": ["id_len"],
        "weights": [1.0],
        "bias": 0.0,
        "calibrator": [0.0, 0.0, 0.0, 0.0, 0.0, 0.5],
        "rules_calibrator": [0.0, 0.0, 0.0, 0.0, 0.0, -2.0],
        "calibration": {"x": [0.0, 1.0], "y": [0.0, 1.0]},
        "switch": [0.0] * 10 + [3.0],
        "abstain_floor": floor,
    }
    # WHEN the combined field chooses
    result = apply_model(extract_rules(_doc(NO_NUMBER)), _doc(NO_NUMBER), parse_model(raw))
    # THEN the model's guess fills the field only where its probability reaches the floor
    assert (result.invoice_number is not None) is taken


def test_an_abstain_floor_outside_zero_to_one_is_refused() -> None:
    raw = _combined_total(2.0, -2.0)
    raw["fields"]["total"]["abstain_floor"] = 1.5
    with pytest.raises(ValueError, match="abstain floor"):
        parse_model(raw)
