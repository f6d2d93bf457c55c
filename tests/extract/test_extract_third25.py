"""h-real23's rules from third-party producers (set third25), each worded generally, with text of our own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


_WORD_CODE_PAGES = {
    # an ISO code that is also a word ("PEN" is Peru's sol) is the currency where a currency label names it
    "PEN": (
        "Ferretería Los Pinos S.R.L.                                   RUC: 20493817265\n"
        "Jr. Ucayali 318, Cusco                                         FACTURA F002-00004411\n"
        "\n"
        "  Fecha de Emisión:   14/05/2026                  Moneda:     PEN\n"
        "  Cliente:            Hospedaje Qorikancha E.I.R.L.\n"
        "\n"
        "  #  Descripción                       Cant.      P. Unit.      Importe\n"
        "  1  Tubo PVC 2 pulgadas                 12.00        18.50       222.00\n"
        "                                                  Op. Gravada:   222.00\n"
        "                                                  IGV (18%):      39.96\n"
        "                                                  TOTAL:         261.96\n"
    ),
    "ALL": (
        "Adriatik Print Sh.p.k.                                Invoice no. AP-7731\n"
        "Rruga e Durrësit 44, Tirana                           Date: 02/03/2026\n"
        "\n"
        "Bill to: Hotel Drini                                  Currency: ALL\n"
        "\n"
        "Description                        Qty       Price        Amount\n"
        "Menu cards, laminated               40       350.00      14,000.00\n"
        "                                             Total       14,000.00\n"
    ),
}


@pytest.mark.parametrize("code", sorted(_WORD_CODE_PAGES))
def test_a_currency_label_names_an_iso_code_that_is_also_a_word(code: str) -> None:
    result = _read(_WORD_CODE_PAGES[code])
    assert result.currency == code


def test_a_word_code_without_a_currency_label_names_no_currency() -> None:
    # "PEN" as an item's word is no currency: only the label makes it one
    text = (
        "Office Supplies Co.                                   Invoice no. OS-118\n"
        "Date: 02/03/2026\n"
        "Description                        Qty       Price        Amount\n"
        "BALL PEN BLUE, box of 50             2        14.00          28.00\n"
        "                                             Total           28.00 USD\n"
    )
    assert _read(text).currency == "USD"
    assert _read(_WORD_CODE_PAGES["PEN"]).total == Decimal("261.96")
