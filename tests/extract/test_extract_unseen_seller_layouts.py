"""Seller layouts hand-written probes found read wrong: the seller named after "Sold by" / "Émise par"
(a marketplace's or an issuer's opening), ... Each case is a convention many sellers print, never one
document."""

from __future__ import annotations

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules


def _vendor(text: str) -> str | None:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_rules(doc).vendor.name


@pytest.mark.parametrize(
    ("opening", "name", "rest"),
    [
        ("Sold by", "Pinecrest Kitchens Ltd", "on behalf of Example Marketplace EU\nVAT GB 123 4567 89"),
        ("Verkauft von", "Hausrat Berger GmbH", "im Auftrag von Beispiel Marktplatz S.à r.l."),
        ("Émise par", "Atelier Dumas SARL", "SIRET 123 456 789 00012"),
        ("Verkocht door", "Tuinhuis Jansen B.V.", "namens Voorbeeld Marktplaats"),
        ("Emitido por", "Talleres Arrieta S.L.", "Polígono Ibarrea 4, 20140 Andoain"),
    ],
)
def test_the_name_after_a_sold_by_or_issued_by_opening_is_the_seller(
    opening: str, name: str, rest: str
) -> None:
    text = (
        f"Invoice / Rechnung / Facture / Factuur\n\n{opening} {name}\n{rest}\n\n"
        "Delivery address:\nJulia Kramer\n12 Elm Road\nOxford OX1 2AB\n\n"
        "Invoice number: 2025-88812\nInvoice date: 14/05/2025\n\nSteel pan set     89.99\nTotal     89.99\n"
    )
    assert _vendor(text) == name


@pytest.mark.parametrize(
    ("label", "buyer", "seller", "tail"),
    [
        ("Asiakas:", "Kiinteistö Oy Koivurinne", "Rakennuspalvelu Virtanen Oy", "Laskun numero: 2025-311"),
        ("Customer:", "Harbour Dental Practice", "Northgate Glazing Ltd", "Invoice number: 2025-311"),
    ],
)
def test_a_seller_set_far_right_on_the_buyer_labels_line_is_no_part_of_the_buyers_block(
    label: str, buyer: str, seller: str, tail: str
) -> None:
    # the buyer's block goes on under its label on the left; the seller's block stands on the right
    text = (
        f"INVOICE / LASKU\n\n{label:<49}{seller}\n{buyer:<49}Teollisuustie 12\n"
        f"{'Koivutie 3':<49}33100 Tampere\n33200 Tampere\n\n{tail}\n\n"
        "Work     4 200,00\nTotal     4 200,00\n"
    )
    assert _vendor(text) == seller


@pytest.mark.parametrize(
    ("buyer_label", "seller_label"),
    [("Customer (issuer):", "Supplier:"), ("Käufer (Aussteller):", "Lieferant:")],
)
def test_one_line_blocks_of_a_self_billing_invoice(buyer_label: str, seller_label: str) -> None:
    # the buyer issues the invoice; each party is one labelled line, a qualifier in brackets before the
    # buyer label's colon, a farm's name between the seller's legal form and its town
    text = (
        "SELF-BILLING INVOICE\n\n"
        f"{buyer_label} FreshMart Stores plc, 1 Market Way, Reading RG1 1AA\n"
        f"{seller_label} Greenacre Growers Ltd, Long Furrow Farm, Spalding PE11 3TR\n"
        "Supplier VAT number: GB 193 4458 20\n\nSelf-billing invoice no: SB-55120\nDate: 30/04/2025\n\n"
        "Potatoes 25kg x 120     1,440.00\nTotal     1,440.00\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    result = extract_rules(doc)
    assert result.vendor.name == "Greenacre Growers Ltd"
    assert result.buyer.name == "FreshMart Stores plc"


@pytest.mark.parametrize(
    ("seller", "care_of", "label"),
    [
        ("Fieldstone Studio", "c/o The Workshop Collective", "Billed to:"),
        ("Atelier Brandt", "c/o Coworking Hafen", "Rechnung an:"),
    ],
)
def test_a_care_of_line_in_the_senders_own_block_is_its_address(
    seller: str, care_of: str, label: str
) -> None:
    # the letterhead's name over a "c/o" line and its street; the buyer's block labelled further down
    text = (
        f"{seller}\n{care_of}\n41 Mill Road\nCambridge CB1 2AD\n\nINVOICE #2025-018\n\n{label}\n"
        "Harper & Lane Publishing Ltd\n3 Tavistock Place\nLondon WC1H 9RA\n\nDate: 04/04/2025\n\n"
        "Illustration, 12 plates     2,400.00\nTotal     2,400.00\n"
    )
    assert _vendor(text) == seller


@pytest.mark.parametrize(
    ("head", "closing", "signer", "tax"),
    [
        (
            "SZÁMLA\n\nVevő:\nDuna Csillag Kft.\n1054 Budapest, Szabadság tér 7.\n\n"
            "Számla sorszáma: KA-2025/014\nKelte: 2025.04.11.\n",
            "Tisztelettel:",
            "Kovács Anna",
            "Adószám: 61234567-1-42",
        ),
        (
            "Fatura-recibo n.º 12/2025\nData: 20/05/2025\n\nExmos. Senhores\nClínica Veterinária Sado, Lda.\n"
            "Rua da Praia 4\n2900-123 Setúbal\n",
            "Com os melhores cumprimentos,",
            "Tomás Ferreira",
            "NIF 234 567 899",
        ),
    ],
)
def test_the_name_signing_under_a_letters_closing_is_the_seller(
    head: str, closing: str, signer: str, tax: str
) -> None:
    # a sole trader's invoice written as a letter: the recipient's block at the head, the sender only
    # signing it
    text = f"{head}\nService     450,00\nTotal     450,00\n\n{closing}\n{signer}\n{tax}\n"
    assert _vendor(text) == signer


def test_an_employee_signing_under_a_firms_letterhead_is_no_seller() -> None:
    text = (
        "Harbourline Marine Services\n14 Quay Street\nBristol BS1 4DJ\n\nINVOICE 2291\nDate: 12/03/2025\n\n"
        "Bill to:\nGreenfield Farms Ltd\nManor Lane\nTaunton TA1 2AB\n\nHull cleaning     1,200.00\n"
        "Total     1,200.00\n\nKind regards,\nJames Whitfield\n"
    )
    assert _vendor(text) == "Harbourline Marine Services"


def test_a_buyer_heading_beside_the_sellers_heads_its_own_column() -> None:
    # "Sprzedawca:" on the left, "Nabywca:" on the right: the right column's company is the buyer's,
    # however near the seller's heading
    text = (
        "Faktura VAT nr FV/12/2025\nData wystawienia: 10.05.2025\n"
        f"{'Sprzedawca:':<42}Nabywca:\n{'Usługi Hydrauliczne':<42}Biuro Rachunkowe Lis Sp. z o.o.\n"
        f"{'Jan Nowak':<42}ul. Długa 5\n{'ul. Krakowska 17':<42}31-147 Kraków\n31-062 Kraków\n\n"
        "Wymiana baterii     600,00\nRazem do zapłaty     738,00 zł\n"
    )
    assert _vendor(text) in ("Usługi Hydrauliczne", "Jan Nowak")  # (the trade, or its owner's name)


@pytest.mark.parametrize(
    ("line", "seller"),
    [
        ("M A I S O N   V E R C O R S", "MAISON VERCORS"),  # words parted by a run of spaces
        ("Y I L D I Z   M İ M A R L I K", "YILDIZ MİMARLIK"),
    ],
)
def test_a_name_typed_letter_by_letter_is_read_whole(line: str, seller: str) -> None:
    text = (
        f"          {line}\n          12 rue des Alpes · 38000 Grenoble\n\nFACTURE N° F-2025-031\n"
        "Date : 15/03/2025\n\nClient :\nHôtel du Lac SARL\n4 quai Jules Ferry\n74000 Annecy\n\n"
        "Confiture     201,60\nTotal TTC     212,69\n"
    )
    assert _vendor(text) == seller


@pytest.mark.parametrize(
    "clause",
    ["fulfilled by Example Logistics", "tramite Mercato Online Europa S.à r.l."],
)
def test_the_clause_after_a_sold_by_name_is_no_part_of_it(clause: str) -> None:
    text = (
        f"Invoice\n\nSold by Northbay Outdoor Ltd, {clause}\nVAT GB 274 1938 52\n\n"
        "Billing address\nChloe Adams\n7 Cherry Lane\nYork YO1 7HH\n\nInvoice number: INV-55821\n"
        "Invoice date: 20/05/2025\n\nTrekking poles     39.99\nTotal     39.99\n"
    )
    assert _vendor(text) == "Northbay Outdoor Ltd"


def test_the_owner_under_a_trade_name_is_no_part_of_the_sellers_address() -> None:
    text = (
        "Fotostudio Brandtner e.K.\nFotograf\nStefan Brandtner\nLindenstraße 85\n34117 Kassel\n\n"
        "Kunde:\nSabine Kranich\nHauptstr. 21\n93047 Regensburg\n\nRechnung Nr. 2023/83\n"
        "Rechnungsdatum: 30.03.2023\n\nLogoentwicklung     750,00 €\nRechnungsbetrag     750,00 €\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    result = extract_rules(doc)
    assert result.vendor.name == "Fotostudio Brandtner e.K."
    assert result.vendor.address == "Lindenstraße 85, 34117 Kassel"


def test_laskutettava_heads_the_buyers_block() -> None:
    # Finnish "Laskutettava:" (the party billed): the housing company under it is the buyer
    text = (
        "Lumo Design\nSisustussuunnittelua\n\nLASKU\nLaskun numero: 2025-88\nPäivämäärä: 12.05.2025\n\n"
        "Laskutettava:\nAsunto Oy Hämeenpuisto 20\nHämeenpuisto 20\n33210 Tampere\n\n"
        "Sisustussuunnitelma     1 200,00\nYhteensä     1 506,00 €\n\n"
        "Lumo Design Oy | Y-tunnus 2634516-9 | IBAN FI21 1234 5600 0007 85\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    result = extract_rules(doc)
    assert result.vendor.name in ("Lumo Design", "Lumo Design Oy")
    assert result.buyer.name == "Asunto Oy Hämeenpuisto 20"


@pytest.mark.parametrize(
    ("footer", "seller"),
    [
        (
            "Lindqvist Måleri | Bankgiro 123-4567 | Org.nr 780101-1234 | Godkänd för F-skatt",
            "Lindqvist Måleri",
        ),
        ("Hansen Tømrer · CVR 35224410 · Tlf. +45 20 30 40 50", "Hansen Tømrer"),
    ],
)
def test_a_closing_legal_line_of_the_name_and_its_ids_names_the_seller(footer: str, seller: str) -> None:
    # the recipient's block alone at the head; the sender only in the closing line of ids
    text = (
        "FAKTURA\n\nKund:\nBRF Solgläntan\nSolvägen 12\n191 40 Sollentuna\n\nFakturanr 1043\n"
        "Datum 2025-04-02\n\nMålning trapphus     18 000,00\nAtt betala     22 500,00 kr\n\n"
        f"{footer}\n"
    )
    assert _vendor(text) == seller


def test_a_self_billed_invoice_names_the_supplier_a_seller_heading_labels() -> None:
    # the buyer issues it on its own letterhead; the supplier under "Leverantör:"
    text = (
        "Skogsbolaget Norr AB\nBox 44, 901 02 Umeå\n\nSJÄLVFAKTURA (självfakturering)\n\nLeverantör:\n"
        "Erikssons Skogsentreprenad\nByvägen 3\n922 66 Tavelsjö\nOrg.nr 680512-1234\n\n"
        "Fakturanr: SF-2025-221      Datum: 2025-05-31\n\nGallring 12 ha     96 000,00\n"
        "Att betala     120 000,00 kr\n"
    )
    assert _vendor(text) == "Erikssons Skogsentreprenad"


def test_a_self_billed_invoice_addressed_to_its_supplier_names_it_the_seller() -> None:
    # no seller heading: the letterhead is the issuer (the buyer), the party addressed the supplier
    text = (
        "Autohaus Berger GmbH\nIndustriestraße 4 · 86150 Augsburg\n\n"
        "Autohaus Berger GmbH · Industriestraße 4 · 86150 Augsburg\nHofmann Transporte GmbH\n"
        "Am Güterbahnhof 9\n86153 Augsburg\n\nGutschrift Nr. GS-2025-0147\nDatum: 31.03.2025\n"
        "Abrechnung im Gutschriftverfahren\n\nFahrzeugüberführungen März 2025     2.150,00\n"
        "Gutschriftsbetrag     2.558,50 EUR\n"
    )
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    result = extract_rules(doc)
    assert (result.vendor.name, result.buyer.name) == ("Hofmann Transporte GmbH", "Autohaus Berger GmbH")


def test_a_tax_id_under_its_label_is_no_name() -> None:
    # a sole trader's name over an occupation, its tax id and its address; the buyer labelled below
    text = (
        "Javier Moreno Ruiz\nFontanería y calefacción\nNIF: 12345678Z\nC/ Alcalá 120, 28009 Madrid\n\n"
        "Facturar a:\nGestiones Inmobiliarias Retiro S.L.\nC/ O'Donnell 30\n28009 Madrid\n\n"
        "Factura nº 2025/044      Fecha: 19/06/2025\n\nReparación de tubería     300,00\nTotal     318,00 €\n"
    )
    assert _vendor(text) == "Javier Moreno Ruiz"


def test_the_company_a_registered_office_line_names_is_the_seller() -> None:
    # no letterhead (a logo only): the recipient at the head, the issuer in its legal footer
    text = (
        "                    INVOICE\n                    Invoice no: 2025-0931\n"
        "                    Date: 17 June 2025\nKingfisher Dental Care\n12 Abbey Road\nBath BA1 2AA\n\n"
        "Sterilisation unit service     380.00\nTotal     £456.00\n\n"
        "Registered office: Medequip Services Ltd, 4 Mill Lane, Swindon SN1 3AB. Registered in England "
        "No. 08123456.\n"
    )
    assert _vendor(text) == "Medequip Services Ltd"


def _pdf_page(head: list[str], head_size: float, body: list[str]) -> bytes:
    from datetime import UTC, datetime

    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=head_size)
    y = 20.0
    for line in head:
        pdf.text(20, y, line)
        y += head_size * 0.45
    pdf.set_font("Helvetica", size=10)
    for line in body:
        y += 5
        pdf.text(20, y, line)
    return bytes(pdf.output())


def test_a_name_on_two_lines_in_the_letterheads_type_is_read_whole() -> None:
    # two lines in the same bold 14 points over 10-point text: one name, its address under the second
    from opsloop.extract import extract_invoice
    from opsloop.ingest.readers.pdf import read_pdf

    body = [
        "Via Garibaldi 18",
        "10122 Torino",
        "",
        "Spett.le",
        "Condominio Le Vele",
        "Corso Francia 200",
        "10143 Torino",
        "",
        "Fattura n. 23 del 15/05/2025",
        "Progettazione preliminare 3.000,00",
        "Totale fattura 3.806,40",
    ]
    data = _pdf_page(["Studio Bianchi", "Architetti Associati"], 14, body)
    result = extract_invoice(read_pdf(data), engine="rules")
    assert result.vendor.name == "Studio Bianchi Architetti Associati"
