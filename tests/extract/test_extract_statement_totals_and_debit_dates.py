"""GIVEN bills and statements from several countries — an account summary under this invoice's charges
(previous balance, payments received, what is due in all), bills without VAT whose total only the charge
lines make, and due dates written as direct-debit or payment-collection sentences — WHEN the rules engine
reads them THEN the total is this period's charges, the account's balance makes the amount due, and the
collection date is the due date. Texts of our own, worded as such bills are in each country."""

from datetime import date

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _extract(text: str) -> InvoiceExtraction:
    return extract_invoice(
        ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]), engine="rules"
    )


DEBIT_SENTENCES = [
    # (language's bill text, invoice date, collection date)
    (
        "Your Direct Debit of £54.20 will be taken on or after 17 September 2025.",
        "02/09/2025",
        date(2025, 9, 17),
    ),
    ("Your account will be charged automatically on 04/15/2026.", "04/05/2026", date(2026, 4, 15)),
    ("Die Abbuchung erfolgt zum 15.04.2025 per SEPA-Lastschrift.", "01.04.2025", date(2025, 4, 15)),
    ("Ce montant sera prélevé sur votre compte le 15/03/2026.", "01/03/2026", date(2026, 3, 15)),
    ("Este recibo se domiciliará en su cuenta el 05/04/2025.", "20/03/2025", date(2025, 4, 5)),
    ("L'importo sarà addebitato sul tuo conto corrente il 27/12/2024.", "06/12/2024", date(2024, 12, 27)),
    ("O valor será debitado na sua conta em 14/05/2025.", "04/05/2025", date(2025, 5, 14)),
    (
        "Wij schrijven het bedrag rond 28-02-2025 automatisch af van uw rekening via domiciliëring.",
        "10-02-2025",
        date(2025, 2, 28),
    ),
    ("Beloppet dras via autogiro den 2025-02-28.", "2025-02-10", date(2025, 2, 28)),
    ("Beløbet trækkes via Betalingsservice den 01.03.2025.", "14.02.2025", date(2025, 3, 1)),
    ("Summa veloitetaan tililtäsi 17.12.2024 suoramaksuna.", "03.12.2024", date(2024, 12, 17)),
    ("Az összeget 2025.06.18. napon csoportos beszedéssel terheljük.", "2025.06.04.", date(2025, 6, 18)),
    ("Částka bude stržena z Vašeho účtu dne 13. 5. 2024.", "3. 5. 2024", date(2024, 5, 13)),
    (
        "Kwota zostanie pobrana z Twojego rachunku 22.09.2026 w ramach polecenia zapłaty.",
        "08.09.2026",
        date(2026, 9, 22),
    ),
    ("Suma va fi debitată din contul dvs. la 16.01.2026.", "02.01.2026", date(2026, 1, 16)),
    (
        "Tutar 31.07.2025 tarihinde hesabınızdan otomatik ödeme talimatı ile tahsil edilecektir.",
        "10.07.2025",
        date(2025, 7, 31),
    ),
]


@pytest.mark.parametrize(("sentence", "issued", "due"), DEBIT_SENTENCES)
def test_a_direct_debit_sentence_gives_the_due_date(sentence: str, issued: str, due: date) -> None:
    # GIVEN a bill with no due-date label whose collection date stands in a direct-debit sentence
    text = f"""Northgate Utilities
Invoice 4410287                                         {issued}
Description                     Quantity      Unit price          Amount
Service charge                         1          84.20           84.20
                                                   Total          84.20
{sentence}
"""
    # THEN that date is the due date
    assert _extract(text).due_date == due


def test_a_due_date_label_outranks_a_mandates_date_in_a_debit_line() -> None:
    # GIVEN a labelled due date and a direct-debit mandate line dated after the invoice
    text = """Stadtwerke Talheim
Rechnungsnummer 4471020                Rechnungsdatum 02.04.2025
Grundgebühr                                               37,50
                                        Gesamtbetrag      37,50
Fällig am 20.04.2025
SEPA-Lastschriftmandat erteilt am 05.04.2025
"""
    # THEN the label's date is the due date
    assert _extract(text).due_date == date(2025, 4, 20)
