"""GIVEN invoices laid out the ways small firms and accounting programs print them — a letter whose items
are a dashed list, a letterhead whose legal details stand in the footer, a meta block whose labels are
short ("Nr:", "Numer:", "Creditnummer:") or sit a column away from an address — WHEN the rules engine
reads them THEN the number, vendor, dates and items come from the right places. Texts of our own."""

from datetime import date
from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.dates import find_dates
from opsloop.extract.rules.engine import _due_after_deduction, extract_rules
from opsloop.extract.rules.layout import Line, document_lines
from opsloop.extract.rules.lexicon import find_labels, guess_language
from opsloop.extract.rules.lines import recover_lines
from opsloop.extract.rules.numbers import infer_decimal_separator
from opsloop.extract.rules.parties import legal_form, vendor_name_candidates
from opsloop.extract.rules.totals import collect_candidates


def _page(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(_page(text))


def _lines(text: str) -> list[Line]:
    return document_lines(_page(text))


@pytest.mark.parametrize("sign", ["à", "@", "x"])
def test_a_letter_listing_items_with_quantity_and_price_in_brackets_gives_rows(sign: str) -> None:
    # GIVEN a letter-style invoice: no table header, each item a dashed line "description (quantity
    # unit à price)" with its amount at the end
    text = (
        "Wie vereinbart berechnen wir Ihnen:\n"
        f"– Fensterreinigung Büro (3 Std. {sign} 42,50)                                127,50\n"
        f"– Reinigungsmittel (2 Kanister {sign} 18,90)                                  37,80\n"
        "                                                 Summe netto            165,30\n"
    )
    items, _ = recover_lines(_lines(text), ",")
    # THEN each dashed line is an item, the dash and brackets left out of its description
    assert [(i.description, i.quantity, i.unit_price, i.amount) for i in items] == [
        ("Fensterreinigung Büro", Decimal("3"), Decimal("42.50"), Decimal("127.50")),
        ("Reinigungsmittel", Decimal("2"), Decimal("18.90"), Decimal("37.80")),
    ]


def test_a_bracketed_quantity_whose_arithmetic_fails_is_no_item() -> None:
    text = "– Fensterreinigung (3 Std. à 42,50)                                  99,00\n"
    assert recover_lines(_lines(text), ",")[0] == []


def test_item_codes_with_dotted_groups_do_not_vote_for_a_decimal_point() -> None:
    # GIVEN whole-unit amounts grouped with dots ("585.976") and item codes "29.999.57" beside them,
    # and one amount with a decimal comma
    text = "29.999.57  Kábeldob   4 db   146.494   585.976\n16.771.29  Rézcső   5,56 m   1.463   8.134\n"
    # THEN the codes' last groups are no decimals: the comma is the decimal separator
    assert infer_decimal_separator(text) == ","


def test_a_postcode_and_town_a_column_away_is_no_invoice_number() -> None:
    # GIVEN a number label whose value is under it, and the buyer's postcode and town on the label's
    # line a column away
    text = """Sanayi Makina A.Ş.                                Sayın
Atatürk Cad. No: 12                               Deniz Yapı Ltd. Şti.
Fatura No                                         35410 İzmir
2026-000417
Tarih                                             Açıklama                 Tutar
12/03/2026                                        Montaj                  100,00
"""
    assert _extract(text).invoice_number == "2026-000417"


LEGAL_FOOTER = """Rechnung                                                                     Nordlicht Werkzeuge GmbH

Bäckerei Sonnenschein AG                                             Rechnung Nr.:     R-2026-0142
Lindenallee 4                                                        Datum:            15.05.2026
50667 Köln                                                           Währung:          EUR

Pos.  Bezeichnung                                     Menge      Einzelpreis        Gesamt
1     Teigknetmaschine Wartung                            1           240,00        240,00

                                                                  Summe netto       240,00
                                                                  USt. 19 %          45,60
                                                                  Gesamtbetrag      285,60

Nordlicht Werkzeuge GmbH              USt-IdNr.: DE136695976              Bank
Hafenstraße 9                         Amtsgericht Bremen HRB 4711         IBAN: DE89370400440532013000
28195 Bremen
"""


def test_the_name_in_the_legal_footer_beside_the_vat_id_is_the_vendor() -> None:
    # GIVEN a letterhead name alone at the top, the recipient's block under the title without a label,
    # and the seller's name again in the legal footer on the line of its VAT id
    result = _extract(LEGAL_FOOTER)
    # THEN the seller is the name the footer repeats, not the recipient's block
    assert result.vendor.name == "Nordlicht Werkzeuge GmbH"


def test_a_vendor_named_by_its_country_domain_wins_over_an_unlabelled_address_block() -> None:
    # GIVEN a Danish letterhead (address on the right, a .dk domain) and the customer's block under it
    text = """Fjordlys Emballage ApS                                                       Havnevej 12
                                                                              8000 Aarhus
                                                                        www.fjordlys-emballage.dk

Møllers Bageri ApS
Kirkevej 7
2239 København

Fakturanummer: F2026/118        Dato: 14.04.2026
"""
    assert _extract(text).vendor.name == "Fjordlys Emballage ApS"


@pytest.mark.parametrize(
    "domain", ["fjordlys-emballage.dk", "fjordlys-emballage.se", "fjordlys-emballage.cz"]
)
def test_a_country_domain_of_any_pack_spells_the_vendor(domain: str) -> None:
    text = f"Fjordlys Emballage ApS\nHavnevej 12\n8000 Aarhus\nwww.{domain}\n"
    lines = _lines(text)
    signals = {name: found for name, _, _, found in vendor_name_candidates(lines, set())}
    assert signals["Fjordlys Emballage ApS"].get("names_domain") == 1.0


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("Nr:", "2026-0311"),  # Swedish, Danish, Norwegian meta block under the title
        ("Numer:", "2026-0311"),  # Polish
        ("Creditnummer:", "2026-0311"),  # Dutch credit note
        ("Nº rectificativa", "2026-0311"),  # Spanish corrective invoice
        ("Číslo opravného dokladu:", "2026-0311"),  # Czech corrective document
        ("Numero", "FT 2026/311"),  # a bare number word and an id on one cell
    ],
)
def test_short_and_credit_number_labels_name_the_invoice_number(label: str, number: str) -> None:
    text = f"""Faktura
{label}   {number}
Kunde:      Holm Trading
"""
    if label == "Numero":
        text = f"FATTURA                                          {label} {number}\n"
    assert _extract(text).invoice_number == number


def test_a_label_cut_by_a_column_gap_keeps_its_own_cell() -> None:
    # GIVEN a row of column labels whose first label's optional tail is the next cell's word
    line = "Číslo faktury                  Číslo zákazníka                Splatno do"
    # THEN the number label is found in its own cell
    assert [h.text for h in find_labels("invoice_number", line)] == ["Číslo faktury"]


def test_a_customer_number_heading_is_no_buyer_block() -> None:
    assert find_labels("buyer_section", "Zákazník č.          K3263115") == []
    assert [h.text for h in find_labels("buyer_section", "Zákazník")] == ["Zákazník"]


@pytest.mark.parametrize(
    ("text", "value"), [("14/06-2026", date(2026, 6, 14)), ("Dato: 1/6-2026", date(2026, 6, 1))]
)
def test_a_danish_date_with_a_hyphen_before_the_year_is_read(text: str, value: date) -> None:
    assert [d.value for d in find_dates(text)] == [value]


def test_a_greek_series_letter_stays_in_the_number() -> None:
    text = "ΤΙΜΟΛΟΓΙΟ\nΑριθμός: ΤΔΑ 2291\nΗμερομηνία: 14/05/2025\n"
    assert _extract(text).invoice_number == "ΤΔΑ 2291"


def test_the_window_under_a_return_address_beside_the_facts_names_the_buyer() -> None:
    # GIVEN the invoice's facts on the left and the address window on the right, opened by the
    # sender's one-line return address in a cell of its own
    text = """                                                                      Brinkman Installatie B.V.

Factuurnummer:       2026-0410           Brinkman Installatie B.V. · Kanaalweg 8 · 3526 KL Utrecht
Factuurdatum:        14-04-2026          Bakkerij De Molen V.O.F.
Vervaldatum:         28-04-2026          Dorpsstraat 21
                                         1431 AB Aalsmeer
"""
    result = _extract(text)
    assert (result.vendor.name, result.buyer.name) == (
        "Brinkman Installatie B.V.",
        "Bakkerij De Molen V.O.F.",
    )


@pytest.mark.parametrize(("language", "read"), [("lt", True), ("sv", True), ("de", False), (None, False)])
def test_a_year_first_date_parted_by_spaces_is_read_in_a_year_first_language(
    language: str | None, read: bool
) -> None:
    found = [d.value for d in find_dates("Išrašymo data:   2026 05 18", language=language)]
    assert found == ([date(2026, 5, 18)] if read else [])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "FACTURĂ\nFactura nr.: FA-118\nData emiterii: 26/07/2026\nBeneficiar\nDescriere   Cant.   Preț unitar   "
            "Valoare\nServiciu de curierat   4 ore   153,81   615,24\nTotal TVA   21,00\nTotal de plată   636,24 lei\n",
            "ro",
        ),
        (
            "Rechnung Nr. 4711\nKunden-Nr. 12\nAuftrags-Nr. 3\nLieferschein-Nr. 9\nPos. Nr. 1\nArt.-Nr. 5\n"
            "Betrag netto 100,00\nGesamtbetrag 119,00\n",
            "de",
        ),
    ],
)
def test_a_document_language_is_told_by_its_own_words(text: str, language: str) -> None:
    # GIVEN a Romanian invoice (French "de", "TVA" and "total" beside its own words) and a German one
    # full of "Nr." (Polish writes it too) THEN each is read in its language
    assert guess_language(text) == language


@pytest.mark.parametrize(
    ("label", "language_line"),
    [
        ("Termen de plată:", "Total de plată:"),
        ("Tasuda", "Kokku tasuda:"),
        ("Payment due", "Amount due:"),
        # Romanian counts of twenty and more take "de": "30 de zile"
        ("Modalitate de plată: Plata în", "Total de plată:"),
    ],
)
def test_a_payment_term_in_days_is_no_amount_due(label: str, language_line: str) -> None:
    # GIVEN a payment term printed as a number of days beside an amount-due label word
    days = {
        "Termen de plată:": "30 zile",
        "Tasuda": "14 päeva jooksul",
        "Payment due": "30 days",
        "Modalitate de plată: Plata în": "30 de zile",
    }[label]
    text = f"""Subtotal                 100,00
{language_line}           121,00
{label} {days}
"""
    # THEN the number of days is no amount: the labelled amount is due
    assert _extract(text).amount_due == Decimal("121.00")


@pytest.mark.parametrize(
    "label",
    ["Amount credited", "Importo accreditato", "Kreditert beløp", "Krediterat belopp", "Kwota korekty"],
)
def test_a_credit_note_total_labelled_as_the_amount_credited_is_the_total(label: str) -> None:
    text = f"""Credit note
Net total                                  -100,00
VAT 21 %                                    -21,00
{label}                                   -121,00
"""
    assert _extract(text).total == Decimal("-121.00")


def test_the_vat_id_in_the_buyers_unlabelled_block_is_not_the_sellers() -> None:
    # GIVEN a letter whose address window (no buyer label) prints the customer's VAT id first, and the
    # seller's VAT id in its legal footer beside its name
    text = """Rechnung                                                                     Nordlicht Werkzeuge GmbH

Nordlicht Werkzeuge GmbH · Hafenstraße 9 · 28195 Bremen
Bäckerei Sonnenschein AG                                             Rechnung Nr.:     R-2026-0142
Lindenallee 4                                                        Datum:            15.05.2026
50667 Köln
USt-IdNr.: DE762103603

Pos.  Bezeichnung                                     Menge      Einzelpreis        Gesamt
1     Teigknetmaschine Wartung                            1           240,00        240,00
                                                                  Gesamtbetrag      285,60

Nordlicht Werkzeuge GmbH              USt-IdNr.: DE136695976              Bank
"""
    result = _extract(text)
    assert (result.buyer.name, result.vendor.vat_id) == ("Bäckerei Sonnenschein AG", "DE136695976")


def test_a_sender_block_beside_the_facts_column_heads_its_address() -> None:
    # GIVEN the seller's block on the left whose lines alternate with the facts' column on the right
    # (a facts line stands between the name and its street), and the customer's block under the title
    text = """Rannaküla Puit AS                                                     Arve nr
                                                                      2026/118
Tööstuse tee 14                                                       Arve kuupäev
10115 Tallinn                                                         16.07.2026

ARVE
Kaupmehe Ehitus OÜ
Veski tee 7
62598 Narva
"""
    assert _extract(text).vendor.name == "Rannaküla Puit AS"


@pytest.mark.parametrize("domain", ["billing@harbourroofing.com.au", "www.harbourroofing.co.uk"])
def test_a_domain_under_a_country_second_level_spells_the_vendor(domain: str) -> None:
    lines = _lines(f"Harbour Roofing Pty Ltd\n95 King Street\nSydney NSW 2000\n{domain}\n")
    signals = {name: found for name, _, _, found in vendor_name_candidates(lines, set())}
    assert signals["Harbour Roofing Pty Ltd"].get("names_domain") == 1.0


TABLE_WITH_DISCOUNTS_AND_FREIGHT = """ Pos   Beschreibung                              Menge    Einzelpreis       Gesamt
 1     Kupferrohr 15 mm                             10          12,00       120,00
                                                    abzgl. 10 % Rabatt         -12,00
 2     Dübel Nylon 8 mm                              5           4,00        20,00
                                                           Übersicht           128,00
                                                           Skonto 3 %           -3,84
                                                           Fracht               15,00
                                                           Gesamtbetrag        139,16
"""
"""A table whose rows are followed by labelled amounts under the figures' columns: a row's own
discount, then a summary, a discount and freight before the totals."""


def test_summary_discount_and_freight_lines_in_the_totals_column_are_no_items() -> None:
    # GIVEN a table whose rows are followed by labelled amounts standing under the figures' columns:
    # a row's own discount, then a summary, a discount and freight before the totals
    text = TABLE_WITH_DISCOUNTS_AND_FREIGHT
    items, _ = recover_lines(_lines(text), ",")
    # THEN the items are the two rows
    assert [(i.description, i.amount) for i in items] == [
        ("Kupferrohr 15 mm", Decimal("120.00")),
        ("Dübel Nylon 8 mm", Decimal("20.00")),
    ]


@pytest.mark.parametrize(
    ("deposit", "due_label"),
    [("Acconto ricevuto   -300,00", "Totale da pagare"), ("Less deposit paid     300,00", "Balance due")],
)
def test_the_amount_due_is_the_total_less_a_deposit_printed_under_it(deposit: str, due_label: str) -> None:
    text = f"""Imponibile                         819,67
IVA 22 %                           180,33
Totale fattura                   1.000,00
{deposit}
{due_label}                   700,00
"""
    result = _extract(text)
    assert (result.total, result.amount_due) == (Decimal("1000.00"), Decimal("700.00"))


def test_a_tax_tables_net_under_the_total_is_no_deduction() -> None:
    # GIVEN a tax summary under the total: a row printing the net beside the tax, then a total row of
    # the tax alone (the total less the net, by arithmetic only)
    text = """Net                                819,67
Tax 22 %                           180,33
Total                            1.000,00
VAT summary   22 %    819,67    180,33
Total                   819,67    180,33
"""
    lines = _lines(text)
    candidates = collect_candidates(lines, ",")
    total = next(c for c in candidates if c.role == "total" and c.value == Decimal("1000.00"))
    # THEN no amount due is read from it: the net is no deduction printed on a line of its own
    assert _due_after_deduction(lines, candidates, total, ",") is None


def test_an_order_label_in_polish_names_the_po_number() -> None:
    text = """FAKTURA
 Nr faktury    Data wystawienia    Państwa zamówienie      Waluta
 FV/12/2026    2026-10-05          4561370                 PLN
"""
    assert _extract(text).po_numbers == ["4561370"]


def _flush_right_letter() -> bytes:
    """A letter whose letterhead is set flush right (its name in bold), the customer's block under it
    on the left without a label, then the facts."""
    from datetime import UTC, datetime

    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=11)
    pdf.set_xy(110, 15)
    pdf.cell(80, 6, "Serralharia Atlântico Lda.", align="R")
    pdf.set_font("Helvetica", size=9)
    for row, text in enumerate(["Rua do Porto, 11", "4613-577 Aveiro", "Contribuinte n.º: PT508123457"]):
        pdf.set_xy(110, 21 + row * 5)
        pdf.cell(80, 5, text, align="R")
    for row, text in enumerate(["Carpintaria Douro Lda.", "Travessa da Indústria, 40", "3442-354 Braga"]):
        pdf.set_xy(20, 50 + row * 5)
        pdf.cell(80, 5, text)
    for row, text in enumerate(["Fatura n.º:   FT 2026/540", "Data:   11/06/2026", "Total:   1.230,00 EUR"]):
        pdf.set_xy(20, 80 + row * 5)
        pdf.cell(80, 5, text)
    return bytes(pdf.output())


def test_a_letterhead_set_flush_right_heads_its_address() -> None:
    from opsloop.ingest.readers.pdf import read_pdf

    result = extract_rules(read_pdf(_flush_right_letter()))
    # THEN the flush-right block's name is the seller, the unlabelled block on the left the buyer
    assert (result.vendor.name, result.buyer.name) == ("Serralharia Atlântico Lda.", "Carpintaria Douro Lda.")


@pytest.mark.parametrize(
    ("name", "is_form"),
    [
        ("Bergbauern Genossenschaft", True),
        ("Volksbank Nordheide eG", True),
        ("Müller & Partner PartG mbB", True),
        ("Hauptstraße 5, EG", False),  # the ground floor ("Erdgeschoss") of an address
    ],
)
def test_german_and_swiss_cooperative_and_partnership_forms_are_legal_forms(name: str, is_form: bool) -> None:
    assert (legal_form(name) is not None) is is_form


def test_discount_and_freight_under_the_table_are_the_documents_allowance_and_charge() -> None:
    # GIVEN the table of the summary test: a row's discount, a summary, a discount and freight
    text = TABLE_WITH_DISCOUNTS_AND_FREIGHT
    result = _extract(text)
    # THEN the discounts and the freight are the document's allowances and charge (the summary none)
    assert [(c.kind, c.reason, c.amount) for c in result.charges] == [
        ("allowance", "abzgl. 10 % Rabatt", Decimal("12.00")),
        ("allowance", "Skonto 3 %", Decimal("3.84")),
        ("charge", "Fracht", Decimal("15.00")),
    ]


@pytest.mark.parametrize(
    ("dateline_text", "sender"),
    [
        ("Verona, 14 marzo 2026", "MARTA FERRARI"),
        ("Lyon, le 3 février 2026", "CLAIRE DUBOIS"),
        ("Graz, am 5. März 2026", "JONAS HUBER"),
    ],
)
def test_a_letters_dateline_at_the_top_is_no_seller_the_signature_names_it(
    dateline_text: str, sender: str
) -> None:
    # GIVEN a letter-style invoice from a person: the dateline ("Town, date") heads the page at the right,
    # the customer's block under a label, the sender's name and address only under the closing; WHEN read
    # THEN the town of the dateline is not taken for the seller
    text = (
        f"                                              INVOICE\n"
        f"                                                               {dateline_text}\n"
        "Customer:\nPaul Weber\nHauptstraße 70\n8010 Graz\n\n"
        "Invoice number:              2026.014\n\n"
        "Description                                  Qty          Unit price         Amount\n"
        "Illustration                                 2            EUR 400,00         EUR 800,00\n\n"
        "                                             Total                           EUR 800,00\n\n"
        "Payment within 14 days of the invoice date.\nBank: IBAN AT61 1904 3002 3457 3201\n"
        "Thank you for the commission.\nKind regards\n\n"
        f"{sender}\nVia Roma 12\n37121 Verona\nTel. +39 045 555 0199\n"
    )
    assert extract_rules(_page(text)).vendor.name == sender


@pytest.mark.parametrize(
    ("valediction", "signer"),
    [
        ("Z poważaniem", "TOMASZ NOWAK"),
        ("Met vriendelijke groet,", "Sanne de Vries"),
        ("Kind regards,", "Owen Price"),
    ],
)
def test_a_letters_signature_under_its_valediction_names_the_seller_over_a_labelled_customer(
    valediction: str, signer: str
) -> None:
    # GIVEN a letter-style invoice from a person: the customer, a company, under its label at the top, the
    # sender's name, address and phone only under the closing valediction; WHEN read THEN the signer sells
    text = (
        "                                            INVOICE\n"
        "Customer:\nBrightwater Holdings Ltd\n14 Mill Lane\nLeeds LS1 4AB\n\n"
        "Invoice no. 2025/002\n"
        "Description                                   Qty       Unit price              Amount\n"
        "Consulting                                    5             121,25               606,25\n"
        "Travel                                        1              72,90                72,90\n\n"
        "                                                   Total                       679,15 EUR\n\n"
        "Bank: IBAN NL91 ABNA 0417 1643 00\n"
        f"{valediction}\n\n"
        f"{signer}\nKerkstraat 62\n3511 LX Utrecht\nTel. +31 30 555 0101\n"
    )
    assert extract_rules(_page(text)).vendor.name == signer


def test_an_employee_signing_for_a_letterheads_firm_is_not_the_seller() -> None:
    # GIVEN a firm's letterhead (name with legal form, address, VAT id) and a clerk signing the letter;
    # WHEN read THEN the firm sells: a signature weighs less than a letterhead's evidence
    text = (
        "Kessler Haustechnik GmbH\nIndustriestraße 4\n70565 Stuttgart\nUSt-IdNr. DE811234567\n\n"
        "Kunde:\nBrightwater Holdings Ltd\n14 Mill Lane\nLeeds LS1 4AB\n\n"
        "Rechnung Nr. 2025/002\n"
        "Beschreibung                                  Menge     Einzelpreis              Betrag\n"
        "Wartung                                       5             121,25               606,25\n\n"
        "                                                   Gesamt                      606,25 EUR\n\n"
        "Mit freundlichen Grüßen\n\nHans Meier\nBuchhaltung\n"
    )
    assert extract_rules(_page(text)).vendor.name == "Kessler Haustechnik GmbH"


@pytest.mark.parametrize("owner", ["", "Enskild firma: Erik Holm\n"])
@pytest.mark.parametrize("label", ["", "Kund:\n"])
def test_a_page_headers_name_over_its_one_line_contact_line_is_the_seller_over_a_company_under_it(
    owner: str, label: str
) -> None:
    # GIVEN a word-processor page header: the sender's name set right, its street, town and phone on one
    # line under it across the page, then the customer's company block (labelled or not); WHEN read THEN
    # the header's name sells, not the company with a legal form under it
    text = (
        "                                                                    HOLM TRÄDGÅRD\n"
        "Storgatan 5 · 411 38 Göteborg · Tel. +46 31 555 01 99\n"
        f"{owner}{label}"
        "Björk Fastigheter AB\nKungsgatan 30\n903 25 Umeå\n\n"
        "Faktura\nFakturanr:                      79/2023\nDatum:                          6 oktober 2023\n\n"
        "Trädgårdsarbete                                  kr 5 500,00\n"
        "Summa inkl. moms                           kr 5 500,00\n"
    )
    assert extract_rules(_page(text)).vendor.name == "HOLM TRÄDGÅRD"
