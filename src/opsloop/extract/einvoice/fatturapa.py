"""Italy's FatturaPA (FatturaElettronica v1.0-1.2.x, the SDI format), read exactly, namespace-agnostic.

Only the root is namespaced in a FatturaPA; its elements are unqualified. One file is one invoice: a
*lotto* (several FatturaElettronicaBody under one header) is refused with a one-line reason, and so
is the simplified invoice (FatturaElettronicaSemplificata, another schema). Money is what the XML
states: a credit note (TD04, TD08) keeps its positive amounts and is typed `credit_note`, as a CII
381 is.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from opsloop.domain.invoices import (
    AllowanceChargeExtraction,
    DocumentType,
    InvoiceExtraction,
    InvoiceLineExtraction,
)
from opsloop.errors import RejectedInput
from opsloop.extract.amounts import per_unit
from opsloop.extract.einvoice.common import add_note, normalise_iban, normalise_vat, preceding, record
from opsloop.extract.einvoice.xmltools import (
    child,
    children,
    date_of,
    decimal_of,
    local,
    path,
    text_of,
    unit_decimal_of,
)
from opsloop.extract.evidence import found, missing

FATTURAPA_ROOT = "FatturaElettronica"
SIMPLIFIED_ROOT = "FatturaElettronicaSemplificata"
FATTURAPA_HOSTS = ("ivaservizi.agenziaentrate.gov.it", "www.fatturapa.gov.it")
"""The namespaces' hosts: v1.2.x (Agenzia delle Entrate) and the earlier v1.0/v1.1 (fatturapa.gov.it)."""

CREDIT_NOTE_TYPES = frozenset({"TD04", "TD08"})
"""TipoDocumento codes that are credit notes: nota di credito, and its simplified form."""
SELF_ISSUED_TYPES = frozenset(
    {"TD16", "TD17", "TD18", "TD19", "TD20", "TD21", "TD22", "TD23", "TD27", "TD28", "TD29"}
)
"""TipoDocumento codes of documents the buyer (or the seller, to itself) issues for VAT only: reverse-charge
integrations and self-invoices (autofatture), their regularisations and notices. The supplier's own invoice
is the one to pay; reading one of these as a supplier's invoice would propose paying it twice."""
XMLDSIG = "http://www.w3.org/2000/09/xmldsig#"

_NATURA_CATEGORY = (
    ("N6", "AE"),
    ("N3.2", "K"),
    ("N3.1", "G"),
    ("N4", "E"),
    ("N2", "O"),
    ("N1", "O"),
)
"""FatturaPA `Natura` (why no VAT is charged) as the UNCL 5305 category of EN 16931's Italian mapping:
reverse charge (N6.x) AE, intra-community supply (N3.2) K, export (N3.1) G, exempt (N4) E, outside the
scope (N1, N2.x) O. Other natures (margin schemes, other non-taxable supplies) have no single category
and stay unset."""


def _namespace(root: etree._Element) -> str:
    return etree.QName(root).namespace or ""


def is_fatturapa_tag(name: str, namespace: str) -> bool:
    """Whether a root element (local name, namespace) is a FatturaPA or its simplified form."""
    if name not in (FATTURAPA_ROOT, SIMPLIFIED_ROOT):
        return False
    return not namespace or any(host in namespace for host in FATTURAPA_HOSTS)


def is_fatturapa(root: etree._Element) -> bool:
    return is_fatturapa_tag(local(root), _namespace(root))


def tax_category(rate: Decimal | None, natura: str | None) -> str | None:
    """The UNCL 5305 category of a rate and its `Natura`: S for a positive rate without one."""
    if natura:
        code = natura.strip().upper()
        for prefix, category in _NATURA_CATEGORY:
            if code == prefix or code.startswith(prefix + "."):
                return category
        return None
    if rate is not None and rate > 0:
        return "S"
    return None


def _party_name(party: etree._Element | None) -> tuple[etree._Element | None, str | None]:
    """`Denominazione` (a company), else `Nome Cognome` (a person), as EN 16931's Italian binding maps the
    seller's and buyer's name (BT-27, BT-44); `Titolo` is an honorific ("Avvocato", "Dott."), not part of
    the name a vendor record or a payment carries."""
    registry = path(party, "DatiAnagrafici", "Anagrafica")
    company = child(registry, "Denominazione")
    if text_of(company):
        return company, text_of(company)
    person = " ".join(value for value in (text_of(child(registry, n)) for n in ("Nome", "Cognome")) if value)
    return (registry, person) if person else (None, None)


def _party_vat(party: etree._Element | None) -> tuple[etree._Element | None, str | None]:
    """IdFiscaleIVA as one VAT id: IdPaese + IdCodice (IT01234567890)."""
    tax_id = path(party, "DatiAnagrafici", "IdFiscaleIVA")
    country, code = text_of(child(tax_id, "IdPaese")), text_of(child(tax_id, "IdCodice"))
    if not code:
        return None, None
    code = normalise_vat(code) or ""
    country = (country or "").strip().upper()
    return tax_id, code if not country or code.startswith(country) else country + code


def _address(party: etree._Element | None) -> str | None:
    """Sede: street and number, postcode and town (province), country code."""
    seat = child(party, "Sede")
    if seat is None:
        return None
    street = " ".join(
        p for p in (text_of(child(seat, "Indirizzo")), text_of(child(seat, "NumeroCivico"))) if p
    )
    province = text_of(child(seat, "Provincia"))
    town = " ".join(p for p in (text_of(child(seat, "CAP")), text_of(child(seat, "Comune"))) if p)
    if province:
        town = f"{town} ({province})" if town else province
    parts = [street, town, text_of(child(seat, "Nazione"))]
    return ", ".join(p for p in parts if p) or None


def _discount(
    element: etree._Element, line: int | None, quantity: Decimal | None
) -> AllowanceChargeExtraction:
    """A ScontoMaggiorazione: SC a discount, MG a surcharge. On a line its Importo is per unit (it changes
    the unit price), so the line's discount is Importo × Quantita."""
    amount = (unit_decimal_of if line is not None else decimal_of)(child(element, "Importo"))
    if amount is not None and line is not None and quantity is not None:
        amount = amount * quantity
    return AllowanceChargeExtraction(
        kind="charge" if (text_of(child(element, "Tipo")) or "").upper() == "MG" else "allowance",
        amount=abs(amount) if amount is not None else None,
        percent=decimal_of(child(element, "Percentuale")),
        line=line,
    )


def _net_price(item: etree._Element) -> Decimal | None:
    """PrezzoUnitario after the line's ScontoMaggiorazione, in their order (EN 16931's item net price): a
    percentage changes the price by that share, an Importo by that amount per unit; SC lowers, MG raises."""
    price = unit_decimal_of(child(item, "PrezzoUnitario"))
    for adjustment in children(item, "ScontoMaggiorazione"):
        if price is None:
            return None
        sign = 1 if (text_of(child(adjustment, "Tipo")) or "").upper() == "MG" else -1
        percent = decimal_of(child(adjustment, "Percentuale"))
        amount = unit_decimal_of(child(adjustment, "Importo"))
        if percent is not None:
            price = per_unit(price * (100 + sign * percent) / 100)
        elif amount is not None:
            price = price + sign * amount
    return price


def _line(item: etree._Element) -> InvoiceLineExtraction:
    rate = decimal_of(child(item, "AliquotaIVA"))
    codes = children(item, "CodiceArticolo")
    return InvoiceLineExtraction(
        description=text_of(child(item, "Descrizione")),
        sku=text_of(child(codes[0], "CodiceValore")) if codes else None,
        quantity=unit_decimal_of(child(item, "Quantita")),
        unit=text_of(child(item, "UnitaMisura")),
        unit_price=_net_price(item),
        amount=decimal_of(child(item, "PrezzoTotale")),
        tax_rate=rate,
        tax_code=tax_category(rate, text_of(child(item, "Natura"))),
    )


def _sum(elements: list[etree._Element]) -> Decimal | None:
    values = [decimal_of(element) for element in elements]
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if known else None


def read_fatturapa(root: etree._Element) -> InvoiceExtraction:
    """Read a FatturaPA (one body) into the extraction contract; RejectedInput for a lotto or the
    simplified schema, each with a one-line reason."""
    if local(root) == SIMPLIFIED_ROOT:
        raise RejectedInput(
            "unsupported_einvoice",
            "A simplified FatturaPA (FatturaElettronicaSemplificata) is not read; ask for an ordinary one.",
        )
    bodies = children(root, "FatturaElettronicaBody")
    if len(bodies) != 1:
        raise RejectedInput(
            "unsupported_einvoice",
            f"The FatturaPA holds {len(bodies)} invoice bodies"
            + (" (a lotto); opsloop reads one invoice per file." if bodies else "; it holds no invoice."),
        )
    header = child(root, "FatturaElettronicaHeader")
    body = bodies[0]
    general = path(body, "DatiGenerali", "DatiGeneraliDocumento")
    goods = child(body, "DatiBeniServizi")
    result = InvoiceExtraction(extraction_method="einvoice:fatturapa")

    type_el = child(general, "TipoDocumento")
    type_code = (text_of(type_el) or "").strip().upper()
    if type_code in SELF_ISSUED_TYPES:
        raise RejectedInput(
            "unsupported_einvoice",
            f"The FatturaPA is a {type_code}, a self-issued VAT document (reverse-charge integration or "
            "autofattura), not a supplier's invoice to pay.",
        )
    result.document_type = (
        DocumentType.CREDIT_NOTE if type_code in CREDIT_NOTE_TYPES else DocumentType.INVOICE
    )
    result.fields["document_type"] = found(f"TipoDocumento: {type_code}", confidence=1.0)

    number_el = child(general, "Numero")
    result.invoice_number = text_of(number_el)
    record(result, "invoice_number", number_el, result.invoice_number)
    date_el = child(general, "Data")
    result.invoice_date = date_of(date_el)
    record(result, "invoice_date", date_el, result.invoice_date)
    currency_el = child(general, "Divisa")
    result.currency = (text_of(currency_el) or "").upper() or None
    record(result, "currency", currency_el, result.currency)

    seller = child(header, "CedentePrestatore")
    buyer = child(header, "CessionarioCommittente")
    name_el, result.vendor.name = _party_name(seller)
    record(result, "vendor.name", name_el, result.vendor.name)
    vat_el, result.vendor.vat_id = _party_vat(seller)
    record(result, "vendor.vat_id", vat_el, result.vendor.vat_id)
    result.vendor.address = _address(seller)
    record(result, "vendor.address", child(seller, "Sede"), result.vendor.address)
    buyer_el, result.buyer.name = _party_name(buyer)
    record(result, "buyer.name", buyer_el, result.buyer.name)
    buyer_vat_el, result.buyer.vat_id = _party_vat(buyer)  # CessionarioCommittente's IdFiscaleIVA
    record(result, "buyer.vat_id", buyer_vat_el, result.buyer.vat_id)

    orders = [
        text_of(child(order, "IdDocumento"))
        for order in children(path(body, "DatiGenerali"), "DatiOrdineAcquisto")
    ]
    result.po_numbers = list(dict.fromkeys(o for o in orders if o))
    result.fields["po_numbers"] = (
        found("DatiOrdineAcquisto: " + ", ".join(result.po_numbers), confidence=1.0)
        if result.po_numbers
        else missing("not present in the e-invoice XML")
    )

    # the invoice a nota di credito corrects (DatiFattureCollegate, EN 16931 BT-25)
    preceding(
        result,
        [
            text_of(child(doc, "IdDocumento"))
            for doc in children(path(body, "DatiGenerali"), "DatiFattureCollegate")
        ],
        "DatiFattureCollegate",
    )

    summaries = children(goods, "DatiRiepilogo")
    result.subtotal = _sum([e for s in summaries for e in children(s, "ImponibileImporto")])
    result.tax_total = _sum([e for s in summaries for e in children(s, "Imposta")])
    for name, value, part in (
        ("subtotal", result.subtotal, "ImponibileImporto"),
        ("tax_total", result.tax_total, "Imposta"),
    ):
        result.fields[name] = (
            found(f"DatiRiepilogo: sum of {part} = {value}", confidence=1.0)
            if value is not None
            else missing("not present in the e-invoice XML")
        )
    total_el = child(general, "ImportoTotaleDocumento")
    result.total = decimal_of(total_el)
    if result.total is not None:
        record(result, "total", total_el, result.total)
    elif result.subtotal is not None and result.tax_total is not None:
        # ImportoTotaleDocumento is optional: the total is then the VAT summary's taxable plus tax,
        # with the document's rounding (Arrotondamento) when it states one
        rounding = decimal_of(child(general, "Arrotondamento")) or Decimal(0)
        result.total = result.subtotal + result.tax_total + rounding
        result.fields["total"] = found(
            f"DatiRiepilogo: ImponibileImporto + Imposta = {result.total}", confidence=1.0
        )
    else:
        record(result, "total", None, None)

    instalments = [
        d for payment in children(body, "DatiPagamento") for d in children(payment, "DettaglioPagamento")
    ]
    paid = _sum([e for d in instalments for e in children(d, "ImportoPagamento")])
    amounts = {decimal_of(child(d, "ImportoPagamento")) for d in instalments}
    full = {text_of(child(p, "CondizioniPagamento")) for p in children(body, "DatiPagamento")} == {"TP02"}
    if (
        full
        and len(instalments) > 1
        and len(amounts) == 1
        and paid is not None
        and result.total is not None
        and abs(paid) > abs(result.total)
    ):
        # one full payment (TP02) offered several ways (transfer, card, ...): each detail is the whole
        # amount, an alternative, not an instalment
        paid = amounts.pop()
    if paid is not None:
        # what the payment details ask for: the total less a withholding (ritenuta) or a deposit
        result.amount_due = paid
        result.fields["amount_due"] = found(f"DettaglioPagamento: ImportoPagamento {paid}", confidence=1.0)
    else:
        result.amount_due = result.total
        result.fields["amount_due"] = (
            found("no payment details: the document total", confidence=1.0)
            if result.total is not None
            else missing("not present in the e-invoice XML")
        )
    dues: list[tuple[date, etree._Element]] = []
    for detail in instalments:
        element = child(detail, "DataScadenzaPagamento")
        day = date_of(element)
        if day is not None and element is not None:
            dues.append((day, element))
    due_value, due_el = min(dues, key=lambda pair: pair[0]) if dues else (None, None)
    result.due_date = due_value
    record(result, "due_date", due_el, result.due_date)
    iban_el = next((child(d, "IBAN") for d in instalments if text_of(child(d, "IBAN"))), None)
    result.vendor.iban = normalise_iban(text_of(iban_el))
    record(result, "vendor.iban", iban_el, result.vendor.iban)

    for item in children(goods, "DettaglioLinee"):
        line = _line(item)
        result.lines.append(line)
        for discount in children(item, "ScontoMaggiorazione"):
            result.charges.append(_discount(discount, len(result.lines), line.quantity))
    for discount in children(general, "ScontoMaggiorazione"):
        result.charges.append(_discount(discount, None, None))
    for fund in children(general, "DatiCassaPrevidenziale"):
        # a professional's pension-fund contribution (rivalsa): a document-level charge, taxable, that no
        # line holds but the VAT summary's taxable amount includes
        contribution = decimal_of(child(fund, "ImportoContributoCassa"))
        result.charges.append(
            AllowanceChargeExtraction(
                kind="charge",
                reason=f"Cassa previdenziale {text_of(child(fund, 'TipoCassa')) or ''}".strip(),
                amount=abs(contribution) if contribution is not None else None,
                base_amount=decimal_of(child(fund, "ImponibileCassa")),
                percent=decimal_of(child(fund, "AlCassa")),
                tax_rate=decimal_of(child(fund, "AliquotaIVA")),
                tax_code=tax_category(decimal_of(child(fund, "AliquotaIVA")), text_of(child(fund, "Natura"))),
            )
        )
    result.fields["lines"] = (
        found(f"{len(result.lines)} DettaglioLinee", confidence=1.0)
        if result.lines
        else missing("no line items in the e-invoice XML")
    )
    if any(etree.QName(item).namespace == XMLDSIG for item in root if isinstance(item.tag, str)):
        # an enveloped XAdES signature: the values are read as written, the signature is not checked
        add_note(result, "The XML carries a digital signature (XAdES) that opsloop did not verify.")
    for cause in children(general, "Causale"):
        add_note(result, text_of(cause))
    for summary in summaries:
        add_note(result, text_of(child(summary, "RiferimentoNormativo")))
    for withholding in children(general, "DatiRitenuta"):
        amount = text_of(child(withholding, "ImportoRitenuta"))
        if amount:
            add_note(result, f"Ritenuta (withholding tax): {amount}")
    return result
