"""Documents that read like a payable invoice but are not: a quotation, an order confirmation, a
delivery note, a pro-forma, a reminder or a statement (titled so on the page), and an invoice whose
amount due is below its total (paid by card, prepaid). None of them is ever proposed for payment."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from opsloop.domain.erp import ExceptionType, TolerancePolicy
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]


@pytest.mark.parametrize(
    "title",
    [
        "Angebot ANG-12345",
        "                         Auftragsbestätigung AB-2026-17",
        "ORDER CONFIRMATION No. 5531",
        "Lieferschein 80017",
        "Proforma-Rechnung PF-881",
        "Facture pro forma N° 12",
        "Zahlungserinnerung M-4410",
        "Statement of account",
        "Devis DV-0099",
    ],
)
def test_a_page_titled_as_no_invoice_is_held_as_not_an_invoice(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, title: str
) -> None:
    # GIVEN a document whose lines and PO match exactly, read as an invoice, its page titled as no invoice
    text = (
        f"ACME Fasteners GmbH\nIndustriestraße 1\n\nKunde\nNordwind Handels GmbH\n{title}\nDatum 05.03.2026\n"
    )
    invoice = invoice_factory(extraction_method="rules")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text)
    # THEN it is held: never paid, whatever arrives later
    assert ExceptionType.NOT_AN_INVOICE in rec.exception_types()
    assert propose_invoice_action(rec, invoice).payload.get("action") != "approve_payment"


def test_an_invoice_naming_a_delivery_note_or_quote_is_still_an_invoice(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    text = "RECHNUNG RE-4711\nLieferschein Nr. 80017 vom 02.03.2026\nAngebot 12 vom 01.02.2026\n"
    invoice = invoice_factory(extraction_method="rules")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text)
    assert ExceptionType.NOT_AN_INVOICE not in rec.exception_types()
    assert propose_invoice_action(rec, invoice).payload.get("action") == "approve_payment"


def test_an_invoice_whose_amount_due_is_below_its_total_is_held_as_already_paid(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN an invoice paid by card: total 83.30, amount due 0.00
    paid = invoice_factory(amount_due=D("0.00"))
    rec = reconcile_invoice(paid, mirror, policy, document_id=3)
    assert ExceptionType.ALREADY_PAID in rec.exception_types()
    assert propose_invoice_action(rec, paid).payload.get("action") != "approve_payment"
    # AND one whose amount due is its total (or not printed) is paid as usual
    for due in (D("83.30"), None):
        invoice = invoice_factory(amount_due=due)
        assert invoice.total == D("83.30")
        rec = reconcile_invoice(invoice, mirror, policy, document_id=3)
        assert ExceptionType.ALREADY_PAID not in rec.exception_types()


def test_a_final_invoice_deducting_an_advance_payment_fails_a_check_for_a_person(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN the final invoice for PO-1001: lines 70.00, less an advance payment of 20.00 (net 50.00)
    text = "RECHNUNG RE-88\nZwischensumme 70,00\nabzüglich Anzahlung Rechnung AR-12  -20,00\nNetto 50,00\n"
    final = invoice_factory(subtotal=D("50.00"), extraction_method="rules")
    rec = reconcile_invoice(final, mirror, policy, document_id=3, document_text=text)
    # THEN a check fails (a person matches the deduction with what was paid); nothing is held
    failed = {c.name for c in rec.checks if c.passed is False}
    assert "no_advance_payment_deducted" in failed
    # AND the same net below the lines as a plain discount passes that check
    discount = text.replace("abzüglich Anzahlung Rechnung AR-12", "Rabatt")
    rec = reconcile_invoice(final, mirror, policy, document_id=3, document_text=discount)
    assert "no_advance_payment_deducted" not in {c.name for c in rec.checks if c.passed is False}


@pytest.mark.parametrize(
    "text",
    [
        # a pro forma printed from the invoice template: the invoice number's label above its own title
        "ACME Fasteners GmbH        Invoice No.:        PF-881\n        Date:   05.03.2026\n\nPro forma invoice\n",
        "ACME Fasteners GmbH        Facture n°:        PF-881\n\nFacture pro forma\n\nPos. Réf.\n",
        # the compound a Nordic or Dutch pro forma is titled with, under the template's "Fakturanummer" label
        "ACME Fasteners GmbH        Fakturanummer:        PF-881\n\nProformafaktura\n",
        "ACME Fasteners GmbH        Factuurnummer:        PF-881\n\nProformafactuur\n",
        # a reminder and a statement listing the invoices they are about under their own heading
        "ACME Fasteners GmbH\n\nZahlungserinnerung\n\nUnsere Rechnung RE-4711 vom 02.03.2026 ist offen.\n"
        "Rechnung RE-4711        02.03.2026        83,30\n",
        "ACME Fasteners GmbH\n\nEstratto conto\n\nFattura 1911/2026        13/09/2026        153,00\n",
        # a reminder whose header labels the invoice it is about, above its own heading and the reprint
        "ACME B.V.        Nummer:        M-27787\n        Factuurnummer:        F-4888\n\nBetalingsherinnering\n\n"
        "Factuur F-4888\n",
        "ACME SARL        Invoice No.:        FA-6365\n\nRelance de paiement\n\nFacture FA-6365        26/11/2026\n",
    ],
)
def test_a_no_invoice_heading_outranks_invoice_words_that_only_name_a_number(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, text: str
) -> None:
    invoice = invoice_factory(extraction_method="rules")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text)
    assert ExceptionType.NOT_AN_INVOICE in rec.exception_types()
    assert propose_invoice_action(rec, invoice).payload.get("action") != "approve_payment"


@pytest.mark.parametrize(
    "text",
    [
        # an info box headed "Lieferschein" with its number below, under the invoice's own title
        "ACME Fasteners GmbH\nRechnung Nr. RE-4711\nLieferschein\nLS-80017\n",
        # or under the invoice number's field label (a delivery note's title may head a box on an invoice)
        "ACME Fasteners GmbH        Rechnung Nr.:        RE-4711\nLieferschein\nLS-80017\n",
    ],
)
def test_an_invoice_title_read_before_a_lone_delivery_note_box_is_still_an_invoice(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory, text: str
) -> None:
    invoice = invoice_factory(extraction_method="rules")
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text)
    assert ExceptionType.NOT_AN_INVOICE not in rec.exception_types()


def test_an_advance_payment_taken_off_as_a_negative_line_fails_the_check_for_a_person(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN PO-1001's lines (70.00) and a line of its own taking off an advance paid "per invoice AR-12"
    lines = [("A-100", "Steel bolts M8 x 40", "100", "0.50"), ("B-200", "Hex nuts M8", "100", "0.20"),
             (None, "Less advance payment, invoice AR-12", "1", "-20.00")]  # fmt: skip
    final = invoice_factory(lines=lines, subtotal=D("50.00"), extraction_method="rules")
    text = "INVOICE RE-88\nLess advance payment, invoice AR-12   -20.00\nNet 50.00\n"
    rec = reconcile_invoice(final, mirror, policy, document_id=3, document_text=text)
    # THEN a check fails: a person matches the deduction with the advance really paid
    assert "no_advance_payment_deducted" in {c.name for c in rec.checks if c.passed is False}


REMINDER = (
    "ACME Fasteners GmbH\nIndustriestraße 1\n\nKunde\nNordwind Handels GmbH\nZahlungserinnerung\n"
    "Unsere Rechnung INV-0042 vom 05.03.2026 ist noch offen. Kopie der Rechnung anbei.\n"
)


def test_an_invoice_first_seen_as_a_reminders_copy_is_checked_on_its_own_when_it_arrives(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN a reminder carrying a copy of invoice INV-0042 (its number, PO and lines), which opsloop never saw:
    # held as no invoice
    copy = invoice_factory(extraction_method="rules")
    reminder = reconcile_invoice(copy, mirror, policy, document_id=3, document_text=REMINDER)
    assert ExceptionType.NOT_AN_INVOICE in reminder.exception_types()
    mirror.record(copy, reminder)
    # WHEN the invoice itself arrives
    original = invoice_factory(extraction_method="rules")
    rec = reconcile_invoice(original, mirror, policy, document_id=4)
    # THEN it is checked on its own and matches: the reminder neither made it a duplicate nor billed its lines,
    # and a check names the reminder so that it is closed when the invoice is paid
    assert rec.exceptions == [] and rec.duplicate_of == []
    [note] = [c for c in rec.checks if c.name == "reminder_reprints_it"]
    assert note.passed is True and "Document 3" in note.sentence


def test_an_invoice_whose_reminder_copy_was_paid_is_a_duplicate(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # GIVEN the reminder's copy of INV-0042 approved for payment by a person (it counts as the invoice)
    from opsloop.domain.erp import PriorInvoiceRecord

    copy = invoice_factory(extraction_method="rules")
    mirror.add_invoice(
        PriorInvoiceRecord(document_id=3, vendor_id=1, invoice_number="INV-0042", total=copy.total)
    )
    # WHEN the invoice itself arrives THEN it is a duplicate of the reminder's document: never paid twice
    rec = reconcile_invoice(invoice_factory(extraction_method="rules"), mirror, policy, document_id=4)
    assert ExceptionType.DUPLICATE in rec.exception_types() and rec.duplicate_of == [3]
