"""Conventions found on never-read seeds of the development generators (session 23), each worded generally
and tested with documents of our own: a postcode printed before its town in the Irish and Australian
manner, a seller's block read past the recipient's lines set beside it, a block indented under a labelled
sender's name, an IBAN wrapped in a sidebar, ids after a one-line identity, a letterhead's address line
set apart from its name, the net printed as a last row, a contact person in the facts' grid, an
abbreviation's hyphen at a line's end, and the column beside an address line."""

from __future__ import annotations

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


_BODY = (
    "\nInvoice No.            77/2026\nInvoice date:          04/03/2026\n\n"
    " Description                          Qty        Price        Amount\n"
    " Site survey                            2        40.00         80.00\n"
    " Fitting work                           1        20.00         20.00\n\n"
    "                                 Subtotal                     100.00\n"
    "                                 VAT 20%                       20.00\n"
    "                                 Total                        120.00\n"
)


@pytest.mark.parametrize(
    ("town_line", "address"),
    [
        ("H91 X2Y3 Galway", "14 Quay Road, H91 X2Y3 Galway"),  # an Eircode before the town
        ("QLD 4000 Brisbane", "14 Quay Road, QLD 4000 Brisbane"),  # a state's code and postcode before it
    ],
)
def test_a_postcode_printed_before_its_town_closes_the_sellers_address(town_line: str, address: str) -> None:
    # GIVEN a seller whose software prints every country's address as "postcode town"
    text = f"Quayside Tool Hire Limited\n14 Quay Road\n{town_line}\n\nBill to:\nMarlow Interiors Ltd\n{_BODY}"
    assert _read(text).vendor.address == address


def test_the_sellers_block_reads_on_past_the_recipients_lines_beside_it_and_its_owner_line() -> None:
    # GIVEN two party columns whose lines are spaced differently: the recipient's lines fall between the
    # seller's, and the seller's owner line comes first under its trade name
    text = (
        "Seller                                            Bill to:\n"
        "PRESSWORKS BERNARD                                Claire Martin\n"
        "                                                  12 rue Haute\n"
        "Entrepreneur individuel : Luc Bernard\n"
        "                                                  31000 Toulouse\n"
        "9 impasse des Lilas\n"
        "44000 Nantes\n" + _BODY
    )
    assert _read(text).vendor.address == "9 impasse des Lilas, 44000 Nantes"


@pytest.mark.parametrize(
    ("under", "address"),
    [
        ("7 Elm Grove\n                  Bath BA1 2AB", "7 Elm Grove, Bath BA1 2AB"),
        ("Plumbing and Heating\n                  7 Elm Street, Bath BA1 2AB", "7 Elm Street, Bath BA1 2AB"),
    ],
)
def test_a_block_indented_under_a_labelled_senders_name_is_its_address(under: str, address: str) -> None:
    # GIVEN a memo: the sender's name after "From:", its lines indented past the name as a hanging paragraph
    text = f"From: Tom Archer\n                  {under}\nTo: Mrs Jane Doe\n    3 Park Row\n    Bristol BS1 5AA\n{_BODY}"
    result = _read(text)
    assert (result.vendor.name, result.vendor.address) == ("Tom Archer", address)


def test_an_iban_wrapped_in_a_sidebar_is_read_past_the_table_row_printed_between_its_lines() -> None:
    # GIVEN a narrow sidebar beside the items: the IBAN's second half is a line lower than the next row
    text = (
        "Kessler Metallbau GmbH\nHafenweg 3\n28195 Bremen\n\nRechnung Nr. 2026-31\nDatum: 04.03.2026\n\n"
        "                            Pos  Bezeichnung            Menge     Preis     Betrag\n"
        "Bankverbindung              1    Winkel                     2     10,00      20,00\n"
        "IBAN: DE89 3704 0044\n"
        "                            2    Schraube                   1      5,00       5,00\n"
        "0532 0130 00\n\n"
        "                                           Summe netto                      25,00\n"
        "                                           MwSt. 19 %                        4,75\n"
        "                                           Gesamtbetrag                     29,75\n"
    )
    assert _read(text).vendor.iban == "DE89370400440532013000"


@pytest.mark.parametrize(
    "footer",
    [
        # a registry's mention naming a town, not a country
        "Harbour Fittings DAC · 5 Dock Street · Dublin 2 D02 AB34 · Registered in Dublin 2, company no. 123456",
        # ids after the address, its pieces parted by commas
        "Harbour Fittings DAC, 5 Dock Street, Dublin 2 D02 AB34, VAT Reg. No. IE1234567T, IBAN on request",
    ],
)
def test_a_one_line_identity_closing_the_page_gives_the_address_without_what_follows(footer: str) -> None:
    # GIVEN a buyer's block at the top and the seller named only in the identity line closing the page
    text = f"INVOICE\n\nBill to:\nMarlow Interiors Ltd\n2 High Street\nYork YO1 7HH\n{_BODY}\nThank you.\n\n{footer}\n"
    assert _read(text).vendor.address == "5 Dock Street, Dublin 2 D02 AB34"


def test_a_letterheads_address_line_set_apart_from_the_name_over_it_is_the_sellers() -> None:
    # GIVEN the name flush right in the page header and its one-line address at the margin on the next line
    text = (
        "                                                            Rivierdruk Studio\n"
        "Havenweg 12 · 1011 AB Amsterdam · Tel. 020 123 4567\n"
        "Bill to:\nMarlow Interiors Ltd\n2 High Street\nYork YO1 7HH\n" + _BODY
    )
    assert _read(text).vendor.address == "Havenweg 12, 1011 AB Amsterdam"


@pytest.mark.parametrize("label", ["Value", "Momspligtigt beløb"])
def test_the_rows_sum_printed_under_them_is_no_item(label: str) -> None:
    # GIVEN the net printed as a last row under the items: a label the column's own word, or the Danish
    # "taxable amount", beside the sum of the rows
    text = (
        "Nordisk Værktøj ApS\nHavnegade 4\n5000 Odense C\n\nFaktura nr. 81\nDato: 04.03.2026\n\n"
        " Tekst                                  Antal       Pris        Beløb\n"
        " Skruer                                     2      40,00        80,00\n"
        " Beslag                                     1      15,50        15,50\n"
        " Montage                                    3      10,00        30,00\n"
        f" {label:40s}                                 125,50\n"
        " Moms 25 %                                                       31,38\n"
        " I alt DKK                                                      156,88\n"
    )
    result = _read(text)
    assert [line.amount for line in result.lines] == [Decimal("80.00"), Decimal("15.50"), Decimal("30.00")]
    assert result.subtotal == Decimal("125.50")


def test_a_contact_person_in_the_facts_grid_is_not_the_buyer() -> None:
    # GIVEN the facts as a grid of labels over values, one of them the issuer's contact person, and a
    # buyer firm of two partners' names over the person to whom it is addressed
    text = (
        "Harbor Supplies Ltd\n1 Dock Road\nHull HU1 1AA\n\n"
        "Kestrel & Finch LLP\nMaria Lopez\n4 High Street\nYork YO1 7HH\n\n"
        "Invoice no.        Date              Contact person:      Customer no.\n"
        "INV-77             03/03/2026        Daniel Finch         C-100\n" + _BODY.split("\n", 3)[3]
    )
    assert _read(text).buyer.name == "Kestrel & Finch LLP"


def test_an_abbreviations_hyphen_closing_a_description_line_is_kept() -> None:
    # GIVEN an item whose description wraps after an abbreviation joined by a hyphen ("e-" / "bike")
    text = (
        "Harbor Supplies Ltd\n1 Dock Road\nHull HU1 1AA\n\nInvoice No. 5\nDate: 03/03/2026\n\n"
        " Description                       Qty        Price       Amount\n"
        " Service of an e-                    1        50.00        50.00\n"
        " bike\n"
        " Labour                              2        30.00        60.00\n\n"
        "                         Total                            110.00\n"
    )
    assert [line.description for line in _read(text).lines] == ["Service of an e-bike", "Labour"]


@pytest.mark.parametrize(
    ("line", "address"),
    [
        ("Rua Nova 5, 1.º Esq.     Capital social 5.000 €", "Rua Nova 5, 1.º Esq., 4000-322 Porto"),
        (
            "Costa & Filhos Lda., Rua Nova 5, 4000-322 Porto  Billing period      01/02/2026 - 28/02/2026",
            "Rua Nova 5, 4000-322 Porto",
        ),
    ],
)
def test_the_column_beside_an_address_line_is_no_part_of_it(line: str, address: str) -> None:
    # GIVEN a registry's mention, or a label of the facts, a few spaces right of the seller's address line
    text = f"Costa & Filhos Lda.\n{line}\n4000-322 Porto\n\nBill to:\nMarlow Interiors Ltd\n{_BODY}"
    assert _read(text).vendor.address == address


def test_the_portuguese_value_without_vat_is_the_net_of_a_foreign_currency_invoice() -> None:
    # GIVEN a Portuguese invoice in dollars whose net is labelled "Valor sem IVA", over two VAT bands, its
    # VAT restated in euros under the totals
    text = (
        "Oficina Exemplo Lda.\nRua Nova 5\n4000-322 Porto\n\nFatura n.º FT 2026/9\nData: 03/03/2026\n"
        "Taxa de câmbio: 1 USD = 0,9000 EUR\n\n"
        " Descrição                               Qtd.       Preço        Valor\n"
        " Parafusos                                  2       40,00        80,00\n"
        " Livro técnico                              1       20,00        20,00\n\n"
        "                              Valor sem IVA                 100,00 USD\n"
        "                              IVA 23 % (80,00)               18,40 USD\n"
        "                              IVA 6 % (20,00)                 1,20 USD\n"
        "                              Total a pagar                 119,60 USD\n\n"
        "Base em EUR (23 %): 72,00 EUR       IVA em EUR: 16,56 EUR\n"
        "Base em EUR (6 %): 18,00 EUR       IVA em EUR: 1,08 EUR\n"
    )
    result = _read(text)
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("100.00"),
        Decimal("19.60"),
        Decimal("119.60"),
    )


def test_an_address_opening_with_a_units_number_is_never_the_sellers_name() -> None:
    # GIVEN a seller's name in capitals over its one-line address, which opens with a unit's number and
    # names a trading estate, the footer printing the address again beside the bank's payee
    text = (
        "MARLOW & FINCH LLP\nUnit 12, Canal Trading Estate · Leeds LS11 5QT · +44 113 496 0000\n\n"
        "                                                                   Sales Invoice\n"
        "Kestrel Tooling Limited\n32 Victoria Road\n"
        "Nottingham NG7 2RD                                   Invoice No.:          INV0386\n"
        "                                                     Date:                 19 March 2025\n\n"
        " Description                          Qty        Price        Amount\n"
        " Hex bolts                              2        40.00         80.00\n\n"
        "                                 Subtotal                      80.00\n"
        "                                 VAT 20%                       16.00\n"
        "                                 Total                         96.00\n\n"
        "Many thanks for your order.\n\n"
        "Unit 12, Canal Trading Estate                Bank: Example Bank             VAT No.: GB 283 8676 62\n"
        "Leeds LS11 5QT                               Payee: Marlow & Finch LLP     Tel. +44 113 496 0000\n"
    )
    assert _read(text).vendor.name == "MARLOW & FINCH LLP"


def test_a_charge_in_whole_forints_over_the_totals_is_no_item() -> None:
    # GIVEN an invoice in forints (whole amounts in groups of thousands): a delivery charge printed in the
    # totals block, over the net
    text = (
        "Minta Nyomda Kft.\nFő utca 3.\n4024 Debrecen\n\nSzámla sorszáma: 12/2026\nKelt: 2026.04.10.\n\n"
        " Ssz.   Megnevezés                                  Menny.      Nettó egységár       Nettó érték\n"
        " 1      Névjegykártya                                 2 db              20 000            40 000\n"
        "                                  Szállítási díj                                       8 000\n"
        "                                  Nettó összesen                                      48 000\n"
        "                                  ÁFA 27 %                                            12 960\n"
        "                                  Bruttó összesen HUF                                 60 960\n"
    )
    assert [line.amount for line in _read(text).lines] == [Decimal("40000")]
