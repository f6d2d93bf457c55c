"""Conventions found on the first seed of an outsider's WeasyPrint generator in less-printed languages
(evals/synth23), each worded generally and tested with documents of our own: a strip of totals whose labels
stand under their amounts, ..."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.layout import Line, split_cells
from opsloop.extract.rules.parties import read_vendor_address
from opsloop.extract.rules.stacked import totals_over_labels


def _read(*pages: str) -> InvoiceExtraction:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=n, text=text) for n, text in enumerate(pages, 1)]
    )
    return extract_invoice(parsed, engine="rules", text_only=True)


def _lines(*texts: str) -> list[Line]:
    return [Line(page=1, index=i, text=t, cells=split_cells(t)) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("head", "rows", "amounts", "labels", "want"),
    [
        (
            "Račun br. 77-2026\nDatum računa: 14.03.2026\nKupac: Primjer Trgovina d.o.o.",
            ["1    Vijci M8                 40     kom      0,75       30,00"],
            "         30,00 €      7,50 €      37,50 €",
            "       Osnovica     PDV 25 %  Za platiti",
            ("30.00", "7.50", "37.50"),
        ),
        (
            "Fatura No A-000912\nFatura Tarihi: 02.05.2026\nSayın Örnek Yapı A.Ş.",
            [
                "1    Boya                      2     Adet    600,00    1.200,00",
                "2    Fırça                    10     Adet     60,00      600,00",
            ],
            "    1.800,00 TL   360,00 TL 2.160,00 TL",
            "     Ara Toplam  KDV (%20)  Genel Toplam",
            ("1800.00", "360.00", "2160.00"),
        ),
    ],
)
def test_a_strip_of_totals_with_labels_under_the_amounts_is_read_label_by_label(
    head: str, rows: list[str], amounts: str, labels: str, want: tuple[str, str, str]
) -> None:
    page = f"Example Seller\n{head}\n\n" + "\n".join(rows) + f"\n\n{amounts}\n{labels}\n"
    got = _read(page)
    assert (got.subtotal, got.tax_total, got.total) == tuple(Decimal(w) for w in want)


def test_a_strip_with_labels_over_its_amounts_is_left_as_it_is() -> None:
    lines = _lines("   Net total      VAT 20%      Total", "   100.00         20.00        120.00")
    assert totals_over_labels(lines) is lines
    under = _lines("   100.00         20.00        120.00", "   Net total      VAT 20%      Total")
    turned = totals_over_labels(under)
    assert [line.text for line in turned] == [under[1].text, under[0].text]


_ITEMS = "Поз. Описание                 Кол.     Цена      Сумма\n1    Услуги по договору       1     1000,00    1000,00\n"


@pytest.mark.parametrize(
    ("block", "town"),
    [
        # a Russian or Ukrainian town line: the postcode, a comma, the settlement's kind before the town
        (
            "Поставщик\nООО «Северный Ветер»\nул. Пушкина, д. 10\n603000, г. Нижний Новгород\nИНН 7707083893",
            "603000, г. Нижний Новгород",
        ),
        (
            "Постачальник\nТОВ «Зелена Долина»\nвул. Сагайдачного, 5\n03150, м. Київ\nКод ЄДРПОУ 14360570",
            "03150, м. Київ",
        ),
        # a Latvian town before its postcode with the country's letters: "Rīga, LV-1010"
        (
            'Piegādātājs\nSIA "Ziemeļu Vējš"\nKr. Valdemāra iela 21\nCēsis, LV-4101\nPVN Nr. LV40003032949',
            "Cēsis, LV-4101",
        ),
        # Iceland's three-digit postcodes
        ("Seljandi\nNorðurfell ehf.\nSuðurgata 12\n220 Hafnarfjörður\nVSK-nr. 123456", "220 Hafnarfjörður"),
    ],
)
def test_the_sellers_address_closes_on_its_countrys_town_line(block: str, town: str) -> None:
    page = f"{block}\n\nСчёт № 12\nДата: 03.02.2026\n\n{_ITEMS}\nИтого 1000,00\n"
    address = _read(page).vendor.address
    assert address is not None and address.endswith(town), address


def test_the_sellers_address_is_read_under_the_line_that_names_it_after_its_blocks_label() -> None:
    page = (
        " Banka NLB d.d.                          BIC       LJBASI2X\n"
        " ID za DDV SI12345679                    TRR       SI56 0201 0001 2345 678\n"
        " Kovinar Celje d.o.o.\n"
        " Izdajatelj\n"
        "RAČUN št. 2026-17\n"
        " Datum izdaje     03.03.2026\n"
        "Izdajatelj: Kovinar Celje d.o.o.\n"
        "Mariborska cesta 7, 3000 Celje\n"
        "Kupec: Les Bled d.o.o., Ljubljanska cesta 3, 4260 Bled\n"
        " Zap. št.   Naziv            Količina    Cena     Znesek\n"
        " 1          Vijaki           10          2,00     20,00\n"
        "                                      Skupaj za plačilo     24,40 €\n"
    )
    got = _read(page)
    assert got.vendor.name == "Kovinar Celje d.o.o."
    assert got.vendor.address == "Mariborska cesta 7, 3000 Celje"


@pytest.mark.parametrize(
    ("ids", "want"),
    [
        # a Ukrainian company's state register code (ЄДРПОУ, eight digits with a check digit)
        ("Код ЄДРПОУ: 14360570", "14360570"),
        ("ЄДРПОУ 00032129", "00032129"),
        # a Malaysian sales and service tax registration (no check digit: read after its label only)
        ("SST Reg. No.: W10-1808-31000123", "W10180831000123"),
        ("No. Pendaftaran SST: B16-1902-32000456", "B16190232000456"),
    ],
)
def test_the_sellers_registration_id_is_read_where_its_country_has_no_vat_prefix(ids: str, want: str) -> None:
    page = (
        "Northwind Supplies\n12 Harbour Road\n4000 Porttown\n"
        f"{ids}\n\nInvoice No. 2026-118\nInvoice date: 03.02.2026\n\n"
        "Description                 Qty     Price      Amount\nConsulting                    1    100.00      100.00\n\n"
        "Total 100.00\n"
    )
    assert _read(page).vendor.vat_id == want


def test_a_receipts_item_under_its_name_may_give_its_amount_after_an_equals_sign() -> None:
    page = (
        "          Kiosk Sever d.o.o.\n            Ilica 1, 10000 Zagreb\n                 Račun\n"
        " Broj računa:  77/1/1\n Datum:        12.05.2026.\n"
        "Kava u zrnu\n              3 × 12,40 = 37,20\nŠećer\n               2 × 1,50 = 3,00\n"
        "      Ukupno:        40,20 EUR\n"
    )
    got = _read(page)
    assert [(line.description, line.quantity, line.amount) for line in got.lines] == [
        ("Kava u zrnu", Decimal(3), Decimal("37.20")),
        ("Šećer", Decimal(2), Decimal("3.00")),
    ]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Счёт на оплату № 17 от «03» марта 2026 г.", date(2026, 3, 3)),
        ("Рахунок № 5 від «21» січня 2026 р.", date(2026, 1, 21)),
    ],
)
def test_a_day_in_quotes_before_the_month_name_is_a_date(line: str, want: date) -> None:
    page = f"ООО «Пример»\n{line}\n\nНаименование        Кол-во     Цена      Сумма\nУслуга              1      500,00     500,00\n\nИтого 500,00\n"
    assert _read(page).invoice_date == want


@pytest.mark.parametrize(
    ("title", "want"),
    [
        ("Счет\n№ счета              4410", "4410"),
        ("Фактура – оригинал\n№ на документ:     0000000262", "0000000262"),
        ("Factura simplificada núm. T26/0081", "T26/0081"),
        ("Τιμολόγιο Πώλησης Αρ. Α00418", "Α00418"),
        ("Invois Bil. IV2600418", "IV2600418"),
    ],
)
def test_the_invoice_number_after_its_languages_title_and_number_sign(title: str, want: str) -> None:
    page = (
        f"Example Seller\n{title}\nDate: 03.02.2026\n\n"
        " No.   Description             Qty       Price       Amount\n"
        " 1     Service                   1      100,00       100,00\n\nTotal 100,00\n"
    )
    assert _read(page).invoice_number == want


@pytest.mark.parametrize("title", ["Рахунок / Invoice № 2026-77", "Счёт на оплату / Invoice № 2026-77"])
def test_a_bilingual_titles_number_wins_over_a_wrapped_column_heads_no(title: str) -> None:
    # a bilingual title, two of its words small in Cyrillic (no sentence), over an item table whose
    # heads wrap: "№ /" over "No." and the first row's "1" under it
    page = (
        f"Example Seller\n{title}\n Дата / Date:    03.02.2026\n\n"
        " № /    Наименование               Количество / Quantity      Ед. /   Цена / Price НДС,    Сумма / Amount\n"
        " No.    товара / Description                                  Unit                    % / VAT\n"
        " 1      Консультационные           12                         шт             587,70      20 %       7 052,40\n"
        "        услуги\n\nИтого / Total 7 052,40\n"
    )
    assert _read(page).invoice_number == "2026-77"


@pytest.mark.parametrize(
    ("totals", "want"),
    [
        ("Millisamtala:     80.000 kr.\nVSK 24 %:         19.200 kr.\nHeildarupphæð:    99.200 kr.", "80000"),
        ("Subjumlah         RM 80.00\nSST 8%            RM 6.40\nJumlah Besar      RM 86.40", "80.00"),
    ],
)
def test_the_subtotals_icelandic_and_malay_words(totals: str, want: str) -> None:
    page = f"Example Seller\nInvoice No. 2026-5\nDate: 03.02.2026\n\n{totals}\n"
    assert _read(page).subtotal == Decimal(want)


def test_the_icelandic_balance_after_a_deposit_is_the_amount_due() -> None:
    page = (
        "Example Seller\nReikningur nr. 2026-5\nDagsetning: 03.02.2026\n\n"
        "Samtals með VSK:    99.200 kr.\nInnborgun:          20.000 kr.\nEftirstöðvar:       79.200 kr.\n"
    )
    assert _read(page).amount_due == Decimal(79200)


@pytest.mark.parametrize(
    ("block", "want"),
    [
        (
            "ООО «Вега»\nпр-т Мира, д. 7\n620014, г. Екатеринбург\nИНН 7707083893",
            "пр-т Мира, д. 7, 620014, г. Екатеринбург",
        ),
        # streets that only look like the new town lines: a house number with a comma, a number and "bis"
        (
            "Atelier Lune SARL\n3098, rue Victoria\n75011 Paris\nTél. 01 23 45 67 89",
            "3098, rue Victoria, 75011 Paris",
        ),
        (
            "Atelier Lune SARL\n136 bis, chemin du Moulin\n21000 Dijon\nTél. 01 23 45 67 89",
            "136 bis, chemin du Moulin, 21000 Dijon",
        ),
    ],
)
def test_new_town_lines_close_an_address_and_streets_like_them_do_not(block: str, want: str) -> None:
    lines = _lines(*block.split("\n"))
    found = read_vendor_address(lines, lines[0], lines[0].text)
    assert found is not None and found[0] == want


def test_the_address_under_a_labelled_name_is_read_in_the_names_column_first() -> None:
    page = (
        "From: Dr Ada Whitlock\n            12 Quarry Lane, Leeds LS6 2AB\n            VAT No. GB370677881\n"
        "To: Example Buyer\n\nInvoice No. INV-7\nDated 04/01/2025\n\nBookkeeping, monthly      £240.00\n\n"
        "Net £240.00\nVAT @ 20% £48.00\nInvoice total £288.00\n"
    )
    got = _read(page)
    assert got.vendor.address == "12 Quarry Lane, Leeds LS6 2AB"
    labelled = _read(
        "Supplier: Kovinar Celje d.o.o.\nMariborska cesta 7, 3000 Celje\n\nInvoice No. 2026-17\n"
        "Date 03.03.2026\n\nScrews      20,00\n\nTotal 24,40 €\n"
    )
    assert labelled.vendor.address == "Mariborska cesta 7, 3000 Celje"


@pytest.mark.parametrize(
    ("dates", "want"),
    [
        ("Дата рахунку: 04.05.2026\nОплатити до: 14.05.2026", date(2026, 5, 14)),
        ("Tarikh: 04/05/2026\nTarikh Matang: 03/06/2026", date(2026, 6, 3)),
        ("Tarikh: 04/05/2026\nBayar Sebelum: 18/05/2026", date(2026, 5, 18)),
    ],
)
def test_the_due_dates_ukrainian_and_malay_labels(dates: str, want: date) -> None:
    page = f"Example Seller\nInvoice No. 2026-5\n{dates}\n\nTotal 100,00\n"
    assert _read(page).due_date == want
