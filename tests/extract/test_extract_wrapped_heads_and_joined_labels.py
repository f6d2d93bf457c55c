"""Heads whose labels and values a narrow column wrapped, title dates whose rest went to the next line, total
labels set a single space apart, and number labels that are something else (a unit, a copy's mark), each case a
document of our own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read_text(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


_STRIPS = {
    "lt": (
        "PVM sąskaita faktūra\n VS-118        2026.03.02\n Numeris       Išrašymo data\n"
        " UAB „Šilas“                                   UAB „Vėjas“\n"
        " Eil.   Pavadinimas                 Kiek.        Kaina    Suma be PVM\n"
        " 1      Lentos                         10        40,00         400,00\n"
        " 2      Vinys                           5        20,00         100,00\n"
        "                        Suma be PVM PVM 21 % PVM 9 %     Iš viso su PVM\n"
        "                          500,00      84,00     0,00      584,00 €\n"
    ),
    "bg": (
        "ФАКТУРА\n 4400112233      02.03.2026\n № на документ   Дата на фактура\n"
        " Родопа ООД                                    Марица АД\n"
        " №   Наименование                 Количество    Ед. цена      Сума\n"
        " 1   Дъски                              10         40,00    400,00\n"
        " 2   Пирони                              5         20,00    100,00\n"
        "                        Сума без ДДС ДДС 20 % ДДС 9 %     Всичко\n"
        "                          500,00       80,00     0,00     580,00 евро\n"
    ),
}


@pytest.mark.parametrize("language", sorted(_STRIPS))
def test_a_label_repeating_the_word_the_one_before_it_closes_opens_a_column_of_its_own(language: str) -> None:
    # GIVEN a strip of totals whose labels the layout set a single space apart, the net's label closing on the
    # tax's word and the tax's label opening with it ("… be PVM PVM 21 %")
    text = _STRIPS[language]
    # WHEN it is read
    result = _read_text(text)
    # THEN the net is the first figure and the tax the second, not one label of both
    assert result.subtotal == Decimal("500.00")
    assert result.tax_total == Decimal("84.00" if language == "lt" else "80.00")


def test_a_number_word_after_a_quantity_is_a_unit_not_the_invoice_numbers_label() -> None:
    # GIVEN an Italian invoice whose number is labelled in a side box, with item rows counting pieces "nr."
    text = (
        "Ferramenta Bassi S.r.l.\nVia Po 3, 10124 Torino\n"
        "Spett.le                                             Fattura\n"
        "Officina Neri S.n.c.                                 Numero:          88/2026\n"
        "Via Dante 9, 40121 Bologna                           del:             12/03/2026\n"
        " Cod.   Descrizione                  Q.tà U.M.          Prezzo unit.      IVA        Importo\n"
        " 1      Cerniera inox                  4  nr.                 547,53      22%       2.190,12\n"
        " 2      Vite M6                       25 nr.                   0,40      22%          10,00\n"
        "                                                           Totale documento      2.684,95\n"
    )
    # WHEN it is read  THEN the number is the labelled one, not a price after a unit
    assert _read_text(text).invoice_number == "88/2026"


def test_words_in_brackets_after_the_title_are_the_copys_mark_not_the_number() -> None:
    # GIVEN a Hungarian invoice titled "Számla (eredeti)" (the original) with its number after the mark
    text = (
        "Kovács Bt.\nFő utca 3.\n1052 Budapest\n\n"
        "Számla (eredeti) KB-2026-0415\n"
        " 2026. 03. 02.            2026. 04. 01.\n"
        " Számla kelte             Fizetési határidő\n"
        " Csavar                      10 db         1 000,00      10 000,00\n"
        "                             Számla végösszege         12 700,00 HUF\n"
    )
    # WHEN it is read  THEN the number is the one after the bracketed mark
    assert _read_text(text).invoice_number == "KB-2026-0415"


def test_an_abbreviated_polish_issue_date_label_under_its_value_labels_it() -> None:
    # GIVEN a Polish row of facts printed values over labels, the issue date's label abbreviated "Data wyst."
    text = (
        "Hurtownia Nowak sp.j.\nul. Długa 4\n50-001 Wrocław\n\nFAKTURA 118/03/2026\n"
        " 2 marca 2026                    1 kwietnia 2026                  4471\n"
        " Data wyst.                      Termin płatności                 Kod kontrahenta\n"
        " L.p.   Nazwa                    Ilość        Cena         Wartość\n"
        " 1      Kabel                        2       50,00          100,00\n"
        "                                 Razem do zapłaty           123,00 zł\n"
    )
    # WHEN it is read
    result = _read_text(text)
    # THEN the issue date is the value over its label, the due date the one over the payment term's
    assert (result.invoice_date, result.due_date) == (date(2026, 3, 2), date(2026, 4, 1))


_TITLE_DATES = {
    "ru": (
        "ООО «Северный Ветер»\nг. Тверь, ул. Советская, д. 3\n"
        " Счёт на оплату № 118 от «10»                         Срок оплаты:   «24» ноября 2026 г.\n"
        " ноября 2026 г.\n"
        "Покупатель: ООО «Лесной Двор»\nИтого к оплате: 24,60 руб.\n",
        date(2026, 11, 10),
    ),
    "uk": (
        "ТОВ «Карпати»\nм. Львів, вул. Городоцька, 55\n"
        " Рахунок на оплату № 77 від «3» квітня                 Термін оплати:   «17» квітня 2026 р.\n"
        " 2026 р.\n"
        "Платник: ПрАТ «Техноком»\nВсього до сплати: 120,00 грн.\n",
        date(2026, 4, 3),
    ),
}


@pytest.mark.parametrize("language", sorted(_TITLE_DATES))
def test_a_title_date_whose_rest_wrapped_beside_the_due_dates_column_is_the_issue_date(language: str) -> None:
    # GIVEN a title line "№ … от «10»" (or "«3» квітня") whose date's rest wrapped to the next line, the due
    # date's label and date in a column of their own on the title's line
    text, want = _TITLE_DATES[language]
    # WHEN it is read  THEN the issue date is the title's date read with its rest
    assert _read_text(text).invoice_date == want


_WRAPPED_HEADS = {
    "lv": (
        'SIA "Daugavas Koks"\nRīgas iela 7, Bauska, LV-3901\n     Pavadzīme-rēķins\n'
        " Rēķina numurs:      518\n"
        " Izrakstīšanas       2026. gada 4.\n"
        " datums:             martā\n"
        'Pircējs: SIA "Kurzemes Tehnika"\n',
        "invoice_date",
        date(2026, 3, 4),
    ),
    "et": (
        "Saare Puit AS\nPärnu mnt 3, 10141 Tallinn\n     Müügiarve\n"
        " Number:             2026117\n"
        " Kuupäev:            4. märts 2026\n"
        " Tasuda              18. märts\n"
        " hiljemalt:          2026\n"
        "Ostja: Lääne Metall OÜ\n",
        "due_date",
        date(2026, 3, 18),
    ),
    "en": (
        "Harbour Joinery\n12 Quay Street, Galway\n"
        "                    Bill To                    Invoice No.:   HJ-2210\n"
        "                    Corrib Builders Ltd        Invoice        March 4,\n"
        "                    8 Main Street              Date:          2026\n",
        "invoice_date",
        date(2026, 3, 4),
    ),
}
_RECEIPT_TAIL = "Screws              10 × 2,50 = 25,00\n        Total: 25,00 EUR\n"


@pytest.mark.parametrize("language", sorted(_WRAPPED_HEADS))
def test_a_date_whose_label_and_value_both_wrapped_is_read_whole(language: str) -> None:
    # GIVEN a head of labels and values in two narrow columns, a date's label ("Izrakstīšanas" / "datums:",
    # "Tasuda" / "hiljemalt:", "Invoice" / "Date:") and its value ("2026. gada 4." / "martā", "March 4," /
    # "2026") each wrapped over two lines; a label and its value side by side on the line above
    head, field, want = _WRAPPED_HEADS[language]
    # WHEN it is read
    result = _read_text(head + _RECEIPT_TAIL)
    # THEN the date is the value's two pieces, labelled by the label's two
    assert getattr(result, field) == want


def test_a_day_and_its_month_after_an_amount_word_are_no_amount() -> None:
    # GIVEN an Estonian receipt whose due date label opens with the word for "to pay" ("Tasuda hiljemalt"),
    # wrapped, the day and month right of its first word
    text = _WRAPPED_HEADS["et"][0] + "Kruvid       10 × 2,50 = 25,00\n        Kokku tasuda: 25,00 EUR\n"
    # WHEN it is read  THEN the amount due is the total, not the day
    assert _read_text(text).amount_due == Decimal("25.00")


def test_a_numeric_due_date_the_line_broke_after_the_month_is_read_with_its_year() -> None:
    # GIVEN a Danish payment sentence whose due date broke after "06-04-", the year opening the next line
    text = (
        "Holm VVS ApS\nAlgade 2, 8000 Aarhus C\n                                   Aarhus C, 20-02-2026\n"
        "Faktura INV-4410\n"
        " Nr.   Beskrivelse                  Antal      Stk.pris        Beløb\n"
        " 1     Kobberrør 15 mm              2 stk.       100,00       200,00\n"
        "Total inkl. moms DKK                                          250,00\n"
        "Netto 45 dage. Ved betaling senest 02-03-2026 ydes 2 % kontantrabat. Forfaldsdato: 06-04-\n"
        "2026\n"
    )
    # WHEN it is read  THEN the due date is the two pieces read as one
    assert _read_text(text).due_date == date(2026, 4, 6)


_BARE_NUMBER_WORDS = {
    "el": (
        "Ιόνιο Εμπορική Ι.Κ.Ε.\nΛεωφ. Συγγρού 100, 262 21 Πάτρα\n"
        " Αγοραστής                                       Τιμολόγιο Παροχής Υπηρεσιών\n"
        " Αιγαίο Ε.Π.Ε.\n"
        " Τσιμισκή 20                                     Αριθμός    2611-2975\n"
        " 546 22 Θεσσαλονίκη\n"
        " Α.Φ.Μ. 074422727                        Ημερομηνία έκδοσης    04-11-2026\n"
        "                                                  Πληρωτέο ποσό 124,00 EUR\n",
        "2611-2975",
    ),
}


@pytest.mark.parametrize("language", sorted(_BARE_NUMBER_WORDS))
def test_a_bare_number_word_before_a_column_gap_labels_the_number(language: str) -> None:
    # GIVEN a head whose number stands a column gap right of the bare word for number ("Αριθμός"), no colon
    # after it, under the title
    text, want = _BARE_NUMBER_WORDS[language]
    # WHEN it is read  THEN the number is the one right of the word
    assert _read_text(text).invoice_number == want


def test_a_period_that_a_preposition_opens_labels_no_issue_date_in_any_reading() -> None:
    # GIVEN a German grid of facts, labels over values: the date under "DATUM", a billing period "vom … bis …"
    # under its heading in the next row
    text = (
        "Pension Lindenhof GmbH                                                  RECHNUNG\n"
        " RECHNUNGS-NR.                                        DATUM\n"
        " 2026110042                                           03.02.2026\n"
        " ABRECHNUNGSZEITRAUM                                  ZIMMER\n"
        " vom 26.01.2026 bis 31.01.2026                        12\n"
        "Übernachtung                    5           80,00          400,00\n"
        "                                SUMME DIESER RECHNUNG      476,00 €\n"
    )
    # WHEN it is read  THEN the issue date is the dated cell's, not the period's first day
    assert _read_text(text).invoice_date == date(2026, 2, 3)
