"""A credit note must name the invoice it corrects (VAT Directive art. 219; reconcile/lexicon/
invoice_content.toml [credit_note]): one that names an invoice the ERP does not hold for the vendor is held
saying so, one that names none while its PO or amount links it is a person's check, one whose invoice earlier
credit notes already credited in full is held (it would credit it twice); one that names a booked invoice
passes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.erp import ExceptionType, Reconciliation, TolerancePolicy
from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.reconcile import Mirror, reconcile_invoice
from opsloop.reconcile.mandatory import CREDIT_CHECK, credit_references

D = Decimal
Factory = Callable[..., InvoiceExtraction]
HEAD = "ACME Fasteners GmbH\nIndustriestraße 4, 70565 Stuttgart\nUSt-IdNr. DE136695976\n"


def _credit_note(factory: Factory, amount: str = "-20.00", **fields: object) -> InvoiceExtraction:
    data: dict[str, object] = {
        "document_type": DocumentType.CREDIT_NOTE,
        "invoice_number": "GS-7",
        "invoice_date": date(2026, 3, 9),
        "po_numbers": ["PO-1001"],
        "subtotal": D(amount),
        "tax_total": D(0),
        "total": D(amount),
    }
    data.update(fields)
    return factory([(None, "Gutschrift", "1", amount)], **data)


def _booked(mirror: Mirror, policy: TolerancePolicy, factory: Factory, number: str = "INV-0042") -> None:
    invoice = factory(invoice_number=number)  # INV-0042 on PO-1001, 83.30
    mirror.record(invoice, reconcile_invoice(invoice, mirror, policy, document_id=1))


def _reference(rec: Reconciliation) -> tuple[bool | None, str]:
    found = next(c for c in rec.checks if c.name == CREDIT_CHECK)
    return found.passed, found.sentence


@pytest.mark.parametrize(
    "said",
    [
        "Gutschrift GS-7 zur Rechnung Nr. INV-0042 vom 05.03.2026",
        "Credit note GS-7 for invoice no. INV-0042",
        "Avoir GS-7 sur facture n° INV-0042",
        "Creditnota GS-7 op factuur INV-0042",
        "Nota di credito GS-7 rif. fattura n. INV-0042",
        "Faktura korygująca GS-7 do faktury nr INV-0042",
    ],
)
def test_a_credit_note_naming_a_booked_invoice_passes(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, said: str
) -> None:
    _booked(mirror, policy, invoice_factory)
    credit = _credit_note(invoice_factory)
    rec = reconcile_invoice(credit, mirror, policy, document_id=2, document_text=HEAD + said + "\n")
    assert credit_references(credit, said) == ["INV-0042"]
    assert _reference(rec)[0] is True
    assert rec.exception_types() == set()


def test_a_credit_note_naming_an_invoice_not_in_the_erp_is_held_saying_so(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN INV-0042 booked on PO-1001; the credit note quotes PO-1001 (so it links by PO) but names INV-0999
    _booked(mirror, policy, invoice_factory)
    credit = _credit_note(invoice_factory)
    text = HEAD + "Gutschrift GS-7\nzur Rechnung INV-0999\nBestellung PO-1001\n"
    rec = reconcile_invoice(credit, mirror, policy, document_id=2, document_text=text)
    # THEN held: the invoice it corrects is not booked here
    assert ExceptionType.UNLINKED_CREDIT_NOTE in rec.exception_types()
    passed, sentence = _reference(rec)
    assert passed is False and "corrects invoice INV-0999, which is not in the ERP" in sentence
    assert "it could correct INV-0042" in sentence
    # AND with the policy's "flag" a person checks it, nothing is held
    flagged = reconcile_invoice(
        credit,
        mirror,
        policy.model_copy(update={"mandatory_content": "flag"}),
        document_id=2,
        document_text=text,
    )
    assert flagged.exception_types() == set() and _reference(flagged)[0] is False


def test_a_credit_note_naming_no_invoice_is_a_persons_check(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    _booked(mirror, policy, invoice_factory)
    credit = _credit_note(invoice_factory)
    rec = reconcile_invoice(
        credit, mirror, policy, document_id=2, document_text=HEAD + "Gutschrift GS-7\nBestellung PO-1001\n"
    )
    passed, sentence = _reference(rec)
    assert passed is False and "names no invoice it corrects" in sentence and "art. 219" in sentence
    assert "matched to invoice INV-0042 by its PO or amount: please check" in sentence
    assert rec.exception_types() == set()


@pytest.mark.parametrize(("credited", "held"), [("-83.30", True), ("-83.29", False)])
def test_a_credit_note_for_an_invoice_already_credited_in_full_is_held(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, credited: str, held: bool
) -> None:
    # GIVEN INV-0042 (83.30) and a first credit note crediting it in full (the boundary: 83.29 leaves a cent)
    _booked(mirror, policy, invoice_factory)
    text = HEAD + "Gutschrift {} zur Rechnung INV-0042\n"
    first = _credit_note(invoice_factory, credited, invoice_number="GS-7")
    mirror.record(
        first, reconcile_invoice(first, mirror, policy, document_id=2, document_text=text.format("GS-7"))
    )
    # WHEN a second one (another number, another amount) credits it again
    second = _credit_note(invoice_factory, "-0.01", invoice_number="GS-8", invoice_date=date(2026, 3, 12))
    rec = reconcile_invoice(second, mirror, policy, document_id=3, document_text=text.format("GS-8"))
    # THEN held where it is credited in full: booked, it would credit the invoice a second time
    assert (ExceptionType.INVOICE_ALREADY_CREDITED in rec.exception_types()) is held
    assert _reference(rec)[0] is (not held)
    if held:
        sentence = next(
            e.sentence for e in rec.exceptions if e.type is ExceptionType.INVOICE_ALREADY_CREDITED
        )
        assert "INV-0042" in sentence and "already credited in full by credit note GS-7" in sentence


def test_a_credit_notes_own_number_date_and_po_are_no_reference(invoice_factory: Factory) -> None:
    credit = _credit_note(invoice_factory, invoice_number="CN-2026-17")
    text = "Credit note for invoice no. CN-2026-17\nCredit note to invoice 05.03.2026\nfor invoice PO-1001\n"
    assert credit_references(credit, text) == []


@pytest.mark.parametrize(
    "title",
    [
        "Credit invoice no. CN-2026-99",
        "Facture d'avoir n° CN-2026-99",
        "N° de facture : CN-2026-99",
        "Número de factura: CN-2026-99",
    ],
)
def test_a_credit_notes_own_title_or_number_label_is_no_reference(
    invoice_factory: Factory, title: str
) -> None:
    # even where the extractor missed the credit note's own number
    credit = _credit_note(invoice_factory, invoice_number=None)
    assert credit_references(credit, title) == []


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("Hyvityslasku laskulle 2026-7556", "2026-7556"),
        ("Kreditnota til faktura 61075", "61075"),
        ("Dobropis k dokladu INV 0042", "INV-0042"),
    ],
)
def test_the_linked_invoices_number_printed_anywhere_names_it(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, said: str, number: str
) -> None:
    # no reference words of the data needed: the number of the invoice its PO links it to stands on the page
    _booked(mirror, policy, invoice_factory, number)
    rec = reconcile_invoice(
        _credit_note(invoice_factory), mirror, policy, document_id=2, document_text=HEAD + said + "\n"
    )
    assert _reference(rec)[0] is True


def test_a_credit_note_naming_its_invoice_in_the_e_invoice_data_alone_passes(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN INV-0042 booked; an e-invoice credit note whose XML names it (BT-25) and whose text never does
    _booked(mirror, policy, invoice_factory)
    credit = _credit_note(
        invoice_factory, preceding_invoices=["INV-0042"], extraction_method="einvoice:ubl", po_numbers=[]
    )
    text = "ACME Fasteners GmbH DE136695976 Gutschrift"
    rec = reconcile_invoice(credit, mirror, policy, document_id=2, document_text=text)
    # THEN it names the invoice it corrects, and is linked to it by that number
    assert credit_references(credit, text) == ["INV-0042"]
    assert _reference(rec)[0] is True
    assert rec.exception_types() == set()


def test_a_credit_note_whose_e_invoice_data_names_an_unknown_invoice_is_held(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN INV-0042 booked on PO-1001; the XML credit note quotes PO-1001 but references INV-0999
    _booked(mirror, policy, invoice_factory)
    credit = _credit_note(invoice_factory, preceding_invoices=["INV-0999"], extraction_method="einvoice:cii")
    rec = reconcile_invoice(
        credit, mirror, policy, document_id=2, document_text="ACME Fasteners GmbH Gutschrift"
    )
    assert ExceptionType.UNLINKED_CREDIT_NOTE in rec.exception_types()
    assert "corrects invoice INV-0999, which is not in the ERP" in _reference(rec)[1]
