"""Strips of totals whose figures and labels the layout text does not line up (a row of figures set in a larger
type than its labels' row; a label of two label words that is one column), Catalan dates with an elided "de"
("d'agost"), each case a document of our own."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from fpdf import FPDF

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.dates import find_dates
from opsloop.ingest.readers.pdf import read_pdf


def _read_text(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


_HEAD = [
    "Vilties Statyba UAB",
    "Ukmergės g. 41, LT-08112 Vilnius",
    "SĄSKAITA FAKTŪRA",
    "Sąskaitos Nr. VS-7731",
    "Pos  Prekė                          Kiekis     Kaina    PVM       Suma",
    "1    Cemento mišinys                    40     25,00    21 %   1 000,00",
    "2    Pristatymas                         1    300,00     9 %     300,00",
]
# nets 1 000,00 at 21 % and 300,00 at 9 %: taxes 210,00 + 27,00; total 1 537,00
_LABELS = ["Suma be PVM", "PVM suma 21 %", "PVM suma 9 %", "Mokėti iš viso"]
_AMOUNTS = ["1300,00", "210,00", "27,00", "1537,00"]
_WANT = (Decimal("1300.00"), Decimal("237.00"), Decimal("1537.00"))


_PDF_HEAD = [
    "Suministros Ebro S.L.",
    "Calle Mayor 18, 50001 Zaragoza",
    "FACTURA",
    "Factura n.º: ZG-2291",
    "Pos  Concepto                       Cant.     Precio    IVA       Importe",
    "1    Mortero seco                      40      25,00    21 %   1 000,00",
    "2    Transporte                         1     300,00    10 %     300,00",
]
# nets 1 000,00 at 21 % and 300,00 at 10 %: taxes 210,00 + 30,00; total 1 540,00
_PDF_LABELS = ["Base imponible", "IVA 21 %", "IVA 10 %", "Total factura"]
_PDF_AMOUNTS = ["1.300,00 EUR", "210,00 EUR", "30,00 EUR", "1.540,00 EUR"]


def _strip_pdf(figures_pt: float, labels_pt: float) -> bytes:
    """The head and rows in 9 pt, then the strip: each figure set flush right with its label's right edge, the
    figures a single space apart in ``figures_pt``, the labels in ``labels_pt`` with gaps between them."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    for row, text in enumerate(_PDF_HEAD):
        pdf.text(15, 20 + 6 * row, text)
    # the figures a space apart; each label ends where its figure ends
    pdf.set_font("Helvetica", size=figures_pt)
    space = pdf.get_string_width(" ")
    right, x = [], 70.0
    for amount in _PDF_AMOUNTS:
        x += pdf.get_string_width(amount)
        right.append(x)
        x += space
    for amount, end in zip(_PDF_AMOUNTS, right, strict=True):
        pdf.text(end - pdf.get_string_width(amount), 80, amount)
    pdf.set_font("Helvetica", size=labels_pt)
    for label, end in zip(_PDF_LABELS, right, strict=True):
        pdf.text(end - pdf.get_string_width(label), 84, label)
    return bytes(pdf.output())


def test_figures_in_a_larger_type_than_their_labels_are_read_by_where_they_stand_on_the_page() -> None:
    # GIVEN a strip of totals whose figures, in 10 pt, end where their labels, in 6 pt, end, the figures a single
    # space apart: the layout text sets the two rows at different widths a character
    pdf = _strip_pdf(10, 6)
    # WHEN it is read
    got = extract_invoice(read_pdf(pdf), engine="rules", text_only=True)
    # THEN each label reads the figure over it: the net, the two rates' taxes summed, the total
    assert (got.subtotal, got.tax_total, got.total) == (
        Decimal("1300.00"),
        Decimal("240.00"),
        Decimal("1540.00"),
    )


def test_a_label_of_two_label_words_is_one_column_where_the_figures_say_so() -> None:
    # GIVEN labels a single space apart, the last one two words that are labels each ("Mokėti": to pay; "iš
    # viso": in all), one figure over each label, a little right of its start
    labels = " " * 40 + "Suma be PVM PVM suma 21 % PVM suma 9 %          Mokėti iš viso"
    figures = ""
    for label, shift, amount in zip(_LABELS, (0, 4, 8, 3), _AMOUNTS, strict=True):
        figures = figures.ljust(labels.index(label) + shift) + amount + " EUR"
    # WHEN it is read  THEN the net, the taxes summed and the total are the strip's
    got = _read_text("\n".join(_HEAD) + "\n\n" + figures + "\n" + labels + "\n")
    assert (got.subtotal, got.tax_total, got.total) == _WANT


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Data: 14 d'abril de 2026", date(2026, 4, 14)),
        ("Data de la factura: 3 d’octubre de 2025", date(2025, 10, 3)),
        ("Venciment 30 d’agost de 2026", date(2026, 8, 30)),
    ],
)
def test_a_catalan_month_after_an_elided_de_is_a_date(text: str, want: date) -> None:
    # GIVEN a Catalan date whose "de" is elided before the month's vowel, with a straight or a curly apostrophe
    # WHEN its line is read  THEN it is that date
    assert [found.value for found in find_dates(text, language="ca")] == [want]


_WRAPPED = {
    "hr": (
        "           Obrt Lučić\n           Ilica 5, 10000 Zagreb\n          Račun\n"
        " Račun br.          77-2026\n"
        " Datum              3. ožujka\n"
        " izdavanja          2026.\n"
        "Kupac Vrt d.o.o.\n",
        date(2026, 3, 3),
    ),
    "ru": (
        "ООО «Северный Ветер»\nг. Тверь, ул. Советская, д. 3\nСЧЁТ № 4410\n"
        " Дата счёта:    «7» марта                   Номер заказа:    ZK-3381\n"
        "                                            Менеджер:        Орлова\n"
        "                2026 г.\n"
        "Покупатель: ООО «Лесной Двор»\n",
        date(2026, 3, 7),
    ),
    "lv": (
        'SIA "Zemgales Koks"\nRīgas iela 7, Bauska, LV-3901\nRĒĶINS Nr. 518\n'
        " Rēķina datums:        2026. gada 4.\n"
        "                       martā\n"
        'Pircējs: SIA "Kurzemes Tehnika"\n',
        date(2026, 3, 4),
    ),
}
_TOTALS = "Skrūves / Vijci / Винты        10 × 2,50 = 25,00\n        Total: 25,00 EUR\n"


@pytest.mark.parametrize("language", sorted(_WRAPPED))
def test_a_date_its_column_wrapped_is_read_with_its_rest_in_that_column(language: str) -> None:
    # GIVEN a labelled issue date whose value cell wrapped: the day and month (or year and day) on the label's
    # line, the rest in the value's column on the next line, or on the line after one of another column's
    head, want = _WRAPPED[language]
    # WHEN it is read  THEN the date is the two pieces read as one
    assert _read_text(head + _TOTALS).invoice_date == want


@pytest.mark.parametrize(
    ("head", "address"),
    [
        # a postcode, a comma, then the town with its settlement's abbreviation (Russian, Ukrainian)
        (
            "ООО «Волжский Кран»\n Поставщик\nСЧЁТ № 118\n"
            "Поставщик: ООО «Волжский Кран»\nул. Заводская, д. 12, 443001, г. Самара\n"
            "Покупатель: ООО «Рассвет», ул. Мира, д. 4, 603000, г. Нижний Новгород\n",
            "ул. Заводская, д. 12, 443001, г. Самара",
        ),
        (
            "ТОВ «Дніпро Сталь»\n Постачальник\nРАХУНОК № 52\n"
            "Постачальник: ТОВ «Дніпро Сталь»\nвул. Соборна, 8, 21000, м. Вінниця\n"
            "Покупець: ТОВ «Світанок», вул. Садова, 3, 65000, м. Одеса\n",
            "вул. Соборна, 8, 21000, м. Вінниця",
        ),
        # the town, a comma, then the postcode with the country's letters (Latvian)
        (
            'SIA "Vidzemes Koks"\n Pārdevējs\nRĒĶINS Nr. 905\n'
            'Pārdevējs: SIA "Vidzemes Koks"\nPils iela 14, Cēsis, LV-4101\n'
            'Maksātājs: SIA "Lejas", Skolas iela 2, Ogre, LV-5001\n',
            "Pils iela 14, Cēsis, LV-4101",
        ),
    ],
)
def test_a_one_line_address_whose_postcode_and_town_a_comma_parts_is_the_sellers(
    head: str, address: str
) -> None:
    # GIVEN the seller's name after its caption, its whole address on the line under it, the postcode and
    # the town parted by a comma as the country writes them
    got = _read_text(head + _TOTALS)
    # WHEN it is read  THEN that line is the seller's address
    assert got.vendor.address == address


@pytest.mark.parametrize("label", ["No. PO", "No. P.O.", "No PO"])
def test_a_malay_number_word_before_po_labels_the_order_number(label: str) -> None:
    # GIVEN a Malay invoice whose facts stand over their labels, the order number's label the number word
    # first ("No. PO": PO number), alone under its value
    text = (
        "INVOIS\n"
        " CT-8812          4 Mac 2026          KP-30417\n"
        f" Nombor Invois    Tarikh Invois       {label}\n"
        "Cahaya Timur Sdn Bhd                 Bumi Hijau Enterprise\n"
        "No. 9, Jalan Tun Razak               No. 3, Jalan Ampang\n"
        "50400 Kuala Lumpur                   50450 Kuala Lumpur\n"
        "Sabun cecair            2 x 15.00 = 30.00\nJumlah Besar: RM 30.00\n"
    )
    # WHEN it is read  THEN the order number is the one over the label
    assert _read_text(text).po_numbers == ["KP-30417"]
