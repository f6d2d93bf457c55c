"""GIVEN amounts marked the way the world's invoicing countries mark them ("R$", a bare "$" on a
Mexican, Argentine, Chilean or Colombian invoice, "kr" in Sweden, Norway, Denmark and Iceland, "Kč",
"zł", "Ft", "lei", "лв", "₪", "₩", "¥"/"円"/"元", "S/", "₱", "R" in South Africa) WHEN the engine votes
on the currency THEN the code is the one the page names, and a sign the page gives no country for is
held at a low confidence (a person checks) or counts for nothing, never guessed with confidence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.currency import (
    UNCERTAIN_DOLLAR,
    currencies_in,
    prints_whole_units,
    vote_currency,
)
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Total R$ 1.234,56", "BRL"),
        ("Celkem 12 450,00 Kč", "CZK"),
        ("Razem 980,00 zł", "PLN"),
        ("Összesen 159 064 Ft", "HUF"),
        ("Total de plată 1.250,00 lei", "RON"),
        ("Общо 310,00 лв.", "BGN"),
        ('סה"כ ₪ 1,170.00', "ILS"),
        ("합계 ₩ 1,250,000", "KRW"),
        ("合計 12,000円", "JPY"),
        ("合计 8,600.00元", "CNY"),
        ("Total RMB 8,600.00", "CNY"),
        ("Toplam 4.500,00 ₺", "TRY"),
        ("Total S/ 1,180.00", "PEN"),
        ("Total ₱ 5,600.00", "PHP"),
        ("Total CHF 1'234.50", "CHF"),
        ("Betrag Fr. 1'234.50", "CHF"),
        ("Total NZ$ 99.00", "NZD"),
        ("Total MX$ 1,500.00", "MXN"),
    ],
)
def test_a_currencys_own_mark_names_it(line: str, code: str) -> None:
    found, _, confidence = vote_currency([line], [line])
    assert found == code
    assert confidence > UNCERTAIN_DOLLAR


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (["Total $ 9,976.00", "RFC: HBA0307159Q2", "C.P. 37150, León, Gto."], "MXN"),
        (
            ["Total $ 9,976.00", "Importe con letra: nueve mil novecientos setenta y seis pesos 00/100 M.N."],
            "MXN",
        ),
        (["Total $ 152.300,00", "CUIT: 30-71458236-2", "Buenos Aires, Argentina"], "ARS"),
        (["Total $ 152.300", "RUT: 76.543.210-3", "Santiago, Chile"], "CLP"),
        (["Total $ 1.250.000", "NIT 901.234.567-1", "Bogotá, Colombia"], "COP"),
        (["Total $ 120.00", "ABN 51 824 753 556"], "AUD"),
        (["Total $120.00", "Austin, TX 78701"], "USD"),
    ],
)
def test_a_bare_dollar_sign_is_the_dollar_or_peso_the_page_names(lines: list[str], code: str) -> None:
    found, _, confidence = vote_currency(lines, lines[:1])
    assert found == code
    assert confidence > UNCERTAIN_DOLLAR


def test_a_bare_dollar_sign_with_evidence_for_two_countries_stays_uncertain() -> None:
    # GIVEN a "$" on a page naming Mexico and Chile
    lines = ["Total $ 500.00", "Oficina en Ciudad de México", "Sucursal en Santiago, Chile"]
    found, _, confidence = vote_currency(lines, lines[:1])
    # THEN no country's peso is guessed: USD held at the confidence a person checks
    assert found == "USD" and confidence <= UNCERTAIN_DOLLAR


def test_a_bare_dollar_sign_on_a_spanish_page_without_a_country_stays_uncertain() -> None:
    lines = ["FACTURA", "Total $ 500.00"]
    found, _, confidence = vote_currency(lines, lines[1:], "es")
    assert found == "USD" and confidence <= UNCERTAIN_DOLLAR


@pytest.mark.parametrize(
    ("lines", "language", "code"),
    [
        (["Att betala 1 250,00 kr"], "sv", "SEK"),
        (["Å betale kr 1 250,00"], "nb", "NOK"),
        (["I alt kr. 1.250,00"], "da", "DKK"),
        (["Samtals 12.900 kr."], "is", "ISK"),
        (["Total kr 1 250,00", "Org.nr 923 609 016 MVA"], "en", "NOK"),
        (["Total kr 1 250,00", "Bankgiro 5050-1055"], "en", "SEK"),
        (["Total kr. 1.250,00", "CVR-nr. 31729048"], "en", "DKK"),
    ],
)
def test_kr_is_the_crown_of_the_pages_country_or_language(lines: list[str], language: str, code: str) -> None:
    found, _, confidence = vote_currency(lines, lines[:1], language)
    assert found == code
    assert confidence > UNCERTAIN_DOLLAR


def test_kr_without_a_country_or_a_nordic_language_names_no_crown() -> None:
    # GIVEN "kr" on an English page that says nothing of its country
    found, _, _ = vote_currency(["Total kr 1 250,00"], ["Total kr 1 250,00"], "en")
    # THEN no crown is guessed
    assert found is None


def test_kr_on_the_totals_outvotes_a_euro_mentioned_in_passing() -> None:
    page = """Nordlys Rådgivning ApS
Strandvejen 12, 2100 København Ø
CVR-nr. 31729048

FAKTURA                                   Fakturanr.: 2025-117
Dato: 03.06.2025
Beskrivelse                      Antal      Pris         Beløb
Rådgivning                          10    950,00      9.500,00
Moms 25%                                              2.375,00
I alt kr.                                            11.875,00
Betaling i EUR efter aftale
"""
    result = _extract(page)
    assert result.currency == "DKK"
    assert result.total == Decimal("11875.00")


def test_the_rand_sign_counts_only_with_south_african_evidence() -> None:
    # GIVEN "R" before an amount
    assert vote_currency(["Total R 1 250.00", "Sandton, Johannesburg"], ["Total R 1 250.00"])[0] == "ZAR"
    # THEN without a South African clue it is no currency at all (a row label, a revision)
    assert vote_currency(["R 2 Fitting", "Total EUR 12,00"], ["Total EUR 12,00"])[0] == "EUR"
    assert vote_currency(["Total R 1 250.00"], ["Total R 1 250.00"])[0] is None


@pytest.mark.parametrize(
    ("lines", "code", "certain"),
    [
        (["合計 ¥12,000", "東京都港区 株式会社サンプル"], "JPY", True),
        (["合计 ¥8,600.00", "上海某某贸易有限公司"], "CNY", True),
        (["Total ¥12,000"], "JPY", False),
    ],
)
def test_the_yen_sign_is_yen_or_yuan_by_the_pages_evidence(
    lines: list[str], code: str, certain: bool
) -> None:
    found, _, confidence = vote_currency(lines, lines[:1])
    assert found == code
    assert (confidence > UNCERTAIN_DOLLAR) is certain


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Total $ 152.300\nRUT: 76.543.210-3\nSantiago, Chile", True),
        ("Total $ 152.30\nAustin, TX 78701", False),
        ("合計 ¥12,000\n株式会社", True),
        ("合计 ¥8,600.00\n有限公司", False),
    ],
)
def test_a_shared_sign_read_by_the_pages_evidence_tells_whole_units(text: str, whole: bool) -> None:
    assert prints_whole_units(text, None) is whole


@pytest.mark.parametrize(
    "line",
    ["Leistungszeitraum 12", "美元 100", "skr 5", "Ft. Lauderdale Road 12"],
)
def test_a_mark_inside_a_word_names_no_currency(line: str) -> None:
    # "Ft." before a word, "lei" inside "Leistung", "元" after 美 (the US dollar's name), "kr" in a word
    assert [c for c in currencies_in(line) if c in ("RON", "CNY", "HUF")] == []
    assert vote_currency([line], [])[0] is None
