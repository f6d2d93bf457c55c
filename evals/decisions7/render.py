"""The suppliers' documents as they send them: PDFs drawn with reportlab's canvas in the supplier's language
(German, Italian, English), each supplier with its own template — `classic` (letterhead, the customer in the
window, the facts in a block on the right with colons), `grid` (the title in a grey band, the facts in a ruled
table of label cells and value cells) or `sidebar` (the supplier and the facts in a narrow left column, the
customer and the lines to its right) — pages that break with a carried-forward subtotal and a page count, and
UBL 2.1 e-invoices (EN 16931, line allowances as price allowances) written by hand. Our own drawing: no other
eval's renderer is used."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from evals.decisions7.model import Doc, Line

WORDS: dict[str, dict[str, str]] = {
    "de": {"invoice": "Rechnung", "deposit": "Anzahlungsrechnung", "final": "Schlussrechnung",
           "storno": "Stornorechnung", "no": "Rechnungsnummer", "date": "Rechnungsdatum", "po": "Ihre Bestellung",
           "their": "Ihre Bestellung", "cust": "Kundennummer", "delivery": "Leistungsdatum", "pos": "Pos",
           "sku": "Art.-Nr.", "desc": "Bezeichnung", "qty": "Menge", "list": "Listenpreis", "disc": "Rabatt",
           "price": "Einzelpreis", "amount": "Betrag EUR", "net": "Nettobetrag", "vat": "Umsatzsteuer {rate} %",
           "total": "Gesamtbetrag", "terms": "Zahlungsziel: 30 Tage netto bis {due}.", "bank": "Bankverbindung",
           "vatid": "USt-IdNr.", "to": "Rechnungsempfänger", "your_vat": "USt-IdNr.", "carried": "Übertrag",
           "page": "Seite {n} von {of}", "refers": "Bezug: Rechnung {ref}", "period": "Leistungszeitraum"},
    "it": {"invoice": "Fattura", "deposit": "Fattura di acconto", "final": "Fattura a saldo",
           "storno": "Nota di credito", "no": "Numero fattura", "date": "Data fattura", "po": "Vostro ordine",
           "their": "Vostro ordine", "cust": "Codice cliente", "delivery": "Data consegna", "pos": "Pos.",
           "sku": "Codice", "desc": "Descrizione", "qty": "Quantità", "list": "Listino", "disc": "Sconto",
           "price": "Prezzo unit.", "amount": "Importo EUR", "net": "Imponibile", "vat": "IVA {rate} %",
           "total": "Totale fattura", "terms": "Pagamento: bonifico bancario 30 gg d.f., scadenza {due}.",
           "bank": "Coordinate bancarie", "vatid": "P.IVA", "to": "Spett.le", "your_vat": "P.IVA",
           "carried": "Riporto", "page": "Pagina {n} di {of}", "refers": "Rif.: fattura {ref}",
           "period": "Periodo"},
    "en": {"invoice": "Invoice", "deposit": "Advance payment invoice", "final": "Final invoice",
           "storno": "Cancellation invoice", "no": "Invoice number", "date": "Invoice date", "po": "Your order",
           "their": "Your order", "cust": "Customer no.", "delivery": "Delivery date", "pos": "Item",
           "sku": "Article", "desc": "Description", "qty": "Quantity", "list": "List price", "disc": "Disc.",
           "price": "Unit price", "amount": "Amount EUR", "net": "Net amount", "vat": "VAT {rate} %",
           "total": "Total amount", "terms": "Payment terms: 30 days net, due {due}.", "bank": "Bank details",
           "vatid": "VAT reg. no.", "to": "Bill to", "your_vat": "VAT no.", "carried": "Carried forward",
           "page": "Page {n} of {of}", "refers": "Reference: invoice {ref}", "period": "Service period"},
}  # fmt: skip


def fmt_money(value: Decimal, lang: str, places: int = 2) -> str:
    text = f"{value:,.{places}f}"
    if lang in ("de", "it"):
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_qty(value: Decimal, lang: str) -> str:
    return fmt_money(value, lang, 0 if value == value.to_integral_value() else 3)


def fmt_date(value: date, lang: str) -> str:
    if lang == "de":
        return f"{value:%d.%m.%Y}"
    if lang == "it":
        return f"{value:%d/%m/%Y}"
    return f"{value:%d %B %Y}"


def fmt_price(price: Decimal, lang: str) -> str:
    exponent = price.normalize().as_tuple().exponent
    places = min(4, max(2, -exponent)) if isinstance(exponent, int) else 2
    return fmt_money(price, lang, places)


def group_iban(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def render(doc: Doc, po_numbers: dict[str, str]) -> tuple[bytes, str]:
    """The document's bytes and its file suffix."""
    if doc.form == "ubl":
        return render_ubl(doc, po_numbers), ".xml"
    return render_pdf(doc, po_numbers), ".pdf"


def _title(doc: Doc) -> str:
    return WORDS[doc.vendor.lang][doc.kind]


def render_pdf(doc: Doc, po_numbers: dict[str, str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    vendor, lang = doc.vendor, doc.vendor.lang
    w = WORDS[lang]
    layout = doc.layout or (vendor.layout if vendor.layout != "ubl" else "classic")
    po = po_numbers.get(doc.po, doc.po) if doc.po else None
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setTitle(f"{_title(doc)} {doc.number}")
    width, height = A4
    left, right = 16 * mm, width - 16 * mm
    customer = f"{sum(map(ord, vendor.name)) * 37 % 80000 + 10000}"
    facts = [(w["no"], doc.number), (w["date"], fmt_date(doc.issued, lang)), (w["cust"], customer)]
    if po:
        facts.append((w["po"], po))
    elif doc.their_order:
        facts.append((w["their"], doc.their_order))
    if doc.delivery:
        facts.append((w["delivery"], fmt_date(doc.delivery, lang)))
    if doc.period:
        facts.append((w["period"], doc.period))
    if doc.refers_to:
        facts.append((w["refers"].split(":")[0], doc.refers_to))
    name, street, town, vat = doc.addressee
    buyer = [name, street, town, f"{w['your_vat']} {vat}"]
    per_page = 26
    pages = max(1, -(-len(doc.lines) // per_page))
    discounted = any(x.discount is not None for x in doc.lines)

    def footer(n: int) -> None:
        pdf.setFont("Helvetica", 7)
        pdf.line(left, 24 * mm, right, 24 * mm)
        pdf.drawString(left, 20 * mm, f"{vendor.name} · {vendor.street} · {vendor.zip} {vendor.city}")
        pdf.drawString(left, 16.5 * mm, f"{w['bank']}: IBAN {group_iban(doc.printed_iban)}")
        pdf.drawString(left, 13 * mm, f"{w['vatid']} {vendor.vat}")
        pdf.drawRightString(right, 13 * mm, w["page"].format(n=n, of=pages))

    def head(y: float) -> float:
        if layout == "classic":
            pdf.setFont("Helvetica-Bold", 15)
            pdf.drawString(left, y, vendor.name)
            pdf.setFont("Helvetica", 8)
            pdf.drawString(left, y - 11, f"{vendor.street}, {vendor.zip} {vendor.city}")
            y -= 44
            pdf.setFont("Helvetica", 6.5)
            pdf.drawString(left, y, f"{vendor.name} · {vendor.street} · {vendor.zip} {vendor.city}")
            pdf.setFont("Helvetica", 10)
            for i, text in enumerate(buyer):
                pdf.drawString(left, y - 14 - 12 * i, text)
            pdf.setFont("Helvetica", 9)
            for i, (label, value) in enumerate(facts):
                pdf.drawString(right - 72 * mm, y - 12 * i, f"{label}:")
                pdf.drawRightString(right, y - 12 * i, value)
            y -= 12 * max(len(facts), 5) + 22
            pdf.setFont("Helvetica-Bold", 13)
            pdf.drawString(left, y, f"{_title(doc)} {doc.number}")
            return y - 22
        if layout == "grid":
            pdf.setFillGray(0.85)
            pdf.rect(left, y - 6, right - left, 22, stroke=0, fill=1)
            pdf.setFillGray(0)
            pdf.setFont("Helvetica-Bold", 14)
            pdf.drawString(left + 4, y, _title(doc).upper())
            pdf.setFont("Helvetica-Bold", 10)
            pdf.drawRightString(right - 4, y, vendor.name)
            y -= 22
            pdf.setFont("Helvetica", 8)
            pdf.drawRightString(right - 4, y, f"{vendor.street} · {vendor.zip} {vendor.city}")
            y -= 20
            pdf.setFont("Helvetica-Bold", 8)
            pdf.drawString(left, y, w["to"])
            pdf.setFont("Helvetica", 9.5)
            for i, text in enumerate(buyer):
                pdf.drawString(left, y - 12 - 11 * i, text)
            x0, cell = left + 95 * mm, 17
            for i, (label, value) in enumerate(facts):
                top = y + 6 - cell * i
                pdf.rect(x0, top - cell, 35 * mm, cell)
                pdf.rect(x0 + 35 * mm, top - cell, right - x0 - 35 * mm, cell)
                pdf.setFont("Helvetica", 7.5)
                pdf.drawString(x0 + 3, top - 11, label)
                pdf.setFont("Helvetica-Bold", 8.5)
                pdf.drawString(x0 + 35 * mm + 3, top - 11, value)
            return y - max(cell * len(facts), 60) - 18
        # sidebar: the supplier and the facts in a left column, the customer to the right
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(left, y, vendor.name)
        pdf.setFont("Helvetica", 7.5)
        pdf.drawString(left, y - 11, vendor.street)
        pdf.drawString(left, y - 20, f"{vendor.zip} {vendor.city}")
        pdf.setFont("Helvetica", 10)
        for i, text in enumerate(buyer):
            pdf.drawString(left + 95 * mm, y - 12 * i, text)
        y -= 40
        for i, (label, value) in enumerate(facts):
            pdf.setFont("Helvetica", 7)
            pdf.drawString(left, y - 22 * i, label)
            pdf.setFont("Helvetica-Bold", 9)
            pdf.drawString(left, y - 22 * i - 10, value)
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(left + 95 * mm, y - 30, _title(doc))
        return y - 22 * len(facts) - 10

    # columns
    x_sku, x_desc = left + 9 * mm, left + 27 * mm
    x_qty, x_list, x_disc = right - 80 * mm, right - 62 * mm, right - 48 * mm
    x_price = right - 28 * mm
    heads = [(left, w["pos"], "l"), (x_sku, w["sku"], "l"), (x_desc, w["desc"], "l"), (x_qty, w["qty"], "r")]
    if discounted:
        heads += [(x_list, w["list"], "r"), (x_disc, w["disc"], "r")]
    heads += [(x_price, w["price"], "r"), (right, w["amount"], "r")]

    def table_head(y: float) -> float:
        pdf.setFont("Helvetica-Bold", 8)
        for x, text, align in heads:
            (pdf.drawRightString if align == "r" else pdf.drawString)(x, y, text)
        pdf.line(left, y - 4, right, y - 4)
        return y - 15

    def draw_line(y: float, n: int, line: Line) -> None:
        pdf.setFont("Helvetica", 8)
        pdf.drawString(left, y, str(n))
        pdf.drawString(x_sku, y, line.sku or "")
        # the description ends before the quantity printed right of it (never runs into it)
        quantity = fmt_qty(line.quantity, lang)
        room = x_qty - x_desc - stringWidth(quantity, "Helvetica", 8) - 8
        text = line.description
        while text and stringWidth(text, "Helvetica", 8) > room:
            text = text[:-1]
        pdf.drawString(x_desc, y, text.rstrip())
        pdf.drawRightString(x_qty, y, fmt_qty(line.quantity, lang))
        if discounted:
            if line.list_price is not None and line.discount:
                pdf.drawRightString(x_list, y, fmt_price(line.list_price, lang))
                pdf.drawRightString(x_disc, y, f"{fmt_qty(line.discount, lang)} %")
            else:
                pdf.drawRightString(x_list, y, fmt_price(line.price, lang))
        pdf.drawRightString(x_price, y, fmt_price(line.price, lang))
        pdf.drawRightString(right, y, fmt_money(line.amount, lang))

    page = 1
    y = head(height - 18 * mm)
    y = table_head(y)
    running = Decimal(0)
    for n, line in enumerate(doc.lines, start=1):
        if n > 1 and (n - 1) % per_page == 0:
            pdf.line(left, y + 6, right, y + 6)
            pdf.setFont("Helvetica-Bold", 8.5)
            pdf.drawString(x_desc, y - 6, w["carried"])
            pdf.drawRightString(right, y - 6, fmt_money(running, lang))
            footer(page)
            pdf.showPage()
            page += 1
            y = height - 20 * mm
            pdf.setFont("Helvetica", 8)
            pdf.drawString(
                left, y, f"{vendor.name} · {_title(doc)} {doc.number} · {fmt_date(doc.issued, lang)}"
            )
            y = table_head(y - 22)
            pdf.setFont("Helvetica-Bold", 8.5)
            pdf.drawString(x_desc, y, w["carried"])
            pdf.drawRightString(right, y, fmt_money(running, lang))
            y -= 15
        draw_line(y, n, line)
        running += line.amount
        y -= 13
    pdf.line(left, y + 6, right, y + 6)
    y -= 10
    totals = [
        (w["net"], doc.net),
        (w["vat"].format(rate=fmt_qty(doc.rate, lang)), doc.tax),
        (w["total"], doc.total),
    ]
    x_label = right - 78 * mm
    if layout == "grid":
        pdf.rect(x_label - 4, y - 14 * len(totals) + 8, right - x_label + 6, 14 * len(totals) + 2)
    for i, (label, value) in enumerate(totals):
        pdf.setFont("Helvetica-Bold" if i == len(totals) - 1 else "Helvetica", 9.5)
        pdf.drawString(x_label, y - 14 * i, label)
        pdf.drawRightString(right, y - 14 * i, f"{fmt_money(value, lang)} EUR")
    y -= 14 * len(totals) + 10
    pdf.setFont("Helvetica", 8.5)
    texts = list(doc.notes)
    if doc.tax_note:
        texts.append(doc.tax_note)
    if doc.kind != "storno":
        texts.append(w["terms"].format(due=fmt_date(doc.issued + timedelta(days=30), lang)))
    for text in texts:
        pdf.drawString(left, y, text)
        y -= 12
    footer(page)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _m(value: Decimal) -> str:
    return f"{value:.2f}"


def render_ubl(doc: Doc, po_numbers: dict[str, str]) -> bytes:
    """A UBL 2.1 invoice (EN 16931), written by hand; a discounted line carries its list price and the
    allowance as the price's AllowanceCharge (BT-147, BT-148), the price amount being the net (BT-146)."""
    v = doc.vendor
    po = po_numbers.get(doc.po, doc.po) if doc.po else None
    category = "K" if v.tax == "rc" else "S"
    reason = (
        f"<cbc:TaxExemptionReasonCode>VATEX-EU-IC</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>{escape(doc.tax_note or '')}</cbc:TaxExemptionReason>"
        if category == "K"
        else ""
    )
    lines = []
    for n, line in enumerate(doc.lines, start=1):
        allowance = ""
        if line.list_price is not None and line.discount:
            allowance = (
                "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
                f'<cbc:Amount currencyID="EUR">{line.list_price - line.price:f}</cbc:Amount>'
                f'<cbc:BaseAmount currencyID="EUR">{line.list_price:f}</cbc:BaseAmount></cac:AllowanceCharge>'
            )
        lines.append(f"""
  <cac:InvoiceLine>
    <cbc:ID>{n}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="H87">{line.quantity:f}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">{_m(line.amount)}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>{escape(line.description)}</cbc:Name>
      <cac:SellersItemIdentification><cbc:ID>{escape(line.sku or "")}</cbc:ID></cac:SellersItemIdentification>
      <cac:ClassifiedTaxCategory><cbc:ID>{category}</cbc:ID><cbc:Percent>{doc.rate:f}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">{line.price:f}</cbc:PriceAmount>{allowance}</cac:Price>
  </cac:InvoiceLine>""")
    notes = "".join(f"<cbc:Note>{escape(x)}</cbc:Note>" for x in doc.notes)
    billing = (
        f"<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{escape(doc.refers_to)}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>"
        if doc.refers_to
        else ""
    )
    name, street, town, vat = doc.addressee
    zip_, _, city = town.partition(" ")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>{escape(doc.number)}</cbc:ID>
  <cbc:IssueDate>{doc.issued:%Y-%m-%d}</cbc:IssueDate>
  <cbc:DueDate>{doc.issued + timedelta(days=30):%Y-%m-%d}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>{notes}
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>{escape(po or doc.their_order or "n/a")}</cbc:BuyerReference>
  {f"<cac:OrderReference><cbc:ID>{escape(po)}</cbc:ID></cac:OrderReference>" if po else ""}{billing}
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>{escape(v.name)}</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>{escape(v.street)}</cbc:StreetName><cbc:CityName>{escape(v.city)}</cbc:CityName><cbc:PostalZone>{v.zip}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>{v.country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>{v.vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>{escape(v.name)}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PostalAddress><cbc:StreetName>{escape(street)}</cbc:StreetName><cbc:CityName>{escape(city)}</cbc:CityName><cbc:PostalZone>{zip_}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>{vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>{escape(name)}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:Delivery><cbc:ActualDeliveryDate>{(doc.delivery or doc.issued):%Y-%m-%d}</cbc:ActualDeliveryDate></cac:Delivery>
  <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>{doc.printed_iban}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:PaymentTerms><cbc:Note>30 days net</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">{_m(doc.tax)}</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">{_m(doc.net)}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">{_m(doc.tax)}</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>{category}</cbc:ID><cbc:Percent>{doc.rate:f}</cbc:Percent>{reason}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">{_m(doc.net)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">{_m(doc.net)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">{_m(doc.total)}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{_m(doc.total)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>{"".join(lines)}
</Invoice>
"""
    return xml.encode("utf-8")
