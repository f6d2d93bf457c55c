"""GIVEN a seller's block whose last line prints the country's ISO code after the town, past a comma
("20095 Hamburg, DE"), or a British postcode before its town ("BS1 6QA Bristol"), as generators writing
an e-invoice's address fields do, or under a street whose house number reads like a postcode ("Avenida da
Liberdade 1450") WHEN the invoice is read THEN that line closes the seller's address."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules

TEXT = """Kessler Werkzeugbau GmbH                                                 INVOICE
Lindenallee 8                                                   Invoice #: 2025-0117
20095 Hamburg, DE                                               Date: 14.05.2025
VAT ID: DE811907980                                             Due Date: 13.06.2025

BILL TO:
Mertens Fahrzeugteile KG
Industriestraße 40
33602 Bielefeld, DE

#   Description                       Qty        Unit Price      VAT          Total
1   Fräswerkzeug Satz               2.00 C62     310.00 EUR      19%     620.00 EUR
Net Total:                                                                620.00 EUR
VAT (19% on 620.00):                                                      117.80 EUR
Total Due:                                                                737.80 EUR
"""


def test_a_town_line_closed_by_the_country_code_ends_the_sellers_address() -> None:
    # WHEN the invoice is read
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=TEXT)]))
    # THEN the seller's address runs from its street to the town line with its country code
    assert result.vendor.name == "Kessler Werkzeugbau GmbH"
    assert result.vendor.address is not None
    assert "Lindenallee 8" in result.vendor.address
    assert "20095 Hamburg" in result.vendor.address


UK_TEXT = """Invoice
INV-2025-0311
SELLER                                             BILL TO
Marlow Print Studio                                Hartley Community Library
9 Dock Road                                        21 Church Lane
BS1 6QA Bristol                                    BA1 1LT Bath
GB                                                 GB
VAT ID GB959045338
 Invoice no.                                       INV-2025-0311
 Invoice date                                      2025-02-03
 #      Description                     Qty        Unit price          VAT          Net amount
 1      Poster printing A2               20             12.50         20 %          250.00 GBP
                                             Total excl. VAT                        250.00 GBP
                                             VAT total                               50.00 GBP
                                             Total incl. VAT                        300.00 GBP
                                             Amount due                             300.00 GBP
"""


def test_a_british_postcode_printed_before_its_town_ends_the_sellers_address() -> None:
    # GIVEN a British seller whose postcode is printed before its town, as software printing every
    # country's address as "postcode town" writes it
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=UK_TEXT)]))
    # THEN that line closes the seller's address
    assert result.vendor.name == "Marlow Print Studio"
    assert result.vendor.address is not None
    assert "9 Dock Road" in result.vendor.address
    assert "BS1 6QA Bristol" in result.vendor.address


PT_TEXT = """                                                                      Fatura
                                                                      Fatura n.º:
                                                                      2025/0412
                                                                      Data de emissão:
                                                                      15/10/2025
Cliente:                                                              Fornecedor:
Farmácia Nogueira                                                     Serralharia Couto, Lda.
Rua do Carmo 17                                                       Avenida da Liberdade 1450
1200-093 Lisboa                                                       4710-249 Braga
                                                                      NIF:
                                                                      PT503504564
Descrição                         Qtd.                                Preço unitário                        Valor
Portão de ferro                   1                                   842,50 EUR                            842,50 EUR
                                                                      Total                                 842,50 EUR
"""


def test_a_street_whose_house_number_reads_like_a_postcode_goes_on_to_the_town_under_it() -> None:
    # GIVEN a seller's street with a four-digit house number ("Avenida da Liberdade 1450", shaped like a town
    # and its postcode), its postcode and town on the line under it
    result = extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=PT_TEXT)]))
    # THEN the address runs on to the postcode-and-town line
    assert result.vendor.name == "Serralharia Couto, Lda."
    assert result.vendor.address == "Avenida da Liberdade 1450, 4710-249 Braga"
