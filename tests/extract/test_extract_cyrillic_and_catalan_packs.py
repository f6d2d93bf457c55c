"""GIVEN invoices in Russian, Ukrainian and Catalan, layouts and wordings of our own, and national tax ids
printed without a country prefix after an English label WHEN the rules engine reads them THEN the ru, uk
and ca locale packs supply labels, months, legal forms and word classes, and the tax id schemes read
the ids."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.dates import find_dates
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import LANGUAGES, guess_language, locale_pack, word_pattern
from opsloop.extract.rules.tax_ids import find_tax_ids


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


RUSSIAN = """ООО «Северный Лес»
ул. Садовая, д. 12, 191023 Санкт-Петербург
ИНН 7707083893

СЧЁТ № 2025-118
Дата: 14.10.2025
Срок оплаты: 28.10.2025

Покупатель: АО «Волжский Хлеб»

Наименование                     Кол-во        Цена         Сумма
Доска строганая 28x95               120        340,00     40 800,00
Доставка                              1      4 500,00      4 500,00

Итого без НДС                                            45 300,00
НДС 20%                                                   9 060,00
Всего к оплате                                       RUB 54 360,00
"""

UKRAINIAN = """ТОВ «Дніпро Друк»
вул. Січових Стрільців, 18, 04053 Київ
Код ЄДРПОУ 32855961

РАХУНОК № 77/25
Дата: 02.09.2025
Термін оплати: 16.09.2025

Покупець: ПрАТ «Полтавський Млин»

Найменування                     Кількість     Ціна          Сума
Друк каталогів                         500      18,40      9 200,00
Палітурні роботи                         8     250,00      2 000,00

Сума без ПДВ                                             11 200,00
ПДВ 20%                                                   2 240,00
Всього до сплати                                     UAH 13 440,00
"""

CATALAN = """Serveis del Ter S.L.
Carrer de Mallorca 120, 08036 Barcelona
NIF B12345674

FACTURA
Factura núm.: A-2025-0093                          Client:
Data de factura: 03/11/2025                        Fusteria Pujol S.L.
Data de venciment: 03/12/2025                      Passeig de Gràcia 7, 08007 Barcelona

Descripció                       Quantitat    Preu unitari       Import
Revisió d'instal·lació                   4          55,00        220,00
Material elèctric                        1         130,50        130,50

Base imposable                                                   350,50
IVA 21%                                                           73,61
Total a pagar                                               EUR  424,11
"""


@pytest.mark.parametrize("language", ["ca", "ru", "uk"])
def test_the_new_packs_hold_labels_formats_months_and_word_classes(language: str) -> None:
    assert language in LANGUAGES
    pack = locale_pack(language)
    for kind in ("invoice_number", "invoice_date", "due_date", "total", "subtotal", "tax", "buyer_section"):
        assert pack["labels"].get(kind), f"{language}: no {kind} labels"
    assert len(set(pack["months"].values())) == 12
    for name in ("legal_forms", "street_words", "instruction_words", "iban_labels", "registration_labels"):
        assert pack["words"].get(name), f"{language}: no {name}"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Счёт № 12 дата срок оплаты итого к оплате без НДС количество цена сумма", "ru"),
        ("Рахунок № 12 дата термін оплати разом до сплати без ПДВ кількість ціна сума", "uk"),
        ("Factura núm. 12 data de venciment import total quantitat preu unitari sense impostos", "ca"),
    ],
)
def test_the_language_of_a_new_pack_is_guessed(text: str, language: str) -> None:
    assert guess_language(text) == language


@pytest.mark.parametrize(
    "name",
    [
        "Уралстрой ООО",
        "Типография Волга ПАО",
        "ООО «Северный Лес»",
        "Мельник Буд ПрАТ",
        "Шевченко ФОП",
        "Транспорт Коваленко ТОВ",
        "Jonaitis ir partneriai MB",
    ],
)
def test_russian_ukrainian_and_lithuanian_legal_forms_are_read(name: str) -> None:
    assert word_pattern("legal_forms").search(name) or word_pattern("leading_legal_forms").search(name)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("14 октября 2025 г.", date(2025, 10, 14)),
        ("2 вересня 2025", date(2025, 9, 2)),
        ("3 de novembre de 2025", date(2025, 11, 3)),
    ],
)
def test_month_names_of_the_new_packs_are_read(text: str, day: date) -> None:
    assert [d.value for d in find_dates(text)][:1] == [day]


def test_a_russian_invoice_is_read() -> None:
    result = _extract(RUSSIAN)
    assert result.invoice_number == "2025-118"
    assert (result.invoice_date, result.due_date) == (date(2025, 10, 14), date(2025, 10, 28))
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("45300.00"),
        Decimal("9060.00"),
        Decimal("54360.00"),
    )
    assert result.vendor.vat_id == "7707083893"


def test_a_ukrainian_invoice_is_read() -> None:
    result = _extract(UKRAINIAN)
    assert result.invoice_number == "77/25"
    assert (result.invoice_date, result.due_date) == (date(2025, 9, 2), date(2025, 9, 16))
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("11200.00"),
        Decimal("2240.00"),
        Decimal("13440.00"),
    )


def test_a_catalan_invoice_is_read() -> None:
    result = _extract(CATALAN)
    assert result.invoice_number == "A-2025-0093"
    assert (result.invoice_date, result.due_date) == (date(2025, 11, 3), date(2025, 12, 3))
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("350.50"),
        Decimal("73.61"),
        Decimal("424.11"),
    )
    assert result.vendor.name == "Serveis del Ter S.L."
    assert result.buyer.name == "Fusteria Pujol S.L."


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Russian Tax identifier: 7707083893", "7707083893"),
        ("Turkish Tax Identification Number: 1234567808", "1234567808"),
        ("United Kingdom VAT Number: 100 0000 34", "100000034"),
        ("Número d'identificació fiscal turc: 1234567808", "1234567808"),
        ("Numéro d'identification fiscale russe : 7707083893", "7707083893"),
    ],
)
def test_a_national_tax_id_after_an_english_label_is_read(line: str, value: str) -> None:
    assert [hit.value for hit in find_tax_ids(line)] == [value]


@pytest.mark.parametrize(
    "line", ["Tax identifier: 7707083894", "VAT Number: 100 0000 35", "Order number: 100 0000 34"]
)
def test_digits_failing_their_check_or_without_a_tax_label_are_no_tax_id(line: str) -> None:
    assert find_tax_ids(line) == []


def test_an_estonian_item_table_whose_amount_column_reads_vaartus_is_read() -> None:
    # (no heading over the descriptions: the table is known by its figures' headings)
    text = (
        "Arve nr: 2025-0417\nKuupäev: 14.10.2025\n"
        "                                          Kogus       Ühiku hind      Maksud         Väärtus\n"
        " Vasktoru 15 mm                               2,0      353,0000 €        [1]           706,00 €\n"
        " Kuuskantpoldid M8                            2,0      100,0000 €        [2]           200,00 €\n"
        "                                                             Kokku (ilma maksudeta)      906,00 €\n"
    )
    result = _extract(text)
    assert [line.amount for line in result.lines] == [Decimal("706.00"), Decimal("200.00")]
