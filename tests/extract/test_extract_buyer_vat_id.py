"""GIVEN invoices printing the buyer's VAT id (under a buyer's label, in the buyer's block, in the XML's
customer party) WHEN read THEN it is the buyer's VAT id, never the seller's; an id the page does not
place as the buyer's (the vendor's second registration in its footer) leaves the buyer's VAT id None."""

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract.einvoice import read_einvoice
from opsloop.extract.rules.engine import extract_rules
from tests.extract.test_extract_einvoice import CII, UBL
from tests.samples import fatturapa_invoice


def _extract(text: str) -> InvoiceExtraction:
    return extract_rules(ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)]))


def test_a_vat_id_under_a_buyers_label_is_the_buyers() -> None:
    result = _extract(
        "Brenner Werkzeuge GmbH\nIndustriestraße 4\n70173 Stuttgart\n\n"
        "Kessler Haustechnik GmbH\nAm Hafen 12\n44135 Dortmund\n\n"
        "Rechnung Nr. RE-2026-00417\nRechnungsdatum: 12.03.2026\n"
        "Ihre USt-IdNr.: DE190000359\n\n"
        "Pos  Bezeichnung        Menge  Einzelpreis  Betrag\n"
        "1    Schrauben M8       100    0,50         50,00\n\n"
        "Nettobetrag 50,00\nUSt 19 % 9,50\nGesamtbetrag 59,50 EUR\n\n"
        "Brenner Werkzeuge GmbH · USt-IdNr. DE829391422 · IBAN DE89 3704 0044 0532 0130 00\n"
    )
    assert result.vendor.vat_id == "DE829391422"
    assert result.buyer.vat_id == "DE190000359"
    assert result.fields["buyer.vat_id"].text == "DE190000359"


def test_a_vat_id_in_the_block_a_buyer_label_heads_is_the_buyers() -> None:
    result = _extract(
        "Brenner Werkzeuge GmbH, Industriestraße 4, 70173 Stuttgart\n\n"
        "Rechnungsempfänger:\nKessler Haustechnik GmbH\nAm Hafen 12\n44135 Dortmund\nDE 190 000 359\n\n"
        "Rechnung Nr. RE-2026-00417 vom 12.03.2026\n"
        "Gesamtbetrag 59,50 EUR\n\n"
        "USt-IdNr. DE829391422\n"
    )
    assert result.vendor.vat_id == "DE829391422"
    assert result.buyer.vat_id == "DE190000359"


def test_the_vendors_second_registration_in_its_footer_is_no_buyers_vat_id() -> None:
    # GIVEN a vendor registered in two countries printing both ids in its footer, the buyer none
    result = _extract(
        "Alpen Technik GmbH\nGewerbepark 7\n4020 Linz\n\n"
        "Kessler Haustechnik GmbH\nAm Hafen 12\n44135 Dortmund\n\n"
        "Rechnung AR00417 vom 12.03.2026\nGesamtbetrag 59,50 EUR\n\n"
        "UID-Nr. ATU74307056 · USt-IdNr. DE829391422 · IBAN AT61 1904 3002 3457 3201\n"
    )
    assert result.buyer.vat_id is None


def test_the_xml_customer_partys_vat_id_is_the_buyers() -> None:
    ubl = UBL.replace(
        "<cac:PartyName><cbc:Name>Buyer Ltd</cbc:Name></cac:PartyName></cac:Party>",
        "<cac:PartyName><cbc:Name>Buyer Ltd</cbc:Name></cac:PartyName><cac:PartyTaxScheme><cbc:CompanyID>"
        "NO888888888MVA</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
        "</cac:Party>",
    )
    assert read_einvoice(ubl).buyer.vat_id == "NO888888888MVA"
    assert read_einvoice(UBL).buyer.vat_id is None
    cii = CII.replace(
        "<ram:BuyerTradeParty><ram:Name>Kunde AG</ram:Name></ram:BuyerTradeParty>",
        "<ram:BuyerTradeParty><ram:Name>Kunde AG</ram:Name><ram:SpecifiedTaxRegistration>"
        '<ram:ID schemeID="VA">DE190000359</ram:ID></ram:SpecifiedTaxRegistration></ram:BuyerTradeParty>',
    )
    assert read_einvoice(cii).buyer.vat_id == "DE190000359"
    fattura = fatturapa_invoice("7").replace(
        b"<CessionarioCommittente><DatiAnagrafici>",
        b"<CessionarioCommittente><DatiAnagrafici><IdFiscaleIVA><IdPaese>IT</IdPaese>"
        b"<IdCodice>07643520567</IdCodice></IdFiscaleIVA>",
    )
    assert read_einvoice(fattura.decode()).buyer.vat_id == "IT07643520567"
