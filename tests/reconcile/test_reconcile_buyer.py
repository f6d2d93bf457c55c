"""Who "we" are: an invoice addressed to another legal entity (a sister company, our name with another
entity's VAT id, no recipient above the small-invoice limit) is held as `buyer_not_ours`; the variants
of our own name and our other sites are not (no false holds); with no identity known nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from opsloop.domain.erp import CheckResult, CompanyRecord, ExceptionType, Reconciliation, TolerancePolicy
from opsloop.domain.invoices import BuyerExtraction, InvoiceExtraction
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice

D = Decimal
Factory = Callable[..., InvoiceExtraction]
OURS = CompanyRecord(
    "C1",
    "Nordwind Handels GmbH",
    aliases=("Nordwind Handel & Vertrieb GmbH",),
    vat_ids=("DE999999999",),
    address="Hafenstraße 1, 20457 Hamburg, DE",
)
SISTER = CompanyRecord("C2", "Nordwind Handels Service GmbH", vat_ids=("DE888888888",))
BIG = {"subtotal": D("1000.00")}
"""Above the small-invoice limit (the lines do not matter to the buyer check)."""


@pytest.fixture
def ours(mirror: Mirror) -> Mirror:
    mirror.companies = [OURS]
    return mirror


def _types(
    mirror: Mirror, policy: TolerancePolicy, invoice: InvoiceExtraction, text: str | None = None
) -> set[ExceptionType]:
    return reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text).exception_types()


def _buyer_check(
    mirror: Mirror, policy: TolerancePolicy, invoice: InvoiceExtraction, text: str | None = None
) -> tuple[CheckResult | None, Reconciliation]:
    rec = reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text)
    return next((c for c in rec.checks if c.name == "buyer_is_ours"), None), rec


def test_an_invoice_to_a_sister_company_is_held_saying_who_it_is_addressed_to(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(
        buyer=BuyerExtraction(name="Nordwind Handels Service GmbH", vat_id="DE888888888")
    )
    _check, rec = _buyer_check(ours, policy, invoice)
    assert ExceptionType.BUYER_NOT_OURS in rec.exception_types()
    draft = propose_invoice_action(rec, invoice)
    assert draft.payload["action"] == "hold"
    assert (
        "Nordwind Handels Service GmbH" in draft.summary and "we are Nordwind Handels GmbH" in draft.summary
    )


def test_a_sister_company_named_without_its_vat_id_is_held_too(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(buyer=BuyerExtraction(name="Nordwind Handels Service GmbH"))
    text = "ACME Fasteners GmbH\nRechnung an\nNordwind Handels Service GmbH\nLagerweg 4\n34117 Kassel\n"
    assert ExceptionType.BUYER_NOT_OURS in _types(ours, policy, invoice, text)


def test_our_name_with_another_entitys_vat_id_is_held(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(buyer=BuyerExtraction(name="Nordwind Handels GmbH", vat_id="DE888888888"))
    check, rec = _buyer_check(ours, policy, invoice)
    assert ExceptionType.BUYER_NOT_OURS in rec.exception_types()
    assert check is not None and "DE888888888" in check.sentence and "not ours" in check.sentence


def test_in_a_group_one_entitys_name_with_the_others_vat_id_is_held(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    ours.companies = [OURS, SISTER]  # opsloop books for both
    good = invoice_factory(buyer=BuyerExtraction(name="Nordwind Handels Service GmbH", vat_id="DE888888888"))
    assert ExceptionType.BUYER_NOT_OURS not in _types(ours, policy, good)
    mixed = invoice_factory(buyer=BuyerExtraction(name="Nordwind Handels GmbH", vat_id="DE888888888"))
    assert ExceptionType.BUYER_NOT_OURS in _types(ours, policy, mixed)


@pytest.mark.parametrize(
    "printed",
    [
        "NORDWIND HANDELS GMBH",  # capitals
        "Nordwind Handels",  # without the legal form
        "Nordwind-Handels G.m.b.H.",  # punctuation
        "Nordwind Handel & Vertrieb GmbH",  # a configured alias (a former name)
    ],
)
def test_variants_of_our_name_are_ours(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory, printed: str
) -> None:
    invoice = invoice_factory(buyer=BuyerExtraction(name=printed), **BIG)
    check, rec = _buyer_check(ours, policy, invoice)
    assert ExceptionType.BUYER_NOT_OURS not in rec.exception_types()
    assert check is not None and check.passed is True


def test_our_vat_id_makes_the_invoice_ours_whatever_name_was_read(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # the name read is a contact line, the VAT id the buyer's block prints is ours
    invoice = invoice_factory(buyer=BuyerExtraction(name="z. Hd. Einkauf", vat_id="DE 999 999 999"), **BIG)
    check, rec = _buyer_check(ours, policy, invoice)
    assert ExceptionType.BUYER_NOT_OURS not in rec.exception_types()
    assert check is not None and check.passed is True


def test_another_companys_name_with_our_vat_id_goes_to_a_person(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(
        buyer=BuyerExtraction(name="Südwind Logistik G.m.b.H.", vat_id="DE999999999"), **BIG
    )
    check, rec = _buyer_check(ours, policy, invoice)
    assert ExceptionType.BUYER_NOT_OURS not in rec.exception_types()
    assert check is not None and check.passed is False


def test_the_vendors_own_second_vat_id_is_never_taken_for_the_buyers(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # the vendor master's id read as the buyer's (a footer line in the buyer's column): not another entity
    invoice = invoice_factory(
        buyer=BuyerExtraction(name="Nordwind Handels GmbH", vat_id="DE111111111"), **BIG
    )
    assert ExceptionType.BUYER_NOT_OURS not in _types(ours, policy, invoice)


def test_a_name_not_ours_while_the_page_prints_ours_goes_to_a_person_not_a_hold(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # the buyer read is a delivery site's line; our name stands on the page in its own cell
    invoice = invoice_factory(buyer=BuyerExtraction(name="Werk Süd, Tor 3"), **BIG)
    text = "ACME Fasteners GmbH\nRechnung an:                 Lieferanschrift:\nNordwind Handels GmbH        Werk Süd, Tor 3\n"
    check, rec = _buyer_check(ours, policy, invoice, text)
    assert ExceptionType.BUYER_NOT_OURS not in rec.exception_types()
    assert check is not None and check.passed is False  # a person looks


def test_a_sister_name_on_the_page_is_not_taken_for_ours(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    # the sister's name holds ours ("Nordwind Handels" + "Service"): a longer name is another entity
    invoice = invoice_factory(buyer=BuyerExtraction(name="Nordwind Handels Service GmbH"), **BIG)
    text = "Rechnung an\nNordwind Handels Service GmbH\n"
    assert ExceptionType.BUYER_NOT_OURS in _types(ours, policy, invoice, text)


def test_no_buyer_above_the_small_invoice_limit_is_held_below_it_passes(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    big = invoice_factory(**BIG)
    check, rec = _buyer_check(ours, policy, big, "ACME Fasteners GmbH\nRechnung 4711\n")
    assert ExceptionType.BUYER_NOT_OURS in rec.exception_types()
    assert check is not None and "names no buyer" in check.sentence
    small = invoice_factory()  # 83.30 EUR: a small-amount invoice needs no recipient
    check, rec = _buyer_check(ours, policy, small, "ACME Fasteners GmbH\nRechnung 4711\n")
    assert ExceptionType.BUYER_NOT_OURS not in rec.exception_types()
    assert check is not None and check.passed is True


def test_no_buyer_read_but_our_name_printed_is_ours(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(**BIG)
    text = "ACME Fasteners GmbH\nNORDWIND HANDELS GMBH\nHafenstr. 1\n20457 Hamburg\n"
    assert ExceptionType.BUYER_NOT_OURS not in _types(ours, policy, invoice, text)


def test_our_name_after_a_label_on_the_page_counts_as_printed(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(**BIG)
    text = "ACME Fasteners GmbH\nKunde: Nordwind Handels GmbH      Rechnung 4711\n"
    assert ExceptionType.BUYER_NOT_OURS not in _types(ours, policy, invoice, text)


def test_no_buyer_in_another_currency_goes_to_a_person(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(currency="USD", **BIG)
    check, rec = _buyer_check(ours, policy, invoice)
    assert ExceptionType.BUYER_NOT_OURS not in rec.exception_types()
    assert check is not None and check.passed is False


def test_with_no_identity_known_the_buyer_is_not_checked(
    mirror: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    invoice = invoice_factory(buyer=BuyerExtraction(name="Somebody Else AG", vat_id="DE888888888"), **BIG)
    check, rec = _buyer_check(mirror, policy, invoice)
    assert check is None and ExceptionType.BUYER_NOT_OURS not in rec.exception_types()


def test_an_entity_without_vat_ids_on_record_sends_a_foreign_vat_id_to_a_person(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    ours.companies = [CompanyRecord("C1", "Nordwind Handels GmbH")]
    invoice = invoice_factory(
        buyer=BuyerExtraction(name="Nordwind Handels GmbH", vat_id="DE888888888"), **BIG
    )
    check, rec = _buyer_check(ours, policy, invoice)
    assert ExceptionType.BUYER_NOT_OURS not in rec.exception_types()
    assert check is not None and check.passed is False
