"""h-real28's rules from third-party producers (set third30: KOMA-Script scrlttr2, the dinbrief and newlfm LaTeX
letter classes, and the spreadsheet-to-PDF template PyPI's jed-invoicepdf shares with many packages), each worded
generally, with text of our own: an item table's heading and rows name no seller, a figure a program printed
from a binary float unrounded, a year-first date with an unpadded day."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.dates import find_dates
from opsloop.extract.rules.numbers import find_amounts


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


_SHEET = (
    "Bill no. 4471\n"
    "Issued: 2025.11.14\n"
    "Code    Article                    Units Bought Cost Each   Line Total\n"
    "{rows}"
    "{total}\n"
    "The sum to pay is {total}\n"
    "Kestrel Supplies\n"
)


def test_an_item_tables_heading_line_is_never_the_seller() -> None:
    # GIVEN a page with no letterhead: a number, a date, an item table whose heading's cells run together,
    # and a brand's name only on the last line
    text = _SHEET.format(rows="312 Copper pipe 15 mm            4 18.25 73.00\n", total="73.00")
    got = _read(text)
    # THEN the table's column headings are not read as the seller's name
    name = (got.vendor.name or "").lower()
    assert "cost each" not in name and "units bought" not in name


def test_an_item_rows_description_is_never_the_seller() -> None:
    # GIVEN the same page with several item rows under the heading and no name printed anywhere
    rows = (
        "312 Copper pipe 15 mm            4 18.25 73.00\n"
        "518 Brass elbow joint            10 2.40 24.00\n"
        "207 Solder wire 250 g            2 11.30 22.60\n"
    )
    got = _read(_SHEET.format(rows=rows, total="119.60").replace("Kestrel Supplies\n", ""))
    # THEN neither the heading nor a row's description is the seller
    name = (got.vendor.name or "").lower()
    assert "cost each" not in name
    assert name not in ("copper pipe 15 mm", "brass elbow joint", "solder wire 250 g")


def test_a_float_printed_unrounded_reads_as_its_cents() -> None:
    # GIVEN sums a program printed from binary floats without rounding them
    # THEN each is the amount to the cent
    assert [a.value for a in find_amounts("Amount payable 5120.4300000000003")] == [Decimal("5120.43")]
    assert [a.value for a in find_amounts("Balance 88.0999999999999")] == [Decimal("88.10")]
    assert [a.decimals for a in find_amounts("Balance 88.0999999999999")] == [2]
    # AND a figure with a few decimals of its own is no float's error
    assert find_amounts("Rate 1.1000001") == []


def test_a_float_printed_unrounded_is_the_total() -> None:
    # GIVEN a sheet whose sum prints a float's error after its cents
    rows = "312 Copper pipe 15 mm            4 18.25 73.00\n518 Brass elbow joint            10 2.45 24.50\n"
    got = _read(_SHEET.format(rows=rows, total="97.50000000000001"))
    # THEN the total is the sum to the cent
    assert got.total == Decimal("97.50")


def test_a_year_first_date_with_an_unpadded_day() -> None:
    # GIVEN year-first dates whose month and day print without a leading zero
    # THEN each reads year, month, day
    assert [f.value.isoformat() for f in find_dates("Issued: 2025.11.4")] == ["2025-11-04"]
    assert [f.value.isoformat() for f in find_dates("on 2025-3-9 we")] == ["2025-03-09"]
    # AND a day-first figure with a one-digit "year" is no date (a section or version number)
    assert find_dates("see 14.10.2 below") == []
    got = _read(
        _SHEET.format(rows="312 Copper pipe 15 mm            4 18.25 73.00\n", total="73.00").replace(
            "2025.11.14", "2025.7.3"
        )
    )
    assert got.invoice_date is not None and got.invoice_date.isoformat() == "2025-07-03"


_NAMELESS_HEAD = (
    "                                                                        Plot 12, Ferry Road\n"
    "                                                                        Ipswich IP3 9QX\n"
    "                                                                        VAT No.: GB123456782\n"
    "\n"
    "Orwell Valley Town Council\n"
    "Council Offices, High Street\n"
    "Woodbridge IP12 1AA\n"
    "\n"
    "                                                                                        14/03/2026\n"
    "Re: Invoice 7731\n"
    "Dear Clerk,\n"
    "Item   Description                              Qty   Unit price   Amount\n"
    "  1    Hedge trimming, two verges                2        180.00     360.00\n"
    "       Total GBP                                                     360.00\n"
    "                                                                     Kind regards,\n"
    "\n"
    "                                                                     Deben Groundcare Ltd\n"
)


def test_the_block_under_a_letterhead_without_a_name_is_the_addressee() -> None:
    # GIVEN a letter whose letterhead, set right, prints a street, a postcode and town and a VAT id but no
    # name; under it at the left a council's name over its address; the sender's name only under the closing
    got = _read(_NAMELESS_HEAD)
    # THEN the council is the buyer, the signing firm the seller
    assert got.vendor.name == "Deben Groundcare Ltd"
    assert got.buyer.name == "Orwell Valley Town Council"


def test_a_named_letterhead_keeps_its_name() -> None:
    # GIVEN the same letter whose letterhead prints its name over the address
    text = _NAMELESS_HEAD.replace(
        "                                                                        Plot 12, Ferry Road\n",
        "                                                                        Ferry Road Nurseries Ltd\n"
        "                                                                        Plot 12, Ferry Road\n",
    )
    got = _read(text)
    # THEN the letterhead's name stays the seller's, the council the buyer
    assert got.vendor.name == "Ferry Road Nurseries Ltd"
    assert got.buyer.name == "Orwell Valley Town Council"


def test_a_sellers_national_tax_id_implies_its_countrys_currency() -> None:
    # GIVEN a Portuguese-language invoice that prints no currency, its seller identified by a Brazilian CNPJ
    text = (
        "Serralheria Boa Vista Ltda\n"
        "Rua do Comércio, 77 - Campinas - SP\n"
        "CNPJ: 11.222.333/0001-81\n"
        "\n"
        "Fatura n.º 5521                                             Data: 12/05/2026\n"
        "Cliente: Padaria Pão Quente Ltda\n"
        "Descrição                              Qtd      Valor unit.      Total\n"
        "Portão de correr                         1         2.480,00   2.480,00\n"
        "Total                                                         2.480,00\n"
    )
    got = _read(text)
    # THEN the amounts are read in the seller's country's currency (reals), not the language's (euros)
    assert got.currency == "BRL"


_STUB_FORM = (
    "RECEBEMOS DE Cerâmica Serra Azul Ltda OS PRODUTOS CONSTANTES DO DOCUMENTO ABAIXO. EMISSÃO: 02/03/2026 "
    "VALOR: 3.150,00 DESTINATARIO: Construtora\n"
    "Horizonte S.A. - Av. Afonso Pena, 1500, Belo Horizonte - MG, CNPJ: 60.701.190/0001-04\n"
    "DATA DE RECEBIMENTO                IDENTIFICAÇÃO E ASSINATURA DO RECEBEDOR                 Nº 000.004.512\n"
    "\n"
    "          Cerâmica Serra Azul Ltda                          DOCUMENTO AUXILIAR\n"
    "          Estrada Velha, 88                                 Nº 000.004.512\n"
    "          Itu - SP   13300-000\n"
    "INSCRIÇÃO ESTADUAL                                          CNPJ / CPF\n"
    "387112233                                                   45.283.163/0001-67\n"
    "DESTINATÁRIO / REMETENTE\n"
    "NOME / RAZÃO SOCIAL                                         CNPJ / CPF               DATA DA EMISSÃO\n"
    "Construtora Horizonte S.A.                                  60.701.190/0001-04       02/03/2026\n"
    "ENDEREÇO                                                    CEP\n"
    "Av. Afonso Pena, 1500                                       30130-005\n"
    "VALOR TOTAL DA NOTA                                                                  3.150,00\n"
)


def test_a_receipt_stub_heading_the_page_names_neither_party() -> None:
    # GIVEN a form whose top slip acknowledges receipt from the seller and names the recipient in prose, then
    # the issuer's own box, then the recipient's box under a heading over a "name / legal name" field label
    got = _read(_STUB_FORM)
    # THEN the issuer's box names the seller and the recipient's box the buyer
    assert got.vendor.name == "Cerâmica Serra Azul Ltda"
    assert got.buyer.name == "Construtora Horizonte S.A."


def test_a_footer_identity_right_under_the_item_rows_still_names_the_seller() -> None:
    # GIVEN a page whose head prints only a caption over the seller's address (no name) and whose legal
    # footer, right under the last item row, names the seller with its street, postcode and ids
    text = (
        "                                                                      FAKTURA\n"
        "Från\n"
        "Strandvägen 41\n"
        "722 14 Västerås\n"
        "Momsreg.nr SE556677889901\n"
        "\n"
        "Faktureras till\n"
        "Ekholm Bygg AB\n"
        "Industrigatan 3\n"
        "703 62 Örebro\n"
        "\n"
        "Fakturanummer:                          V-2025-0412\n"
        "Fakturadatum:                           2025-09-03\n"
        "\n"
        "#        Benämning                               Antal          À-pris          Belopp\n"
        "       1 Takinspektion                              3        1 250,00 kr     3 750,00 kr\n"
        "       2 Hängrännor, montage                       12          310,50 kr     3 726,00 kr\n"
        "   Vallby Takservice AB · Strandvägen 41 · 722 14 Västerås · org.nr 556677-8899 · Momsreg.nr SE556677889901\n"
    )
    got = _read(text)
    # THEN the footer's name is the seller, never the caption over the head's address
    assert got.vendor.name == "Vallby Takservice AB"


def test_a_seller_block_left_of_the_item_table_keeps_its_address() -> None:
    # GIVEN the seller's block down the page's left column, its name on the line of the item table's heading
    text = (
        "                                          TAX INVOICE\n"
        "INVOICE NO.                               Bill to\n"
        "T-5521                                    Marsh & Kemp Pty Ltd\n"
        "DATE                                      Level 3, 12 Flinders Lane\n"
        "04/02/2025                                Melbourne VIC 3000\n"
        "FROM\n"
        "Tallowood Studio Pty Ltd                  DESCRIPTION                          QTY      RATE      AMOUNT\n"
        "Shop 2, 18 Beach Road                     Brand workshop                        2    950.00    1,900.00\n"
        "Byron Bay NSW 2481                        Logo refresh                          1    640.00      640.00\n"
        "                                                                  Total (inc. GST)            $2,794.00\n"
    )
    got = _read(text)
    # THEN the seller is read with its address under it
    assert got.vendor.name == "Tallowood Studio Pty Ltd"
    assert got.vendor.address is not None and "Byron Bay" in got.vendor.address
