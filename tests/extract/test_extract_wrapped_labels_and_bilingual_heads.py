"""Labels a narrow column wrapped (a total's under its amount, an order number's, a due date's set without
colons), labels printed in two languages side by side, item table headers wrapped over two rows, and taxes at
two rates whose labels share a cell, each case a document of our own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice


def _read_text(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


_HEAD = (
    "Harbour Lane Tools Ltd\n12 Quay Street, Cork T12 X2Y3\nVAT IE 6388047V\n\n"
    "INVOICE\nInvoice number: HL-5521\nInvoice date: 4 May 2026\nBill to: Brackenridge Farms Ltd\n\n"
    " Description                      Qty     Unit price        Amount\n"
    " Fence posts                       40           5.00        200.00\n\n"
)


def test_a_paid_label_wrapped_under_its_amount_leaves_nothing_due() -> None:
    # GIVEN totals whose last label a narrow column wrapped: "Amount" beside the figure, "paid" under it
    text = _HEAD + (
        "                                         Net                200.00\n"
        "                                         VAT 23%             46.00\n"
        "                                         Total              246.00\n"
        "                                         Amount             246.00\n"
        "                                         paid\n"
    )
    # WHEN it is read  THEN the whole total is paid: nothing is due
    result = _read_text(text)
    assert result.total == Decimal("246.00")
    assert result.amount_due == Decimal("0.00")


def test_an_amount_due_label_wrapped_under_its_amount_is_read_whole() -> None:
    # GIVEN a Polish invoice with a part paid, its remainder's label "Pozostało" / "do zapłaty" over two lines
    text = (
        "Drukarnia Zielona Sp. z o.o.\nul. Polna 8, 30-001 Kraków\nNIP 6761234567\n\n"
        "FAKTURA VAT nr 77/05/2026\nData wystawienia: 06.05.2026\n\n"
        " Lp.  Nazwa                     Ilość     Cena netto       Wartość netto\n"
        " 1    Ulotki A5                  500           4,00            2 000,00\n\n"
        "                                  Razem netto                2 000,00\n"
        "                                  VAT 23%                      460,00\n"
        "                                  Razem brutto                2 460,00\n"
        "                                  Zapłacono                     460,00\n"
        "                                  Pozostało                   2 000,00\n"
        "                                  do zapłaty\n"
    )
    # WHEN it is read  THEN the amount due is the remainder, not the gross
    result = _read_text(text)
    assert result.total == Decimal("2460.00")
    assert result.amount_due == Decimal("2000.00")


def test_an_order_number_label_wrapped_beside_its_value_is_read() -> None:
    # GIVEN a narrow Turkish receipt whose order number's label wrapped: "Sipariş" beside the value, "Numarası:"
    # under it
    text = (
        "        Ege Kırtasiye Ltd. Şti.\n      Atatürk Cad. No: 14\n         35220 İzmir\n"
        "       Vergi No: 1234567890\n              FATURA\n"
        " Fatura No:        EK2026000001207\n Tarih:            3 Mart 2026\n"
        " Sipariş           SP-80412\n Numarası:\n"
        "Sayın: Körfez Lojistik A.Ş.\nKlasör\n              10 × 45,00 = 450,00\n"
        "           Ara Toplam:          450,00\n Hesaplanan KDV %20:           90,00\n"
        "      Ödenecek Tutar: 540,00 TRY\n"
    )
    # WHEN it is read  THEN the order number is the one beside the wrapped label
    assert _read_text(text).po_numbers == ["SP-80412"]


def test_a_due_date_label_wrapped_without_a_colon_reads_its_wrapped_date() -> None:
    # GIVEN a Malay receipt that sets its labels without colons, the due date's label and its value both
    # wrapped ("Tarikh Akhir" / "Bayaran" beside "9 Jun" / "2026")
    text = (
        "        Kedai Runcit Cahaya Sdn. Bhd.\n     No. 7, Jalan Ampang\n        50450 Kuala Lumpur\n"
        "                 Invois\n Nombor Invois            7741\n Tarikh                   12 Mei 2026\n"
        " Tarikh Akhir             9 Jun\n Bayaran                  2026\n"
        "Dibilkan Kepada Syarikat Bintang Sdn. Bhd.\n"
        "Beras\n                   4 × 30.00 = 120.00\n"
        "               Subjumlah          120.00\n       Cukai Jualan 10%             12.00\n"
        " Jumlah Perlu Dibayar RM 132.00\n"
    )
    # WHEN it is read  THEN the due date is the wrapped one, the invoice date its own
    result = _read_text(text)
    assert result.invoice_date == date(2026, 5, 12)
    assert result.due_date == date(2026, 6, 9)


def test_a_balance_after_a_deposit_is_due_though_its_word_also_names_a_receipts_change() -> None:
    # GIVEN a Malay statement whose balance after a deposit is printed "Baki" (the word a till prints for change)
    text = (
        " Daripada:                                            Pelanggan:\n"
        " Syarikat Maju Sdn. Bhd.                              Kilang Seri Sdn. Bhd.\n"
        " Lot 9, Jalan Tun Razak                               No. 3, Jalan Klang\n"
        " 50400 Kuala Lumpur                                   41000 Klang\n"
        "Invois Bil. 2026-0311\n Tarikh: 2 Jun 2026\n"
        " Bil  Perihal                 Kuan.     Harga       Jumlah\n"
        " 1    Kotak kadbod              100      4.00       400.00\n"
        "                              Jumlah Sebelum Cukai:       RM 400.00\n"
        "                                  Cukai Jualan 10%:        RM 40.00\n"
        "                                      Jumlah Besar:       RM 440.00\n"
        "                                           Deposit:       RM 140.00\n"
        "                                              Baki:       RM 300.00\n"
    )
    # WHEN it is read  THEN the amount due is the balance left after the deposit
    result = _read_text(text)
    assert result.total == Decimal("440.00")
    assert result.amount_due == Decimal("300.00")


def test_a_date_label_in_two_languages_labels_the_date_after_its_second_half() -> None:
    # GIVEN a bilingual head: each date's label in Spanish and English, the issue date's label long enough that
    # its first half alone would reach the due date under it
    text = (
        "Factura / Invoice núm. A-2210\n"
        " Fecha de la factura / Date      14.04.2026\n"
        " Vencimiento / Due date 14.05.2026\n"
        " Emisor / Seller                                      Cliente / Customer\n"
        " Talleres Ebro S.L.                                   Distribuciones Turia S.A.\n"
        " Calle Mayor 3, 50001 Zaragoza                        Avenida del Puerto 20, 46021 Valencia\n"
        " Descripción / Description      Cantidad / Quantity      Precio / Unit price      Importe / Amount\n"
        " Tornillería                    10                       12,00                    120,00\n"
        "                                                 Base imponible / Subtotal      120,00 EUR\n"
        "                                                       IVA 21% / VAT 21%         25,20 EUR\n"
        "                                                           Total / Total       145,20 EUR\n"
    )
    # WHEN it is read  THEN the issue date is the one its label pair names, the due date the other
    result = _read_text(text)
    assert result.invoice_date == date(2026, 4, 14)
    assert result.due_date == date(2026, 5, 14)


def test_a_number_word_heading_the_item_columns_is_no_number_label() -> None:
    # GIVEN a bilingual Slovenian invoice whose number follows its title pair, and an item header wrapped over
    # two rows, the second opening with "No." beside "Description"
    text = (
        "RAČUN / Invoice št. 0931-2026\n Datum / Invoice date:         03.03.2026\n"
        " Izdajatelj / Supplier:                         Naročnik / Customer:\n"
        " Gorenjska Les d.o.o.                           Primorje Gradnja d.d.\n"
        " Cesta svobode 4, 4260 Bled                     Obala 12, 6320 Portorož\n"
        " Zap. št. /   Opis /             Kol. / Quantity    Cena / Unit price    Vrednost / Amount\n"
        " No.          Description\n"
        " 1            Hrastove deske     20                 15,00                300,00\n"
        " 2            Vijaki             100                 0,50                 50,00\n"
        "                                          Osnova / Net total:         350,00\n"
        "                                          Znesek DDV 22 % / VAT 22 %:  77,00\n"
        "                                          Skupaj z DDV / Total:       427,00 EUR\n"
    )
    # WHEN it is read  THEN the number is the title's, not the first row's "1"
    assert _read_text(text).invoice_number == "0931-2026"


def test_taxes_at_two_rates_under_a_header_wrapped_over_two_rows_sum_to_the_tax() -> None:
    # GIVEN an item header whose description word wrapped to a second row that also heads the rate column
    # ("VAT %"), and a net over two rates' taxes
    text = (
        "Invoice No 4410\n Date                    2026-02-11\n"
        " Supplier                                         Customer\n"
        " Riverbend Supplies Ltd                           Oakfield Works Ltd\n"
        " 2 Mill Lane, Derby DE1 1AA                       9 Canal Street, Leeds LS1 2BB\n"
        " Line       Works and                  Quantity    Unit price    Rate        Amount\n"
        " No.        goods / Description                                  VAT %\n"
        " 1          Timber                          10         40.00      20 %        400.00\n"
        " 2          Seeds                            4         25.00       5 %        100.00\n"
        "                                                     Net total                  500.00\n"
        "                                                     VAT 20 %                    80.00\n"
        "                                                     VAT 5 %                      5.00\n"
        "                                                     Total                      585.00\n"
    )
    # WHEN it is read  THEN the net and the two taxes' sum balance the total (no tax read under the header)
    result = _read_text(text)
    assert result.subtotal == Decimal("500.00")
    assert result.tax_total == Decimal("85.00")
    assert result.total == Decimal("585.00")


def test_two_rates_labels_sharing_a_cell_under_their_figures_each_read_their_rate() -> None:
    # GIVEN a strip of figures over its labels, the two taxes' labels set a single space apart in one cell
    text = (
        "РАХУНОК-ФАКТУРА\n 518        3 березня 2026 р.\n Рахунок №   Дата\n"
        " ТОВ Поділля                                            ФОП Бондар\n"
        " №     Найменування                    К-сть           Ціна      ПДВ, %       Сума без ПДВ\n"
        " 1     Фарба                            10           100,00        20 %           1 000,00\n"
        " 2     Насіння                          10            50,00         7 %             500,00\n"
        "                                          1 500,00   200,00  35,00   1 735,00 UAH\n"
        "                                           Разом    ПДВ 20 % ПДВ 7 %       Разом з ПДВ\n"
    )
    # WHEN it is read  THEN the tax is both rates' sum and balances the net and the gross
    result = _read_text(text)
    assert result.subtotal == Decimal("1500.00")
    assert result.tax_total == Decimal("235.00")
    assert result.total == Decimal("1735.00")


_CS_HEAD = "FAKTURA - DAŇOVÝ DOKLAD\n"
_CS_TAIL = (
    "\nOdběratel:\nTiskárna Vltava a.s.\nRybná 9, 110 00 Praha 1\n\n"
    " Popis                        Množství     Cena         Celkem\n"
    " Papír                              20      50,00       1 000,00\n\n"
    "                                  Celkem k úhradě      1 000,00 Kč\n"
)


def test_a_bare_czech_number_word_before_a_column_gap_labels_the_number() -> None:
    # GIVEN a Czech facts column whose number's label is the bare "Číslo" and its value a column away, under
    # a wrapped order number's label
    text = (
        _CS_HEAD
        + (
            "Dodavatel:                                   Vystaveno          05.03.2026\n"
            "Kovo Brno s.r.o.                             Číslo              OBJ-3310\n"
            "Lidická 40, 602 00 Brno                      objednávky\n"
            "DIČ: CZ27654321                              Číslo              2026-0188\n"
        )
        + _CS_TAIL
    )
    # WHEN it is read  THEN the number is the invoice's, not the order's under "Číslo" / "objednávky"
    result = _read_text(text)
    assert result.invoice_number == "2026-0188"
