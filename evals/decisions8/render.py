"""The suppliers' documents as they send them, drawn here: PDFs with reportlab's canvas in the supplier's language
(German, French) in one of two templates — `band` (the supplier's name in a dark band across the top, the facts
in two columns under it, lines in a zebra table) and `columns` (the supplier's letterhead on the right, the
customer on the left, the facts as a ruled list, lines with a unit column) — and UBL 2.1 e-invoices (EN 16931)
written by hand for the Dutch supplier. No other eval's renderer is used."""

from __future__ import annotations

import io
import textwrap
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from evals.decisions8.model import BUYER, Doc

WORDS: dict[str, dict[str, str]] = {
    "de": {"title": "Rechnung", "no": "Rechnungs-Nr.", "date": "Datum", "po": "Ihre Bestellung", "cust": "Kunden-Nr.",
           "delivery": "Liefer-/Leistungsdatum", "period": "Leistungszeitraum", "pos": "Pos.", "sku": "Artikel",
           "desc": "Bezeichnung", "qty": "Menge", "unit": "ME", "price": "Preis EUR", "amount": "Gesamt EUR",
           "net": "Summe netto", "vat": "zzgl. USt. {rate} %", "total": "Rechnungsbetrag", "bank": "Bank",
           "vatid": "USt-IdNr.", "terms": "Zahlbar ohne Abzug bis {due}.", "pc": "Stk", "h": "Std"},
    "fr": {"title": "Facture", "no": "N° de facture", "date": "Date", "po": "Votre commande", "cust": "N° client",
           "delivery": "Date de livraison", "period": "Période", "pos": "Pos.", "sku": "Référence",
           "desc": "Désignation", "qty": "Qté", "unit": "U.", "price": "P.U. HT €", "amount": "Montant HT €",
           "net": "Total HT", "vat": "TVA {rate} %", "total": "Total TTC", "bank": "Banque", "vatid": "N° TVA",
           "terms": "Paiement à 30 jours, échéance le {due}.", "pc": "pce", "h": "h"},
}  # fmt: skip


def fmt_money(value: Decimal, lang: str) -> str:
    text = f"{value:,.2f}"
    if lang == "de":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace(",", " ").replace(".", ",")


def fmt_qty(value: Decimal, lang: str) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


def fmt_date(value: date, lang: str) -> str:
    return f"{value:%d.%m.%Y}" if lang == "de" else f"{value:%d/%m/%Y}"


def render(doc: Doc, po_numbers: dict[str, str]) -> tuple[bytes, str]:
    """The document's bytes and file suffix: the Dutch supplier's UBL, everyone else's PDF."""
    if doc.vendor.layout == "ubl":
        return render_ubl(doc, po_numbers), ".xml"
    return render_pdf(doc, po_numbers), ".pdf"


def render_pdf(doc: Doc, po_numbers: dict[str, str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    v, lang = doc.vendor, doc.vendor.lang
    w = WORDS[lang]
    po = po_numbers.get(doc.po, doc.po) if doc.po else None
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    left, right = 20 * mm, width - 18 * mm
    name, street, town, our_vat = BUYER
    facts = [
        (w["no"], doc.number),
        (w["date"], fmt_date(doc.issued, lang)),
        (w["cust"], f"40{v.code[-2:]}17"),
    ]
    if po:
        facts.append((w["po"], po))
    if doc.period:
        facts.append((w["period"], doc.period))
    elif doc.delivery:
        facts.append((w["delivery"], fmt_date(doc.delivery, lang)))
    if v.layout == "band":
        pdf.setFillGray(0.2)
        pdf.rect(0, height - 32 * mm, width, 32 * mm, stroke=0, fill=1)
        pdf.setFillGray(1)
        pdf.setFont("Helvetica-Bold", 15)
        pdf.drawString(left, height - 16 * mm, v.name)
        pdf.setFont("Helvetica", 8.5)
        pdf.drawString(
            left, height - 23 * mm, f"{v.street} · {v.zip} {v.city} · {w['vatid']} {doc.seller_vat}"
        )
        pdf.setFillGray(0)
        y = height - 48 * mm
        for text in (name, street, town):
            pdf.setFont("Helvetica", 10)
            pdf.drawString(left, y, text)
            y -= 5 * mm
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(left, height - 80 * mm, w["title"])
        y = height - 48 * mm
        for label, value in facts:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(118 * mm, y, label)
            pdf.drawRightString(right, y, value)
            y -= 5 * mm
        y = height - 92 * mm
    else:
        pdf.setFont("Helvetica-Bold", 13)
        pdf.drawRightString(right, height - 20 * mm, v.name)
        pdf.setFont("Helvetica", 8.5)
        pdf.drawRightString(right, height - 25 * mm, f"{v.street}, {v.zip} {v.city}")
        pdf.drawRightString(right, height - 29 * mm, f"{w['vatid']}: {doc.seller_vat}")
        pdf.setFont("Helvetica", 7)
        pdf.drawString(left, height - 45 * mm, f"{v.name} · {v.street} · {v.zip} {v.city}")
        y = height - 51 * mm
        for text in (name, street, town, f"{w['vatid']} {our_vat}"):
            pdf.setFont("Helvetica", 10)
            pdf.drawString(left, y, text)
            y -= 5 * mm
        y = height - 51 * mm
        for label, value in facts:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(120 * mm, y, f"{label}:")
            pdf.drawString(158 * mm, y, value)
            pdf.line(120 * mm, y - 1.5 * mm, right, y - 1.5 * mm)
            y -= 6 * mm
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(left, height - 88 * mm, f"{w['title']} {doc.number}")
        y = height - 98 * mm
    cols = [left, left + 11 * mm, left + 34 * mm, right - 62 * mm, right - 50 * mm, right - 24 * mm, right]
    pdf.setFont("Helvetica-Bold", 8.5)
    for x, key in zip(cols[:3], ("pos", "sku", "desc"), strict=True):
        pdf.drawString(x, y, w[key])
    pdf.drawRightString(cols[3], y, w["qty"])
    pdf.drawString(cols[3] + 2 * mm, y, w["unit"])
    pdf.drawRightString(cols[5], y, w["price"])
    pdf.drawRightString(cols[6], y, w["amount"])
    pdf.line(left, y - 2 * mm, right, y - 2 * mm)
    y -= 7 * mm
    pdf.setFont("Helvetica", 8.5)
    for n, line in enumerate(doc.lines, start=1):
        if v.layout == "band" and n % 2 == 0:
            pdf.setFillGray(0.93)
            pdf.rect(left - 1 * mm, y - 1.8 * mm, right - left + 2 * mm, 5.2 * mm, stroke=0, fill=1)
            pdf.setFillGray(0)
        pdf.drawString(cols[0], y, str(n))
        pdf.drawString(cols[1], y, line.sku or "")
        desc = textwrap.wrap(line.description, 44)
        pdf.drawString(cols[2], y, desc[0])
        pdf.drawRightString(cols[3], y, fmt_qty(line.quantity, lang))
        pdf.drawString(cols[3] + 2 * mm, y, w[line.unit])
        pdf.drawRightString(cols[5], y, fmt_money(line.price, lang))
        pdf.drawRightString(cols[6], y, fmt_money(line.amount, lang))
        for more in desc[1:]:
            y -= 4.5 * mm
            pdf.drawString(cols[2], y, more)
        y -= 6 * mm
    pdf.line(left, y + 3 * mm, right, y + 3 * mm)
    y -= 3 * mm
    totals = [
        (w["net"], doc.net),
        (w["vat"].format(rate=fmt_qty(doc.rate, lang)), doc.tax),
        (w["total"], doc.total),
    ]
    for i, (label, value) in enumerate(totals):
        pdf.setFont("Helvetica-Bold" if i == 2 else "Helvetica", 9.5)
        pdf.drawString(right - 75 * mm, y, label)
        pdf.drawRightString(right, y, f"{fmt_money(value, lang)} EUR")
        y -= 5.5 * mm
    y -= 4 * mm
    pdf.setFont("Helvetica", 8)
    texts = [*doc.notes]
    if doc.terms:
        texts.append(w["terms"].format(due=fmt_date(doc.issued + timedelta(days=30), lang)))
    for text in texts:
        for part in textwrap.wrap(text, 110):
            pdf.drawString(left, y, part)
            y -= 4.2 * mm
    pdf.setFont("Helvetica", 7.5)
    iban = " ".join(v.iban[i : i + 4] for i in range(0, len(v.iban), 4))
    pdf.drawString(left, 14 * mm, f"{v.name} · {w['bank']}: IBAN {iban} · {w['vatid']} {doc.seller_vat}")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _m(value: Decimal) -> str:
    return f"{value:.2f}"


def render_ubl(doc: Doc, po_numbers: dict[str, str]) -> bytes:
    """A UBL 2.1 invoice (EN 16931, reverse charge: category K), written by hand."""
    v = doc.vendor
    po = po_numbers.get(doc.po, doc.po) if doc.po else None
    lines = "".join(
        f"""
  <cac:InvoiceLine>
    <cbc:ID>{n}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="{"HUR" if line.unit == "h" else "H87"}">{line.quantity:f}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">{_m(line.amount)}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>{escape(line.description)}</cbc:Name>
      <cac:SellersItemIdentification><cbc:ID>{escape(line.sku or "")}</cbc:ID></cac:SellersItemIdentification>
      <cac:ClassifiedTaxCategory><cbc:ID>K</cbc:ID><cbc:Percent>0</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">{line.price:f}</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>"""
        for n, line in enumerate(doc.lines, start=1)
    )
    notes = "".join(f"\n  <cbc:Note>{escape(x)}</cbc:Note>" for x in doc.notes)
    name, street, town, vat = BUYER
    zip_, _, city = town.partition(" ")
    order = f"\n  <cac:OrderReference><cbc:ID>{escape(po)}</cbc:ID></cac:OrderReference>" if po else ""
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>{escape(doc.number)}</cbc:ID>
  <cbc:IssueDate>{doc.issued:%Y-%m-%d}</cbc:IssueDate>
  <cbc:DueDate>{doc.issued + timedelta(days=30):%Y-%m-%d}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>{notes}
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>{escape(po or "n/a")}</cbc:BuyerReference>{order}
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>{escape(v.name)}</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>{escape(v.street)}</cbc:StreetName><cbc:CityName>{escape(v.city)}</cbc:CityName><cbc:PostalZone>{v.zip}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>{v.country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>{doc.seller_vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>{escape(v.name)}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PostalAddress><cbc:StreetName>{escape(street)}</cbc:StreetName><cbc:CityName>{escape(city)}</cbc:CityName><cbc:PostalZone>{zip_}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>{vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>{escape(name)}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:Delivery><cbc:ActualDeliveryDate>{(doc.delivery or doc.issued):%Y-%m-%d}</cbc:ActualDeliveryDate></cac:Delivery>
  <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>{v.iban}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:PaymentTerms><cbc:Note>30 days net</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">{_m(doc.tax)}</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">{_m(doc.net)}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">{_m(doc.tax)}</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>K</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-EU-IC</cbc:TaxExemptionReasonCode><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">{_m(doc.net)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">{_m(doc.net)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">{_m(doc.total)}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{_m(doc.total)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>{lines}
</Invoice>
"""
    return xml.encode("utf-8")
