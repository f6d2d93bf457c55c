"""Faults a fresh seed of the development generators showed (session 18, h-nr18c), each a general
convention. Texts of our own."""

from __future__ import annotations

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.lexicon import with_ascii_spellings
from opsloop.extract.rules.parties import legal_form


def _both(text: str) -> list[InvoiceExtraction]:
    doc = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return [extract_rules(doc), extract_invoice(doc, text_only=True)]


def test_polish_wystawiono_alone_labels_the_issue_date() -> None:
    # Polish shops print "Wystawiono" ("issued") without "dnia"; the order's date beside it is not the invoice's
    text = (
        "Sklep Wisła Sp. z o.o.\nul. Długa 8\n31-147 Kraków\nNIP: PL6771234567\n\n"
        "Faktura VAT\n"
        " Numer zamówienia        ZM-40112\n"
        " Data zamówienia         03.02.2025\n"
        " Faktura nr              FV/2025/118\n"
        " Wystawiono              06.02.2025\n"
        " Płatne do               20.02.2025\n\n"
        "Nabywca\nJan Kowalczyk\nul. Krótka 2\n00-950 Warszawa\n\n"
        " Produkt                         Ilość        Cena        Razem\n"
        " Lampa biurkowa                      1    123,00 zł    123,00 zł\n\n"
        "                                          Razem        123,00 zł\n"
        "                                  w tym VAT 23%         23,00 zł\n"
    )
    for result in _both(text):
        assert str(result.invoice_date) == "2025-02-06"


def test_a_credit_notes_own_number_label_outranks_the_credited_invoices_reference() -> None:
    # on a credit note, the number its credit-note word labels is its own; the invoice word's label
    # beside it ("Réf. facture", longer and so preferred elsewhere) names the invoice it credits
    text = (
        "Boulangerie Vernier SARL\n12 rue des Halles\n21000 Dijon\n\n"
        "Facturé à                                    Avoir\n"
        "Maison Leclair SAS                           Avoir n°           AV-2025-0207\n"
        "8 quai Rambaud                               Date               14 mai 2025\n"
        "69002 Lyon                                   Réf. facture       FA-2025-1180 (2 avril 2025)\n\n"
        "Désignation                          Quantité        Montant HT\n"
        "Pains spéciaux (retour)                     4          -48,00 €\n\n"
        "                                     Total HT          -48,00 €\n"
        "                                     TVA 5,5 %          -2,64 €\n"
        "                                     Total TTC         -50,64 €\n"
    )
    for result in _both(text):
        assert result.invoice_number == "AV-2025-0207"


def test_a_payment_terms_count_of_days_before_a_comma_is_no_datelines_place() -> None:
    # "Pagamento a 30 dias, até 04/06/2025." is a term and its due day, not a letter's "Place, date"
    side = " " * 50
    text = (
        f"SERRA VERDE{side}FATURA\n"
        "COMÉRCIO LTDA.\nRua do Ouro, 41\nPorto Alegre - RS\n"
        f"CEP 90010-150{side}Artigo                  Qtd.     Valor\n"
        f"Número{' ' * 44}Caixa de cartão           10   1.000,00\n"
        "FT B2025/4410\n"
        f"Data de emissão{' ' * 35}Valor total          R$ 1.000,00\n"
        "05/05/2025\n"
        f"Data de vencimento{' ' * 32}Pagamento a 30 dias, até 04/06/2025.\n"
        "04/06/2025\n"
    )
    for result in _both(text):
        assert str(result.invoice_date) == "2025-05-05"


def test_a_wrapped_sentences_figure_right_of_the_total_is_not_the_total() -> None:
    # a note column beside the totals wraps its early-payment sentence; its tail ("2%: EUR 980,00.")
    # stands on the total's line, a sentence's end, not the total's column
    text = (
        "Rossi Forniture S.r.l.\nVia Roma 12\n20121 Milano (MI)\n\n"
        "Fattura n. 2025/311        Data documento 03/03/2025\n\n"
        "Articolo                               Q.tà        Totale riga\n"
        "Scaffale metallico                        2           819,67\n\n"
        "Imponibile            EUR 819,67          Bonifico a 30 gg data fattura. Se\n"
        "IVA 22%               EUR 180,33          pagato entro 10 giorni sconto del\n"
        "Totale fattura        EUR 1.000,00        2%: EUR 980,00.\n"
    )
    for result in _both(text):
        assert result.total == Decimal("1000.00")


def test_a_bank_opening_the_footers_payment_details_is_no_one_line_identity() -> None:
    # "Bank · IBAN … · BIC … · CIF … · Registro, Tomo …": the account's bank heads the payment details,
    # its parts read like a return address's; the letterhead's name is the seller
    text = (
        " " * 80 + "Lince Azul S.L.\n" + " " * 50 + "Calle Mayor 12, 28013 Madrid\n\n"
        "Facturar a\nTalleres Ortega SL\n" + " " * 40 + "Factura\n"
        "Avenida del Puerto, 7\n46021 Valencia" + " " * 26 + "Número de factura     2025/B/0412\n"
        " " * 40 + "Fecha de emisión      14-05-2025\n\n"
        "    Artículo                              Horas      Tarifa       Total\n"
        "    Consultoría técnica                       4       60,00      240,00\n"
        + " " * 44
        + "Base imponible             240,00€\n"
        + " " * 44
        + "IVA 21 %                    50,40€\n"
        + " " * 44
        + "Total                      290,40€\n"
        "Gracias por su confianza.\n"
        "Banca del Norte · IBAN: ES91 2100 0418 4502 0005 1332 · BIC: CAIXESBBXXX · CIF: ESB87654307 · "
        "R.M. Madrid, Tomo 1234, Folio\n"
        "56, Hoja M-99887\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Lince Azul S.L."


def test_spanish_saldo_before_its_figure_is_the_amount_due() -> None:
    # "Saldo" and its figure under the total and an amount paid on account: the balance still owed
    text = (
        "Hermanos Pardo S.L.\nCalle Real 5\n15001 A Coruña\n\n"
        "Factura 2025-0931        Fecha de factura 12-06-2025\n\n"
        "Concepto                           Cantidad      Importe\n"
        "Reforma de cocina                         1     2.000,00\n\n"
        "                            Base imponible       2.000,00 €\n"
        "                            IVA 21%                420,00 €\n"
        "                            Importe total        2.420,00 €\n"
        "                            Pagado a cuenta       -600,00 €\n"
        "                            Saldo                1.820,00 €\n"
    )
    for result in _both(text):
        assert result.total == Decimal("2420.00")
        assert result.amount_due == Decimal("1820.00")


def test_a_dates_comma_before_its_year_does_not_end_a_discount_clause() -> None:
    # "Pay by August 23, 2026 and deduct 1.5%": the comma is the date's, the clause the discount's
    text = (
        "Cedar Works Co.\n12 Elm Street\nDayton, OH 45402\n\n"
        "INVOICE                          Invoice #     2026-0411\n"
        "                                 Issue Date    August 13, 2026\n"
        "                                 Due           September 27, 2026\n\n"
        "Description                              Qty       Amount\n"
        "Shelving units                             2     1,200.00\n\n"
        "                                 Subtotal               $1,200.00\n"
        "                                 Total                  $1,200.00\n"
        "Net 45 — due September 27, 2026.\n"
        "Pay by August 23, 2026 and deduct 1.5%: $1,182.00.\n"
    )
    for result in _both(text):
        assert str(result.due_date) == "2026-09-27"


def test_belgian_sc_ends_a_company_name() -> None:
    # Belgium's cooperative company ("SC", since 2019, with "SComm"): the unlabelled block under the
    # seller's name is the buyer's; a US state's "SC" before its ZIP code or after a comma is none
    text = (
        " Atelier Verhaegen SA\n"
        "                                                          FACTURE\n\n"
        " Lemaire & Fontaine SC                         Facture n°     2026-0318\n"
        " Chaussée de Louvain 14                        Date           10/05/2026\n"
        " 5000 Namur\n Belgique\n\n"
        "     Désignation                                 Qté          Montant\n"
        "     Rayonnage métallique                          2           800,00\n"
        "                                       Total HT              € 800,00\n"
        "                                       TVA 21 %              € 168,00\n"
        "                                       Total TTC             € 968,00\n\n"
        "Atelier Verhaegen SA      Rue Haute 4, 1000 Bruxelles      N° TVA: BE 0403.170.701\n"
    )
    for result in _both(text):
        assert result.buyer.name == "Lemaire & Fontaine SC"
    for town in ("Greenville, SC 29601", "Charleston SC 29401", "Columbia, SC"):
        assert legal_form(town) is None


def test_a_quoted_mails_reply_marks_open_no_label_and_no_name() -> None:
    # a text invoice quoted in a reply: each line opens with "> "; its paid stamp still settles the
    # total, and its names carry no mark
    text = (
        "Subject: Re: Your invoice INV-5521\n"
        " From            Sam Porter <sam.porter@mailbox.example>\n\n"
        "Thanks, received.\n"
        "On 2025-05-14 04:48 Fernleaf <no-reply@fernleaf.co.uk> wrote:\n"
        "> INVOICE\n"
        "> Invoice no: INV-5521\n"
        "> Invoice date: 2025-05-14\n"
        ">\n"
        "> Billed to:\n"
        "> Sam Porter\n"
        "> 4 Orchard Close\n"
        "> Bristol BS1 4DJ\n"
        ">\n"
        "> 1 x Hosting Basic                     20.00 GBP\n"
        "> Subtotal: 20.00 GBP\n"
        "> VAT 0%: 0.00 GBP\n"
        "> Total: 20.00 GBP\n"
        "> PAID - Amount paid: 20.00 GBP\n"
        ">\n"
        "> --\n"
        "> Fernleaf Hosting Ltd\n"
        "> 9 Kings Road\n"
        "> Leeds LS1 4AB\n"
    )
    for result in _both(text):
        assert result.total == Decimal("20.00")
        assert result.amount_due == Decimal("0.00")
        assert not (result.vendor.name or "").startswith(">")
        assert not (result.buyer.name or "").startswith(">")


def test_a_payment_receipts_merchant_heading_names_the_seller() -> None:
    # a payment provider's receipt: the "Merchant" block is the seller's; the provider's own identity
    # closing the mail is not
    text = (
        "Your invoice KT-1180\n"
        " Paystream <service@paystream.example>                              05/03/2025 10:51\n"
        "Paystream\n"
        "You sent $120.00 to Kestrel\n"
        " Transaction ID                               TX5550001\n"
        " Payment method                               Visa - 4242\n\n"
        "  Merchant\n"
        "  Kestrel Outfitters Inc.\n"
        "  8 Pine Road\n"
        "  Boise, ID 83702\n\n"
        " Invoice #                                    KT-1180\n"
        " Invoice date                                 05/03/2025\n"
        "Billing address\nHarlow Ltd.\n15 Maple Avenue\nBoise, ID 83706\n"
        " Item                                 Qty       Total\n"
        " Trail backpack                         1     $120.00\n"
        "                                    Total     $120.00\n"
        "                              Amount paid     $120.00\n"
        "Paystream (Europe) S.à r.l. · 22 Boulevard Royal · L-2449 Luxembourg\n"
    )
    for result in _both(text):
        assert result.vendor.name == "Kestrel Outfitters Inc."


def test_a_receipts_number_yields_to_the_invoice_number_it_prints_beside() -> None:
    # a software seller's receipt numbers the payment and prints the invoice's own number under it
    text = (
        "Receipt from Larkspur Software Inc.\n"
        "Receipt #4410-2281\n"
        " Amount due                            USD 49.00\n"
        " Statement date                        08/06/2025\n"
        " Receipt #                             4410-2281\n"
        " Invoice #                             INV-20250806\n"
        " Due date                              08/20/2025\n\n"
        "   Team plan - monthly                            USD 49.00\n"
        "                               Total              USD 49.00\n"
        "Bill to: Dana Reyes, dana.reyes@mailbox.example\n"
        "Larkspur Software Inc. · 5 Oak Street · Austin, TX 78701\n"
    )
    for result in _both(text):
        assert result.invoice_number == "INV-20250806"


def test_german_labels_read_without_their_umlauts_dots_are_the_labels() -> None:
    # an OCR engine reading German without its language model drops the umlauts' dots ("EMPFANGER",
    # "FALLIGKEIT"): the labels still head their values
    assert with_ascii_spellings("fällig", {"ä": ["ae", "a"]}) == "f(?:ä|ae|a)llig"
    text = (
        "                                  Seehof Hotel GmbH\n"
        "                                  Seestraße 3, 88131 Lindau\n\n"
        " RECHNUNGSNUMMER                                     RECHNUNGSDATUM\n"
        " 2026-4471                                           07.08.2026\n\n"
        " KUNDENNUMMER                                        FALLIGKEIT\n"
        " 45340299                                            06.09.2026\n\n"
        "RECHNUNGSEMPFANGER\nJonas Albrecht\nAm Anger 4\n96047 Bamberg\n\n"
        "BEZEICHNUNG                                 MENGE       BETRAG\n"
        "Ubernachtung                                    2       300,00\n"
        "                                        SUMME NETTO     300,00\n"
        "                                        UST. 7 %         21,00\n"
        "                                        GESAMTBETRAG    321,00 €\n"
    )
    for result in _both(text):
        assert result.buyer.name == "Jonas Albrecht"
        assert str(result.due_date) == "2026-09-06"
