"""h-real27's rules from third-party producers in the languages the team tests least (set third29: GnuCash's own
invoice reports in fi, nb, ro, tr, hr, sk, el, ru, uk, lt, et, lv and pt-BR; npm pdf-invoice-hu), each worded
generally, with text of our own: the totals rows under an items table in each language, due-date labels, the
Hungarian tax number under an English label, a public body named place first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


# (title line, header row, net label, tax label, total label): a language's words for an invoice's totals rows
TOTALS_ROWS = {
    "fi": (
        "Lasku nro 5521",
        " Kuvaus                 Määrä    Yksikköhinta      Yhteensä",
        "Nettohinta",
        "Vero",
        "Kokonaishinta",
    ),
    "hr": (
        "Račun br. 5521",
        " Opis                   Količina    Cijena          Ukupno",
        "Neto cijena",
        "Porez",
        "Ukupna cijena",
    ),
    "sk": (
        "Faktúra č. 5521",
        " Popis                  Množstvo    Cena            Celkom",
        "Čistá cena",
        "DPH",
        "Cena celkom",
    ),
    "uk": (
        "Рахунок № 5521",
        " Опис                   Кількість   Ціна            Сума",
        "Нетто-ціна",
        "ПДВ",
        "Загальна ціна",
    ),
    "ru": (
        "Счёт № 5521",
        " Описание               Количество  Цена            Сумма",
        "Предварительный итог",
        "НДС",
        "Итого",
    ),
    "ro": (
        "Factura nr. 5521",
        " Descriere              Cantitate   Preț            Valoare",
        "Subtotal",
        "Taxă",
        "Suma datorată",
    ),
    "en": (
        "Invoice no. 5521",
        " Description            Quantity    Price           Amount",
        "Net Price",
        "Tax",
        "Total Price",
    ),
    "et": (
        "Arve nr 5521",
        " Kirjeldus              Kogus       Hind            Summa",
        "Netohind",
        "Käibemaks",
        "Koguhind",
    ),
    "pt": (
        "Fatura n.º 5521",
        " Descrição              Quantidade  Preço           Total",
        "Preço líquido",
        "Imposto",
        "Preço total",
    ),
}


@pytest.mark.parametrize("lang", sorted(TOTALS_ROWS))
def test_a_languages_net_price_and_total_price_rows_close_the_items_table(lang: str) -> None:
    # GIVEN an items table of two rows and, under it, the totals rows labelled in the page's language with no
    # colon ("net price", "tax", "total price" as GnuCash's catalogues and many small invoicing tools word them)
    title, header, net, tax, total = TOTALS_ROWS[lang]
    text = (
        f"{title}\n"
        "Datum / Date: 03.02.2026\n"
        "\n"
        f"{header}\n"
        " Alpha 1                      2,00        40,00           80,00\n"
        " Beta 2                       1,00       120,00          120,00\n"
        f" {net:<52s}200,00\n"
        f" {tax:<53s}40,00\n"
        f" {total:<52s}240,00\n"
    )
    got = _read(text)
    # THEN the two rows are the items, none of the totals rows is one, and the total is the total price's
    assert [line.description for line in got.lines] == ["Alpha 1", "Beta 2"]
    assert got.total == Decimal("240.00")


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Maksetähtpäev:", "19.01.2026"),
        ("Apmaksas datums:", "19.01.2026"),
        ("Payment deadline:", "19/01/2026"),
    ],
)
def test_due_date_labels_of_et_lv_and_en(label: str, value: str) -> None:
    # GIVEN an invoice's date and, under it, its due date under the language's label
    text = (
        "INVOICE 2026-044\n"
        "Date: 29/12/2025\n"
        f"{label} {value}\n"
        "\n"
        " Description                 Qty      Price      Amount\n"
        " Service call                  1     100.00      100.00\n"
        "                                        Total:   100.00\n"
    )
    got = _read(text)
    # THEN the due date is the labelled one
    assert got.due_date == date(2026, 1, 19)


def test_fi_myyntilasku_names_the_invoice_number() -> None:
    # GIVEN a Finnish page titled "Myyntilasku" (sales invoice) with its number after a hash
    text = (
        "Myyntilasku #7710\n"
        "                                                  Päiväys: 04.10.2025\n"
        " Selite                        Määrä    Yksikköhinta      Yhteensä\n"
        " Asennustyö                     1,00         50,00 €       50,00 €\n"
        "                                            Maksettava    50,00 €\n"
    )
    # THEN its number is read
    assert _read(text).invoice_number == "7710"


def test_a_hungarian_tax_number_labelled_vat_number_in_english_is_the_sellers() -> None:
    # GIVEN an English page of a Hungarian seller whose tax number stands under "VAT number", the buyer's EU VAT
    # id in its own block beside it
    text = (
        "Invoice                                                         Invoice No.: T-119\n"
        "Seller:                                    Buyer:\n"
        "Mintafa Asztalos Kft.                      Körte Bisztró Bt.\n"
        "Address: 6000 Kecskemét, Fő utca 2.        Address: 1051 Budapest, Nádor utca 9.\n"
        "VAT number: 47511488-2-03                  EU VAT: HU52097573\n"
        "Created: 2026-02-03\n"
        " Name                       Quantity      Unit price      Total\n"
        " Shelf                          2         10 000 Ft       20 000 Ft\n"
        "                                            Total gross amount: 25 400 Ft\n"
    )
    got = _read(text)
    # THEN the seller's VAT id is its own tax number, never the buyer's
    assert got.vendor is not None and got.vendor.vat_id == "47511488203"


@pytest.mark.parametrize(
    ("name", "street", "town"),
    [
        ("Tampereen kaupunki", "Aleksanterinkatu 20", "33100 Tampere"),
        ("Львівська міська рада", "пл. Ринок, 1", "79008 Львів"),
    ],
)
def test_a_public_body_named_place_first_heads_an_uncaptioned_addressee_block(
    name: str, street: str, town: str
) -> None:
    # GIVEN the seller's letterhead and, under it at the left with no caption, an addressee block whose name is a
    # public body's that puts the place first and the kind last, in lower case (fi "<town>n kaupunki", uk
    # "<town> міська рада"), the invoice's facts beside it
    text = (
        "Pohjola Kone Oy\n"
        "Teollisuuskatu 5, 90100 Oulu, VAT FI62319252\n"
        "\n"
        f"{name:<60s}Invoice #4411\n"
        f"{street:<60s}Date: 04.10.2025\n"
        f"{town}\n"
        "\n"
        " Description                 Qty      Price      Amount\n"
        " Service call                  1     100.00      100.00\n"
        "                                        Total:   100.00\n"
    )
    got = _read(text)
    # THEN the block's name is the buyer
    assert got.buyer is not None and got.buyer.name == name
