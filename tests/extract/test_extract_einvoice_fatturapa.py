"""GIVEN FatturaPA e-invoices (Italy's SDI format) and signed envelopes WHEN sniffed and read THEN every value is
exactly the XML's, and what is not read (a lotto, the simplified schema, a signed .p7m) is refused in one line."""

import base64
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from opsloop.domain.documents import DocumentKind
from opsloop.domain.invoices import DocumentType
from opsloop.errors import RejectedInput
from opsloop.extract import extract_file
from opsloop.extract.einvoice import is_einvoice, read_einvoice
from opsloop.extract.einvoice.fatturapa import tax_category
from opsloop.ingest.sniff import is_signed_envelope, sniff

V12 = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
V11 = "http://www.fatturapa.gov.it/sdi/fatturapa/v1.1"

SELLER_COMPANY = "<Anagrafica><Denominazione>Officina Esempio S.r.l.</Denominazione></Anagrafica>"
SELLER_PERSON = "<Anagrafica><Nome>Anna</Nome><Cognome>Verdi</Cognome></Anagrafica>"


def body(
    *,
    tipo: str = "TD01",
    total: str | None = "<ImportoTotaleDocumento>256.20</ImportoTotaleDocumento>",
    withholding: str = "",
    payments: str = (
        "<DettaglioPagamento><ModalitaPagamento>MP05</ModalitaPagamento>"
        "<DataScadenzaPagamento>2025-04-30</DataScadenzaPagamento><ImportoPagamento>256.20</ImportoPagamento>"
        "<IBAN>IT60 X054 2811 1010 0000 0123 456</IBAN></DettaglioPagamento>"
    ),
) -> str:
    return f"""<FatturaElettronicaBody>
 <DatiGenerali>
  <DatiGeneraliDocumento><TipoDocumento>{tipo}</TipoDocumento><Divisa>EUR</Divisa><Data>2025-03-31</Data>
   <Numero>FT/2025/118</Numero>{withholding}{total or ""}<Causale>Fornitura di marzo</Causale></DatiGeneraliDocumento>
  <DatiOrdineAcquisto><IdDocumento>ODA-5521</IdDocumento></DatiOrdineAcquisto>
 </DatiGenerali>
 <DatiBeniServizi>
  <DettaglioLinee><NumeroLinea>1</NumeroLinea>
   <CodiceArticolo><CodiceTipo>INTERNO</CodiceTipo><CodiceValore>ST-40</CodiceValore></CodiceArticolo>
   <Descrizione>Staffa in acciaio</Descrizione><Quantita>10.00</Quantita><UnitaMisura>PZ</UnitaMisura>
   <PrezzoUnitario>20.00000000</PrezzoUnitario>
   <ScontoMaggiorazione><Tipo>SC</Tipo><Percentuale>10.00</Percentuale></ScontoMaggiorazione>
   <PrezzoTotale>180.00</PrezzoTotale><AliquotaIVA>22.00</AliquotaIVA></DettaglioLinee>
  <DettaglioLinee><NumeroLinea>2</NumeroLinea><Descrizione>Trasporto</Descrizione><Quantita>1.00</Quantita>
   <PrezzoUnitario>30.00</PrezzoUnitario><PrezzoTotale>30.00</PrezzoTotale><AliquotaIVA>22.00</AliquotaIVA></DettaglioLinee>
  <DettaglioLinee><NumeroLinea>3</NumeroLinea><Descrizione>Imposta di bollo</Descrizione><Quantita>1.00</Quantita>
   <PrezzoUnitario>0.00</PrezzoUnitario><PrezzoTotale>0.00</PrezzoTotale><AliquotaIVA>0.00</AliquotaIVA>
   <Natura>N6.3</Natura></DettaglioLinee>
  <DatiRiepilogo><AliquotaIVA>22.00</AliquotaIVA><ImponibileImporto>210.00</ImponibileImporto>
   <Imposta>46.20</Imposta><EsigibilitaIVA>I</EsigibilitaIVA></DatiRiepilogo>
  <DatiRiepilogo><AliquotaIVA>0.00</AliquotaIVA><Natura>N6.3</Natura><ImponibileImporto>0.00</ImponibileImporto>
   <Imposta>0.00</Imposta><RiferimentoNormativo>Inversione contabile</RiferimentoNormativo></DatiRiepilogo>
 </DatiBeniServizi>
 <DatiPagamento><CondizioniPagamento>TP02</CondizioniPagamento>{payments}</DatiPagamento>
</FatturaElettronicaBody>"""


def fattura(*bodies: str, ns: str = V12, prefix: str | None = "p", seller: str = SELLER_COMPANY) -> str:
    tag = f"{prefix}:FatturaElettronica" if prefix else "FatturaElettronica"
    xmlns = f'xmlns:{prefix}="{ns}"' if prefix else f'xmlns="{ns}"'
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{tag} {xmlns} versione="FPR12">
<FatturaElettronicaHeader>
 <DatiTrasmissione><IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>01234560157</IdCodice></IdTrasmittente>
  <ProgressivoInvio>00007</ProgressivoInvio><FormatoTrasmissione>FPR12</FormatoTrasmissione>
  <CodiceDestinatario>0000000</CodiceDestinatario></DatiTrasmissione>
 <CedentePrestatore><DatiAnagrafici><IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>01234560157</IdCodice></IdFiscaleIVA>
  {seller}<RegimeFiscale>RF01</RegimeFiscale></DatiAnagrafici>
  <Sede><Indirizzo>Via Roma</Indirizzo><NumeroCivico>12</NumeroCivico><CAP>20121</CAP><Comune>Milano</Comune>
   <Provincia>MI</Provincia><Nazione>IT</Nazione></Sede></CedentePrestatore>
 <CessionarioCommittente><DatiAnagrafici><IdFiscaleIVA><IdPaese>DE</IdPaese><IdCodice>123456789</IdCodice></IdFiscaleIVA>
  <Anagrafica><Denominazione>Beispiel Handel GmbH</Denominazione></Anagrafica></DatiAnagrafici>
  <Sede><Indirizzo>Hauptstraße 5</Indirizzo><CAP>10115</CAP><Comune>Berlin</Comune><Nazione>DE</Nazione></Sede>
 </CessionarioCommittente>
</FatturaElettronicaHeader>
{"".join(bodies)}
</{tag}>"""


def test_a_fatturapa_is_read_exactly() -> None:
    xml = fattura(body())
    assert is_einvoice(xml)
    result = read_einvoice(xml)
    assert result.extraction_method == "einvoice:fatturapa"
    assert result.document_type is DocumentType.INVOICE
    assert (result.invoice_number, result.invoice_date, result.due_date) == (
        "FT/2025/118",
        date(2025, 3, 31),
        date(2025, 4, 30),
    )
    assert result.currency == "EUR"
    assert result.vendor.name == "Officina Esempio S.r.l."
    assert result.vendor.vat_id == "IT01234560157"  # IdPaese + IdCodice
    assert result.vendor.iban == "IT60X0542811101000000123456"
    assert result.vendor.address == "Via Roma 12, 20121 Milano (MI), IT"
    assert result.buyer.name == "Beispiel Handel GmbH"
    assert result.po_numbers == ["ODA-5521"]
    assert (result.subtotal, result.tax_total, result.total, result.amount_due) == (
        Decimal("210.00"),
        Decimal("46.20"),
        Decimal("256.20"),
        Decimal("256.20"),
    )
    first, second, third = result.lines
    assert (first.description, first.sku, first.quantity, first.unit) == (
        "Staffa in acciaio",
        "ST-40",
        Decimal(10),
        "PZ",
    )
    # the net price: PrezzoUnitario less the line's 10 % discount, so quantity x price = PrezzoTotale
    assert (first.unit_price, first.amount, first.tax_rate, first.tax_code) == (
        Decimal(18),
        Decimal("180.00"),
        Decimal(22),
        "S",
    )
    assert (second.amount, third.tax_code) == (Decimal("30.00"), "AE")
    (discount,) = result.charges
    assert (discount.kind, discount.percent, discount.line) == ("allowance", Decimal(10), 1)
    assert "Fornitura di marzo" in result.notes and "Inversione contabile" in result.notes
    for name in (
        "invoice_number",
        "vendor.name",
        "vendor.vat_id",
        "subtotal",
        "tax_total",
        "total",
        "amount_due",
    ):
        assert result.fields[name].confidence == 1.0, name


def test_a_credit_note_keeps_the_xml_amounts_and_is_typed_like_cii_381() -> None:
    result = read_einvoice(fattura(body(tipo="TD04")))
    assert result.document_type is DocumentType.CREDIT_NOTE
    assert result.total == Decimal("256.20")  # positive, as the XML states it (and as a CII 381 is read)


def test_a_withholding_and_instalments_make_the_amount_due_and_the_first_due_date() -> None:
    withholding = (
        "<DatiRitenuta><TipoRitenuta>RT01</TipoRitenuta><ImportoRitenuta>42.00</ImportoRitenuta>"
        "<AliquotaRitenuta>20.00</AliquotaRitenuta><CausalePagamento>A</CausalePagamento></DatiRitenuta>"
    )
    payments = "".join(
        f"<DettaglioPagamento><ModalitaPagamento>MP05</ModalitaPagamento><DataScadenzaPagamento>{day}"
        f"</DataScadenzaPagamento><ImportoPagamento>{amount}</ImportoPagamento></DettaglioPagamento>"
        for day, amount in (("2025-06-30", "107.10"), ("2025-05-31", "107.10"))
    )
    result = read_einvoice(fattura(body(withholding=withholding, payments=payments), seller=SELLER_PERSON))
    assert result.vendor.name == "Anna Verdi"  # Nome + Cognome of a sole trader
    assert result.total == Decimal("256.20")
    assert result.amount_due == Decimal("214.20")  # what the payment details ask: the total less the ritenuta
    assert result.due_date == date(2025, 5, 31)  # the first instalment
    assert result.vendor.iban is None
    assert any("42.00" in note for note in result.notes)


def test_without_importo_totale_documento_the_total_is_the_vat_summary() -> None:
    result = read_einvoice(fattura(body(total=None)))
    assert result.total == Decimal("256.20")
    assert result.fields["total"].confidence == 1.0


@pytest.mark.parametrize(("ns", "prefix"), [(V12, "p"), (V12, "ns2"), (V12, None), (V11, "a")])
def test_any_prefix_and_the_earlier_namespace_are_read(ns: str, prefix: str | None) -> None:
    assert read_einvoice(fattura(body(), ns=ns, prefix=prefix)).invoice_number == "FT/2025/118"


def test_a_lotto_and_the_simplified_schema_are_refused_in_one_line() -> None:
    with pytest.raises(RejectedInput) as lotto:
        read_einvoice(fattura(body(), body()))
    assert "2 invoice bodies" in str(lotto.value) and "\n" not in str(lotto.value)
    simplified = f'<p:FatturaElettronicaSemplificata xmlns:p="{V12[:-4]}v1.0"/>'
    with pytest.raises(RejectedInput, match="simplified"):
        read_einvoice(simplified)
    with pytest.raises(RejectedInput, match="simplified"):
        sniff(simplified.encode(), "fattura.xml")


def test_the_ingest_takes_a_fatturapa_as_an_einvoice() -> None:
    assert sniff(fattura(body()).encode(), "IT01234560157_00007.xml") is DocumentKind.EINVOICE
    with pytest.raises(RejectedInput):
        sniff(b'<FatturaElettronica xmlns="urn:example:other"/>', "x.xml")


@pytest.mark.parametrize(
    ("natura", "rate", "category"),
    [(None, "22", "S"), ("N6.3", "0", "AE"), ("N3.2", "0", "K"), ("N3.1", "0", "G"), ("N4", "0", "E"),
     ("N2.2", "0", "O"), ("N1", "0", "O"), ("N5", "0", None), ("N3.5", "0", None), (None, "0", None)],
)  # fmt: skip
def test_natura_maps_to_the_vat_category_only_where_it_is_one(
    natura: str | None, rate: str, category: str | None
) -> None:
    assert tax_category(Decimal(rate), natura) == category


def _signed(content: bytes) -> bytes:
    """A CMS SignedData envelope's opening (SEQUENCE, the signedData OID, [0]) around some content: what a
    .p7m file starts with (the signature itself is irrelevant to the sniff)."""
    oid = bytes.fromhex("06092a864886f70d010702")
    inner = b"\xa0\x80" + content + b"\x00\x00"
    return b"\x30\x80" + oid + inner + b"\x00\x00"


def test_a_signed_p7m_is_refused_in_one_line_never_opened_unverified(tmp_path: Path) -> None:
    der = _signed(fattura(body()).encode())
    armoured = base64.encodebytes(der)
    for data in (der, armoured, b"-----BEGIN PKCS7-----\n" + armoured + b"-----END PKCS7-----\n"):
        assert is_signed_envelope(data)
        with pytest.raises(RejectedInput) as refused:
            sniff(data, "IT01234560157_00007.xml.p7m")
        assert refused.value.code == "signed_envelope" and "\n" not in str(refused.value)
    path = tmp_path / "IT01234560157_00007.xml.p7m"
    path.write_bytes(der)
    with pytest.raises(RejectedInput, match="does not verify signatures"):
        extract_file(path)
    assert not is_signed_envelope(fattura(body()).encode()) and not is_signed_envelope(b"MIME-Version: 1.0\n")


@pytest.mark.parametrize("tipo", ["TD16", "TD17", "TD19", "TD20", "TD27"])
def test_a_self_issued_vat_document_is_refused_not_paid_twice(tipo: str) -> None:
    # a reverse-charge integration or autofattura restates a supplier's invoice for VAT; the supplier's own
    # invoice is the one to pay
    with pytest.raises(RejectedInput, match="self-issued VAT document") as refused:
        read_einvoice(fattura(body(tipo=tipo)))
    assert refused.value.code == "unsupported_einvoice"
    for payable in ("TD01", "TD02", "TD05", "TD06", "TD24"):
        assert read_einvoice(fattura(body(tipo=payable))).document_type is DocumentType.INVOICE


def test_an_enveloped_signature_is_said_to_be_unverified() -> None:
    signature = '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>'
    signed = fattura(body()).replace("</p:FatturaElettronica>", signature + "</p:FatturaElettronica>")
    result = read_einvoice(signed)
    assert result.total == Decimal("256.20")
    assert any("signature" in note and "not verify" in note for note in result.notes)
    assert not any("signature" in note for note in read_einvoice(fattura(body())).notes)


def test_a_pension_fund_contribution_is_a_document_charge() -> None:
    fund = (
        "<DatiCassaPrevidenziale><TipoCassa>TC22</TipoCassa><AlCassa>4.00</AlCassa>"
        "<ImportoContributoCassa>8.40</ImportoContributoCassa><ImponibileCassa>210.00</ImponibileCassa>"
        "<AliquotaIVA>22.00</AliquotaIVA></DatiCassaPrevidenziale>"
    )
    result = read_einvoice(fattura(body(withholding=fund)))
    (contribution,) = [c for c in result.charges if c.line is None]
    assert (contribution.kind, contribution.amount, contribution.percent, contribution.base_amount) == (
        "charge",
        Decimal("8.40"),
        Decimal(4),
        Decimal("210.00"),
    )
    assert (contribution.tax_rate, contribution.tax_code, contribution.reason) == (
        Decimal(22),
        "S",
        "Cassa previdenziale TC22",
    )


def test_one_full_payment_offered_two_ways_is_owed_once() -> None:
    payments = "".join(
        f"<DettaglioPagamento><ModalitaPagamento>{way}</ModalitaPagamento>"
        "<ImportoPagamento>256.20</ImportoPagamento></DettaglioPagamento>"
        for way in ("MP05", "MP08")
    )
    assert read_einvoice(fattura(body(payments=payments))).amount_due == Decimal("256.20")
    instalments = payments.replace("256.20", "128.10")
    assert read_einvoice(fattura(body(payments=instalments))).amount_due == Decimal("256.20")


def test_an_sdi_message_beside_the_fatturapa_is_named_as_such() -> None:
    metadata = b'<ns2:FileMetadati xmlns:ns2="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/messaggi/v1.0"/>'
    with pytest.raises(RejectedInput, match="SDI message") as refused:
        sniff(metadata, "IT01234560157_00007_MT_001.xml")
    assert refused.value.code == "unknown_format"
