"""An EInvoice as a FatturaPA (FatturaElettronica v1.2.x): header (transmission, seller, buyer) and one body
(general data, lines, VAT summary, payment). Only the root is namespaced; its prefix is drawn."""

from __future__ import annotations

import random
from decimal import Decimal

from evals.einvoices.model import NATURA_REFERENCE, EInvoice, Party, cents
from lxml import etree

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
DSIG = "http://www.w3.org/2000/09/xmldsig#"
PREFIXES = ("p", "ns2", "FPR12", "a", None)


def money(value: Decimal) -> str:
    return f"{cents(value):.2f}"


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _party(parent: etree._Element, party: Party, seller: bool) -> None:
    registry = _sub(parent, "DatiAnagrafici")
    if party.vat_id:
        tax_id = _sub(registry, "IdFiscaleIVA")
        _sub(tax_id, "IdPaese", party.vat_id[:2])
        _sub(tax_id, "IdCodice", party.vat_id[2:])
    if party.country == "IT" and (not seller or party.person):
        _sub(
            registry,
            "CodiceFiscale",
            party.vat_id[2:] if party.vat_id and not party.person else "RSSMRA80A01H501U",
        )
    names = _sub(registry, "Anagrafica")
    if party.person:
        _sub(names, "Nome", party.person[0])
        _sub(names, "Cognome", party.person[1])
    else:
        _sub(names, "Denominazione", party.legal_name)
    if seller:
        _sub(registry, "RegimeFiscale", "RF19" if party.person else "RF01")
    seat = _sub(parent, "Sede")
    _sub(seat, "Indirizzo", party.street)
    _sub(seat, "NumeroCivico", party.house)
    _sub(seat, "CAP", party.postcode if party.country == "IT" else "00000")
    _sub(seat, "Comune", party.city)
    if party.province:
        _sub(seat, "Provincia", party.province)
    _sub(seat, "Nazione", party.country)


def render_fatturapa(invoice: EInvoice, rng: random.Random) -> bytes:
    prefix = rng.choice(PREFIXES)
    nsmap = {prefix: NAMESPACE, "ds": DSIG}
    root = etree.Element(f"{{{NAMESPACE}}}FatturaElettronica", nsmap=nsmap)  # type: ignore[arg-type]
    public = rng.random() < 0.3
    root.set("versione", "FPA12" if public else "FPR12")
    header = _sub(root, "FatturaElettronicaHeader")
    transmission = _sub(header, "DatiTrasmissione")
    sender = _sub(transmission, "IdTrasmittente")
    _sub(sender, "IdPaese", "IT")
    _sub(sender, "IdCodice", "01234567890")
    _sub(transmission, "ProgressivoInvio", f"{rng.randint(1, 99999):05d}")
    _sub(transmission, "FormatoTrasmissione", "FPA12" if public else "FPR12")
    _sub(
        transmission,
        "CodiceDestinatario",
        "UFXXXX" if public else ("0000000" if rng.random() < 0.3 else "M5UXCR1"),
    )
    _party(_sub(header, "CedentePrestatore"), invoice.seller, True)
    _party(_sub(header, "CessionarioCommittente"), invoice.buyer, False)

    body = _sub(root, "FatturaElettronicaBody")
    general = _sub(body, "DatiGenerali")
    document = _sub(general, "DatiGeneraliDocumento")
    _sub(document, "TipoDocumento", invoice.type_code)
    _sub(document, "Divisa", invoice.currency)
    _sub(document, "Data", invoice.issued.isoformat())
    _sub(document, "Numero", invoice.number)
    if invoice.withholding is not None:
        withholding = _sub(document, "DatiRitenuta")
        _sub(withholding, "TipoRitenuta", "RT01" if invoice.seller.person else "RT02")
        _sub(withholding, "ImportoRitenuta", money(invoice.withheld))
        _sub(withholding, "AliquotaRitenuta", f"{invoice.withholding:.2f}")
        _sub(withholding, "CausalePagamento", "A")
    for fund in invoice.charges:  # a FatturaPA's only document-level charge here: the pension fund
        cassa = _sub(document, "DatiCassaPrevidenziale")
        _sub(cassa, "TipoCassa", fund.reason_code)
        _sub(cassa, "AlCassa", f"{fund.percent:.2f}")
        _sub(cassa, "ImportoContributoCassa", money(fund.amount))
        _sub(cassa, "ImponibileCassa", money(fund.base or 0))
        _sub(cassa, "AliquotaIVA", f"{fund.rate:.2f}")
        if invoice.withholding is not None:
            _sub(cassa, "Ritenuta", "SI")
    if invoice.state_total:
        _sub(document, "ImportoTotaleDocumento", money(invoice.stated_total))
    if invoice.rounding:
        _sub(document, "Arrotondamento", money(invoice.rounding))
    if invoice.note:
        _sub(document, "Causale", invoice.note)
    if invoice.order:
        order = _sub(general, "DatiOrdineAcquisto")
        _sub(order, "IdDocumento", invoice.order)
        _sub(order, "Data", invoice.issued.isoformat())
    if invoice.credit:
        linked = _sub(general, "DatiFattureCollegate")
        _sub(linked, "IdDocumento", f"{invoice.number}-ORIG")

    goods = _sub(body, "DatiBeniServizi")
    for index, line in enumerate(invoice.lines, start=1):
        item = _sub(goods, "DettaglioLinee")
        _sub(item, "NumeroLinea", str(index))
        if line.sku:
            code = _sub(item, "CodiceArticolo")
            _sub(code, "CodiceTipo", "INTERNO")
            _sub(code, "CodiceValore", line.sku)
        _sub(item, "Descrizione", line.description)
        _sub(item, "Quantita", f"{line.quantity:.2f}")
        _sub(item, "UnitaMisura", line.unit)
        _sub(item, "PrezzoUnitario", str(line.price))
        if line.allowance is not None:
            discount = _sub(item, "ScontoMaggiorazione")
            _sub(discount, "Tipo", "SC")
            _sub(discount, "Percentuale", f"{line.allowance:.2f}")
        _sub(item, "PrezzoTotale", money(invoice.line_amount(line)))
        _sub(item, "AliquotaIVA", f"{line.rate:.2f}")
        if invoice.withholding is not None:
            _sub(item, "Ritenuta", "SI")
        if line.natura:
            _sub(item, "Natura", line.natura)
    for group in invoice.groups:
        summary = _sub(goods, "DatiRiepilogo")
        _sub(summary, "AliquotaIVA", f"{group.rate:.2f}")
        if group.natura:
            _sub(summary, "Natura", group.natura)
        _sub(summary, "ImponibileImporto", money(group.taxable))
        _sub(summary, "Imposta", money(group.tax))
        if group.natura is None:
            _sub(summary, "EsigibilitaIVA", "S" if public else "I")
        else:
            _sub(summary, "RiferimentoNormativo", NATURA_REFERENCE[group.natura])

    payment = _sub(body, "DatiPagamento")
    _sub(payment, "CondizioniPagamento", "TP01" if invoice.instalments > 1 else "TP02")
    details = list(zip(invoice.instalment_amounts, invoice.instalment_dates, strict=True))
    ways = ["MP05"] * len(details)
    if invoice.alternatives:  # the whole amount by transfer or by card
        details, ways = details * 2, ["MP05", "MP08"]
    for (amount, due), way in zip(details, ways, strict=True):
        detail = _sub(payment, "DettaglioPagamento")
        _sub(detail, "ModalitaPagamento", way)
        if invoice.due is not None:
            _sub(detail, "DataScadenzaPagamento", due.isoformat())
        _sub(detail, "ImportoPagamento", money(amount))
        _sub(detail, "IstitutoFinanziario", "Banca di prova")
        assert invoice.seller.iban is not None
        _sub(detail, "IBAN", invoice.seller.iban)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
