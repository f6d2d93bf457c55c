"""Conventions found on unread seeds of two outsiders' generators (evals/synth17, evals/synth18), each
worded generally and tested with documents of our own."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from fpdf import FPDF

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.ingest.readers.pdf import read_pdf


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def _pdf(left: list[tuple[float, float, str]], right: list[tuple[float, float, str]]) -> bytes:
    """An A4 page: ``left`` texts start at (x, y) mm, ``right`` texts end at x mm (set flush right)."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    for x, y, text in left:
        pdf.text(x, y, text)
    for x, y, text in right:
        pdf.text(x - pdf.get_string_width(text), y, text)
    return bytes(pdf.output())


def test_a_bare_date_header_set_flush_right_reads_the_date_ending_under_it() -> None:
    # a facts row whose headers and values are all set flush right in their columns: the short header
    # "Date" stands nearer the start of the next column's (wider) due date than its own value
    page = _pdf(
        [
            (15, 20, "Harbour Joinery Ltd"),
            (15, 25, "4 Mill Lane"),
            (15, 30, "Bristol BS1 4DJ"),
            (15, 60, "Oak shelving, fitted   1   2,400.00"),
            (15, 70, "Total   GBP 2,400.00"),
        ],
        [
            (105, 40, "Invoice"),
            (140, 40, "Date"),
            (175, 40, "Due"),
            (105, 45, "HJ-2026-118"),
            (140, 45, "27 September 2026"),
            (175, 45, "27 November 2026"),
        ],
    )
    result = extract_invoice(read_pdf(page), engine="rules")
    assert result.invoice_date == date(2026, 9, 27)
    assert result.due_date == date(2026, 11, 27)


def test_a_turkish_e_document_number_after_a_bare_no_is_the_invoice_number() -> None:
    # e-Fatura / e-Arşiv numbers: a three-character series, the year and a nine-digit sequence; a bare
    # "No" before one labels it (a street's "No: 12" has no such value)
    text = (
        "Deniz Gıda San. A.Ş.\n"
        "Gazi Bulvarı No: 12\n"
        "35210 Konak/İzmir\n"
        "Vergi No 1234567890\n"
        "                        FİŞ\n"
        "Zeytinyağı 5 lt                  2 x 450,00        900,00\n"
        "Genel Toplam ₺                                     900,00\n"
        "No: GIB2026000000417\n"
        "14 Mart 2026 10:05\n"
    )
    assert _read(text).invoice_number == "GIB2026000000417"


def test_relates_to_invoice_names_the_credited_invoice_not_the_credit_notes_number() -> None:
    text = (
        "Fenwick Tools Ltd                                              Credit Note\n"
        "9 Quay Street                                                  No.: CN-4471\n"
        "Leeds LS1 4AB                                                  Date: 03/03/2026\n"
        "\n"
        "Relates to invoice 8812 dated 12/02/2026\n"
        " Item                         Qty      Price       Amount\n"
        " Drill bits set                 2     -40.00       -80.00\n"
        "                                       Total      -£80.00\n"
    )
    assert _read(text).invoice_number == "CN-4471"


def test_a_paid_amount_with_its_minus_before_the_currency_letters_leaves_nothing_due() -> None:
    text = (
        "Skyline Hosting ApS                                         Faktura\n"
        "Nørregade 4, 8000 Aarhus                                   Faktura nr.   5512\n"
        "                                                           Fakturadato   02/02/2026\n"
        " Beskrivelse                                       Beløb\n"
        " Serverleje februar                           kr. 1.000,00\n"
        "                         I alt ekskl. moms    kr. 1.000,00\n"
        "                         25% moms               kr. 250,00\n"
        "                         I alt inkl. moms     kr. 1.250,00\n"
        "                         Betalt (02/02/2026)  -kr. 1.250,00\n"
    )
    result = _read(text)
    assert result.total == Decimal("1250.00")
    assert result.amount_due == Decimal("0.00")


def test_a_bare_balance_closing_the_totals_after_a_payment_is_the_amount_due() -> None:
    text = (
        "Marsh Electrical Ltd\n"
        "2 Canal Road, Leeds LS2 7AB\n"
        "                                            Invoice No.    7741\n"
        "                                            Invoice Date   3 Mar 2026\n"
        " Item                               Qty     Rate      Amount\n"
        " Rewiring, kitchen                    1   800.00      800.00\n"
        "                                     Net              800.00 GBP\n"
        "                                     VAT 20%          160.00 GBP\n"
        "                                     TOTAL            960.00 GBP\n"
        "                                     Payments        -300.00 GBP\n"
        "                                     Balance          660.00 GBP\n"
    )
    result = _read(text)
    assert result.amount_due == Decimal("660.00")


def test_bg_the_sum_owed_after_an_advance_is_the_amount_due() -> None:
    # "Дължима сума" (the sum owed) closes a Bulgarian invoice's totals after an advance is deducted
    text = (
        "„Добрев Строй“ ЕООД\n"
        "                                                    №      0000004410\n"
        "                                                    Дата   02.03.2026\n"
        "Фактура\n"
        " Наименование                     Кол.     Ед. цена      Стойност\n"
        " Ремонт на покрив                   1       500,00        500,00\n"
        "                          Данъчна основа                500,00 лв.\n"
        "                          ДДС 20%                       100,00 лв.\n"
        "                          Обща сума                     600,00 лв.\n"
        "                          Приспаднат аванс             -200,00 лв.\n"
        "                          Дължима сума                  400,00 лв.\n"
    )
    assert _read(text).amount_due == Decimal("400.00")


def test_nb_a_balance_carried_over_joins_the_periods_charges_in_the_amount_to_pay() -> None:
    # a bill's account summary: the previous balance, less payments, carried over ("Overført saldo") and
    # added to this period's charges; the amount to pay exceeds the invoice's own total
    text = (
        "Fjordnett AS\n"
        "                                         FAKTURA\n"
        "                                         Fakturanr.:        20117\n"
        "                                         Dato:           05.02.26\n"
        " Beskrivelse                                          Beløp\n"
        " Bredbånd februar                                    400,00\n"
        "                        Beløp ekskl. mva       400,00 NOK\n"
        "                        Mva 25 %               100,00 NOK\n"
        "                        Sum inkl. mva.         500,00 NOK\n"
        " Forrige saldo                     90,00 NOK\n"
        " Innbetalt                        -60,00 NOK\n"
        " Overført saldo                    30,00 NOK\n"
        " Denne periodens forbruk          500,00 NOK\n"
        " Beløp å betale                   530,00 NOK\n"
    )
    result = _read(text)
    assert result.total == Decimal("500.00")
    assert result.amount_due == Decimal("530.00")


def test_a_legal_form_broken_across_two_lines_joins_the_name_above() -> None:
    # a narrow column wraps the name inside its legal form: "spol. s" ends one line, "r.o." opens the next
    text = (
        "Dvořák Okna spol. s                                  FAKTURA\n"
        "r.o.\n"
        "Palackého 14\n"
        "779 00 Olomouc\n"
        "IČO: 12345678                          Číslo dokladu   2026000123\n"
        "                                       Datum vystavení 04.03.2026\n"
        "\n"
        " Popis                                  Mn.      Cena/MJ       Částka\n"
        " Montáž oken                              2       500,00     1 000,00\n"
        "                                       CELKEM              1 210,00 Kč\n"
    )
    assert _read(text).vendor.name == "Dvořák Okna spol. s r.o."


def test_taxes_included_at_several_rates_sum_to_the_tax_and_leave_the_net() -> None:
    # a till receipt with gross prices: one "VAT included" line per rate, no net printed
    text = (
        "      Padaria Lopes Lda\n"
        "      Rua do Carmo 8\n"
        "      1200-093 Lisboa\n"
        "      Fatura Simplificada\n"
        "Bolo de anos                            123,00\n"
        "Café em grão 1 kg                        11,30\n"
        "TOTAL EUR                               134,30\n"
        "IVA incluído 23%: 23,00\n"
        "IVA incluído 13%: 1,30\n"
        "Número: FS 2026/0042\n"
        "11-03-2026 09:12\n"
    )
    result = _read(text)
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("110.00"),
        Decimal("24.30"),
        Decimal("134.30"),
    )


def _bill(addressee: str) -> str:
    """A bill whose seller's name heads the page, the title set high at the right, the addressee's block
    under both (no caption), the seller's own address only in the footer."""
    return (
        "Nordlicht Energie GmbH\n"
        "                                                          Rechnung\n"
        f"{addressee}\n"
        "Ahornweg 5                                                Kundennummer:       88120311\n"
        "50667 Köln                                                Rechnungsnr.:       2026-5521\n"
        "                                                          Datum:              02.03.2026\n"
        "\n"
        " Bezeichnung                                                        Betrag\n"
        " Strom Februar                                                       80,00\n"
        "                                         Summe netto              80,00 EUR\n"
        "                                         19 % USt.                15,20 EUR\n"
        "                                         Gesamtbetrag             95,20 EUR\n"
        "\n"
        "                     Nordlicht Energie GmbH · Hafenstraße 12, 20457 Hamburg\n"
    )


def test_a_company_whose_legal_form_reads_as_a_street_word_heads_another_block() -> None:
    # "KG" closing a line with no digits is a partnership's legal form, not an area's abbreviation
    assert _read(_bill("Brandt Sanitär KG")).vendor.address == "Hafenstraße 12, 20457 Hamburg"


def test_a_persons_name_past_the_title_line_heads_the_addressees_block() -> None:
    assert _read(_bill("Jana Vogt")).vendor.address == "Hafenstraße 12, 20457 Hamburg"


def test_a_date_starting_where_its_header_starts_is_read_from_values_run_together() -> None:
    # values wider than their columns, one space apart: the layout text runs them into one cell, but each
    # starts on the page where its (flush-left) header starts
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.text(15, 20, "Kovar Stavby s.r.o.")
    pdf.text(15, 25, "Nadrazni 3, 602 00 Brno")
    x = 15.0
    for header, value in (("Doklad", "2026000911"), ("Datum", "3. 2. 2026"), ("Splatnost", "17. 2. 2026")):
        pdf.text(x, 40, header)
        pdf.text(x, 45, value)
        x += pdf.get_string_width(value) + pdf.get_string_width(" ")
    pdf.text(15, 60, "Oprava strechy   1   4 000,00")
    pdf.text(15, 70, "CELKEM   4 840,00 CZK")
    result = extract_invoice(read_pdf(bytes(pdf.output())), engine="rules")
    assert result.invoice_date == date(2026, 2, 3)
    assert result.due_date == date(2026, 2, 17)


def test_bg_the_legal_ground_for_not_charging_vat_is_no_tax_line() -> None:
    # "Основание за неначисляване на ДДС: чл. 28" (ground for not charging VAT: the law's article): the
    # article's number after the negated VAT is no tax amount
    text = (
        "„Илиев Трейд“ ООД                                                   ФАКТУРА\n"
        "ул. Шипка № 4\n"
        "1000 гр. София\n"
        "Купувач:                                   Номер:               0000000912\n"
        "Baker Tools Ltd                            Дата на издаване:    12.02.2026\n"
        "  №   Наименование            Кол.     Ед. цена      Стойност\n"
        "  1   Кабел                     10        40,00        400,00\n"
        "                              Сума за плащане          400,00 EUR\n"
        "Основание за неначисляване на ДДС: чл. 28 от ЗДДС\n"
    )
    result = _read(text)
    assert result.total == Decimal("400.00")
    assert result.tax_total in (None, Decimal("0.00"))
