"""GIVEN invoices as small businesses print them in many languages — a row of field labels over a row of
values headed by a bare "No.", credit notes that name the invoice they credit, receipts paid in full, part-
paid invoices, receipts titled as such — WHEN the rules engine reads them THEN the number, the dates, the
amount due and the document's type are this document's own. Texts of our own."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


# a row of labels over a row of values, the number's cell headed by a bare word -------------------------
STRIP = """Harbour Lane Joinery Ltd
14 Quay Street
Bristol BS1 4XY
                                                              {no}          {date}              {due}
INVOICE                                                       {number}      {issued}            {owed}
Description                                   Qty        Unit price        Amount
Oak shelving, fitted                           2           180.00          360.00
Subtotal                                                                   360.00
VAT 20%                                                                     72.00
Total                                                                  GBP 432.00
"""


@pytest.mark.parametrize(
    ("no", "date_label", "due", "number", "issued", "owed"),
    [
        ("No.", "Date", "Due date", "HL-2231", "04/03/2026", "03/04/2026"),
        ("Număr", "Data", "Scadență", "FV-00412", "04.03.2026", "03.04.2026"),
        ("Číslo", "Datum vystavení", "Splatnost", "2026000412", "4. 3. 2026", "3. 4. 2026"),
        ("No", "Tarih", "Vade", "A-000412", "04.03.2026", "03.04.2026"),
    ],
)
def test_a_bare_number_word_heading_a_row_of_facts_names_the_number(
    no: str, date_label: str, due: str, number: str, issued: str, owed: str
) -> None:
    text = STRIP.format(no=no, date=date_label, due=due, number=number, issued=issued, owed=owed)
    result = _extract(text)
    assert result.invoice_number == number
    assert result.invoice_date == date(2026, 3, 4)


def test_a_bare_number_word_heading_an_item_column_names_no_number() -> None:
    text = """Harbour Lane Joinery Ltd
No.     Description                         Qty       Amount
1       Oak shelving, fitted                 2        360.00
2       Delivery                             1         40.00
Total                                               GBP 400.00
"""
    assert _extract(text).invoice_number in (None, "")


def test_a_value_right_aligned_under_its_label_two_lines_down_is_read() -> None:
    text = """Atelier Costa Unipessoal, Lda.                                     Nota de Crédito
Rua das Flores 12                                                              N.º   Data
1100-053 Lisboa
NIF: PT 501234567                                                   NC 2026/0042      12/03/2026
Cliente
Padaria Moreira, Lda.
Total                                                                             -120,00 €
"""
    assert _extract(text).invoice_number == "NC 2026/0042"


# credit notes naming the credited invoice -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "reference"),
    [
        ("Nota di credito", "Rif. fattura n. 2026/00955 del 02/02/2026"),
        ("Jóváíró számla", "Az eredeti számla sorszáma: E-2026-0955, kelte: 2026. 02. 02."),
        ("Factură de stornare", "Stornează factura nr. FV-00955 din 02.02.2026"),
    ],
)
def test_a_number_label_inside_a_reference_to_the_credited_invoice_is_not_this_documents(
    title: str, reference: str
) -> None:
    text = f"""Studio Ferri S.r.l.                                               {title}
Via Roma 4, 20121 Milano                                          Nr.   41/2026
                                                                  Data  12/03/2026
Cliente: Bar Centrale S.n.c.
{reference}
Descrizione                                Q.tà        Importo
Reso merce                                   1         -100,00
Totale                                                 -122,00 €
"""
    assert _extract(text).invoice_number == "41/2026"


@pytest.mark.parametrize(
    "reference",
    ["Dotyczy faktury nr FA 12/2026 z dnia 02.02.2026", "Avser faktura 3874 daterad 2026-02-02"],
)
def test_a_date_in_the_reference_to_the_credited_invoice_is_not_the_issue_date(reference: str) -> None:
    text = f"""Nordkust Bygg AB                                              KREDITFAKTURA
Storgatan 4                                                   Nr: K-0042
111 52 Stockholm                                              Wystawiono dnia:      12.03.2026
                                                              Fakturadatum: 12.03.2026
{reference}
Beskrivning                                Antal       Belopp
Återbetalning                                1        -100,00
Totalt                                                -125,00 kr
"""
    assert _extract(text).invoice_date == date(2026, 3, 12)


# paid receipts and part-paid invoices -----------------------------------------------------------------
def test_a_deduction_of_the_whole_total_leaves_a_zero_due() -> None:
    text = """Taskora Sp. z o.o.
Paragon
Nr faktury: FA 12/2026
Opis                                   Ilość        Wartość
Plan Pro                                  1         123,00
Razem brutto                                        123,00 PLN
Wpłacono                                           -123,00 PLN
Do zapłaty                                            0,00 PLN
"""
    result = _extract(text)
    assert result.total == Decimal("123.00")
    assert result.amount_due == Decimal("0.00")


@pytest.mark.parametrize(
    ("total_label", "paid_label", "amount", "mark"),
    [
        ("Total", "Amount paid", "200.00", "USD"),
        ("Razem brutto", "Wpłacono", "200,00", "PLN"),
        ("Total", "Pago", "200,00", "EUR"),
    ],
)
def test_the_total_paid_printed_negative_leaves_nothing_due(
    total_label: str, paid_label: str, amount: str, mark: str
) -> None:
    text = f"""Cloudbyte Lda.
Invoice number: CB-1042
Description                               Qty       Amount
Team plan                                   1       {amount}
{total_label}                                          {amount} {mark}
{paid_label}                                          -{amount} {mark}
"""
    assert _extract(text).amount_due == Decimal("0.00")


def test_a_remainder_of_zero_after_a_payment_of_the_whole_total_is_due() -> None:
    text = """Notvik Konsult AB
Fakturanummer: 2042
Beskrivning                               Antal       Belopp
Konsulttimmar                               2       1 000,00
Totalt                                              1 000,00 SEK
Betalt belopp                                      -1 000,00 SEK
Restbelopp                                              0,00 SEK
"""
    assert _extract(text).amount_due == Decimal("0.00")


@pytest.mark.parametrize(
    ("total_label", "paid", "due_label", "mark", "comma"),
    [
        ("Genel Toplam", "Ödenen", "Kalan Borç", "TL", True),
        ("Total", "Payments/Credits", "Amount Outstanding", "USD", False),
        ("Totale", "Acconto versato", "Da pagare", "EUR", True),
        ("Totalt", "Inbetalt", "Restbelopp", "SEK", True),
    ],
)
def test_what_is_left_after_a_payment_is_due(
    total_label: str, paid: str, due_label: str, mark: str, comma: bool
) -> None:
    def money(value: str) -> str:
        return value if not comma else value.replace(",", "_").replace(".", ",").replace("_", ".")

    text = f"""Kestrel Works
Invoice No: KW-778
Description                               Qty       Amount
Service                                     1       {money("800.00")}
VAT 25%                                             {money("200.00")}
{total_label}                                          {money("1,000.00")} {mark}
{paid}                                              -{money("400.00")} {mark}
{due_label}                                            {money("600.00")} {mark}
"""
    result = _extract(text)
    assert result.total == Decimal("1000.00")
    assert result.amount_due == Decimal("600.00")


# labels of the packs -------------------------------------------------------------------------------------
def test_a_finnish_abbreviated_due_date_label_is_read() -> None:
    text = """Koskinen Sähkö Oy
Laskun numero: 2026-112
Päiväys: 01.03.2026
Eräpvm: 15.03.2026
Yhteensä 124,00 €
"""
    assert _extract(text).due_date == date(2026, 3, 15)


def test_a_romanian_series_and_number_label_heads_the_number() -> None:
    text = """Popescu Soft S.R.L.
Seria și nr.              Data                 Nr. client
0001606                   04.07.2026           56093
Total de plată                                 1.210,00 lei
"""
    assert _extract(text).invoice_number == "0001606"


@pytest.mark.parametrize(
    "title",
    [
        "Bon fiscal",
        "Paragon fiskalny",
        "Kvitto",
        "Nyugta",
        "Účtenka",
        "Kuitti",
        "Scontrino",
        "Ricevuta",
        "Satış Fişi",
        "Talão de venda",
    ],
)
def test_a_receipts_title_word_keeps_an_item_word_from_titling_the_page(title: str) -> None:
    text = f"""Wisła Serwis sp. z o.o.
ul. Długa 4, 00-950 Warszawa
{title}
Abonament serwisowy                         541,35
Usługa montażu                              669,27
SUMA PLN                                  1 210,62
"""
    assert _extract(text).document_type == DocumentType.INVOICE


def test_a_series_and_number_label_in_capitals_names_no_series_code() -> None:
    text = """POPESCU SOFT S.R.L.
SERIA ȘI NR.: R10894190
DATA: 04.07.2026
TOTAL DE PLATĂ                                 1.210,00 lei
"""
    assert _extract(text).invoice_number == "R10894190"


@pytest.mark.parametrize(
    ("street", "town"),
    [("Via dei Mille 79", "35122 Padova (PD)"), ("İstiklal Cad. No: 45", "35210 Konak/İzmir")],
)
def test_a_town_line_with_its_province_or_district_closes_the_sellers_address(street: str, town: str) -> None:
    text = f"""Bianchi Termoidraulica S.p.A.
{street}
{town}
Partita IVA: IT01234567897
Fattura n. 12/2026                                      Data: 04/03/2026
Spett.le Rossi Costruzioni S.r.l.
Descrizione                                  Q.tà       Importo
Manodopera                                      2        100,00
Totale                                                   122,00 €
"""
    assert _extract(text).vendor.address == f"{street}, {town}"
