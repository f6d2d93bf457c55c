"""Conventions found on the first seed of an outsider's LaTeX generator (evals/synth21): how TeX's pages
read — a running sum carried across a page break, names hyphenated at a line's end — each worded
generally and tested with documents of our own."""

from __future__ import annotations

from decimal import Decimal

import pytest

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


@pytest.mark.parametrize(
    ("carried", "brought", "number_label", "date_line", "total_line"),
    [
        (
            "Převádí se",
            "Převod z předchozí strany",
            "Číslo faktury:",
            "Datum vystavení: 14.03.2026",
            "Celkem s DPH 144,00",
        ),
        (
            "Do przeniesienia",
            "Przeniesienie",
            "Faktura nr",
            "Data wystawienia: 14.03.2026",
            "Razem brutto 144,00",
        ),
        ("A riportare", "Da pagina precedente", "Fattura n.", "Data: 14/03/2026", "Totale 144,00"),
        ("A trasladar", "Suma anterior", "Factura nº", "Fecha: 14/03/2026", "Total factura 144,00"),
    ],
)
def test_each_language_names_the_sum_carried_to_the_next_page(
    carried: str, brought: str, number_label: str, date_line: str, total_line: str
) -> None:
    # the running sum at a page's foot and at the next page's head is worded in the invoice's language
    # ("Převádí se", "Przeniesienie", "Da pagina precedente", "A trasladar"): no item
    first = (
        f"Acme Nástroje s.r.o.\nVodičkova 12\n110 00 Praha 1\n\n{number_label} 2026-0041\n{date_line}\n\n"
        "  Popis                                         Qty       Price        Total\n"
        "  Widget A1                                       2       10,00        20,00\n"
        "  Widget B2                                       3       20,00        60,00\n"
        f"  {carried:<40}                             80,00\n"
    )
    second = (
        f"  {brought:<40}                             80,00\n"
        "  Popis                                         Qty       Price        Total\n"
        "  Widget C3                                       1       40,00        40,00\n\n"
        f"                                          {total_line}\n"
    )
    result = _read(first, second)
    assert [line.amount for line in result.lines] == [Decimal("20.00"), Decimal("60.00"), Decimal("40.00")]


def test_a_polish_quantity_column_headed_by_its_abbreviation() -> None:
    # Polish item tables abbreviate "Ilość" (quantity) to "Il." in a narrow column
    page = (
        "Nowak Serwis sp. z o.o.\nul. Długa 15\n00-238 Warszawa\n\nFaktura nr 2026/0736\n"
        "Data wystawienia 13.03.2026\n\n"
        "  Nazwa                                            Il.   Cena netto        Wartość netto\n"
        "  Krzesło biurowe ergonomiczne                 2 kpl.       230,49              -460,98\n"
        "  Toner czarny                                 6 kpl.       620,05            -3 720,30\n"
        "  Transport i montaż                          20 szt.       293,75            -5 875,00\n\n"
        "                                  Suma netto                -10 056,28 zł\n"
        "                                  VAT 23 %                   -2 312,94 zł\n"
        "                                  Razem brutto              -12 369,22 zł\n"
    )
    lines = _read(page).lines
    assert [(line.quantity, line.unit_price, line.amount) for line in lines] == [
        (Decimal(2), Decimal("230.49"), Decimal("-460.98")),
        (Decimal(6), Decimal("620.05"), Decimal("-3720.30")),
        (Decimal(20), Decimal("293.75"), Decimal("-5875.00")),
    ]


def test_a_vat_summary_headed_rate_net_tax_total_under_the_totals_is_no_item() -> None:
    # under the totals, a VAT summary table ("VAT rate  Net  Tax  Total") repeats each rate's base, tax and
    # gross: its heading names the tax's rate (with a word a price column uses too) and a base column no
    # pack names; its rows are no items
    page = (
        "Acme Tools Ltd\n1 Mill Lane\nLeeds LS1 5DL\n\nINVOICE\nInvoice No.: INV-2041\nDate: 14/03/2026\n\n"
        "  Description                        Qty        Price       VAT %          Total\n"
        "  Widget A1                            2        10.00         20%          20.00\n"
        "  Book B2                              3        20.00          0%          60.00\n\n"
        "                                          Net amount           80.00\n"
        "                                          VAT 20%               4.00\n"
        "                                          Invoice total        84.00\n\n"
        "VAT summary\n"
        "VAT rate          Net          Tax        Total\n"
        "20%             20.00         4.00        24.00\n"
        "0%              60.00         0.00        60.00\n"
    )
    assert [line.amount for line in _read(page).lines] == [Decimal("20.00"), Decimal("60.00")]


def test_a_czech_amount_column_headed_total_without_vat() -> None:
    # a Czech item table heads its line amounts "Celkem bez DPH" (total without VAT): the amount's column,
    # though it names the tax ("DPH") too
    page = (
        "Novák Tiskárna s.r.o.\nVodičkova 12\n110 00 Praha 1\n\nFAKTURA\nČíslo faktury: 2026-0041\n"
        "Datum vystavení: 14.03.2026\n\n"
        "  Popis                                   Počet     Jedn. cena     Celkem bez DPH\n"
        "  Ofsetový tisk brožur                    2 ks.          37,43              74,86\n"
        "  Pozinkovaný regál                       10 ks          35,71             357,10\n\n"
        "                                  Celkem s DPH                522,67 Kč\n"
    )
    lines = _read(page).lines
    assert [(line.quantity, line.unit_price, line.amount) for line in lines] == [
        (Decimal(2), Decimal("37.43"), Decimal("74.86")),
        (Decimal(10), Decimal("35.71"), Decimal("357.10")),
    ]


def test_a_buyer_vat_id_under_its_address_block_interleaved_with_the_facts_beside_it() -> None:
    # the buyer's address block at the left and the invoice's facts at the right are set in different line
    # spacings, so their lines alternate in reading order: the VAT id at the foot of the buyer's block is
    # still the buyer's, and the seller's is the one in the footer
    page = (
        "                         Nowak & Offset-Pol S.A.\n\n"
        "Nowak & Offset-Pol S.A. · ul. Długa 173 · 00-238 Warszawa             Nr faktury               202500031\n"
        "                                                                       Data faktury             2025-04-17\n"
        "Kowalski Informatyka sp. z o.o.\n"
        "                                                                       Termin płatności         2025-05-01\n"
        "ul. Marszałkowska 176\n"
        "                                                                       Kod klienta              D6322\n"
        "50-101 Wrocław\n"
        "                                                                       Dokument WZ              LS-10649\n"
        "NIP UE PL3191991462\n\n"
        "FAKTURA\n"
        "  Opis                                              Ilość    Cena netto        Wartość\n"
        "  Projekt graficzny ulotek                          6 kpl.       511,22       3.067,32\n\n"
        "                                          Razem brutto       3.772,80 PLN\n\n"
        "Nowak & Offset-Pol S.A.       Tel. +48 22 394 93 93          Dane do przelewu       KRS 0000870305\n"
        "ul. Długa 173                 office@nowak.pl                mBank                  REGON 851011659\n"
        "00-238 Warszawa               www.nowak.pl                   NIP UE PL5652050570\n"
    )
    result = _read(page)
    assert result.buyer.name == "Kowalski Informatyka sp. z o.o."
    assert result.vendor.vat_id == "PL5652050570"
