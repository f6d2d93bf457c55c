"""GIVEN a payment schedule under a heading that names how the invoice is paid ("Порядок оплаты",
"Правило оплаты", "Payment terms") with its date and amount in a small table WHEN the rules engine reads
the page THEN the schedule's date is the due date, not the invoice date above it."""

from datetime import date

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


@pytest.mark.parametrize(
    ("heading", "when", "amount", "invoice_date"),
    [
        ("Порядок оплаты", "Дата", "Сумма", "Дата счёта: 02.03.2025"),
        ("Правило оплаты", "Дата", "Сумма", "Дата: 02.03.2025"),
        ("Payment terms", "Date", "Amount", "Invoice date: 02.03.2025"),
    ],
)
def test_the_date_under_a_payment_schedule_heading_is_the_due_date(
    heading: str, when: str, amount: str, invoice_date: str
) -> None:
    text = (
        "ООО Северный Ветер\n"
        "Счёт № 2025-118\n"
        f"{invoice_date}\n"
        "Услуги связи                                 1 200,00 ₽\n"
        "                                    Итого:    1 200,00 ₽\n"
        f"                                    {heading}\n"
        f"                                  {when:<20}{amount}\n"
        "                                  17.03.2025          1 200,00 ₽\n"
    )
    page = PageText(number=1, text=text)
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[page]))
    assert result.invoice_date == date(2025, 3, 2)
    assert result.due_date == date(2025, 3, 17)
