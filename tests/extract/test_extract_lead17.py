"""Lead's rules of session 17, found on a never-read seed of a development generator (each worded
generally, with text of our own)."""

from __future__ import annotations

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.currency import vote_currency


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def test_a_currency_label_outweighs_a_province_code_that_looks_like_a_currency() -> None:
    # an Italian letterhead's province code "(RM)" twice, the header's labelled currency once
    lines = [
        "Alfa Ricambi S.r.l.",
        "Via Appia 12 · 00179 Roma (RM) · 06 1234567",
        "Alfa Ricambi S.r.l. · Via Appia 12 · 00179 Roma (RM)",
        "Beta Officine Srl                              Fattura",
        "                                               Numero fattura     2026-0042",
        "                                               Valuta             EUR",
        "                                        Totale fattura      1.220,00",
    ]
    code, evidence, _confidence = vote_currency(lines, [lines[-1]], "it")
    assert code == "EUR"
    assert evidence is not None and "Valuta" in evidence


def test_a_bank_line_naming_the_account_holder_is_no_identity_of_the_bank() -> None:
    text = (
        "                                                     Brandt & Kessler KG\n"
        "                                 Hafenweg 4 · 20457 Hamburg · +49 40 1234567 · info@brandt-kessler.de\n"
        "Rechnungsempfänger\n"
        "Nordlicht Logistik GmbH                              RECHNUNG\n"
        "Kaistraße 9                                          Rechnungs-Nr.     R-55120\n"
        "24103 Kiel                                           Rechnungsdatum    12.03.2026\n"
        "\n"
        "Beschreibung                        Stunden      Satz      Gesamt\n"
        "Wartung der Förderanlage                  8     95,00      760,00\n"
        "                                   Summe netto              760,00 €\n"
        "                                   USt. 19 %                144,40 €\n"
        "                                   Rechnungsbetrag          904,40 €\n"
        "Vielen Dank für Ihren Auftrag.\n"
        "Hansa Genossenschaftsbank eG · IBAN: DE02 1203 0000 0000 2020 51 · BIC: BYLADEM1001 · "
        "Kontoinhaber: Brandt & Kessler KG · USt-IdNr.: DE 136 695 976 ·\n"
    )
    assert _read(text).vendor.name == "Brandt & Kessler KG"


def test_a_mexican_invoice_s_receptor_heads_the_buyer_s_block_and_is_no_name() -> None:
    # CFDI wording: "Emisor" the seller, "Receptor" the buyer; a label is never a value
    text = (
        " Talleres Orozco S.A. de C.V.\n"
        " Av. Juárez 210, Col. Centro · C.P. 44100 Guadalajara, Jal. · 33 1234 5678\n"
        "  Receptor\n"
        "  Ferretería Los Pinos S. de R.L. de C.V.\n"
        "  Calle Morelos 45, Col. Americana                          Factura\n"
        "  C.P. 44160 Guadalajara, Jal.\n"
        "  RFC: FLP150312AB1                                         Factura        B-2291\n"
        "                                                            Fecha          03/mar/2026\n"
        "                                                            Vencimiento    02/abr/2026\n"
        "   Descripción                         Cantidad     Precio        Importe\n"
        "   Servicio de torno                          2    $1,500.00 MXN  $3,000.00 MXN\n"
        "                                         Subtotal                 $3,000.00 MXN\n"
        "                                         IVA Trasladado 16%         $480.00 MXN\n"
        "                                         Importe total            $3,480.00 MXN\n"
    )
    result = _read(text)
    assert result.buyer.name == "Ferretería Los Pinos S. de R.L. de C.V."
    assert result.vendor.name == "Talleres Orozco S.A. de C.V."


def test_a_return_address_wrapping_its_town_onto_the_next_line_names_no_addressee() -> None:
    # the sender's one-line return address closes on a bare postcode; its town is the next line
    text = (
        " Oficinas Lusas Lda.\n"
        "  Oficinas Lusas Lda. · Avenida da Liberdade, 88 · 1250-145  N.º da fatura     FT 2026/310\n"
        "  Lisboa\n"
        "                                                               Data de emissão          2026-04-02\n"
        "  Padaria Estrela Lda.\n"
        "  Rua do Carmo, 12                                             Vencimento               2026-05-02\n"
        "  4050-164 Porto\n"
        " Fatura\n"
        "     Artigo                                   Qtd.     Valor unit.      Total\n"
        "     Reparação de forno                          1          300,00     300,00\n"
        "                                              Subtotal                 300,00 €\n"
        "                                              IVA 23%                   69,00 €\n"
        "                                              Total                    369,00 €\n"
    )
    assert _read(text).buyer.name == "Padaria Estrela Lda."
