"""Conventions found on the first seed of an outsider's generator of national invoice conventions (evals/synth24,
PDFKit), each worded generally and tested with documents of our own: a customer's word before a bare number word
("Client n°", "Kunde Nr.") names the customer's number; a bank account label's number word ("Reg. nr.", "Konto
nr.") names the account's; a document kind after the title word ("Fattura immediata", "Verkoopfactuur", "Factura
simplificada") is still the title whose number follows; a heading cell whose date word goes on with another date's
word ("Data consegna", "Date de livraison") yields to the bare date word beside it; a Hungarian bank account
(groups of eight digits, each with its check digit) under "Számlaszám" is no invoice number; lexicon labels: es
"Fecha emisión" and a bare "Núm.", nb "Grunnlag mva", ro "Contract / Comandă", pl "Zlecenie"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read(*pages: str) -> InvoiceExtraction:
    parsed = ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=n, text=text) for n, text in enumerate(pages, 1)]
    )
    return extract_invoice(parsed, engine="rules", text_only=True)


@pytest.mark.parametrize(
    ("facts", "want"),
    [
        (
            [
                "Numéro :             FC-88120",
                "Date :               03/02/2026",
                "Client n° :           51007",
            ],
            "FC-88120",
        ),
        (
            [
                "Nummer:              R-5531",
                "Datum:                03.02.2026",
                "Kunde Nr.:            88431",
            ],
            "R-5531",
        ),
    ],
)
def test_a_customer_word_before_a_bare_number_word_names_the_customers_number(
    facts: list[str], want: str
) -> None:
    # GIVEN a header block whose customer number is labelled "<customer word> n°" below the invoice's own
    head = "\n".join(f"{' ' * 50}{fact}" for fact in facts)
    page = f"Atelier Exemple SARL                                   FACTURE\n{head}\n\n" + (
        "Désignation                       Qté      Montant HT\nMontage                             1        100,00\n"
        "Total HT 100,00 €\nTVA 20 % 20,00 €\nTotal TTC 120,00 €\n"
    )
    # WHEN it is read THEN the invoice number is the one under the bare number label
    assert _read(page).invoice_number == want


def test_the_number_word_of_a_bank_account_label_is_no_invoice_number() -> None:
    # GIVEN a Danish seller block whose bank lines ("Reg. nr.", "Konto nr.") stand above the invoice's number
    page = (
        "                         Faktura\n"
        "  Sælger:                                   Kunde:\n"
        "  Eksempel Tømrer ApS                       Kunden A/S\n"
        "  Reg. nr.: 4410\n"
        "  Konto nr.: 0009871234\n"
        "                                            Nummer:        70211\n"
        "                                            Fakturadato:   05-03-2026\n\n"
        "Tekst                     Antal      Beløb\nArbejde                       2     800,00\n"
        "Subtotal 800,00\nMoms 25 % 200,00\nI alt 1.000,00\n"
    )
    # WHEN it is read THEN the account's numbers are passed over
    assert _read(page).invoice_number == "70211"


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("Fattura differita 20260417", "20260417"),
        ("Verkoopfactuur 2026100233", "2026100233"),
        ("Factura simplificada 20260077", "20260077"),
    ],
)
def test_a_document_kind_after_the_title_word_keeps_the_titles_number(title: str, number: str) -> None:
    # GIVEN a title naming the kind of invoice with its number after it and no number label anywhere
    page = (
        f"Example Seller\nMain Street 1\n\n{title}\n 12.01.2026            44210\n Date            Client\n\n"
        "Description          Qty      Amount\nService                1      50,00\nTotal 61,00\n"
    )
    # WHEN it is read THEN the number after the title is the invoice's
    assert _read(page).invoice_number == number


@pytest.mark.parametrize(
    ("labels", "values", "want"),
    [
        ("  Fattura n.          del                 Codice cliente   Data consegna",
         "  A-7731             21.03.2026          2201             12.03.2026", date(2026, 3, 21)),
        ("  Numéro              Émise le            Client n°        Date de livraison",
         "  F-7731              21/03/2026          2201             12/03/2026", date(2026, 3, 21)),
    ],
)  # fmt: skip
def test_a_heading_cell_naming_another_date_yields_to_the_bare_date_word(
    labels: str, values: str, want: date
) -> None:
    # GIVEN a row of headings over their values (a number label first) where the delivery date's heading opens
    # with the date word
    page = f"Example Seller\n\n{labels}\n{values}\n\nDescrizione   Importo\nLavoro   100,00\nTotale 122,00\n"
    # WHEN it is read THEN the invoice date is the one under the bare date word ("del", "Émise le")
    assert _read(page).invoice_date == want


def test_a_hungarian_bank_account_under_an_invoice_number_word_is_no_invoice_number() -> None:
    # GIVEN a footer whose bank account is labelled "Számlaszám" (invoice number and bank account alike)
    page = (
        "Minta Kft.                                                   SZÁMLA\n"
        "                                                             Sorszám          MK-2026/118\n"
        "                                                             Számla kelte     2026.04.02.\n\n"
        "Megnevezés                  Menny.        Nettó ár\nSzerelés                        1      10 000,00\n"
        "Nettó összesen 10 000,00 Ft\nÁFA 27% 2 700,00 Ft\nBruttó összesen 12 700,00 Ft\n\n"
        "Bank: Minta Bank             Számlaszám: 11773016-11111018-00000000\n"
    )
    # WHEN it is read THEN the account (each group of eight digits closed by its check digit) is passed over
    assert _read(page).invoice_number == "MK-2026/118"


def test_a_spanish_issue_date_heading_without_de_is_read_under_its_value() -> None:
    # GIVEN a strip of values over their headings, the issue date's written "Fecha emisión"
    page = (
        "Ejemplo S.L.\n\nFACTURA F-2026/31\n"
        " 14/04/2026                 14/05/2026                 5531\n"
        " Fecha emisión              Vencimiento                Cliente\n\n"
        "Concepto            Importe\nServicio            100,00\nTotal 121,00 €\n"
    )
    # WHEN it is read THEN the invoice date is the one over "Fecha emisión", the due date the other
    got = _read(page)
    assert (got.invoice_date, got.due_date) == (date(2026, 4, 14), date(2026, 5, 14))


def test_a_bare_abbreviated_spanish_number_label_labels_the_invoice_number() -> None:
    # GIVEN a facts column whose number label is "Núm." alone
    page = (
        "Ejemplo S.L.                                     FACTURA\n"
        "                                                 Núm.               B-2026/77\n"
        "                                                 Fecha              02-02-2026\n\n"
        "Concepto            Importe\nServicio            100,00\nTotal 121,00 €\n"
    )
    assert _read(page).invoice_number == "B-2026/77"


def test_a_norwegian_vat_basis_label_is_the_net_amount() -> None:
    # GIVEN totals at the right whose net line reads "Grunnlag mva" (the VAT basis), a VAT summary per rate at the
    # left on the same lines
    page = (
        "Eksempel AS\nFaktura 1177\nFakturadato 03.03.2026\n\n"
        " Nr  Beskrivelse                 Antall     Pris      MVA %        Sum\n"
        " 1   Arbeid                           2   400,00       25 %     800,00\n"
        " 2   Bok                              1   100,00       15 %     100,00\n"
        " MVA %      Grunnlag mva      MVA        Sum                Grunnlag mva            900,00\n"
        " 25 %             800,00   200,00     1 000,00              Mva 25 %                200,00\n"
        " 15 %             100,00    15,00       115,00\n"
        "                                                            Mva 15 %                 15,00\n"
        "                                                            Sum inkl. mva NOK     1 115,00\n"
    )
    # WHEN it is read THEN the basis is the net amount and the two rates' VAT the tax
    got = _read(page)
    assert (got.subtotal, got.tax_total, got.total) == (
        Decimal("900.00"),
        Decimal("215.00"),
        Decimal("1115.00"),
    )


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Contract / Comandă:        C-5521", "C-5521"),
        ("Comandă:        8812", "8812"),
        ("Zlecenie: ZL/2026/41", "ZL/2026/41"),
        ("Nr zlecenia: 7781", "7781"),
    ],
)
def test_romanian_and_polish_order_labels(line: str, want: str) -> None:
    # GIVEN an order reference labelled as Romanian and Polish invoices do
    page = f"Exemplu SRL\nFactura nr. 7781-A\nData 02.02.2026\n{line}\n\nDenumire    Valoare\nServicii 100,00\nTotal 119,00\n"
    assert want in _read(page).po_numbers
