"""What the law requires an invoice to print (reconcile/lexicon/invoice_content.toml, one general check):
an invoice whose page shows it lacks the seller's VAT id or tax number, or our VAT id on an intra-EU
invoice, is held saying why in a clerk's words; what is only unread (no text layer, a scan, an id the
extractor did not place) is a person's check, never a hold; small invoices below each country's limit
need less; the company can switch the check to "flag" or "off"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from unittest.mock import ANY

import pytest

from opsloop.domain.erp import CompanyRecord, ExceptionType, Reconciliation, TolerancePolicy, VendorRecord
from opsloop.domain.invoices import (
    BuyerExtraction,
    InvoiceExtraction,
    InvoiceLineExtraction,
    VendorExtraction,
)
from opsloop.reconcile import Mirror, propose_invoice_action, reconcile_invoice
from opsloop.reconcile.mandatory import CHECK, address_country, check_invoice_content, content_rules
from opsloop.reconcile.run import Run

D = Decimal
Factory = Callable[..., InvoiceExtraction]
OURS = CompanyRecord("C1", "Nordwind Handels GmbH", vat_ids=("DE999999999",))
ACME = VendorExtraction(name="ACME Fasteners GmbH", iban="DE89370400440532013000")
BIG = D("1000.00")
"""A net amount above every small-invoice limit (the lines do not matter to this check)."""
HEAD = "ACME Fasteners GmbH\nIndustriestraße 4, 70565 Stuttgart\n"
BUYER = "Rechnung an\nNordwind Handels GmbH\nHafenstraße 1\n20457 Hamburg\nUSt-IdNr. DE 999 999 999\n"
BODY = "Rechnung Nr. INV-0042 vom 05.03.2026\nBestellung PO-1001\nSumme netto 70,00\nUSt 19 % 13,30\n"
FOOT = "Bank: Musterbank  IBAN DE89 3704 0044 0532 0130 00\n"


@pytest.fixture
def ours(mirror: Mirror) -> Mirror:
    mirror.companies = [OURS]
    return mirror


def _rec(
    mirror: Mirror, policy: TolerancePolicy, invoice: InvoiceExtraction, text: str | None
) -> Reconciliation:
    return reconcile_invoice(invoice, mirror, policy, document_id=3, document_text=text)


def _content(rec: Reconciliation) -> bool | None:
    return next(c.passed for c in rec.checks if c.name == CHECK)


def test_a_german_invoice_printing_no_seller_id_is_held_in_a_clerks_words(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    rec = _rec(ours, policy, invoice_factory(vendor=ACME, subtotal=BIG), HEAD + BUYER + BODY + FOOT)
    assert ExceptionType.INVOICE_CONTENT_MISSING in rec.exception_types()
    draft = propose_invoice_action(rec)
    assert draft.payload["action"] == "hold"
    assert "invoice_content_missing" in draft.payload["reasons"]
    assert "shows no VAT number or tax number of the seller" in draft.summary
    assert "German invoice over 250.00 EUR" in draft.summary and "§ 14" in draft.summary
    assert "Ask the supplier for a corrected invoice." in draft.summary


def test_our_vat_id_read_as_the_sellers_is_held_for_the_missing_id_not_as_another_vendor(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    misread = ACME.model_copy(update={"vat_id": "DE999999999"})
    rec = _rec(ours, policy, invoice_factory(vendor=misread, subtotal=BIG), HEAD + BUYER + BODY + FOOT)
    types = rec.exception_types()
    assert ExceptionType.INVOICE_CONTENT_MISSING in types and ExceptionType.VAT_MISMATCH not in types


@pytest.mark.parametrize(
    "printed",
    [
        "Steuernummer: 143/234/56789",
        "St.-Nr. 99 815 12345",
        "USt-IdNr.: DE 111 111 111",
        "Geschäftsführer: A. Beispiel · Amtsgericht Stuttgart HRB 1234 · DE111111111",
    ],
)
def test_a_tax_number_or_vat_id_printed_only_in_the_footer_passes(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory, printed: str
) -> None:
    rec = _rec(
        ours, policy, invoice_factory(vendor=ACME, subtotal=BIG), HEAD + BUYER + BODY + FOOT + printed + "\n"
    )
    assert ExceptionType.INVOICE_CONTENT_MISSING not in rec.exception_types()
    assert _content(rec) is True


@pytest.mark.parametrize(("gross", "held"), [("250.00", False), ("250.01", True)])
def test_the_small_amount_limit_is_inclusive(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory, gross: str, held: bool
) -> None:
    total = D(gross)
    net = (total / D("1.19")).quantize(D("0.01"))
    invoice = invoice_factory(vendor=ACME, subtotal=net, tax_total=total - net, total=total)
    rec = _rec(ours, policy, invoice, HEAD + BUYER + BODY + FOOT)
    assert (ExceptionType.INVOICE_CONTENT_MISSING in rec.exception_types()) is held


def test_what_cannot_be_seen_for_certain_is_a_persons_check_not_a_hold(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory
) -> None:
    no_text = _rec(ours, policy, invoice_factory(vendor=ACME, subtotal=BIG), None)
    scanned = _rec(
        ours,
        policy,
        invoice_factory(vendor=ACME, subtotal=BIG, extraction_method="ocr+rules"),
        HEAD + BUYER + BODY + FOOT,
    )
    another_id = _rec(
        ours,
        policy,
        invoice_factory(vendor=ACME, subtotal=BIG),
        HEAD + BUYER + BODY + "Lieferant: ATU12345678\n",
    )
    for rec in (no_text, scanned):
        assert ExceptionType.INVOICE_CONTENT_MISSING not in rec.exception_types()
        check = next(c for c in rec.checks if c.name == CHECK)
        assert check.passed is False and "please check" in check.sentence
    # a VAT id nobody placed is most likely the seller's: nothing is claimed missing
    assert ExceptionType.INVOICE_CONTENT_MISSING not in another_id.exception_types()


@pytest.mark.parametrize(("mode", "check"), [("flag", False), ("off", None)])
def test_the_company_can_flag_only_or_switch_it_off(
    ours: Mirror, policy: TolerancePolicy, invoice_factory: Factory, mode: str, check: bool | None
) -> None:
    rec = _rec(
        ours,
        policy.model_copy(update={"mandatory_content": mode}),
        invoice_factory(vendor=ACME, subtotal=BIG),
        HEAD + BUYER + BODY + FOOT,
    )
    assert ExceptionType.INVOICE_CONTENT_MISSING not in rec.exception_types()
    assert next((c.passed for c in rec.checks if c.name == CHECK), None) is check


# ---------------------------------------------------------------- per jurisdiction, the check alone


def _check(
    master_vat: str,
    currency: str,
    gross: str,
    text: str,
    *,
    net: str | None = None,
    tax: str | None = None,
    buyer_vat: str | None = None,
) -> tuple[set[ExceptionType], bool | None, str]:
    vendor = VendorRecord(9, "V-X", "Supplier", master_vat or None, None, currency)
    invoice = InvoiceExtraction(
        vendor=VendorExtraction(name="Supplier"),
        buyer=BuyerExtraction(vat_id=buyer_vat),
        invoice_number="A-1",
        invoice_date=date(2026, 3, 5),
        currency=currency,
        subtotal=D(net) if net else None,
        tax_total=None if tax == "none" else D(tax) if tax is not None else D("1.00"),
        total=D(gross),
        extraction_method="rules",
    )
    run = Run()
    check_invoice_content(invoice, vendor, [OURS], text, "hold", run)
    found = next((c for c in run.checks if c.name == CHECK), None)
    return (
        {e.type for e in run.exceptions},
        None if found is None else found.passed,
        found.sentence if found else "",
    )


PAGE = "Supplier\nInvoice A-1\nBill to Nordwind Handels GmbH\nTotal due\n"


@pytest.mark.parametrize(
    ("master", "currency", "small", "large"),
    [
        ("DE111111111", "EUR", "250.00", "250.01"),  # § 33 UStDV
        ("ATU12345678", "EUR", "400.00", "400.01"),  # § 11 (6) UStG 1994
        ("NL123456789B01", "EUR", "100.00", "100.01"),  # art. 35a Wet OB (EU default)
        ("BE0123456789", "EUR", "100.00", "100.01"),
        ("IT12345678901", "EUR", "400.00", "400.01"),  # art. 21-bis DPR 633/72
        ("ESB12345678", "EUR", "400.00", "400.01"),  # art. 4 RD 1619/2012
        ("SE556677889901", "SEK", "4000.00", "4000.01"),
        ("DK12345678", "DKK", "3000.00", "3000.01"),
    ],
)
def test_a_small_invoice_needs_no_seller_id_up_to_its_countrys_limit(
    master: str, currency: str, small: str, large: str
) -> None:
    # the VAT id of the vendor master is not on the page, and no other id is
    assert _check(master, currency, small, PAGE)[0] == set()
    assert _check(master, currency, large, PAGE)[0] == {ExceptionType.INVOICE_CONTENT_MISSING}


def test_frances_limit_is_on_the_net_amount() -> None:
    assert _check("FR12345678901", "EUR", "180.00", PAGE, net="150.00")[0] == set()
    assert _check("FR12345678901", "EUR", "180.01", PAGE, net="150.01")[0] == {
        ExceptionType.INVOICE_CONTENT_MISSING
    }


@pytest.mark.parametrize(
    ("master", "currency", "gross"),
    [("GB123456789", "GBP", "120.00"), ("PL1234567890", "PLN", "300.00"), ("CZ12345678", "CZK", "5000.00")],
)
def test_where_a_small_invoice_still_needs_the_sellers_vat_number_it_is_held_below_the_limit_too(
    master: str, currency: str, gross: str
) -> None:
    assert _check(master, currency, gross, PAGE)[0] == {ExceptionType.INVOICE_CONTENT_MISSING}
    # printed without its prefix after its label, it is there
    bare = master[2:]
    label = {"GB": "VAT Reg No.", "PL": "NIP", "CZ": "DIČ"}[master[:2]]
    assert _check(master, currency, gross, PAGE + f"{label} {bare}\n")[0] == set()


def test_a_country_not_in_the_data_is_not_checked() -> None:
    assert _check("US123456789", "USD", "9000.00", PAGE) == (set(), None, "")


def test_an_intra_eu_invoice_without_our_vat_id_says_so_and_holds_nothing() -> None:
    # we account for the VAT ourselves: a formal defect that puts no VAT at risk (the data's severity "note")
    page = PAGE + "TVA intracom. FR12345678901\nAutoliquidation\n"
    vendor = VendorRecord(9, "V-X", "Supplier", "FR12345678901", None, "EUR")
    invoice = InvoiceExtraction(
        vendor=VendorExtraction(name="Supplier"),
        invoice_number="A-1",
        invoice_date=date(2026, 3, 5),
        currency="EUR",
        tax_total=D("0"),
        total=D("5000.00"),
        extraction_method="rules",
    )
    for text, noted in ((page, True), (page + "Client: DE 999 999 999\n", False)):
        run = Run()
        check_invoice_content(invoice, vendor, [OURS], text, "hold", run)
        assert run.exceptions == []
        assert next(c.passed for c in run.checks if c.name == CHECK) is True
        notes = [w.sentence for w in run.warnings if w.type is ExceptionType.INVOICE_CONTENT_MISSING]
        assert bool(notes) is noted
        if noted:
            assert "none of our VAT numbers (DE999999999)" in notes[0] and "intra-EU" in notes[0]
            assert "ask the supplier to add our VAT number" in notes[0]


def test_a_supplier_of_unknown_country_billing_in_a_foreign_currency_is_not_checked() -> None:
    # no VAT id of the seller anywhere: our own country (DE) is assumed only for an invoice in euros
    assert _check("", "USD", "9000.00", PAGE) == (set(), None, "")
    types, passed, sentence = _check("", "EUR", "9000.00", PAGE)
    assert types == set() and passed is False and "please check" in sentence


def test_an_intra_eu_invoice_charging_no_vat_without_its_wording_is_held() -> None:
    # art. 226 (11), (11a): we could not tell whether we owe the VAT ourselves or the supplier left it out
    page = PAGE + "TVA intracom. FR12345678901\nClient: DE999999999\nTVA 0 % 0,00\n"
    types, passed, sentence = _check("FR12345678901", "EUR", "5000.00", page, tax="0")
    assert types == {ExceptionType.INVOICE_CONTENT_MISSING} and passed is False
    assert "charges no VAT and does not say why" in sentence and "French intra-EU invoice" in sentence
    assert _check("FR12345678901", "EUR", "5000.00", page + "Autoliquidation\n", tax="0")[0] == set()


SELLER = "USt-IdNr. DE111111111\nUSt 0 %   0,00\n"


@pytest.mark.parametrize(
    ("said", "held"),
    [
        ("", True),
        ("Steuerschuldnerschaft des Leistungsempfängers\n", False),
        ("Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmer).\n", False),
        ("Steuerfreie innergemeinschaftliche Lieferung\n", False),
        ("Inversione contabile\n", False),
        ("Steuerfreie Ausfuhrlieferung\n", False),
        ("Sprzedawca zwolniony podmiotowo z VAT.\n", False),
    ],
)
def test_a_domestic_invoice_charging_no_vat_must_say_why(said: str, held: bool) -> None:
    types, passed, sentence = _check(
        "DE111111111", "EUR", "5000.00", PAGE + SELLER + said, net="5000.00", tax="0"
    )
    assert (types == {ExceptionType.INVOICE_CONTENT_MISSING}) is held
    assert passed is (not held)
    if held:
        assert (
            "charges no VAT and does not say why" in sentence and "German invoice over 250.00 EUR" in sentence
        )


def test_a_uk_invoice_at_a_zero_rate_needs_no_reason() -> None:
    # art. 226 (11) is EU law; a UK invoice shows a zero-rated supply by its rate
    page = PAGE + "VAT Reg No. 123456789\nVAT at 0 %\n"
    assert _check("GB123456789", "GBP", "5000.00", page, net="5000.00", tax="0") == (set(), True, ANY)


def test_no_vat_only_inferred_or_unread_is_a_persons_check_and_a_small_invoice_is_not_checked() -> None:
    # no VAT line read, net = gross: the extractor may have missed it
    inferred = _check("DE111111111", "EUR", "5000.00", PAGE + SELLER, net="5000.00", tax="none")
    assert inferred[0] == set() and inferred[1] is False and "please check" in inferred[2]
    # the page prints no zero (a shop's gross prices "inkl. 19 % MwSt. 139,15" the extractor read as no VAT)
    gross = PAGE + "USt-IdNr. DE111111111\nGesamtsumme 871,50 EUR\ninkl. 19 % MwSt. 139,15 EUR\n"
    shop = _check("DE111111111", "EUR", "871.50", gross, net="871.50", tax="0")
    assert shop[0] == set() and shop[1] is False and "please check" in shop[2]
    # no text layer: a person checks
    assert _check("DE111111111", "EUR", "5000.00", "", net="5000.00", tax="0")[0] == set()
    # a small invoice (§ 33 UStDV) need not say why: 250.00 gross is not checked, 250.01 is
    assert _check("DE111111111", "EUR", "250.00", PAGE + SELLER, net="250.00", tax="0") == (set(), True, ANY)
    assert _check("DE111111111", "EUR", "250.01", PAGE + SELLER, net="250.01", tax="0")[0] == {
        ExceptionType.INVOICE_CONTENT_MISSING
    }


def _invoice(vendor: VendorExtraction, net: str, tax: str, **fields: object) -> InvoiceExtraction:
    data: dict[str, object] = {
        "vendor": vendor,
        "invoice_number": "A-1",
        "invoice_date": date(2026, 3, 5),
        "currency": "EUR",
        "subtotal": D(net),
        "tax_total": D(tax),
        "total": D(net) + D(tax),
        "extraction_method": "rules",
    }
    return InvoiceExtraction.model_validate({**data, **fields})


def test_a_vat_of_zero_beside_a_taxed_line_or_a_reason_code_is_not_held() -> None:
    vendor = VendorRecord(9, "V-X", "Supplier", "DE111111111", None, "EUR")
    for line in (
        InvoiceLineExtraction(description="Bolts", amount=D("5000.00"), tax_rate=D("19")),
        InvoiceLineExtraction(description="Bolts", amount=D("5000.00"), tax_rate=D("0"), tax_code="AE"),
    ):
        invoice = _invoice(VendorExtraction(name="Supplier"), "5000.00", "0", lines=[line])
        run = Run()
        check_invoice_content(invoice, vendor, [OURS], PAGE + SELLER, "hold", run)
        assert run.exceptions == [], line


def test_the_sellers_country_is_read_from_its_address_where_no_vat_id_tells_it() -> None:
    # no VAT id anywhere: the address says France, so a French invoice, not a German one assumed
    invoice = _invoice(
        VendorExtraction(name="Supplier SARL", address="12 rue des Lilas\n75011 Paris\nFrance"),
        "4000.00",
        "800.00",
    )
    run = Run()
    check_invoice_content(invoice, None, [OURS], PAGE, "hold", run)
    found = next(c for c in run.checks if c.name == CHECK)
    assert found.compared["jurisdiction"] == "FR"
    assert [e.type for e in run.exceptions] == [ExceptionType.INVOICE_CONTENT_MISSING]
    assert "French invoice" in run.exceptions[0].sentence
    # our own address read into the seller's block tells nothing: our country assumed, a person checks
    ours = CompanyRecord("C1", "Nordwind", vat_ids=("DE999999999",), address="Quai 1\n75011 Paris\nFrance")
    run = Run()
    own = invoice.model_copy(
        update={"vendor": VendorExtraction(name="X", address="Quai 1\n75011 Paris\nFrance")}
    )
    check_invoice_content(own, None, [ours], PAGE, "hold", run)
    assert (
        run.exceptions == []
        and next(c for c in run.checks if c.name == CHECK).compared["jurisdiction"] == "DE"
    )


def test_an_address_in_our_own_country_adds_nothing_to_assuming_it() -> None:
    # it may be ours (the buyer block's) read as the seller's: a foreign supplier billing in dollars stays unchecked
    invoice = _invoice(
        VendorExtraction(name="Supplier Inc", address="Hafenstraße 1, D-20457 Hamburg"), "4000", "0"
    )
    run = Run()
    check_invoice_content(invoice.model_copy(update={"currency": "USD"}), None, [OURS], PAGE, "hold", run)
    assert run.checks == [] and run.exceptions == []


@pytest.mark.parametrize(
    ("address", "country"),
    [
        ("Industriestraße 4\nD-70565 Stuttgart", "DE"),
        ("Mariahilfer Straße 1, A-1060 Wien, Österreich", "AT"),
        ("Keizersgracht 1, 1015 CJ Amsterdam, Nederland", "NL"),
        ("ul. Prosta 1, 00-001 Warszawa, Polska", "PL"),
        ("Main Street 1, Springfield", None),
        ("Rue Royale 1, 1000 Bruxelles, Belgique / Deutschland", None),
    ],
)
def test_an_address_names_its_country_by_name_or_postcode_prefix(address: str, country: str | None) -> None:
    assert address_country(address, content_rules()) == country


def test_every_country_in_the_data_cites_its_law() -> None:
    rules = content_rules()
    assert {"DE", "AT", "FR", "NL", "BE", "IT", "ES", "PL", "SE", "DK", "CZ", "GB"} <= set(rules.countries)
    for where in rules.countries.values():
        for kind in ("full", "simplified"):
            assert where.cites[kind], (where.code, kind)


# ---------------------------------------------------------------- a printed page, read and extracted


def _page(footer: str) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    y = 800
    for text in (
        "ACME Fasteners GmbH",
        "Industriestraße 4, 70565 Stuttgart",
        "",
        "Nordwind Handels GmbH",
        "Hafenstraße 1",
        "20457 Hamburg",
        "Ihre USt-IdNr.: DE999999999",
        "",
        "Rechnung Nr. INV-0042          Datum: 05.03.2026          Bestellung: PO-1001",
        "",
        "Pos  Artikel  Bezeichnung            Menge   Preis     Betrag",
        "1    A-100    Steel bolts M8 x 40    1000    0,50      500,00",
        "2    B-200    Hex nuts M8            1000    0,20      200,00",
        "",
        "Summe netto                                           700,00",
        "USt 19 %                                              133,00",
        "Gesamtbetrag EUR                                      833,00",
    ):
        pdf.drawString(60, y, text)
        y -= 16
    pdf.setFont("Helvetica", 7)
    pdf.drawString(60, 40, f"ACME Fasteners GmbH · IBAN DE89 3704 0044 0532 0130 00 {footer}".strip())
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@pytest.mark.parametrize(("footer", "held"), [("", True), ("· Steuernummer 143/234/56789", False)])
def test_a_pdf_printing_the_tax_number_only_in_its_footer_is_not_held(
    ours: Mirror, policy: TolerancePolicy, footer: str, held: bool
) -> None:
    from opsloop.extract import extract_invoice
    from opsloop.ingest.readers.pdf import read_pdf
    from opsloop.reconcile.screening import document_text

    parsed = read_pdf(_page(footer))
    invoice = extract_invoice(parsed, text_only=True)
    rec = _rec(ours, policy, invoice, document_text(parsed))
    assert (ExceptionType.INVOICE_CONTENT_MISSING in rec.exception_types()) is held
    assert _content(rec) is (not held)
