"""GIVEN e-invoice credit notes that reference the invoice they correct as data (EN 16931 BT-25: UBL
BillingReference, CII InvoiceReferencedDocument, FatturaPA DatiFattureCollegate) WHEN read THEN the extraction
lists those invoices, once each, with their evidence; a document without a reference lists none."""

from __future__ import annotations

from opsloop.extract.einvoice import read_einvoice

UBL_NS = (
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"'
)


def ubl(references: str) -> str:
    return f"""<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" {UBL_NS}>
 <cbc:ID>CN-31</cbc:ID><cbc:IssueDate>2026-04-02</cbc:IssueDate><cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>
 <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>{references}
</CreditNote>"""


def _ubl_reference(kind: str, number: str) -> str:
    return f"<cac:BillingReference><cac:{kind}><cbc:ID>{number}</cbc:ID></cac:{kind}></cac:BillingReference>"


def test_ubl_billing_references_are_the_preceding_invoices() -> None:
    refs = (
        _ubl_reference("InvoiceDocumentReference", "R-2026-118")
        + _ubl_reference("InvoiceDocumentReference", " R-2026-118 ")
        + _ubl_reference("CreditNoteDocumentReference", "CN-30")
    )
    result = read_einvoice(ubl(refs))
    assert result.preceding_invoices == ["R-2026-118", "CN-30"]
    assert result.fields["preceding_invoices"].confidence == 1.0


def test_a_ubl_credit_note_without_a_reference_names_none() -> None:
    result = read_einvoice(ubl(""))
    assert result.preceding_invoices == []
    assert "preceding_invoices" not in result.fields


CII = """<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocument><ram:ID>AV-7</ram:ID><ram:TypeCode>381</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20260402</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:ApplicableHeaderTradeAgreement/>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:InvoiceReferencedDocument><ram:IssuerAssignedID>FA-2026-0107</ram:IssuerAssignedID>
   </ram:InvoiceReferencedDocument>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>"""


def test_a_cii_invoice_referenced_document_is_the_preceding_invoice() -> None:
    result = read_einvoice(CII)
    assert result.preceding_invoices == ["FA-2026-0107"]
    assert "InvoiceReferencedDocument" in (result.fields["preceding_invoices"].text or "")


FATTURAPA = """<p:FatturaElettronica versione="FPR12" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2">
 <FatturaElettronicaHeader>
  <CedentePrestatore><DatiAnagrafici><IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>01234567890</IdCodice>
   </IdFiscaleIVA><Anagrafica><Denominazione>Ferramenta Rossi Srl</Denominazione></Anagrafica></DatiAnagrafici>
  </CedentePrestatore>
  <CessionarioCommittente><DatiAnagrafici><Anagrafica><Denominazione>Cliente Spa</Denominazione></Anagrafica>
  </DatiAnagrafici></CessionarioCommittente>
 </FatturaElettronicaHeader>
 <FatturaElettronicaBody>
  <DatiGenerali>
   <DatiGeneraliDocumento><TipoDocumento>TD04</TipoDocumento><Divisa>EUR</Divisa><Data>2026-04-02</Data>
    <Numero>NC-5</Numero><ImportoTotaleDocumento>122.00</ImportoTotaleDocumento></DatiGeneraliDocumento>
   <DatiFattureCollegate><IdDocumento>FT-2026-88</IdDocumento><Data>2026-03-01</Data></DatiFattureCollegate>
  </DatiGenerali>
  <DatiBeniServizi>
   <DettaglioLinee><NumeroLinea>1</NumeroLinea><Descrizione>Reso</Descrizione><PrezzoUnitario>100.00</PrezzoUnitario>
    <PrezzoTotale>100.00</PrezzoTotale><AliquotaIVA>22.00</AliquotaIVA></DettaglioLinee>
   <DatiRiepilogo><AliquotaIVA>22.00</AliquotaIVA><ImponibileImporto>100.00</ImponibileImporto>
    <Imposta>22.00</Imposta></DatiRiepilogo>
  </DatiBeniServizi>
 </FatturaElettronicaBody>
</p:FatturaElettronica>"""


def test_fatturapa_linked_invoices_are_the_preceding_invoices() -> None:
    result = read_einvoice(FATTURAPA)
    assert result.document_type == "credit_note"
    assert result.preceding_invoices == ["FT-2026-88"]
