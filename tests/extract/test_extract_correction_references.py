"""A correction's reference to the invoice it corrects names that invoice's number, never the
correction's own: Polish "Korekta do faktury …" and "… do faktury nr …". Texts of our own."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules

_ROWS = (
    "Projekt graficzny                         1        500,00        500,00\n\n"
    "                              Razem netto                   500,00\n"
    "                              VAT 23%                       115,00\n"
    "                              Razem brutto                  615,00\n"
)


@pytest.mark.parametrize(
    "head",
    [
        # the reference in a header table's cell, under a column of its own
        "Faktura korygująca KOR/2025/00017\n\n"
        "Data wystawienia          Termin płatności          Zamówienie\n"
        "2025-04-03                2025-05-03                Korekta do faktury FV/2025/00311\n\n",
        # the correction's number and the corrected invoice's on one line
        "Faktura korygująca nr KOR/2025/00017 do faktury nr FV/2025/00311\nData wystawienia: 03.04.2025\n\n",
    ],
)
def test_the_corrected_invoice_is_no_number_of_the_correction(head: str) -> None:
    text = "Pracownia Lipowa sp. z o.o.\nul. Długa 5\n00-001 Warszawa\n\n" + head + _ROWS
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    for result in (extract_rules(doc), extract_invoice(doc, text_only=True)):
        assert result.invoice_number == "KOR/2025/00017"
