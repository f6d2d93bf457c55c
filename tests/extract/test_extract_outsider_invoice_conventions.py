"""GIVEN invoices as businesses in Bulgaria, Croatia, Slovakia, France, Spain and the UK print them (a bare
"№" or "Номер" labelling the number, "Za platiti" under a deposit, an account summary whose balance
brought forward repeats the previous balance less the payments, a letter asking for payment by a date in
a sentence, a data plan's "Mb" in an item line) WHEN the rules engine reads the page THEN the number, the
amount due, the total, the due date and the buyer are the document's own."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_bare_number_sign_heading_a_row_of_fields_labels_the_invoice_number() -> None:
    text = (
        "Петров Строй ООД\n"
        "ул. Шипка № 12, 1504 гр. София\n"
        "\n"
        "ФАКТУРА\n"
        "\n"
        " №                    Клиентски номер        Дата на издаване        Падеж\n"
        " 0000031207           8812                   03.03.2026 г.           17.03.2026 г.\n"
        "\n"
        "                                   Сума за плащане              1 240,00 лв.\n"
    )
    assert _extract(text).invoice_number == "0000031207"


def test_a_bare_number_word_beside_its_value_is_the_number_and_a_customer_number_is_not() -> None:
    text = (
        "Димов Консулт ЕООД\n"
        "\n"
        "ФАКТУРА                                          Получател\n"
        "Номер                      0000000915            Илиев Транс ООД\n"
        "Клиентски номер:           40210                 бул. Мария Луиза № 8\n"
        "Дата на издаване           12.02.2026 г.\n"
        "\n"
        "                                   Обща сума                      480,00 лв.\n"
    )
    assert _extract(text).invoice_number == "0000000915"


def test_za_platiti_under_a_deposit_deducted_is_the_amount_due() -> None:
    text = (
        "Babić Montaža d.o.o.\n"
        "Račun br.   77-1-1                 Datum računa   02.04.2026.\n"
        "\n"
        "                     Osnovica                       800,00 EUR\n"
        "                     PDV 25%                        200,00 EUR\n"
        "                     Ukupno                       1.000,00 EUR\n"
        "                     Uplaćeni predujam             -400,00 EUR\n"
        "                     Za platiti                     600,00 EUR\n"
    )
    result = _extract(text)
    assert result.total == Decimal("1000.00")
    assert result.amount_due == Decimal("600.00")


def test_a_balance_brought_forward_repeating_the_lines_over_it_is_counted_once() -> None:
    text = (
        "Northgate Telecom Ltd\n"
        "Invoice No.  T-558120                      Invoice Date  04/03/2026\n"
        "\n"
        "                               Subtotal                 £50.00\n"
        "                               VAT 20%                  £10.00\n"
        "                               Total                    £60.00\n"
        "\n"
        " Previous Balance                         £80.00\n"
        " Payment Received                        -£50.00\n"
        " Balance Brought Forward                  £30.00\n"
        " This Period's Charges                    £60.00\n"
        " Total Amount Due                         £90.00\n"
    )
    result = _extract(text)
    assert result.total == Decimal("60.00")
    assert result.amount_due == Decimal("90.00")


def test_bulgarian_and_croatian_account_summaries_leave_the_bill_its_own_total() -> None:
    bulgarian = (
        "Варна Телеком АД\n"
        "Фактура №  0000120044                Дата  06.05.2026\n"
        "\n"
        "                               Сума без ДДС              100,00 лв.\n"
        "                               ДДС 20%                    20,00 лв.\n"
        "                               Сума за плащане           120,00 лв.\n"
        "\n"
        " Предходно салдо                          90,00 лв.\n"
        " Постъпило плащане                       -60,00 лв.\n"
        " Пренесено салдо                          30,00 лв.\n"
        " Текущи задължения                       120,00 лв.\n"
        " Сума за плащане                         150,00 лв.\n"
    )
    croatian = (
        "Jadran Telekom d.d.\n"
        "Broj računa   5501-2-1                 Datum računa   06.05.2026.\n"
        "\n"
        "                               Iznos bez PDV-a           100,00 EUR\n"
        "                               PDV 25%                    25,00 EUR\n"
        "                               Ukupan iznos              125,00 EUR\n"
        "\n"
        " Prethodni saldo                          40,00 EUR\n"
        " Uplata                                  -30,00 EUR\n"
        " Preneseni saldo                          10,00 EUR\n"
        " Tekuća potrošnja                        125,00 EUR\n"
        " Iznos za plaćanje                       135,00 EUR\n"
    )
    assert _extract(bulgarian).total == Decimal("120.00")
    assert _extract(croatian).total == Decimal("125.00")


LETTERS = {
    "fr": "Je vous remercie de bien vouloir régler la somme de 1 200,00 € avant le 20/04/2026.",
    "es": "Les ruego transfieran 1.200,00 € antes del 20/04/2026 a la cuenta indicada.",
    "sk": "Prosím o úhradu sumy 1 200,00 € do 20.4.2026 na uvedený účet.",
}


@pytest.mark.parametrize("lang", sorted(LETTERS))
def test_a_letter_asking_for_payment_by_a_date_gives_the_due_date(lang: str) -> None:
    ask = LETTERS[lang]
    if ask:
        text = (
            "                                                        Camille Roux\n"
            "                                                        8 rue Neuve\n"
            "\n"
            f"Facture 2026-07                                        Date : 06/04/2026\n"
            "\n"
            f"{ask}\n"
            "\n"
            "                                   Total                      1 200,00 €\n"
        )
        assert _extract(text).due_date == date(2026, 4, 20), lang


def test_a_data_plan_in_megabits_is_no_company_named_with_a_legal_form() -> None:
    text = (
        "Sur Telecom S.L.\n"
        "\n"
        "                                                        Factura\n"
        "Lucía Romero\n"
        "Calle Mayor, 12                                         Factura nº      2026-00881\n"
        "28013 Madrid                                            Fecha factura   06/04/2026\n"
        "\n"
        " Descripción                                                           Importe\n"
        " Línea fija                                                              18,20\n"
        " Fibra 300 Mb                                                            30,00\n"
        "\n"
        "                                   TOTAL                      48,20 €\n"
    )
    buyer = _extract(text).buyer
    assert buyer is None or buyer.name != "Fibra 300 Mb"


def test_a_title_with_the_copy_mark_before_the_number_gives_the_number() -> None:
    text = (
        "Николай Георгиев\n"
        "ул. Оборище № 4, 1504 гр. София\n"
        "\n"
        "ФАКТУРА – ОРИГИНАЛ 0000000452\n"
        "\n"
        "Уважаеми господа,\n"
        "                                   Общо                      300,00 лв.\n"
    )
    assert _extract(text).invoice_number == "0000000452"
