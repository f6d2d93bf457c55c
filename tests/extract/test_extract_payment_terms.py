"""Payment terms read as data (net days, end of month, early-payment discount) from the words of the
locale packs, in every language the brief names; sentences about other things are no terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.invoices import PaymentTermsExtraction
from opsloop.extract.einvoice import read_einvoice
from opsloop.extract.terms import read_payment_terms

D = Decimal


def _read(text: str) -> tuple[int | None, bool, Decimal | None, int | None]:
    terms = read_payment_terms([text])
    assert terms is not None, text
    return terms.net_days, terms.end_of_month, terms.discount_percent, terms.discount_days


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Terms: Net 30", (30, False, None, None)),
        ("Terms: Net 30 EOM", (30, True, None, None)),
        ("Payment due within 45 days net.", (45, False, None, None)),
        ("2/10 net 30", (30, False, D(2), 10)),
        ("Payment terms: 2% 10 days, 30 days net", (30, False, D(2), 10)),
        ("zahlbar innerhalb 14 Tagen netto", (14, False, None, None)),
        ("2 % Skonto bei Zahlung binnen 10 Tagen, 30 Tage netto", (30, False, D(2), 10)),
        (
            "Bei Zahlung innerhalb von 8 Tagen gewähren wir 3 % Skonto, sonst 30 Tage netto.",
            (30, False, D(3), 8),
        ),
        ("Zahlbar sofort ohne Abzug.", (0, False, None, None)),
        ("à 30 jours fin de mois", (30, True, None, None)),
        ("3 % d'escompte pour paiement sous 8 jours, 45 jours fin de mois", (45, True, D(3), 8)),
        ("betalingstermijn 30 dagen", (30, False, None, None)),
        ("2% korting bij betaling binnen 8 dagen; betalingstermijn 30 dagen", (30, False, D(2), 8)),
        ("Condiciones de pago: 30 días fin de mes", (30, True, None, None)),
        ("Pagamento: bonifico bancario 60 gg d.f. fine mese", (60, True, None, None)),
        ("Sconto 2% per pagamento entro 10 giorni", (None, False, D(2), 10)),
        ("Prazo de pagamento: 30 dias", (30, False, None, None)),
        ("Termin płatności: 14 dni", (14, False, None, None)),
        ("Betalningsvillkor: 30 dagar netto", (30, False, None, None)),
        ("Betalingsbetingelser: Løbende måned + 30 dage", (30, True, None, None)),
        ("Platební podmínky: 30 dnů, skonto 2 % při platbě do 10 dnů", (30, False, D(2), 10)),
    ],
)
def test_terms_are_read_as_net_days_month_end_and_discount(
    text: str, expected: tuple[int | None, bool, Decimal | None, int | None]
) -> None:
    # GIVEN a terms sentence in one of the packs' languages WHEN read THEN its terms are data
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lieferung innerhalb 14 Tagen",
        "Payment method: Bank transfer   Delivery: 5 days",
        "Verzugszinsen 9 % über Basiszins nach 30 Tagen Zahlung",
        "Summe netto 100",
        "Netto 100,00 EUR",
        "Zahlbar bis 02.12.2026 ohne Abzug.",
        "Paiement à réception, au plus tard le 02.12.2026. Pas d'escompte pour paiement anticipé.",
        "Due date: 2026-12-02",
        "Sonderrabatt 5 % -3,50",
        "Menge Einzelpreis Skonto sofort Gesamtbetrag",
        "Skonto    7 Tage    3",
    ],
)
def test_sentences_about_other_things_or_only_a_date_are_no_terms(text: str) -> None:
    # GIVEN delivery times, late-payment interest, a net amount, a due date printed as a date, a rebate
    # (no period: no early-payment discount), a table header, a discount's period without its rate
    # WHEN read THEN no terms are made up
    assert read_payment_terms([text]) is None


def test_the_xrechnung_discount_line_is_read_beside_the_words() -> None:
    # GIVEN an XRechnung's payment terms: words for the net term, the KoSIT line for the discount
    terms = read_payment_terms(["Zahlbar innerhalb 30 Tagen netto.\n#SKONTO#TAGE=14#PROZENT=2.25#\n"])
    assert terms is not None
    assert (terms.net_days, terms.discount_percent, terms.discount_days) == (30, D("2.25"), 14)


def test_a_discount_date_printed_beside_its_days_is_its_last_day() -> None:
    terms = read_payment_terms(
        ["Zahlbar innerhalb 30 Tagen netto bis 04.04.2018, 3% Skonto innerhalb 10 Tagen bis 15.03.2018"]
    )
    assert terms is not None
    assert (terms.net_days, terms.discount_percent, terms.discount_until) == (30, D(3), date(2018, 3, 15))
    assert terms.discount_last_day(date(2018, 3, 5)) == date(2018, 3, 15)  # as printed, not 5 March + 10


def test_month_end_terms_give_both_readings_and_plain_terms_one() -> None:
    issued = date(2026, 1, 20)
    month_end = PaymentTermsExtraction(text="30 jours fin de mois", net_days=30, end_of_month=True)
    # 20 Jan + 30 days = 19 Feb -> end of February; or end of January + 30 days = 2 March
    assert month_end.due_dates(issued) == (date(2026, 2, 28), date(2026, 3, 2))
    assert PaymentTermsExtraction(text="Net 30", net_days=30).due_dates(issued) == (date(2026, 2, 19),)
    assert PaymentTermsExtraction(text="2 % Skonto", discount_percent=D(2)).due_dates(issued) == ()


def test_an_einvoice_carries_the_terms_of_its_payment_terms_note() -> None:
    # GIVEN a UBL invoice whose PaymentTerms note says 14 days net with a discount
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>R-1</cbc:ID><cbc:IssueDate>2026-03-01</cbc:IssueDate><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
 <cac:PaymentTerms><cbc:Note>2 % Skonto bei Zahlung binnen 7 Tagen, 14 Tage netto</cbc:Note></cac:PaymentTerms>
 <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">119.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>"""
    from opsloop.domain.documents import DocumentKind, ParsedDocument
    from opsloop.extract import extract_invoice

    result = extract_invoice(ParsedDocument(kind=DocumentKind.EINVOICE, text=xml))
    # THEN the extraction's terms are those of the note
    assert result.payment_terms is not None
    assert (result.payment_terms.net_days, result.payment_terms.discount_percent) == (14, D(2))
    assert result.payment_terms.discount_days == 7
    assert read_einvoice(xml).payment_terms is None  # (the reader leaves them to the one terms reader)
