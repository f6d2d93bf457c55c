"""Conventions found on never-read seeds of the development generators (session 18): a row of totals
whose figure left after a part paid stands right of the total, a figure centred under its label, a title
typed with a space after every letter, a number label broken inside its word, "settle ... by", forms of
address; texts of our own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.layout import document_lines
from opsloop.extract.rules.parties import address_like, read_vendor_address, without_owner_label


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


@pytest.mark.parametrize(
    ("head", "labels"),
    [
        (
            "Officina Benassi S.r.l.\nVia Emilia 40\n41121 Modena\n\nFattura n. 2024-310     Data: 04/11/2024\n\n",
            ("Imponibile", "IVA 22 %", "Totale fattura", "Acconto versato", "Netto a pagare"),
        ),
        (
            "Harbour Joinery Ltd\n4 Quay Street\nBristol BS1 4DJ\n\nInvoice no. 7781     Date: 04/11/2024\n\n",
            ("Net", "VAT 20 %", "Invoice total", "Deposit", "Balance due"),
        ),
    ],
)
def test_a_row_of_totals_leaves_the_amount_due_right_of_a_part_paid(
    head: str, labels: tuple[str, ...]
) -> None:
    # the labels head columns over one row of figures; the part paid is printed negative in the row
    header = "        ".join(f"{label:>16}" for label in labels)
    figures = "        ".join(
        f"{figure:>16}" for figure in ("1.500,00", "330,00", "1.830,00", "500,00-", "1.330,00")
    )
    if labels[0] == "Net":
        figures = figures.replace(".", "#").replace(",", ".").replace("#", ",")
    text = (
        head
        + "Carpentry works                                  "
        + figures.split()[0]
        + "\n\n"
        + header
        + "\n"
        + figures
        + "\n"
    )
    for result in _both(text):
        assert result.total == Decimal("1830.00")
        assert result.amount_due == Decimal("1330.00")


@pytest.mark.parametrize(
    ("title", "number_label"),
    [
        ("C R E D I T   N O T E", "Document no."),
        ("G U T S C H R I F T", "Beleg-Nr."),
        ("N O T A   D I   C R E D I T O", "Documento n."),
    ],
)
def test_a_title_typed_with_a_space_after_every_letter_is_read(title: str, number_label: str) -> None:
    text = (
        "Lindqvist Bygg AB\nStorgatan 8\n411 38 Göteborg\n\n"
        f"{title}\n\n{number_label} 2024-0512     12/06/2024\n\n"
        "Montage                                   800,00\n"
        "Total                                     800,00\n"
    )
    for result in _both(text):
        assert result.document_type == "credit_note"


def test_a_figure_centred_under_its_label_is_not_the_unlabelled_column_beside_it() -> None:
    # a row of totals whose figures are centred under their headings: the net's figure starts left of
    # its label, inside the span of the unlabelled column before it ("Freight"); the items' subtotal
    # before the freight balances nothing
    text = (
        "Marsh Lane Printing Ltd\n12 Marsh Lane\nLeeds LS1 4AB\n\nInvoice no. 3391     Date: 02/09/2024\n\n"
        "Leaflets A5                                        8,400.00\n\n"
        "         Subtotal               Freight                  Net               VAT 20 %                Total\n"
        "     8,400.00 GBP             12.50 GBP          8,412.50 GBP           1,682.50 GBP           10,095.00 GBP\n"
    )
    for result in _both(text):
        assert result.subtotal == Decimal("8412.50")
        assert result.tax_total == Decimal("1682.50")
        assert result.total == Decimal("10095.00")


@pytest.mark.parametrize(
    ("head", "word", "piece", "date_label"),
    [
        ("Tischlerei Haas\nLindenweg 4\n79098 Freiburg\n\n", "Rechnungsn", "ummer", "Datum"),
        ("Schilderwerk Bos\nKerkstraat 9\n3511 LX Utrecht\n\n", "Factuurnumm", "er", "Datum"),
    ],
)
def test_a_number_label_broken_inside_its_word_reads_the_value_under_it(
    head: str, word: str, piece: str, date_label: str
) -> None:
    # a narrow header cell broke the label's word with no hyphen; the figures' row is under both lines
    text = (
        head
        + f"{word}   {date_label}            Kundennr.\n"
        + f"{piece:<{len(word)}}\n"
        + f"{'A-2291':<{len(word)}}   03.05.2024       K-118\n\n"
        + "Montage                                   800,00\n"
        + "Gesamt                                    800,00\n"
    )
    for result in _both(text):
        assert result.invoice_number == "A-2291"


@pytest.mark.parametrize(
    "sentence",
    ["We ask you to settle the invoice by 03/03/2024.", "Please settle this bill by 03/03/2024."],
)
def test_a_sentence_asking_to_settle_by_a_day_names_the_due_date(sentence: str) -> None:
    # "settle ... by" is a due date's label as "pay by" is (a bare "by" after "invoice" names no day)
    text = (
        "Ashcombe Garden Care\n3 Orchard Row\nBath BA1 2QT\n\nInvoice no. 0457     Date: 02/02/2024\n\n"
        "Hedge trimming                              120.00\n"
        "Total                                       120.00\n\n"
        f"{sentence}\n"
    )
    for result in _both(text):
        assert result.due_date is not None and result.due_date.isoformat() == "2024-03-03"


@pytest.mark.parametrize(
    ("seller", "buyer_block", "name"),
    [
        (
            "Ashcombe Garden Care\n3 Orchard Row\nBath BA1 2QT\n\n",
            "Invoice to: Miss Harriet Cole\n            9 Park Crescent\n            Taunton TA1 4EB\n",
            "Harriet Cole",
        ),
        (
            "Biuro Rachunkowe Nowak\nul. Długa 5\n80-831 Gdańsk\nNIP 5842739107\n\n",
            "Nabywca:\nSz. P. Jan Zieliński\nul. Morska 12\n81-225 Gdynia\n",
            "Jan Zieliński",
        ),
        (
            "Ekdahl Måleri AB\nStorgatan 8\n411 38 Göteborg\n\n",
            "Faktureras till:\nFru\nEva Holmberg\nVästra vägen 3\n252 21 Helsingborg\n",
            "Eva Holmberg",
        ),
    ],
)
def test_a_form_of_address_is_no_part_of_the_buyers_name(seller: str, buyer_block: str, name: str) -> None:
    # "Miss", Polish "Sz. P." (Szanowny Pan, Szanowna Pani) and Swedish "Herr" / "Fru" address a person
    text = (
        seller
        + buyer_block
        + "\nInvoice no. 0457     Date: 02.02.2024\n\nService     120,00\nTotal     120,00\n"
    )
    for result in _both(text):
        assert result.buyer is not None and result.buyer.name == name


def test_swedish_rates_per_unit_do_not_make_the_page_italian() -> None:
    # "per timme", "per ord": Swedish writes rates with "per" as Italian does; the page's "kr" is crowns
    text = (
        "Lina Berg\nÖversättare\nDrottninggatan 5\n753 10 Uppsala\n\n"
        "Faktura\nFakturanr: 12/2024\nDatum: 3 maj 2024\n\n"
        "Översättning, per ord                       1 200,00 kr\n"
        "Korrektur, per timme                          900,00 kr\n"
        "Resa, per mil                                 250,00 kr\n"
        "Granskning, per sida                          300,00 kr\n\n"
        "Totalbelopp                                 2 650,00 kr\n\n"
        "Med vänliga hälsningar\nLina Berg\n"
    )
    for result in _both(text):
        assert result.currency == "SEK"


@pytest.mark.parametrize("activity", ["Steuerberatung", "Unternehmensberatung"])
def test_an_advisory_activity_under_the_trade_name_is_a_tagline(activity: str) -> None:
    # an activity noun ("Steuerberatung", tax advice) under the name says what the firm does
    text = (
        f"KRÄMER ELEKTROTECHNIK\n{activity}\nInhaber: Dipl.-Ing. Jonas Krämer\nLindenallee 7\n34117 Kassel\nTel. 0561 4471\n"
        "USt-IdNr.: DE136695976\n\n"
        "KRÄMER ELEKTROTECHNIK · Lindenallee 7 · 34117 Kassel                    Nr.      R2024-118\n"
        "Firma Hofmann Logistik GmbH                                  Rechnungsdatum:     14. Mai 2024\n"
        "Bahnhofstr. 3\n37073 Göttingen\n\nRECHNUNG\n\n"
        "Summe netto                                              € 1.000,00\n"
        "Umsatzsteuer 19 %                                          € 190,00\n"
        "Rechnungsbetrag                                          € 1.190,00\n"
    )
    for result in _both(text):
        assert (result.vendor.name or "").casefold() == "krämer elektrotechnik"


def test_a_legal_form_without_two_letters_in_a_row_goes_on_from_the_name_above() -> None:
    # "A/S" wrapped under a long name in capitals: the name's tail, though it holds no two letters
    # running; a Danish street compound ("Nørregade") is an address line, no name
    text = (
        "FJORDLYS TØMRERFIRMA                      Kunde:                           FAKTURA\n"
        "A/S                                       Bølgen Reklame ApS\n"
        "                                                                   Nummer: 55120\n"
        "Nørregade 12                              Østergade 4\n"
        "5000 Odense                               7100 Vejle\n"
        "CVR-nr. DK18568292\n\n"
        "Odense, den 3. marts 2024\n\n"
        "Tømrerarbejde                              4.000,00\n"
        "Moms 25 %                                  1.000,00\n"
        "I alt                                      5.000,00\n"
    )
    for result in _both(text):
        assert result.vendor.name == "FJORDLYS TØMRERFIRMA A/S"


@pytest.mark.parametrize("street", ["Nørregade 12", "Skovvej 3", "Strandstræde 8B"])
def test_a_danish_street_compound_is_an_address_line(street: str) -> None:
    # Danish streets are compounds ending in the street word ("-gade", "-vej", "-stræde"), as Norwegian
    assert address_like(street)


def test_an_individual_entrepreneurs_line_under_a_trade_name_is_its_owners() -> None:
    # French sole traders print "Entrepreneur individuel" (EI) beside the person's name, here wrapped
    text = (
        "Facture\n"
        "Émetteur                                     Client :\n"
        "Atelier Garnier                          Hugo Lefèvre\n"
        "Entrepreneur individuel : Margaux            8 rue des Lilas\n"
        "Garnier                                     69003 Lyon\n"
        "12 rue de la Paix\n"
        "75002 Paris\n"
        "Tél. +33 612 4471 903\n\n"
        "Facture n° AG-2024-31\n"
        "Date : 05/04/2024\n"
        "Désignation                       Qté         Prix unitaire HT     Montant HT (€)\n"
        "Reliure                           2                     250,00                500,00\n\n"
        "                               Total HT                                  500,00\n"
        "                               TVA 20 %                                  100,00\n"
        "                               Net à payer                               600,00\n\n"
        "Coordonnées bancaires : IBAN FR76 3000 6000 0112 3456 7890 189\n"
        "N° TVA intracom. FR40303265045\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Atelier Garnier"


@pytest.mark.parametrize("label", ["Entrepreneur individuel :", "Entrepreneuse individuelle -"])
def test_the_individual_entrepreneurs_label_opens_an_owners_line(label: str) -> None:
    assert without_owner_label(f"{label} Margaux Garnier") == "Margaux Garnier"


def test_a_postcode_beside_the_street_is_the_neighbouring_blocks_when_the_block_goes_on_below() -> None:
    # the recipient's block beside the sender's, one line higher: its postcode and town stand right
    # of the sender's street, whose own postcode and town follow on the next line
    text = (
        "FACTURE                                                       Numéro : 7731\n\n"
        "Studio Perrin                                 Facturé à :\n"
        "Entrepreneur individuel : Lucie               Maison Vidal SARL\n"
        "Perrin                                        3 quai des Chartrons\n"
        "21 rue Sainte-Catherine                       33000 Bordeaux\n"
        "31000 Toulouse\n\n"
        "Toulouse, le 2 avril 2024\n\n"
        "Total HT                                         500,00\n"
        "TVA 20 %                                         100,00\n"
        "Total TTC                                        600,00\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Studio Perrin"
        assert result.vendor.address == "21 rue Sainte-Catherine, 31000 Toulouse"


def test_a_brazilian_postcode_of_eight_digits_ends_a_one_line_address() -> None:
    # a CEP ("01310-100") holds eight digits, more than a piece of an address otherwise does
    text = (
        " Moreira Arquitetura Ltda.\n"
        " Rua Haddock Lobo 595, 01414-001 São Paulo                                      Fatura\n\n"
        " Faturar a                                               Fatura n.º:        NF-0412\n"
        " Souza Consultoria S.A.                                  Data de emissão:   10/04/2025\n"
        " Rua da Assembleia 10\n"
        " 20011-000 Rio de Janeiro\n\n"
        "Total                                     1.000,00\n"
    )
    for result in _both(text):
        assert result.vendor.address == "Rua Haddock Lobo 595, 01414-001 São Paulo"


@pytest.mark.parametrize(
    ("head", "address"),
    [
        (
            # the title set high at the right, on a line of its own between the name and the street
            "Jonas Albrecht\n"
            "                                                                       RECHNUNG\n"
            "Gartenweg 21\n"
            "28195 Bremen\n",
            "Gartenweg 21, 28195 Bremen",
        ),
        (
            # the recipient's block beside the sender's, a line lower: its lines come between
            "Absender                                   Rechnungsempfänger:\n"
            "Jonas Albrecht                             Mira Olsen\n"
            "                                           Am Wall 5\n"
            "Gartenweg 21\n"
            "                                           26122 Oldenburg\n"
            "28195 Bremen\n",
            "Gartenweg 21, 28195 Bremen",
        ),
    ],
)
def test_a_line_with_nothing_in_the_senders_column_does_not_end_its_block(head: str, address: str) -> None:
    text = head + (
        "USt-IdNr. DE136695976\n\n"
        "Rechnungs-Nr.: 2024-77\nDatum: 03.05.2024\n\n"
        "Beratung                                   1.000,00\n"
        "Gesamtbetrag                               1.190,00\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Jonas Albrecht"
        assert result.vendor.address == address


def test_the_address_under_an_owners_line_is_read_from_the_lines_opening() -> None:
    # the seller read as the owner the line names: its address is under the line's opening, not under
    # the name after the label
    text = (
        "MENUISERIE GAUTHIER\n"
        "                                                                              Facture\n"
        "Entrepreneur individuel : Paul Gauthier\n"
        "7 impasse des Tilleuls\n"
        "49000 Angers\n"
        "Tél. +33 241 5523 901\n\n"
        "Facturé à :                                             Livré à :\n"
        "Inès Robin                                              Inès Robin\n"
        "2 rue Haute                                             2 rue Haute\n"
        "72000 Le Mans                                           72000 Le Mans\n\n"
        "N° de facture :                     2024-0031\n"
        "Date de facturation :               18/07/2024\n\n"
        "Total HT                                         500,00\n"
        "TVA 20 %                                         100,00\n"
        "Total TTC                                        600,00\n"
    )
    lines = document_lines(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))
    owner_line = next(line for line in lines if line.text.startswith("Entrepreneur"))
    found = read_vendor_address(lines, owner_line, "Paul Gauthier")
    assert found is not None and found[0] == "7 impasse des Tilleuls, 49000 Angers"
