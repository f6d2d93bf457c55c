"""GIVEN the shared evaluation data (skipped when absent) WHEN the eval runs THEN the embedded
e-invoice reader is exact on every ZUGFeRD field present."""

from decimal import Decimal
from pathlib import Path

import pytest

from opsloop.evaluation.invoices import eval_zugferd, line_f1, same_amount, same_date, same_id, same_vendor

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "invoices"


def test_comparators_are_tolerant_of_format_not_of_value() -> None:
    assert same_amount("23.54", 23.54) and not same_amount("23.55", "23.54")
    assert same_date("2018-06-13", "2018-06-13") and not same_date(None, "2018-06-13")
    assert same_id("# BLR_1", "#BLR_1") and not same_id("BLR_2", "BLR_1")
    assert same_vendor("Lieferant GmbH", "LIEFERANT GMBH") and not same_vendor("Kunden AG", "Lieferant GmbH")
    assert line_f1([], [{"line_total": "1.00"}]) == 0.0


def test_a_truth_amount_printed_with_its_currency_compares_as_the_number() -> None:
    assert same_amount("8.20", "$8.20") and same_amount("3.90", "RM 3.90") and same_amount("4", "RM4.00")
    assert not same_amount("8.21", "$8.20")


@pytest.mark.skipif(not (DATA / "zugferd_corpus").is_dir(), reason="shared evaluation data is absent")
def test_embedded_einvoice_reader_is_exact_on_the_zugferd_corpus() -> None:
    result = eval_zugferd(DATA / "zugferd_corpus", text_only=False)
    assert result.items > 0
    assert {name: s.accuracy for name, s in result.fields.items()} == dict.fromkeys(result.fields, 1.0)
    assert result.line_f1.accuracy == 1.0


def test_a_label_defect_the_manifest_documents_is_scored_as_printed_and_reported() -> None:
    from opsloop.domain.invoices import InvoiceExtraction
    from opsloop.evaluation.invoices import SourceResult, score_invoice2data

    result = SourceResult("invoice2data", "text")
    extraction = InvoiceExtraction(extraction_method="rules", invoice_number="F 1234K20/1234/12")
    score_invoice2data(result, extraction, {"invoice_number": "F"}, "Orlen")
    score_invoice2data(result, extraction, {"invoice_number": "F"}, "Other")
    assert result.fields["invoice_number"].hits == 1  # only the documented case is corrected
    assert len(result.corrections) == 1 and "MANIFEST" in result.corrections[0]


def test_a_true_date_the_page_does_not_print_is_left_out_of_text_only_scoring() -> None:
    from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
    from opsloop.evaluation.invoices import SourceResult, _printed_dates_only

    parsed = ParsedDocument(
        kind=DocumentKind.PDF,
        pages=[PageText(number=1, text="Rechnung von 08.10.2015\nBitte zahlen bis 29.10.2014")],
    )
    result = SourceResult("zugferd", "text-only")
    kept = _printed_dates_only(
        {"invoice_date": "2014-10-08", "due_date": "2014-10-29"}, parsed, result, "RE-504"
    )
    assert kept == {"invoice_date": None, "due_date": "2014-10-29"}
    assert result.corrections == ["RE-504: invoice_date 2014-10-08 is not printed on the page"]


def test_a_line_printed_net_matches_a_tax_inclusive_xml_total_but_not_a_pre_discount_one() -> None:
    from opsloop.domain.invoices import InvoiceLineExtraction

    mustang = {"name": "Gestaltung", "quantity": "1", "unit_price_net": "160.00", "line_total": "171.20"}
    net = InvoiceLineExtraction(description="Gestaltung", amount=Decimal("160.00"))
    assert line_f1([net], [mustang]) == 1.0
    discounted = {
        "name": "Kunstrasen",
        "quantity": "3.0000",
        "unit_price_net": "3.3333",
        "unit_price_gross": "4.0000",
        "line_total": "10.00",
    }
    before_discount = InvoiceLineExtraction(description="Kunstrasen", amount=Decimal("12.00"))
    assert line_f1([before_discount], [discounted]) == 0.0


def test_a_missed_vendor_printed_only_in_a_logo_is_left_out_of_text_scoring() -> None:
    from opsloop.domain.invoices import InvoiceExtraction
    from opsloop.evaluation.invoices import SourceResult, score_invoice2data

    result = SourceResult("invoice2data", "text")
    missed = InvoiceExtraction(extraction_method="rules")
    truth = {"issuer": "e-Luscious Nederland B.V."}
    score_invoice2data(result, missed, truth, "logo-only", "Factuur VF1005193039\nTotaal 49,99")
    score_invoice2data(result, missed, truth, "printed", "e-Luscious Nederland B.V.\nTotaal 49,99")
    assert result.fields["vendor"].total == 1 and result.fields["vendor"].hits == 0
    assert result.corrections == ["logo-only: vendor 'e-Luscious Nederland B.V.' is not in the page text"]
