"""Two look-alikes of a seller's name read off a footer's one-line identity: a cell of the item table
over the VAT id the identity line prints (no block stands in a column over such a line), and a street
opening an identity line that leaves the name out. The seller named in capitals over its address is
read instead. Texts of our own."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules import parties
from opsloop.extract.rules.engine import extract_rules


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


@pytest.mark.parametrize("item", ["Revisão de texto", "Tradução técnica", "Fotografia de produto"])
def test_a_vat_id_inside_an_identity_line_heads_no_block_over_it(item: str) -> None:
    # GIVEN the seller's VAT id inside the one-line identity closing the page ("Name, street, town, NIF
    # ..., IBAN ...") under an item table: the table's cells stand over the id's column
    text = (
        "NOTA DE CRÉDITO                                   Nota de crédito n.º 212/2026\n\n"
        "RITA MONTEIRO                                Cliente:\n"
        "Rua de Santa Catarina, 14                    Atlântico Gráfica Lda.\n"
        "4000-447 Porto                               Rua do Ouro, 22\n"
        "Tel. +351 655 3848 729                       1100-060 Lisboa\n"
        "Data:                       04/08/2026\n"
        "referente à fatura 188/2026\n"
        "Descrição                         Qtd.        Preço unit.          Valor in €\n"
        f"{item:<34}8             624,25            4 994,00\n"
        f"{item:<34}3           2 112,50            6 337,50\n\n"
        "                           Total ilíquido                         11 331,50\n"
        "                           IVA 23%                                 2 606,25\n"
        "                           Total a pagar                          13 937,75\n"
        "Pagamento por transferência: IBAN PT50 0002 0123 1234 5678 9015 4\n\n"
        "      Rita Monteiro, Rua de Santa Catarina, 14, 4000-447 Porto, NIF PT501964843, "
        "IBAN PT50 0002 0123 1234 5678 9015 4\n"
    )
    # THEN no cell of the table over it (a column heading, an item) heads the seller's block
    for result in _both(text):
        assert result.vendor.name == "RITA MONTEIRO"


@pytest.mark.parametrize("street", ["32 Orchard Close", "7 Mill Lane", "118 Station Road"])
def test_a_street_opening_the_footers_identity_line_is_no_name(street: str) -> None:
    text = (
        "GEORGE PEMBERTON\n"
        f"{street} · Chester CH1 2AP · Tel. +44 1244 555 019\n"
        "Larchfield Limited\n"
        "Unit 5, Canal Wharf\n"
        "Chester CH1 3EZ\n\n"
        "                                                   Chester, 9 August 2026\n"
        "Invoice\n\n"
        "Invoice Number:                  2026.071\n"
        "Description                      Qty        Unit Price          Amount\n"
        "Artwork and proofs               5              £69.75         £348.75\n\n"
        "                                 Subtotal                      £348.75\n"
        "                                 VAT 20%                        £69.75\n"
        "                                 Total                         £418.50\n\n"
        f"      {street} | Chester CH1 2AP | VAT Reg. No. GB889137471 | IBAN GB49 HEPD 3341 8478 9292 55\n"
    )
    for result in _both(text):
        assert result.vendor.name == "GEORGE PEMBERTON"


@pytest.mark.parametrize("seller", ["Hoveniersbedrijf van Dijk", "Rheinwerk Energie Vertrieb GmbH & Co. KG"])
def test_a_name_with_an_address_word_still_opens_the_identity_line(seller: str) -> None:
    # GIVEN a seller named only in the identity line closing the page, its name holding a word streets
    # are named with ("Dijk", "Vertrieb"), under a recipient's block heading the page unlabelled
    text = (
        "                                                                  FACTUUR\n"
        "Lindehof Zorg B.V.\n"
        "Kerkstraat 12\n"
        "2011 CD Haarlem\n"
        "Factuurnummer:        F-2211\n"
        "Factuurdatum:         02-05-2025\n"
        "Omschrijving                           Aantal        Prijs         Bedrag\n"
        "Snoeiwerk                                  2        90,00         180,00\n"
        "                                   Te betalen                    217,80 EUR\n"
        "\n"
        f"      {seller} | Prinsengracht 83-II | 1015 DT Amsterdam | Btw-nr. NL001234567B01 | "
        "IBAN NL91 ABNA 0417 1643 00\n"
    )
    # THEN the identity line's name is the seller
    for result in _both(text):
        assert result.vendor.name == seller


@pytest.mark.parametrize(
    ("bank", "iban", "swift"),
    [
        ("OTP Bank Nyrt.", "HU13 1565 9220 5738 6031 6750 1599", "OTPVHUHB"),
        ("Erste Bank der oesterreichischen Sparkassen AG", "AT61 1904 3002 3457 3201", "GIBAATWW"),
    ],
)
def test_a_banks_line_is_no_footer_identity(bank: str, iban: str, swift: str) -> None:
    # GIVEN a bank's name, IBAN and SWIFT parted by middle dots, beside the seller's tax number in the
    # page's last line (an IBAN's groups look like a postcode)
    line = f"{bank} · IBAN {iban} · SWIFT {swift}"
    # THEN it is no one-line identity naming the bank (the seller would lose to its bank)
    assert not parties._footer_identity(line, bank)
