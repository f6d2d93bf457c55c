"""GIVEN invoice headers laid out in unusual orders WHEN the rules engine reads them THEN the invoice
date is the one the header gives, and the language guess follows the words."""

from datetime import date

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import guess_language


def _extract(text: str):  # type: ignore[no-untyped-def]
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_date_the_layout_printed_before_its_label_is_the_invoice_date() -> None:
    # GIVEN "vom" printed after the date, and an order date lower down
    text = (
        "   Handelsrechnung (380)                    05.03.2018   Nr. 471102   vom\n"
        "     Währung:                                   EUR\n"
        "     Bemerkung          Rechnung gemäß Bestellung vom 01.03.2018.\n"
    )
    # WHEN extracted THEN the header's date wins
    assert _extract(text).invoice_date == date(2018, 3, 5)


def test_language_is_guessed_from_common_words() -> None:
    assert guess_language("Rechnung für die Lieferung und Leistung, Datum, Betrag") == "de"
    assert guess_language("Facture pour la prestation, montant total et TVA") == "fr"
    assert guess_language("Invoice for the services, amount due and tax") == "en"


def test_dated_heads_the_invoice_date_and_a_wrapped_sentence_does_not() -> None:
    # GIVEN an Indian tax invoice: "Dated" over the date, and a payment-terms sentence wrapped so that
    # "invoice date." opens a line right above the due date's column
    text = (
        "                                       TAX INVOICE\n"
        "                                       Invoice No.              Dated\n"
        "Sagar Textiles Pvt. Ltd.\n"
        "                                       ST/25-26/0412            12-Dec-2025\n"
        "                                       Mode/Terms of Payment    Please pay within 30 days of the\n"
        "                                                                invoice date.\n"
        "                                       PO No.                   Due Date\n"
        "                                                                11-Jan-2026\n"
    )
    # WHEN extracted THEN the invoice date is the one under "Dated"
    assert _extract(text).invoice_date == date(2025, 12, 12)


def test_a_czech_abbreviated_issue_date_label() -> None:
    # GIVEN "Datum vyst." (datum vystavení, abbreviated) beside the tax point date (DUZP)
    text = (
        " Daňový doklad                                                Doklad č.: 2026114\n"
        " Forma úhrady: Převodem                              Datum vyst.:       28. února 2026\n"
        " Banka: ČSOB, a.s.                                   DUZP:              26. února 2026\n"
        "                                                     Datum splatnosti:  10. března 2026\n"
    )
    # THEN the issue date is the invoice date
    assert _extract(text).invoice_date == date(2026, 2, 28)


def test_a_label_closing_a_wrapped_sentence_heads_no_date() -> None:
    # GIVEN "invoice date." closing a payment-terms sentence the layout wrapped, right above the due
    # date's column, and no other invoice-date label
    text = (
        "                                       TAX INVOICE  ST/25-26/0412   12-Dec-2025\n"
        "                                       Mode/Terms of Payment    Please pay within 30 days of the\n"
        "                                                                invoice date.\n"
        "                                       PO No.                   Due Date\n"
        "                                                                11-Jan-2026\n"
    )
    # WHEN extracted THEN the invoice date is the title's, not the due date under the sentence's end
    assert _extract(text).invoice_date == date(2025, 12, 12)


def test_a_date_in_the_sentence_after_a_due_date_label_is_not_its_value() -> None:
    # GIVEN payment terms whose deadline word is followed by a number of days, the next sentence naming
    # the settlement-discount date, and the due date labelled on its own line
    text = (
        "Fakturanr.:          2025-9476\n"
        "Fakturadato:         29.07.2025\n"
        "Betalingsfrist 45 dager. Ved betaling innen 08.08.2025 gis 2 % kontantrabatt (kr 272,43).\n"
        "Forfallsdato:        12.09.2025\n"
    )
    # THEN the due date is the labelled one, not the discount's
    assert _extract(text).due_date == date(2025, 9, 12)


def test_an_article_opening_a_sentence_labels_no_invoice_date() -> None:
    # GIVEN a bill whose dates sit in a column row that also names a period, and a direct-debit sentence
    # opening with the article "Den" (a bare preposition label elsewhere: "den 05.03.2018")
    text = (
        "Musterwerk Energie GmbH\n"
        " Belegnummer            Datum            Leistungszeitraum            Kundennummer\n"
        " 5512009                12.03.2025       01.02.2025 - 28.02.2025      778812\n"
        "                                    Gesamtbetrag                      118,40 €\n"
        "Den Betrag buchen wir am 02.04.2025 von Ihrem Konto ab.\n"
    )
    # WHEN extracted THEN the invoice date is the column's, not the debit's day
    assert _extract(text).invoice_date == date(2025, 3, 12)


def test_issued_followed_by_a_date_labels_the_invoice_date() -> None:
    # GIVEN "Issued" one space before its date in a header stack that also gives a delivery date
    for issued, want in (("Issued Mar 9, 2026", date(2026, 3, 9)), ("Issued 09.03.26", date(2026, 3, 9))):
        text = (
            "Brookfield Supply Ltd                                  INVOICE\n"
            f"                                                       {issued}\n"
            "                                                       Pay By 23.04.26\n"
            "                                                       Delivery Date 05.03.26\n"
            "                                             Total            GBP 410.00\n"
        )
        # WHEN extracted THEN the issue date is the invoice date
        assert _extract(text).invoice_date == want, issued
