"""GIVEN invoices laid out as other people's generators lay them out (session 22's third-party documents,
each case written here from scratch) WHEN the rules engine reads them THEN a price printed with the unit it
is per ("21,84 €/Stk"), a column headed "Rate/Unit" or "Prix/Unité", an "Activity" and "Count" column, a
"Sum (gross)" line, a "Ref no:" or "Referencia:" number, a Dutch "Rekening No.", a Swedish "Slutsumma"
and "Mellansumma", a contact person's name over the buyer firm's, and a currency sign that stands for a
lost letter inside a word are read as a clerk reads them."""

import re
from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _read(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_price_per_unit_is_read_with_its_unit() -> None:
    text = (
        "Tischlerei Albrecht GmbH\nWerkstraße 4, 34117 Kassel\n\n"
        "Rechnung 2025-118                                          Kassel, 03.04.2025\n\n"
        "   #   Beschreibung                          Einzelpreis          Anzahl      Gesamtpreis\n"
        "   1   Montagearbeiten                         64,50 €/h             6,00         387,00 €\n"
        "   2   Eichenbrett 2 m                         38,20 €/Stk          12,00         458,40 €\n"
        "   3   Anfahrt                                 35,00 €               1,00          35,00 €\n"
        "                                                     Summe (netto)             880,40 €\n"
        "                                                     +19,00% USt               167,28 €\n"
        "                                                     Summe (brutto)           1047,68 €\n"
    )
    lines = _read(text).lines
    assert [(line.unit_price, line.unit) for line in lines[:2]] == [
        (Decimal("64.50"), "h"),
        (Decimal("38.20"), "Stk"),
    ]
    assert lines[2].unit_price == Decimal("35.00")


def test_rate_per_unit_and_count_columns_head_an_english_table() -> None:
    text = (
        "Marlow Joinery Ltd\n14 Dock Road, Hull HU1 2AB\nInvoice no: 4471\nDate: 02/05/2025\n\n"
        "       Activity                          Rate/Unit     Count    Amount (GBP)\n"
        "       Fitting doors                         45.50         6          273.00\n"
        "       Site survey                           80.00         1           80.00\n"
        "       VAT (20%)                                                       70.60\n"
        "       Total                                                          423.60\n"
    )
    lines = _read(text).lines
    assert [(line.description, line.quantity, line.unit_price) for line in lines] == [
        ("Fitting doors", Decimal("6"), Decimal("45.50")),
        ("Site survey", Decimal("1"), Decimal("80.00")),
    ]


def _row_under(head: str, cells: list[str]) -> str:
    """A row whose first cell starts under the head's first word and whose figures end under the others."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", head)]
    row = cells[0].ljust(words[1][0])
    for (_, end), cell in zip(words[1:], cells[1:], strict=True):
        row = row.ljust(end - len(cell)) + cell
    return row


def test_price_per_unit_headings_in_five_languages() -> None:
    heads = {
        "Activité              Prix/Unité     Quantité    Montant (EUR)": "Pose de parquet",
        "Activiteit            Prijs/Eenheid    Aantal     Bedrag (EUR)": "Schilderwerk",
        "Attività              Prezzo/Unità   Quantità  Ammontare (EUR)": "Tinteggiatura",
        "Actividad             Precio/Unidad     Horas    Importe (EUR)": "Pintura",
        "Aktivitet             Pris/Enhet        Antal     Belopp (SEK)": "Målning",
    }
    for head, item in heads.items():
        text = (
            "Atelier Norden\nRue Haute 3, 1000 Bruxelles\nInvoice 88-12\n\n"
            f"       {head}\n"
            f"       {_row_under(head, [item, '52.40', '3', '157.20'])}\n"
            f"       {_row_under(head, ['Total', '', '', '157.20'])}\n"
        )
        lines = _read(text).lines
        assert [(line.description, line.quantity, line.unit_price) for line in lines] == [
            (item, Decimal("3"), Decimal("52.40"))
        ], head


def test_sum_gross_is_the_total_and_sum_net_the_subtotal() -> None:
    text = (
        "Blue Harbour Catering Co.\n88 Market Road, Portland, OR 97205\nInvoice R-1655\n\n"
        "   #   Description                     Unit Price     Quantity     Line Total\n"
        "   1   Lunch buffet                     281.42 €          1.00       281.42 €\n"
        "   2   Coffee service                   430.95 €          1.00       430.95 €\n"
        "                                          Sum (net)                  712.37 €\n"
        "                                          +7.00% VAT                  19.69 €\n"
        "                                          +19.00% VAT                 81.88 €\n"
        "                                          Sum (gross)                813.94 €\n"
    )
    result = _read(text)
    assert (result.subtotal, result.total) == (Decimal("712.37"), Decimal("813.94"))


def test_a_ref_no_under_the_title_is_the_invoice_number() -> None:
    text = (
        "Hollis Garden Supply Ltd                                   I N V O I C E\n"
        "4 Mill Road, Exeter EX1 1AA                                Ref no: #5521\n"
        "Tel: 01392 555 010                                         Date: 12/03/2025\n\n"
        " Item                        Qty    Price      Total\n"
        " Compost 50L                 4      £12.50     £50.00\n"
        "                                   Grand Total £50.00\n"
    )
    assert _read(text).invoice_number == "5521"


def test_a_spanish_referencia_is_the_invoice_number() -> None:
    text = (
        "Talleres Ebro S.L.                                          F A C T U R A\n"
        "Calle Mayor 12, 50001 Zaragoza                              Referencia: #7730\n"
        "                                                            Fecha: 17/02/2026\n\n"
        " Artículo                      Cantidad    Precio      Total\n"
        " Revisión caldera              1           90,00 €     90,00 €\n"
        "                                           Total       90,00 €\n"
    )
    assert _read(text).invoice_number == "7730"


def test_a_dutch_rekening_no_is_the_invoice_number() -> None:
    text = (
        "Bakker Installaties B.V.\nMolenstraat 18, 3511 KL Utrecht\n\n"
        "    Klant No.                 Rekening No.                Datum\n"
        "    4564                      R2025-0834                  17-08-2025\n\n"
        "    Omschrijving                 Aantal     Bedrag\n"
        "    Onderhoud cv-ketel           1          95,00\n"
        "    Totaal                                  95,00\n"
    )
    assert _read(text).invoice_number == "R2025-0834"


def test_a_swedish_slutsumma_is_the_total_and_a_mellansumma_no_item() -> None:
    text = (
        "Lindqvist Bygg AB\nStorgatan 4, 111 51 Stockholm\nFakturanummer 2025-485\n\n"
        "    Beskrivning                        Pris      Antal      Belopp (SEK)\n"
        "    Snickeriarbete                    62.63          6            375.78\n"
        "    Mellansumma Snickeriarbete                                    375.78\n"
        "    Moms (25%)                                                     93.95\n\n"
        "    Utlägg                                                         SEK\n"
        "    Hotell                                                        258.78\n\n"
        "    Summa Arvoden                                                 375.78\n"
        "    Summa Moms                                                     93.95\n"
        "    Summa Utlägg                                                  258.78\n"
        "    Slutsumma                                                     728.51\n"
    )
    result = _read(text)
    assert result.total == Decimal("728.51")
    assert all("Mellansumma" not in (line.description or "") for line in result.lines)


def test_a_contact_persons_name_over_the_firm_leaves_the_firm_the_buyer() -> None:
    text = (
        "Hollis Garden Supply Ltd                                   INVOICE\n"
        "4 Mill Road, Exeter EX1 1AA                                Invoice no: 5521\n\n"
        "Bill To\nSarah Miles\nGreenway Landscapes Ltd\n9 Oak Lane, Bath BA1 2BB\n\n"
        " Item                        Qty    Price      Total\n"
        " Compost 50L                 4      £12.50     £50.00\n"
        "                                   Grand Total £50.00\n"
    )
    assert _read(text).buyer.name == "Greenway Landscapes Ltd"
    # a person's name over a line that names no firm stays the buyer
    alone = text.replace("Greenway Landscapes Ltd\n", "")
    assert _read(alone).buyer.name == "Sarah Miles"


def test_a_pound_or_yen_sign_standing_for_a_lost_letter_is_no_currency() -> None:
    # a PDF whose font maps a letter to the code of "£" or "¥" ("Fakturační číslo" read "Fakura£ní £íslo")
    text = (
        "Novák Elektro s.r.o.\nVinohradská 25, 120 00 Praha 2\n\n"
        "    Zákaznické £íslo          Fakturační číslo          Datum\n"
        "    5989                      2025-409                  17.10.2025\n\n"
        "    Popis                          Cena     Po£et     Cena (CZK)\n"
        "    Konzultace                   139.26         8        1114.08\n"
        "    Mezisou£et                                           1114.08\n"
        "    DPH (21%)                                             233.96\n"
        "    Celkem k úhrad¥                                      1348.04\n"
    )
    assert _read(text).currency == "CZK"


_EXPORT_FORM = (
    "                                                        Prairie Optics LLC\n"
    "                                                        COMPANY NAME\n"
    "                                                        220 Harbor Way\n"
    "                                                        Oakland, CA 94607\n"
    "                                                        COMPANY ADDRESS\n\n"
    "                                    COMMERCIAL INVOICE\n"
    "DATE OF EXPORTATION                                     EXPORT REFERENCES (i.e. order no., invoice no.)\n"
    "04/11/2025                                              PO 552, Invoice EX-7781\n"
    "FULL DESCRIPTION OF GOODS                            QTY.    UNIT VALUE         TOTAL VALUE\n"
    "Lens cleaning kits                                   40      12.50              500.00\n"
    "Tripod mounts                                        12      31.25              375.00\n"
    "             TOTAL                                   TOTAL                    TOTAL\n"
    "             NO OF                                   WEIGHT                   INVOICE\n"
    "             PKGS.                                                            VALUE\n"
    "             6                                       24.0                     $875.00\n"
)


def test_the_invoice_named_among_a_fields_references_is_its_number() -> None:
    assert _read(_EXPORT_FORM).invoice_number == "EX-7781"


def test_a_total_label_set_word_by_word_down_a_box_reads_the_amount_under_it() -> None:
    assert _read(_EXPORT_FORM).total == Decimal("875.00")


def test_a_forms_caption_under_a_name_is_no_buyer() -> None:
    assert _read(_EXPORT_FORM).buyer.name not in ("COMPANY NAME", "COMPANY ADDRESS")


def test_a_french_amount_whose_font_lost_its_group_mark_to_a_slash() -> None:
    # GIVEN amounts formatted "2 605,32 €" with U+202F, printed by a font that keeps the low byte: "/"
    text = (
        "Atelier Roux SARL                                                      F A C T U R E\n"
        "14 rue des Tanneurs, 69002 Lyon                                        Réf. : #8583\n\n"
        " Article                          Qté     Prix          Total\n"
        " Pose de luminaires               4       651,33 €      2 /605,32 €\n"
        " Câblage réseau                   1       90,31 €       90,31 €\n"
        "                                          Sous-total    2 /695,63 €\n"
        "                                          Total         2 /695,63 €\n"
    )
    result = _read(text)
    assert result.total == Decimal("2695.63")
    assert [line.amount for line in result.lines] == [Decimal("2605.32"), Decimal("90.31")]


def test_a_figure_before_a_slash_and_more_figures_is_no_amount() -> None:
    from opsloop.extract.rules.numbers import find_amounts

    assert [a.text for a in find_amounts("Pipe 3 /4 inch   12.50")] == ["12.50"]


def test_a_contact_over_a_firm_named_by_a_trade_word_or_an_owner() -> None:
    for firm in ("Meridian Dental Group", "Gasthof Zur Linde Inh. Maria Huber"):
        text = (
            "Hollis Garden Supply Ltd                                   INVOICE\n"
            "4 Mill Road, Exeter EX1 1AA                                Invoice no: 5521\n\n"
            f"Bill To\nAlex Jordan\n{firm}\n9 Oak Lane, Bath BA1 2BB\n\n"
            " Item                        Qty    Price      Total\n"
            " Compost 50L                 4      £12.50     £50.00\n"
            "                                   Grand Total £50.00\n"
        )
        assert _read(text).buyer.name == firm
    # a street under the person's name is no firm, a trade word in it or not ("187 Market Street")
    street = text.replace("Gasthof Zur Linde Inh. Maria Huber\n9 Oak Lane", "187 Market Street")
    assert _read(street).buyer.name == "Alex Jordan"


def test_a_number_labelled_alone_keeps_what_precedes_a_comma_in_its_value() -> None:
    # a label of one number ("Invoice No."): its value may go on after a comma with another numbered thing
    # ("HL-20417, Nr. 2"); only a label listing several references ("order no., invoice no.") lists them in
    # its value, each named
    text = (
        "Harbor Lane Supplies Ltd\n"
        "12 Quay Street, Bristol BS1 4DJ\n\n"
        "INVOICE\n"
        "Invoice No.            Date\n"
        "HL-20417, Nr. 2        04/11/2025\n\n"
        "Description                                QTY    UNIT PRICE      AMOUNT\n"
        "Storage crates                              10         8.50       85.00\n"
        "                                                       TOTAL      85.00\n"
    )
    assert _read(text).invoice_number == "HL-20417"
