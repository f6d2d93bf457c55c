"""Conventions found on the first seed of an outsider's fpdf2 generator (evals/synth22), each worded
generally and tested with documents of our own: a due date given only in a sentence that asks for the
amount, ..."""

from __future__ import annotations

from datetime import date
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


def _one_service(head: str, total: str, amount: str, after: str) -> str:
    """A one-line invoice of ours: the seller, ``head``, one service and its total, then ``after``."""
    return f"Example Supplies\n{head}\n\n{'Service':42s}{amount}\n{total:42s}{amount}\n\n{after}\n"


@pytest.mark.parametrize(
    ("dated", "sentence", "due"),
    [
        ("Rechnungsdatum: 03.02.2026", "Bitte zahlen Sie 880,00 € bis 17.02.2026.", date(2026, 2, 17)),
        (
            "Factuurdatum: 03-02-2026",
            "Wij vragen 880,00 € te voldoen uiterlijk 17-02-2026.",
            date(2026, 2, 17),
        ),
        ("Data wystawienia: 03.02.2026", "Prosimy zapłacić 880,00 zł do 17.02.2026.", date(2026, 2, 17)),
        ("Laskun päiväys: 03.02.2026", "Maksathan 880,00 € viimeistään 17.2.2026.", date(2026, 2, 17)),
        ("Laskun päiväys: 03.02.2026", "Maksu 880,00 € 17.2.2026 mennessä.", date(2026, 2, 17)),
        ("Fecha: 03/02/2026", "Rogamos transfieran 880,00 € hasta el 17/02/2026.", date(2026, 2, 17)),
        ("Date : 03/02/2026", "Veuillez payer 880,00 € avant le 17/02/2026.", date(2026, 2, 17)),
        ("Data: 03/02/2026", "Da saldare 880,00 € entro il 17/02/2026.", date(2026, 2, 17)),
        ("Data emiterii: 03.02.2026", "Achitați 880,00 lei până la 17.02.2026.", date(2026, 2, 17)),
        ("Invoice date: 3 Feb 2026", "Kindly pay €880.00 by 17 Feb 2026.", date(2026, 2, 17)),
    ],
)
def test_a_request_to_pay_the_amount_by_a_date_names_the_due_date(
    dated: str, sentence: str, due: date
) -> None:
    # GIVEN no due-date label: the one date stands in a short sentence asking for the amount, the amount
    # and its currency printed between the verb and the deadline word
    assert _read(_one_service(f"{dated}\nNo. 2026-118", "Total", "880,00", sentence)).due_date == due


@pytest.mark.parametrize(
    ("head", "total", "offer"),
    [
        (
            "Invoice No. 7781\nInvoice date: 02/03/2026",
            "Total",
            "3 % discount for payment by 12/03/2026, amount payable 970.00.",
        ),
        (
            "Rechnung Nr. 7781\nDatum: 02.03.2026",
            "Gesamtbetrag",
            "Abzüglich 3 % Skonto bei Zahlung bis 12.03.2026 – Zahlbetrag 970,00.",
        ),
        (
            "Factuur 7781\nFactuurdatum: 02-03-2026",
            "Totaal",
            "Bij betaling binnen 10 dagen 3 % korting, dan te betalen 970,00.",
        ),
        (
            "Fattura 7781\nData: 02/03/2026",
            "Totale",
            "Sconto 3 % per pagamento entro il 12/03/2026: netto a pagare 970,00.",
        ),
    ],
)
def test_the_amount_offered_for_early_payment_is_never_the_amount_due(
    head: str, total: str, offer: str
) -> None:
    # GIVEN an invoice whose only line naming an amount to pay is the cash-discount offer under the total
    result = _read(_one_service(head, total, "1000,00", offer))
    # THEN the amount due is the invoice's total: the discount is an offer the buyer may take
    assert result.total == Decimal("1000.00")
    assert result.amount_due == Decimal("1000.00")


_UNDER = (
    "Nordwerk Metall GmbH\nHauptstraße 12, 80331 München\n\nRechnung Nr. 2026-0412\nRechnungsdatum: 09.03.2026\n\n"
    " Bezeichnung                                   Menge       Preis        Betrag\n"
    " Stahlwinkel 40 mm                                10       24,00        240,00\n"
    " Lochblech 2 mm                                    4      115,00        460,00\n\n"
    "                                                                        700,00\n"
    "                                                                   Nettobetrag\n"
    "                                                                        133,00\n"
    "                                                            MwSt. 19 % (700,00)\n"
    "                                                                      833,00 €\n"
    "                                                                 Gesamtbetrag\n"
    "{deposit}"
    "\nVielen Dank für Ihren Auftrag.\n"
)


def test_totals_printed_over_their_labels_are_read_with_the_label_under_them() -> None:
    # GIVEN a totals column where every figure stands ABOVE its label (the figure, then its word)
    result = _read(_UNDER.format(deposit=""))
    # THEN each label reads the figure over it, not the next figure under it
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("700.00"),
        Decimal("133.00"),
        Decimal("833.00"),
    )


def test_a_deposit_printed_over_its_label_leaves_the_rest_to_pay() -> None:
    # GIVEN the same column going on with an advance paid and the balance, each over its label
    deposit = (
        "                                                                       -300,00\n"
        "                                                                     Anzahlung\n"
        "                                                                      533,00 €\n"
        "                                                                 Restbetrag\n"
    )
    result = _read(_UNDER.format(deposit=deposit))
    # THEN the advance is no credit: the invoice's total stands, the balance is the amount due
    assert result.document_type == "invoice"
    assert (result.total, result.amount_due) == (Decimal("833.00"), Decimal("533.00"))


@pytest.mark.parametrize(
    ("seller", "seller_caption", "buyer", "buyer_caption"),
    [
        ("Hartmann Werkzeuge GmbH", "Lieferant", "Berger & Sohn KG", "Kunde"),
        ("Ashdown Joinery Ltd", "Supplier", "Pembroke Kitchens Ltd", "Customer"),
    ],
)
def test_party_captions_printed_under_their_blocks_name_the_block_above(
    seller: str, seller_caption: str, buyer: str, buyer_caption: str
) -> None:
    # GIVEN a form that prints each party's caption UNDER its block (the block, then its caption)
    text = (
        f"{seller:58s}Invoice\n4 Ring Road, 50667 Cologne\n{seller_caption}\n\n"
        f"{buyer}\n9 Market Street\n04109 Leipzig\n{buyer_caption}\n\n"
        "  R-5521            12.02.2026\n  Invoice No.       Invoice date\n\n"
        " Description                                   Qty       Price        Amount\n"
        " Hinge set                                       10       24.00        240.00\n"
        "                                               Total                   240.00\n"
    )
    result = _read(text)
    # THEN the caption names the block over it: the seller is the seller, the buyer the buyer
    assert result.vendor.name == seller
    assert result.buyer is not None and result.buyer.name == buyer


def test_a_date_column_of_the_item_table_gives_no_invoice_date() -> None:
    # GIVEN an hours invoice: its title (with the number) right over an item table whose first column is
    # the day each service was done, headed by the word for date
    text = (
        "Example Consulting Ltd\n12 Quay Street, Bristol BS1 4DJ\n\n"
        "                                                  Date:          14/03/2026\n\n"
        "Invoice no. 2026-55\n"
        " Date          Description                     Hours       Rate      Amount\n"
        " 02/03/2026    Workshop                            4      90.00      360.00\n"
        " 05/03/2026    Follow-up call                      1      90.00       90.00\n"
        "                                               Total                 450.00\n"
    )
    # THEN the invoice date is the one its label gives, not a service's day
    assert _read(text).invoice_date == date(2026, 3, 14)


def test_an_article_in_a_sentence_labels_no_date_under_it() -> None:
    # GIVEN a French reverse-charge note ("... par le preneur") over a sentence with a payment date: "le" is
    # an article before its noun there, no "le <date>" of the invoice
    text = (
        "Atelier Exemple SARL\n\n"
        " N° de facture     Date           Bon de livraison\n"
        " F-88              02/03/2026     BL-551\n\n"
        " Désignation                                Qté      PU HT      Total HT\n"
        " Pose de cloison                              1     500,00        500,00\n"
        "                                          Total HT                500,00\n\n"
        "Autoliquidation – TVA due par le preneur.\n"
        "Merci de régler 500,00 € au plus tard le 16/04/2026.\n"
    )
    result = _read(text)
    assert result.invoice_date == date(2026, 3, 2)
    assert result.due_date == date(2026, 4, 16)


@pytest.mark.parametrize(
    ("title", "cols", "carried", "brought", "net"),
    [
        ("FATTURA\nFattura n. 77/2026\nData: 14/03/2026", " Descrizione                    Quantità     Prezzo      Importo",
         "Da riportare", "Riporto", "Imponibile"),
        ("FACTURĂ\nNr. factură: 77\nData: 14.03.2026", " Denumire                       Cant.        Preț        Valoare",
         "De reportat", "Report", "Total fără TVA"),
    ],
)  # fmt: skip
def test_the_sum_carried_to_the_next_page_is_no_item(
    title: str, cols: str, carried: str, brought: str, net: str
) -> None:
    # GIVEN a two-page item list: page one ends with the running sum to carry over, page two opens with it
    first = (
        f"Esempio Forniture S.r.l.\n\n{title}\n\n{cols}\n"
        " Pannello 18 mm                     2        10,00        20,00\n"
        " Vite 4x40                          3        20,00        60,00\n"
        f"                                        {carried:18s}       80,00\n"
    )
    second = (
        f"Esempio Forniture S.r.l.\n\n{cols}\n"
        f"                                        {brought:18s}       80,00\n"
        " Silicone grigio                    1        40,00        40,00\n\n"
        f"                                        {net:18s}      120,00\n"
    )
    result = _read(first, second)
    # THEN the items are the three rows, no carried sum among them
    assert [line.amount for line in result.lines] == [Decimal("20.00"), Decimal("60.00"), Decimal("40.00")]


def test_a_hungarian_hours_table_is_read_by_its_hours_and_rate_columns() -> None:
    # GIVEN a Hungarian time sheet invoice: hours ("Óra") and hourly rate ("Óradíj") head its figures
    text = (
        "Minta Tanácsadó Kft.\n1051 Budapest, Fő utca 3.\n\nSzámla sorszáma: MT-2026/014\nKelt: 2026.03.10.\n\n"
        " Megnevezés                              Óra        Óradíj       Nettó érték\n"
        " Rendszerbevezetés                         3     20.000,00         60.000,00\n"
        " Oktatás                                 1,5     18.000,00         27.000,00\n\n"
        "                                      Nettó összesen               87.000,00\n"
        "                                      ÁFA 27%                      23.490,00\n"
        "                                      Végösszeg                   110.490,00 Ft\n"
    )
    result = _read(text)
    assert [(line.quantity, line.unit_price, line.amount) for line in result.lines] == [
        (Decimal("3"), Decimal("20000.00"), Decimal("60000.00")),
        (Decimal("1.5"), Decimal("18000.00"), Decimal("27000.00")),
    ]


def test_a_receipt_with_its_labels_over_their_values_is_not_read_upside_down() -> None:
    # GIVEN a till receipt whose text put each label on the line above its figure, a service charge's label
    # (no totals label) first and the cash line's figure lost: lines alternate as in a column of labels under
    # values, but the sums only hold read downwards (20.00 + 1.20 = 21.20)
    text = (
        "KEDAI CONTOH SDN BHD\nNO 5, JALAN CONTOH\nDATE : 02/03/2026\nITEM\nQTY\nAMT\nTEH TARIK\n2\n20.00\n"
        "SERVICE CHARGE\n0.00\nSUB TOTAL\n20.00\nGST 6%\n1.20\nTOTAL\n21.20\nCASH\nTHANK YOU\n"
    )
    result = _read(text)
    assert (result.subtotal, result.tax_total, result.total) == (
        Decimal("20.00"),
        Decimal("1.20"),
        Decimal("21.20"),
    )


def test_the_code_on_the_totals_line_is_the_currency_whatever_the_home_currency_lines_say() -> None:
    # GIVEN an invoice in US dollars whose seller must state its VAT converted into pounds: the rate and the
    # converted figures name the home currency more often than the totals name the invoice's
    text = (
        "Example Exports Ltd\n1 Dock Road, Hull HU1 1AA\n\nInvoice No. EX-301\nInvoice date: 03/03/2026\n\n"
        " Description                         Qty       Price       Amount\n"
        " Steel bracket                        10      100.00      1000.00\n\n"
        "                                   Net total            1000.00 USD\n"
        "                                   VAT 20 %              200.00 USD\n"
        "                                   Total                1200.00 USD\n\n"
        "Exchange rate: 1 USD = 0.7900 GBP\n"
        "Net in GBP (20 %): 632.00 GBP     VAT in GBP: 126.40 GBP\n"
        "Net in GBP (5 %): 158.00 GBP     VAT in GBP: 7.90 GBP\n"
        "VAT due in GBP: 134.30 GBP\n"
        "Total in GBP: 924.30 GBP (rate of the GBP reference day, GBP figures for VAT only)\n"
    )
    assert _read(text).currency == "USD"
