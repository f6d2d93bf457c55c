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


_CAPTION_ROWS = {
    # a compact bill's header rows: a party's caption alone in its cell (no colon), the party's record on one
    # line beside it at a tab stop, its name first and its address after a bar
    "en": ("Invoice #QX-2291 issued 4 Mar 2026", "FROM", "TO", "Description", "Total"),
    "pl": ("Faktura Nr QX/2291/2026 wystawiono 4 mar 2026", "OD", "DO", "Opis", "Razem"),
    "fr": ("Facture N° QX-2291 émise le 4 mars 2026", "DE", "À", "Désignation", "Total"),
}


@pytest.mark.parametrize("lang", sorted(_CAPTION_ROWS))
def test_a_caption_alone_in_its_cell_heads_the_partys_one_line_record_beside_it(lang: str) -> None:
    title, seller, buyer, desc, total = _CAPTION_ROWS[lang]
    text = (
        f"  {title}\n"
        f"  {seller:<11}Tallow & Finch Studio Ltd | 5 Harbour Row, 10-115 Leith\n"
        f"  {buyer:<11}Greyfield Veterinary Practice | 14 Mill Road, 31-021 Perth\n"
        f"  {desc:<60}Qty      Price       Amount\n"
        "  Brand workshop                                                3      120.00       360.00\n"
        f"  {total:>85}       360.00\n"
    )
    result = _read(text)
    assert result.vendor.name == "Tallow & Finch Studio Ltd"
    assert result.buyer.name == "Greyfield Veterinary Practice"


_OUR_REFERENCE = {
    # a letter's reference line names the invoice's number as the sender's reference (a LaTeX letter class's
    # invoices do): the same label as English "Our reference" in each language
    "de": ("Ihr Zeichen", "Unser Zeichen", "Datum", "14. März 2026", "Rechnung", "Betrag", "Gesamtbetrag"),
    "fr": ("Vos références", "Nos références", "Date", "14 mars 2026", "Facture", "Montant", "Total TTC"),
    "nl": ("Uw kenmerk", "Ons kenmerk", "Datum", "14 maart 2026", "Factuur", "Bedrag", "Totaal"),
    "it": (
        "Vostro riferimento",
        "Nostro riferimento",
        "Data",
        "14 marzo 2026",
        "Fattura",
        "Importo",
        "Totale",
    ),
}


@pytest.mark.parametrize("lang", sorted(_OUR_REFERENCE))
def test_the_senders_reference_over_its_value_is_the_invoice_number(lang: str) -> None:
    yours, ours, date_label, date, title, amount, total = _OUR_REFERENCE[lang]
    text = (
        "Quellwerk Atelier GmbH\n"
        "                                                       Seestraße 4\n"
        "                                                       10115 Berlin\n"
        "Hafenmeisterei Nord AG\n"
        "Kaiweg 7\n"
        "20457 Hamburg\n"
        f"{yours:<24}{ours:<24}{date_label}\n"
        f"{'':<24}{'QA-40517':<24}{date}\n"
        f"{title}\n"
        f"{'':<60}{amount}\n"
        "Workshop                                                        1.250,00\n"
        f"{total:<56}1.250,00\n"
    )
    assert _read(text).invoice_number == "QA-40517"


def test_insgesamt_closing_the_sums_is_the_total() -> None:
    text = (
        "Quellwerk Atelier GmbH, Seestraße 4, 10115 Berlin\n"
        "Rechnung Nr. 2026-118                                   Datum: 14.03.2026\n"
        "Bezeichnung                                                      Betrag (EUR)\n"
        "Workshop                                                            1.000,00\n"
        "Nettobetrag                                                         1.000,00\n"
        "MwSt. 19 %                                                            190,00\n"
        "Insgesamt                                                           1.190,00\n"
    )
    assert _read(text).total == Decimal("1190.00")


@pytest.mark.parametrize(
    "printed", ["PL 61 1090 1014 0000 0712 1981 2874", "PL 6110 9010 1400 0007 1219 8128 74"]
)
def test_an_iban_whose_country_code_is_set_apart_is_read_where_its_checksum_holds(printed: str) -> None:
    text = (
        "FAKTURA Nr FV/12/04/2026\n"
        "DATA WYSTAWIENIA: 4 KWI 2026                 TERMIN PŁATNOŚCI: 18 KWI 2026\n"
        "SPRZEDAWCA                                   NABYWCA\n"
        "Pracownia Ceramiki Glina Sp. z o.o.          Kawiarnia Pod Lipą s.c.\n"
        "ul. Garncarska 3, 30-110 Kraków              ul. Rynek 9, 33-100 Tarnów\n"
        "Pozycje                                      Ilość     Cena jedn.      Wartość\n"
        "Kubki ręcznie malowane                      20 szt.     35,00 zł     700,00 zł\n"
        "                                                           Razem     700,00 zł\n"
        "DANE BANKOWE\n"
        f"IBAN: {printed}\n"
    )
    assert _read(text).vendor.iban == "PL61109010140000071219812874"
