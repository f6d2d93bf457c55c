"""Conventions found on the first seed of an outsider's LaTeX generator (evals/synth21): how TeX's pages
read — a running sum carried across a page break, names hyphenated at a line's end — each worded
generally and tested with documents of our own."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(*pages: str) -> InvoiceExtraction:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=n, text=text) for n, text in enumerate(pages, 1)]
    )
    return extract_invoice(parsed, engine="rules", text_only=True)


def test_a_sum_carried_to_the_next_page_is_no_amount_of_the_footer_under_it() -> None:
    # a multi-page item list ends each page with the running sum ("Carried forward") and the page's footer
    # (the seller's address with its figures) follows it: the footer is no item and takes no amount
    first = (
        "Acme Tools Ltd\n1 Mill Lane\nLeeds LS1 5DL\n\nINVOICE\nInvoice No.: INV-2041\nDate: 14/03/2026\n\n"
        "Bill to:\nOrchard Retail Ltd\n5 Long Road, York YO1 7HH\n\n"
        "  Description                                   Qty       Price        Total\n"
        "  Widget A1                                       2       10.00        20.00\n"
        "  Widget B2                                       3       20.00        60.00\n"
        "  Carried forward                                                      80.00\n\n"
        "                        1 Mill Lane, Leeds LS1 5DL · VAT No. GB 123 4567 89\n"
    )
    second = (
        "Acme Tools Ltd                                          Invoice No. INV-2041 - Page 2\n\n"
        "  Brought forward                                                      80.00\n"
        "  Description                                   Qty       Price        Total\n"
        "  Widget C3                                       1       40.00        40.00\n\n"
        "                                                      Subtotal        120.00\n"
        "                                                      VAT 20%          24.00\n"
        "                                                      Total           144.00\n"
    )
    result = _read(first, second)
    assert [(line.description, line.amount) for line in result.lines] == [
        ("Widget A1", Decimal("20.00")),
        ("Widget B2", Decimal("60.00")),
        ("Widget C3", Decimal("40.00")),
    ]


def test_a_seller_name_hyphenated_at_the_line_end_is_read_as_one_word() -> None:
    # a typesetter hyphenates a long word of a name set in a narrow column ("haftungsbe-" / "schränkt)"):
    # the broken word is one word again, without the hyphen
    page = (
        "Waldkirch Druckerei UG (haftungsbe-                                   Empfänger:\n"
        "schränkt)                                                             Nordlicht Handel GmbH\n"
        "Industriestr. 136                                                     Industriestr. 163\n"
        "20095 Hamburg                                                         70173 Stuttgart\n\n"
        "Rechnung\n\nRechnungsnummer: F2026-1706\nRechnungsdatum: 13.01.2026\n\n"
        "  Bezeichnung                        Menge       Einzelpreis         Betrag\n"
        "  Offsetdruck Broschüren                 2            100,00         200,00\n\n"
        "                                          Gesamtbetrag:          238,00 EUR\n"
    )
    assert _read(page).vendor.name == "Waldkirch Druckerei UG (haftungsbeschränkt)"


def test_a_polish_corrective_invoice_totals_under_the_value_of_the_correction() -> None:
    # a Polish corrective invoice (faktura korygująca) states its total as the correction's value
    # ("Wartość korekty", with or without "brutto"), where an invoice prints "Razem brutto"
    label = "Wartość korekty"
    page = (
        "Nowak Serwis sp. z o.o.\nul. Długa 15\n00-238 Warszawa\n\nNabywca:\nKowalski Transport S.A.\n"
        "ul. Piotrkowska 10\n90-102 Łódź\n\nFAKTURA KORYGUJĄCA 2026/0736\nData wystawienia 13.03.2026\n\n"
        "  Nazwa                                     Ilość        Cena netto      Wartość netto\n"
        "  Toner czarny                              2 szt.           500,00          -1 000,00\n\n"
        "                                  Suma netto                -1 000,00 zł\n"
        "                                  VAT 23 %                    -230,00 zł\n"
        f"                                  {label:<24}  -1 230,00 zł\n"
    )
    result = _read(page)
    assert result.total is not None and abs(result.total) == Decimal("1230.00")
