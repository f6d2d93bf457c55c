"""Faults a fresh seed of the development generators showed (session 17), each a general convention:
a header the layout wrapped onto two rows heads the item columns on both rows; a title word before a
number label is not that label's value; a value under another field's label in a side column is that
field's, not a title's; a group's name its column wrapped under a membership line is no buyer; an
outstanding amount's Finnish label. Texts of our own."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import DocumentType, InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


def test_the_second_row_of_a_wrapped_item_header_reads_no_total() -> None:
    text = (
        "Harbour Tools Ltd\n12 Quay Street\nBristol BS1 4AA\n\n"
        "Invoice no.: 2024-311        Date: 05/03/2024\n\n"
        "Code     Description                            Qty        Unit         Line\n"
        "                                                           price        total\n"
        "HT-77    Steel bar                                1        9.85         9.85\n\n"
        "                          Items subtotal:                               9.85\n"
        "                          Carriage                                     18.00\n"
        "                          Net total:                                   27.85\n"
        "                          VAT 0% on 27.85                               0.00\n"
        "                          Total:                                       27.85\n"
    )
    for result in _both(text):
        assert result.total == Decimal("27.85")
        assert result.subtotal == Decimal("27.85")


def test_a_title_word_before_a_number_label_is_not_the_label() -> None:
    # "Avoir N°" (the title and the label's first word) is a label too; the one that runs on is read
    text = (
        "Atelier Roussel SARL\n4 rue des Tanneurs\n69002 Lyon\n\n"
        "AVOIR N° d'avoir: AV/25/0042     Date : 02/05/2025\n\n"
        "Désignation                         Quantité      Montant\n"
        "Remise commerciale                         1      -120,00\n\n"
        "Total HT                                          -120,00\n"
        "TVA 20 %                                           -24,00\n"
        "Total TTC                                         -144,00\n"
    )
    for result in _both(text):
        assert result.invoice_number == "AV/25/0042"


_SIDE = " " * 60


def test_a_value_under_another_fields_label_in_a_side_column_is_not_the_titles() -> None:
    # the side column stacks each label over its value; the order number beside the title is the order's
    text = (
        f"Nordvik Bygg AB{_SIDE}Löpnummer\n"
        f"Hamngatan 4{_SIDE}    F-2025-0417\n"
        f"411 06 Göteborg{_SIDE}Fakturadatum\n"
        f"{' ' * 15}{_SIDE}2025-04-02\n"
        f"{' ' * 15}{_SIDE}Ert ordernr\n"
        f"FAKTURA{' ' * 8}{_SIDE}PO-88120\n\n"
        "Benämning                         Antal      Belopp\n"
        "Montering                             2    1 000,00\n\n"
        "Summa exkl. moms                           1 000,00\n"
        "Moms 25 %                                    250,00\n"
        "Att betala                                 1 250,00\n"
    )
    for result in _both(text):
        assert result.invoice_number != "PO-88120"


def test_the_spaces_a_label_takes_count_in_its_gap_to_the_last_cell() -> None:
    # "Faktura" followed by a hundred spaces: a value that far is another column's, not the title's
    text = (
        "Nordvik Bygg AB\nHamngatan 4\n411 06 Göteborg\n\n"
        f"Faktura{' ' * 104}ORD-5512\n\n"
        "Benämning                         Antal      Belopp\n"
        "Montering                             2    1 000,00\n\n"
        "Summa exkl. moms                           1 000,00\n"
        "Moms 25 %                                    250,00\n"
        "Att betala                                 1 250,00\n"
    )
    for result in _both(text):
        assert result.invoice_number != "ORD-5512"


_FI = (
    "Kallio Rakennus Oy\nRantakatu 8\n90100 Oulu\n\n"
    "Lasku nro 2025-118        Laskupäivä 3.4.2025\n\n"
    "Kuvaus                              Määrä      Yhteensä\n"
    "Asennustyö                              4      1 000,00\n\n"
    "Yhteensä ilman ALV                             1 000,00\n"
    "ALV 25,5 %                                       255,00\n"
    "Laskun summa                                   1 255,00\n"
)


def test_what_is_left_open_under_an_advance_is_the_amount_due() -> None:
    # Finnish "Avoinna" (open, outstanding) labels what is left to pay once the advance is deducted
    text = (
        _FI
        + "Maksettu ennakkoon                              -255,00\nAvoinna                                        1 000,00\n"
    )
    for result in _both(text):
        assert result.total == Decimal("1255.00")
        assert result.amount_due == Decimal("1000.00")


def test_opening_hours_are_no_amount_due() -> None:
    text = _FI + "\nAvoinna ma-pe 8.00-16.00\n"
    for result in _both(text):
        assert result.amount_due == Decimal("1255.00")


def test_a_group_name_its_column_wrapped_under_a_membership_line_is_no_buyer() -> None:
    # "Member of the Hale" / "Group plc" in the seller's narrow column: the parent group, not the customer
    text = (
        "Fenwick Joinery                      Invoice\n"
        "Workshop Ltd\n"
        "                                     Invoice no.:     J-40211                  Pryor Estates Ltd\n"
        "14 Mill Lane                         Invoice date:    03/02/2025               9 Chapel Row\n"
        "Leeds LS1 4DY                        Due date:        03/03/2025               York YO1 7HH\n"
        "VAT: GB 287 4411 62\n"
        "Member of the Hale                     #   Description             Qty        Amount\n"
        "                                       1   Oak shelving              2        400.00\n"
        "Group plc\n"
        "                                                          Subtotal            400.00\n"
        "                                                          VAT 20%              80.00\n"
        "                                                          Total GBP           480.00\n"
    )
    for result in _both(text):
        assert result.buyer.name != "Group plc"


def test_a_postcode_and_town_a_column_right_of_an_order_label_is_no_order_number() -> None:
    # a side column stacks "Riferimento ordine" over its value; the buyer's block beside it prints
    # its postcode and town on the label's line
    text = (
        "Studio Ferri S.r.l.\nVia Roma 4\n20121 Milano\n\n"
        "FATTURA N.: 2025/118                      Spett.le\n"
        "DATA: 12/03/2025                          Officine Galli S.p.A.\n"
        "                                          Via Po 77\n"
        "RIFERIMENTO ORDINE                        10124 Torino (TO)\n"
        "OA-7731\n\n"
        "Descrizione                          Quantità        Importo\n"
        "Consulenza                                  1       1.000,00\n\n"
        "Imponibile                                          1.000,00\n"
        "IVA 22%                                               220,00\n"
        "Totale                                              1.220,00\n"
    )
    for result in _both(text):
        assert result.po_numbers == ["OA-7731"]


def test_the_date_under_del_beside_the_number_is_the_invoice_date() -> None:
    # Italian "N. documento ... del ...": the document's number "of" its date; the service date
    # printed under the order's number is another date
    text = (
        "Officina Marchetti S.r.l.\nVia Mazzini 8\n37121 Verona\n\n"
        " Tipo documento            N. documento            del                   Codice destinatario\n"
        " TD01 fattura              A-2025/77               14 marzo 2025         XKZ12AB\n"
        " Ordine n.                                         Data prestazione\n"
        " OR-5521                                           10 marzo 2025\n\n"
        "Descrizione                          Quantità        Importo\n"
        "Riparazione                                 1       1.000,00\n\n"
        "Imponibile                                          1.000,00\n"
        "IVA 22%                                               220,00\n"
        "Totale documento                                    1.220,00\n"
    )
    for result in _both(text):
        assert str(result.invoice_date) == "2025-03-14"


_PT = (
    "Oficina Lopes, Lda.\nRua do Almada 12\n4050-038 Porto\n\n"
    "Fatura n.º FT 2025/88        Data de emissão: 03/02/2025\n\n"
    "Descrição                              Quantidade        Valor\n"
    "Reparação                                       1     1 000,00\n\n"
    "Total ilíquido                                         1 000,00\n"
    "IVA 23%                                                  230,00\n"
    "Total a pagar                                          1 230,00\n"
)


def test_prompt_payment_within_days_is_a_term_not_a_discount() -> None:
    # "Pronto pagamento a N dias" is the payment term; the due date in its sentence is the due date
    text = _PT + "Condições de pagamento: Pronto pagamento a 15 dias (Vencimento: 18/02/2025)\n"
    for result in _both(text):
        assert str(result.due_date) == "2025-02-18"


def test_a_prompt_payment_discounts_date_is_still_no_due_date() -> None:
    text = _PT + "Pronto pagamento com 2% de desconto até 08/02/2025\n"
    for result in _both(text):
        assert str(result.due_date) != "2025-02-08"


def test_a_label_that_holds_its_own_value_above_stacks_nothing() -> None:
    # "Due date: 08.08.2026" over the number's column names its own value; the number is still read
    text = (
        f"Lakeside Telecom Ltd{' ' * 70}Due date: 08.08.2026\n"
        f"{' ' * 20}Invoice number{' ' * 56}A-4471-09\n"
        "Harbour Row 3\nCork T12 X5Y2\n\n"
        "Description                          Qty        Amount\n"
        "Line rental                            1        100.00\n\n"
        "Subtotal                                        100.00\n"
        "VAT 23%                                          23.00\n"
        "Total                                           123.00\n"
    )
    for result in _both(text):
        assert result.invoice_number == "A-4471-09"


def test_sold_to_labels_the_buyer_in_french() -> None:
    # "Vendu à" (sold to) and "Expédier à" (ship to) head the customer's blocks, as "Sold to" / "Ship to"
    text = (
        "Boisvert et Fils Ltée                                   FACTURE\n"
        "12, rue Principale\nSherbrooke (Qc) J1H 1A1\n\n"
        "Numéro de facture : 4410        Date : 12 mars 2025\n\n"
        "  Vendu à                                      Expédier à\n"
        "  Menuiserie Lavoie s.e.n.c.                   Menuiserie Lavoie s.e.n.c.\n"
        "  45, rue King Ouest                           9, chemin du Lac\n"
        "  Sherbrooke (Qc) J1H 1P5                      Magog (Qc) J1X 3W2\n\n"
        "Libellé                              Qté        Total\n"
        "Planches de pin                        4       400,00\n\n"
        "Sous-total                                     400,00\n"
        "TPS 5 %                                         20,00\n"
        "Total                                          420,00\n"
    )
    for result in _both(text):
        assert result.buyer.name == "Menuiserie Lavoie s.e.n.c."


def test_payment_by_labels_the_due_date_in_portuguese() -> None:
    # "Pagamento até" (payment by), the noun beside "Pagar até" (pay by)
    text = _PT.replace(
        "Fatura n.º FT 2025/88        Data de emissão: 03/02/2025\n",
        f"N.º Documento{' ' * 30}FT 2025/88\nData{' ' * 39}2025-02-03\nPagamento até{' ' * 30}2025-03-05\n",
    )
    for result in _both(text):
        assert str(result.due_date) == "2025-03-05"


def test_a_credit_note_for_an_invoice_is_no_self_billed_invoice() -> None:
    # "Gutschrift zur Rechnung R-1001" names the invoice it credits; "Gutschrift (Rechnung)" would
    # qualify it as a self-billed invoice
    text = (
        "Keller Sanitär GmbH\nSeestrasse 5\n8002 Zürich\n\n"
        "Gutschrift zur Rechnung R-1001\n\n"
        "Gutschrift-Nr.: G-2025-044        Datum: 14.03.2025\n\n"
        "Bezeichnung                          Menge        Betrag\n"
        "Rückgabe Armatur                         1        100.00\n\n"
        "Nettobetrag                                       100.00\n"
        "MWST 8.1 %                                          8.10\n"
        "Gesamtbetrag                                      108.10\n"
    )
    for result in _both(text):
        assert result.document_type is DocumentType.CREDIT_NOTE


def _hu_summary(tail: str) -> str:
    return (
        "Tisza Gépszerviz Kft.\nKossuth utca 4\n6720 Szeged\n\n"
        "Számla sorszáma: SZ-2025-0412        Számla kelte: 2025. 03. 14.\n\n"
        "Megnevezés                           Menny.        Nettó érték\n"
        "Karbantartás                              2          100 000\n\n"
        "  Nettó összesen                ÁFA 27 %             ÁFA összesen Bruttó összesen          Pénznem\n"
        "          100 000                 27 000                 27 000           127 000          HUF\n"
        f"{tail}"
    )


def test_two_labels_of_several_words_side_by_side_are_two_columns() -> None:
    # "ÁFA összesen Bruttó összesen": the tax's and the gross's columns, their gap lost, not one label
    for result in _both(_hu_summary("")):
        assert result.total == Decimal("127000")
        assert result.tax_total == Decimal("27000")


def test_a_sentence_under_a_summary_row_is_no_row_of_it() -> None:
    tail = "Fizetés 30 napon belül, 2025. 03. 24.-ig történő fizetés esetén 2 % engedmény (2 540 Ft).\n"
    for result in _both(_hu_summary(tail)):
        assert result.total == Decimal("127000")
        assert result.subtotal == Decimal("100000")


def test_a_bare_preposition_opening_a_period_labels_no_invoice_date() -> None:
    # "del 01/02/2025 al 28/02/2025": a billing period's bounds, not the invoice's date
    text = (
        "Aguas del Norte S.A.\nCalle Mayor 5\n48001 Bilbao\n\n"
        " Nº factura                 Fecha emisión              Periodo\n"
        " 7710024                    06/03/2025                 del 01/02/2025 al 28/02/2025\n\n"
        "Concepto                             Cantidad        Importe\n"
        "Consumo de agua                             1         100,00\n\n"
        "Base imponible                                        100,00\n"
        "IVA 10 %                                               10,00\n"
        "Total factura                                         110,00\n"
    )
    for result in _both(text):
        assert str(result.invoice_date) == "2025-03-06"


def test_order_numbers_a_column_right_of_their_label_are_still_read() -> None:
    # only a postcode and town a column away is another block's line; a list of order numbers is not
    text = (
        "TAX INVOICE\n\nInvoice No.                  INV-2207\n"
        "P.O. #                       448120, C2209931\n\n"
        "Harbour Supplies Pty Ltd\n12 Wharf Street\nHobart TAS 7000\n\n"
        "Details                              Qty        Amount\n"
        "Rope, 20 m                             1        100.00\n\n"
        "Total ex GST                                    100.00\n"
        "GST 10%                                          10.00\n"
        "Total AUD                                       110.00\n"
    )
    for result in _both(text):
        assert result.po_numbers == ["448120", "C2209931"]


def test_a_number_label_its_column_wrapped_reads_the_value_beside_it() -> None:
    # "Αριθμός" / "τιμολογίου:" (number / of invoice) in a narrow column, the value right of the first line
    pad = " " * 50
    text = (
        f"Παπαδάκης Ο.Ε.{pad}              Τιμολόγιο\n"
        f"Ερμού 12{pad}                    Αριθμός     ΤΠ-3317\n"
        f"105 63 Αθήνα{pad}              τιμολογίου:\n"
        f"{' ' * 62}           Ημερομηνία  14/03/2025\n\n"
        "Περιγραφή                          Ποσότητα        Αξία\n"
        "Επισκευή                                  1      100,00\n\n"
        "Καθαρή αξία                                      100,00\n"
        "ΦΠΑ 24%                                           24,00\n"
        "Σύνολο                                           124,00\n"
    )
    for result in _both(text):
        assert result.invoice_number == "ΤΠ-3317"


def test_a_polish_fiscal_receipts_total_is_its_suma_pln_line() -> None:
    # a Polish fiscal receipt ("paragon fiskalny") prints its total as "SUMA PLN"
    text = (
        "Piekarnia Zawada Sp. z o.o.\nul. Długa 5\n80-827 Gdańsk\nNIP: 5842739110\n"
        "PARAGON FISKALNY\n"
        "Chleb żytni                                   12,40 C\n"
        "Masło                                          9,80 C\n"
        "Suma                                          22,20\n"
        "SUMA PLN                                      22,20\n"
        "Karta                                         22,20\n"
        "VAT          %          Netto        VAT       Brutto\n"
        "C            5 %        21,14       1,06        22,20\n"
    )
    for result in _both(text):
        assert result.total == Decimal("22.20")


def test_a_due_date_its_line_broke_after_the_day_is_read_across_the_break() -> None:
    # "... uiterste betaaldatum 21" / "maart 2025": the day ends one line, the month and year open the next
    text = (
        "Visser Techniek B.V.\nKerkstraat 4\n3511 LX Utrecht\n\n"
        "Factuurnummer: 25-118        Factuurdatum: 19 februari 2025\n\n"
        "Omschrijving                         Aantal       Bedrag\n"
        "Onderhoud                                 1       100,00\n\n"
        "Netto bedrag                                      100,00\n"
        "BTW 21%                                            21,00\n"
        "Totaal                                            121,00\n"
        "Betalingsvoorwaarden: graag binnen 30 dagen overmaken. Uiterste betaaldatum 21\n"
        "maart 2025\n"
    )
    for result in _both(text):
        assert str(result.due_date) == "2025-03-21"


def test_a_number_a_wide_column_away_is_read_once_the_label_takes_the_spaces_after_it() -> None:
    """A receipt's two-column box: the label left, its value the line's last cell far right. The label's
    pattern takes the white space after it; the gap to the value counts that white space once."""
    text = (
        "Tienda Ejemplo\n"
        "      Recibo de pago\n"
        "      Fecha" + " " * 68 + "03/02/2025\n"
        "      Número de factura" + " " * 56 + "TE/2025/4411\n"
        "      Plan anual                                     120,00 EUR\n"
        "      Total                                          120,00 EUR\n"
    )
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    assert extract_invoice(parsed, engine="rules", text_only=True).invoice_number == "TE/2025/4411"
