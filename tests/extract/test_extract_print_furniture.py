"""GIVEN an invoice printed from a web browser with its headers and footers on (the print date and the page
title on the first line, the address and "1/1" on the last) or from a mail client's print view (the
envelope — From / To / Date / Subject, a forwarded message's separator, a reply's note and "On …, X <x@host>
wrote:" — above the invoice) WHEN the rules engine reads it THEN none of that is read as the invoice's: the
invoice date is the invoice's, not the print date or the mail's, and the buyer is not the replier's note;
and an invoice's own "Date:" and "To:" lines, with no address in angle brackets, are kept. Texts of our own."""

from datetime import date

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.furniture import without_print_furniture
from opsloop.extract.rules.layout import document_lines


def _parsed(*pages: str) -> ParsedDocument:
    return ParsedDocument(
        kind=DocumentKind.PDF, pages=[PageText(number=n, text=text) for n, text in enumerate(pages, 1)]
    )


def _extract(*pages: str) -> InvoiceExtraction:
    return extract_rules(_parsed(*pages))


SHOP_PAGE = """01.11.25, 12:17                                RECHNUNG 2025-7541 | Tannenhof
    Tannenhof     Mein Konto › Bestellungen › 60665690
                                                                 Tannenhof Wohnen AG
                                                                 Hauptstraße 56
  RECHNUNG                                                       48143 Münster
   Bestellnummer                60665690
   Rechnungsnummer              2025-7541
   Erstellt am                  23.08.2025
  Rechnungsempfänger
  Jürgen Hartmann
  Hauptstraße 24
  96047 Bamberg
   Artikel                                       Menge          Preis        Gesamt
   Wollschal                                         1      107,49 EUR    107,49 EUR
                                                            Gesamtsumme   107,49 EUR
https://shop.tannenhof.example/konto/bestellungen/60665690                          1/1
"""


def test_the_browser_print_date_is_not_the_invoice_date() -> None:
    # GIVEN a shop's invoice page printed with the browser's header (print date, title) and footer
    result = _extract(SHOP_PAGE)
    # THEN the invoice date is the page's own, not the day it was printed
    assert result.invoice_date == date(2025, 8, 23)
    assert result.invoice_number == "2025-7541"


def test_the_browser_header_and_footer_lines_are_set_aside_on_every_page() -> None:
    second = (
        "06.11.25, 09:02      RECHNUNG 2025-7541 | Tannenhof\n  Seite 2\nhttps://shop.tannenhof.example/x 2/2"
    )
    lines = document_lines(_parsed(SHOP_PAGE.replace("1/1", "1/2"), second))
    texts = [line.text.strip() for line in lines]
    assert not any(text.startswith(("01.11.25", "06.11.25", "https://")) for text in texts)
    assert "Seite 2" in texts and [line.index for line in lines] == list(range(len(lines)))


REPLY = """Subject: Re: Your invoice 2025911519
 From              James Kendal <james.kendal@postbox.example>
 Date              Mon, 04 Aug 2025 17:56:00 +0100
 To                Kubix <no-reply@kubix.example>
Thanks, received.
On 04/08/2025 15:56, Kubix <no-reply@kubix.example> wrote:
Kubix Software Ltd
12 Mill Lane
Leeds LS2 7HY
Receipt from Kubix
Invoice no.                                    2025911519
Date of issue                                  01/08/2025
Bill to
James Kendal
4 Station Road
Bristol BS1 4DJ
Team plan - monthly                             GBP 142.10
                             Total excl. VAT    GBP 142.10
                                     VAT 20%     GBP 28.42
                                       Total    GBP 170.52
"""


def test_a_mail_envelope_and_a_replier_s_note_are_not_the_invoice_s() -> None:
    # GIVEN a reply's print view: the envelope, the replier's note and the "wrote:" line over the invoice
    result = _extract(REPLY)
    # THEN the buyer is the billed one, not the note; the date is the invoice's, not the mail's
    assert result.buyer.name == "James Kendal"
    assert result.invoice_date == date(2025, 8, 1)
    assert result.invoice_number == "2025911519"


def test_a_forwarded_message_s_headers_are_set_aside_with_the_forwarder_s() -> None:
    forwarded = (
        "Von:  Jürgen Hartmann <j.hartmann@postbox.example>\n"
        "An:   buchhaltung@hartmann.example\n"
        "Betreff: WG: Ihre Rechnung 2025-7541\n"
        "Zur Info.\n"
        "-------- Weitergeleitete Nachricht --------\n"
        "Von: Tannenhof <rechnung@tannenhof.example>\n"
        "Datum: 25.08.2025 10:12\n"
        "Betreff: Ihre Rechnung 2025-7541\n"
        "An: Jürgen Hartmann <j.hartmann@postbox.example>\n"
    )
    body = "\n".join(SHOP_PAGE.splitlines()[1:-1])
    lines = document_lines(_parsed(forwarded + body))
    assert lines[0].text.strip().startswith("Tannenhof")
    assert _extract(forwarded + body).invoice_date == date(2025, 8, 23)


def test_an_invoice_s_own_date_and_to_lines_without_an_address_in_brackets_are_kept() -> None:
    # GIVEN an invoice that opens with "To:" and "Date:" lines and an e-mail address written plainly
    text = (
        "To: Harbour Supplies Ltd\nDate: 03/02/2025\nFrom: Northgate Trading Ltd, sales@northgate.example\n"
    )
    lines = document_lines(_parsed(text + "Invoice no. 4471\nTotal 120.00\n"))
    # THEN nothing is set aside
    assert len(lines) == 5 and lines[0].text.startswith("To:")
    assert without_print_furniture(lines) == lines


COLUMN_ENVELOPE = """Oggetto: Fwd: Il tuo ordine 6292-9219-5307 è confermato
 Da                 Chiara Colombo <chiara.colombo@mailbox.example>
 Data               28/11/2026 22:08
 A                  finance@chiara-office.example

Per la contabilità.
---------- Messaggio inoltrato ---------
 Da:                Lumio <noreply@lumio.it>
 Data:              28/11/2026 19:08
 Oggetto:           Il tuo ordine 6292-9219-5307 è confermato
 A:                 Chiara Colombo <chiara.colombo@mailbox.example>
Lumio
Conferma d'ordine / FATTURA
 Data ordine                                    25/11/2026
 N. documento                                   6A5580D1-1514
 Numero ordine                                  6292-9219-5307
 Data                                           26/11/2026
Indirizzo di fatturazione
Chiara Colombo
Via dei Mille 26
24121 Bergamo
 Articolo                                         Q.tà          Prezzo          Importo
 Sciarpa di lana                                     1        € 115,99         € 115,99
                                                               Totale         € 115,99
"""


def test_an_envelope_whose_labels_stand_in_a_column_without_colons_is_set_aside() -> None:
    # GIVEN a forward's print view whose outer envelope sets its labels in a column, no colon after them
    # ("Data               28/11/2026 22:08"), its recipient a bare address
    result = _extract(COLUMN_ENVELOPE)
    # THEN the mail's date is not the invoice's
    assert result.invoice_date == date(2026, 11, 26)
    assert result.invoice_number == "6A5580D1-1514"
