"""GIVEN an ERP credit note titled with its number ("Avoir RFAC/2025/0012"), or an invoice that prints
only its total and says it charges no VAT WHEN the rules engine reads the page THEN the credit note's own
number is read (not the credited invoice's), and the no-VAT invoice's net is its total and its tax nil; a
stamp duty ("imposta di bollo") or a law reference in a no-VAT sentence is never the tax."""

from decimal import Decimal

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.rules.engine import extract_rules


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_credit_note_title_followed_by_its_number_gives_the_number() -> None:
    text = (
        " Verdier Paysage SAS                                   Atelier Morel SARL\n"
        " 12 rue Pasteur                                        8 place du Marché\n"
        "\n"
        "Avoir RFAC/2025/00318\n"
        "\n"
        " Date                          Origine\n"
        " 11/06/2025                    Avoir sur facture FAC/2025/00231\n"
        "                                             Total HT                 100,00 €\n"
        "                                             TVA 20%                   20,00 €\n"
        "                                             Total TTC                120,00 €\n"
    )
    result = _extract(text)
    assert result.invoice_number == "RFAC/2025/00318"
    assert result.document_type.value == "credit_note"


def test_a_reference_to_the_credited_invoice_names_no_number_of_this_document() -> None:
    text = (
        "Nordvik Konsult AB\n"
        "Kreditfaktura KF-2207\n"
        " Datum 2025-03-04          Order: Kreditering av faktura F/2025/00862\n"
        "                                   Totalt                   1 250,00 kr\n"
    )
    assert _extract(text).invoice_number == "KF-2207"
    text_es = (
        "Montajes Ortega S.L.\n"
        "Factura rectificativa RFAC/2025/01788\n"
        " Fecha 04/03/2025          Rectifica a la factura FAC/2025/01413\n"
        "                                   Total                     121,00 €\n"
    )
    assert _extract(text_es).invoice_number == "RFAC/2025/01788"


def test_a_small_business_invoice_without_vat_has_its_total_as_net_and_no_tax() -> None:
    text = (
        "Fotografie Seidel\n"
        "Rechnung Nr. 2025-041         Datum 03.02.2025\n"
        "Pos.  Bezeichnung                     Menge        Betrag\n"
        "1     Fotoproduktion                      1      480,00 €\n"
        "                               Gesamtbetrag      480,00 €\n"
        "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.\n"
    )
    result = _extract(text)
    assert result.total == Decimal("480.00")
    assert result.subtotal == Decimal("480.00") and result.tax_total == Decimal(0)
    assert "19 UStG" in (result.fields["subtotal"].reason or "")


def test_without_wording_or_with_a_printed_tax_the_rule_stays_silent() -> None:
    text = (
        "Fotografie Seidel\n"
        "Rechnung Nr. 2025-041         Datum 03.02.2025\n"
        "                               Gesamtbetrag      480,00 €\n"
    )
    assert _extract(text).subtotal is None and _extract(text).tax_total is None
    taxed = (
        "Conseil Girard SARL\n"
        "Facture F-2025-07     Date 03/02/2025\n"
        "                               Total HT          400,00 €\n"
        "                               TVA 20 %           80,00 €\n"
        "                               Total TTC         480,00 €\n"
        "Mentions : TVA non applicable aux débours.\n"
    )
    result = _extract(taxed)
    assert result.subtotal == Decimal("400.00") and result.tax_total == Decimal("80.00")


def test_stamp_duty_and_a_law_number_in_a_no_vat_sentence_are_not_the_tax() -> None:
    text = (
        "Studio Greco\n"
        "Fattura n. 12/2025                    Data 03/02/2025\n"
        "Descrizione                                         Importo\n"
        "Consulenza tecnica                                € 980,00\n"
        "Rimborso imposta di bollo                           € 2,00\n"
        "                          Totale documento          € 982,00\n"
        "Operazione senza applicazione dell'IVA ai sensi dell'art. 1, commi 54-89, Legge n. 190/2014.\n"
        "Imposta di bollo assolta sull'originale per importi superiori a 77,47 €.\n"
    )
    result = _extract(text)
    assert result.total == Decimal("982.00")
    assert result.tax_total == Decimal(0) and result.subtotal == Decimal("982.00")


def test_a_brazilian_micro_business_form_ends_a_company_name_in_capitals_only() -> None:
    # GIVEN a seller whose name ends in "ME" (microempresa) and a buyer ending in "Ltda." beside it
    text = (
        " Almeida Comunicação ME\n"
        " Rua Augusta 145                                                  Barbosa Marketing Digital Ltda.\n"
        " 01310-100 São Paulo                                              Rua XV de Novembro 45\n"
        "                                                                  01310-100 São Paulo\n"
        "Fatura FT26-00874\n"
        " Data de emissão 06/02/2026\n"
        "                                                  Total             R$ 2.398,70\n"
        "Por favor me envie o comprovante.\n"
        " Almeida Comunicação ME · info@almeida.example\n"
    )
    result = _extract(text)
    # THEN the seller is read whole as the vendor and the buyer as the buyer
    assert result.vendor.name == "Almeida Comunicação ME"
    assert result.buyer.name == "Barbosa Marketing Digital Ltda."
