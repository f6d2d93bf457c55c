"""The suppliers' documents as they send them, drawn here: PDFs with reportlab's canvas in the supplier's language
(German as written in Germany or in Austria, Spanish) in one of two templates of its own — `boxed` (the supplier's
name over a double rule, the document's facts in a framed grid of cells on the right, a fully ruled table of
lines with a price-unit column, the totals in a framed box, a three-column footer) and `sidebar` (the supplier's
details stacked in a grey strip down the left edge, the title large at the top right, the facts as a two-column
list, the lines between two heavy rules) — and XRechnung CII e-invoices (UN/CEFACT, EN 16931) written by hand for
the electrical wholesaler. No other eval's renderer is used."""

from __future__ import annotations

import io
import textwrap
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from evals.decisions9.model import BUYER, Doc

WORDS: dict[str, dict[str, str]] = {
    "de": {"title": "Rechnung", "credit": "Gutschrift", "no": "Rechnungsnummer", "date": "Rechnungsdatum",
           "po": "Ihre Bestell-Nr.", "cust": "Kundennummer", "delivery": "Lieferdatum", "pos": "Pos",
           "sku": "Art.-Nr.", "desc": "Artikelbezeichnung", "qty": "Menge", "per": "PE", "price": "Einzelpreis",
           "amount": "Betrag", "net": "Nettobetrag", "vat": "Umsatzsteuer {rate} %", "total": "Gesamtbetrag",
           "bank": "Bankverbindung", "vatid": "USt-IdNr.", "register": "Amtsgericht Pinneberg HRB 4{code}",
           "terms": "Zahlbar bis {due} ohne Abzug.",
           "discount": "Bei Zahlung bis {until} abzüglich {rate} % Skonto ({amount} {cur}), bis {due} netto.",
           "refers": "zur Rechnung Nr. {number}", "currency": "Währung"},
    "at": {"title": "Rechnung", "credit": "Gutschrift", "no": "Rechnungs-Nr.", "date": "Datum",
           "po": "Ihre Bestellung", "cust": "Kunden-Nr.", "delivery": "Liefertag", "pos": "Pos",
           "sku": "Artikel", "desc": "Bezeichnung", "qty": "Menge", "per": "PE", "price": "Preis",
           "amount": "Summe", "net": "Summe netto", "vat": "USt. {rate} %", "total": "Rechnungsbetrag",
           "bank": "Bankverbindung", "vatid": "UID-Nr.", "register": "FN 2{code}318 k, Landesgericht",
           "terms": "Zahlungsziel: 30 Tage netto, fällig am {due}.", "discount": "",
           "refers": "zur Rechnung Nr. {number}", "currency": "Währung"},
    "es": {"title": "Factura", "credit": "Factura rectificativa", "no": "Nº factura", "date": "Fecha",
           "po": "Su pedido", "cust": "Nº cliente", "delivery": "Fecha de entrega", "pos": "Lín.",
           "sku": "Código", "desc": "Descripción", "qty": "Cantidad", "per": "UP", "price": "Precio",
           "amount": "Importe", "net": "Base imponible", "vat": "IVA {rate} %", "total": "Total factura",
           "bank": "Datos bancarios", "vatid": "NIF-IVA", "register": "Registro Mercantil, Hoja 1{code}77",
           "terms": "Vencimiento: {due} (30 días), transferencia bancaria.", "discount": "",
           "refers": "rectifica la factura nº {number}", "currency": "Moneda"},
}  # fmt: skip


def fmt_money(value: Decimal) -> str:
    text = f"{value:,.2f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_qty(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    return format(value.normalize(), "f").replace(".", ",")


def fmt_date(value: date, lang: str) -> str:
    return f"{value:%d/%m/%Y}" if lang == "es" else f"{value:%d.%m.%Y}"


def render(doc: Doc, po_numbers: dict[str, str]) -> tuple[bytes, str]:
    """The document's bytes and file suffix: the electrical wholesaler's CII, everyone else's PDF."""
    if doc.vendor.layout == "cii":
        return render_cii(doc, po_numbers), ".xml"
    return render_pdf(doc, po_numbers), ".pdf"


def _facts(doc: Doc, po: str | None) -> list[tuple[str, str]]:
    w, lang = WORDS[doc.vendor.lang], doc.vendor.lang
    facts = [
        (w["no"], doc.number),
        (w["date"], fmt_date(doc.issued, lang)),
        (w["cust"], f"1{doc.vendor.code[-2:]}0486"),
    ]
    if po:
        facts.append((w["po"], po))
    if doc.delivery and not doc.credit_for:
        facts.append((w["delivery"], fmt_date(doc.delivery, lang)))
    if doc.currency != "EUR":
        facts.append((w["currency"], doc.currency))
    return facts


def _texts(doc: Doc, refers: str | None) -> list[str]:
    w, lang = WORDS[doc.vendor.lang], doc.vendor.lang
    texts = [refers] if refers else []
    texts += doc.notes
    due = fmt_date(doc.issued + timedelta(days=30), lang)
    if doc.credit_for:
        return texts
    if doc.discount and w["discount"]:
        rate, days = doc.discount
        texts.append(w["discount"].format(until=fmt_date(doc.issued + timedelta(days=days), lang), rate=f"{rate:g}",
                                          amount=fmt_money((doc.total * rate / 100).quantize(Decimal("0.01"))),
                                          cur=doc.currency, due=due))  # fmt: skip
    else:
        texts.append(w["terms"].format(due=due))
    return texts


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
    name, street, town, our_vat = BUYER
    title = w["credit"] if doc.credit_for else w["title"]
    refers = None
    if doc.credit_for:
        refers = w["refers"].format(number=doc.credit_for)
    facts = _facts(doc, po)
    iban = " ".join(v.iban[i : i + 4] for i in range(0, len(v.iban), 4))
    cur = doc.currency
    if v.layout == "boxed":
        left, right = 18 * mm, width - 18 * mm
        pdf.setFont("Helvetica-Bold", 17)
        pdf.drawString(left, height - 20 * mm, v.name)
        pdf.setLineWidth(1.2)
        pdf.line(left, height - 23 * mm, right, height - 23 * mm)
        pdf.setLineWidth(0.4)
        pdf.line(left, height - 24.2 * mm, right, height - 24.2 * mm)
        pdf.setFont("Helvetica", 7)
        pdf.drawString(left, height - 40 * mm, f"{v.name}, {v.street}, {v.zip} {v.city}")
        y = height - 46 * mm
        pdf.setFont("Helvetica", 10)
        for text in (name, street, town):
            pdf.drawString(left, y, text)
            y -= 5 * mm
        # the facts in a grid of framed cells
        gx, gy, cw, ch = 110 * mm, height - 34 * mm, (right - 110 * mm) / 2, 11 * mm
        for i, (label, value) in enumerate(facts):
            cx, cy = gx + (i % 2) * cw, gy - (i // 2) * ch
            pdf.rect(cx, cy - ch, cw, ch, stroke=1, fill=0)
            pdf.setFont("Helvetica", 6.5)
            pdf.drawString(cx + 2 * mm, cy - 4 * mm, label)
            pdf.setFont("Helvetica-Bold", 9)
            pdf.drawString(cx + 2 * mm, cy - 8.5 * mm, value)
        pdf.setFont("Helvetica-Bold", 15)
        pdf.drawString(left, height - 86 * mm, title.upper())
        y = height - 96 * mm
        if refers:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(left, y + 4 * mm, refers)
            y -= 2 * mm
        cols = [left, left + 10 * mm, left + 32 * mm, right - 74 * mm, right - 56 * mm, right - 46 * mm,
                right - 24 * mm, right]  # fmt: skip
        heads = ("pos", "sku", "desc", "qty", "per", "price", "amount")
        pdf.setFont("Helvetica-Bold", 8)
        top = y + 5 * mm
        pdf.setFillGray(0.88)
        pdf.rect(left, y - 2 * mm, right - left, 7 * mm, stroke=0, fill=1)
        pdf.setFillGray(0)
        for i, key in enumerate(heads):
            if i < 3:
                pdf.drawString(cols[i] + 1 * mm, y, w[key])
            else:
                pdf.drawRightString(cols[i + 1] - 1 * mm, y, w[key])
        y -= 8 * mm
        pdf.setFont("Helvetica", 8.5)
        for n, line in enumerate(doc.lines, start=1):
            desc = textwrap.wrap(line.description, 36)
            pdf.drawString(cols[0] + 1 * mm, y, str(n))
            pdf.drawString(cols[1] + 1 * mm, y, line.sku or "")
            pdf.drawString(cols[2] + 1 * mm, y, desc[0])
            pdf.drawRightString(cols[4] - 1 * mm, y, fmt_qty(line.quantity))
            pdf.drawRightString(cols[5] - 1 * mm, y, str(line.per))
            pdf.drawRightString(cols[6] - 1 * mm, y, fmt_money(line.price))
            pdf.drawRightString(cols[7] - 1 * mm, y, fmt_money(line.amount))
            for more in desc[1:]:
                y -= 4.2 * mm
                pdf.drawString(cols[2] + 1 * mm, y, more)
            y -= 6.5 * mm
        bottom = y + 4 * mm
        pdf.rect(left, bottom, right - left, top - bottom, stroke=1, fill=0)
        for x in cols[1:-1]:
            pdf.line(x, bottom, x, top)
        # the totals in a framed box
        rows = [
            (w["net"], doc.net),
            (w["vat"].format(rate=fmt_qty(doc.rate)), doc.tax),
            (w["total"], doc.total),
        ]
        bx, by = right - 80 * mm, bottom - 4 * mm
        pdf.rect(bx, by - 19 * mm, 80 * mm, 19 * mm, stroke=1, fill=0)
        ty = by - 5 * mm
        for i, (label, value) in enumerate(rows):
            pdf.setFont("Helvetica-Bold" if i == 2 else "Helvetica", 9.5)
            pdf.drawString(bx + 2 * mm, ty, label)
            pdf.drawRightString(right - 2 * mm, ty, f"{fmt_money(value)} {cur}")
            ty -= 5.5 * mm
        y = by - 27 * mm
        pdf.setFont("Helvetica", 8.5)
        for text in _texts(doc, None):
            for part in textwrap.wrap(text, 105):
                pdf.drawString(left, y, part)
                y -= 4.2 * mm
        pdf.setLineWidth(0.4)
        pdf.line(left, 24 * mm, right, 24 * mm)
        pdf.setFont("Helvetica", 7)
        columns = [
            [v.name, v.street, f"{v.zip} {v.city}"],
            [w["bank"], f"IBAN {iban}"],
            [f"{w['vatid']} {v.vat}", w["register"].format(code=v.code[-2:])],
        ]
        for i, rows_ in enumerate(columns):
            fy = 20 * mm
            for text in rows_:
                pdf.drawString(left + i * 60 * mm, fy, text)
                fy -= 3.5 * mm
    else:
        strip = 52 * mm
        pdf.setFillGray(0.86)
        pdf.rect(0, 0, strip, height, stroke=0, fill=1)
        pdf.setFillGray(0)
        sx = 6 * mm
        sy = height - 22 * mm
        pdf.setFont("Helvetica-Bold", 10)
        for part in textwrap.wrap(v.name, 22):
            pdf.drawString(sx, sy, part)
            sy -= 5 * mm
        pdf.setFont("Helvetica", 7.5)
        for text in (v.street, f"{v.zip} {v.city}", "", w["vatid"], v.vat, "", w["bank"], "IBAN",
                     *textwrap.wrap(iban, 24), "", w["register"].format(code=v.code[-2:])):  # fmt: skip
            sy -= 4 * mm
            pdf.drawString(sx, sy, text)
        left, right = strip + 10 * mm, width - 14 * mm
        pdf.setFont("Helvetica-Bold", 24)
        pdf.drawRightString(right, height - 24 * mm, title)
        y = height - 44 * mm
        pdf.setFont("Helvetica", 10)
        for text in (name, street, town, f"{w['vatid']} {our_vat}"):
            pdf.drawString(left, y, text)
            y -= 5 * mm
        y -= 6 * mm
        for label, value in facts:
            pdf.setFont("Helvetica", 8.5)
            pdf.drawString(left, y, label)
            pdf.setFont("Helvetica-Bold", 8.5)
            pdf.drawString(left + 36 * mm, y, value)
            y -= 4.6 * mm
        if refers:
            y -= 3 * mm
            pdf.setFont("Helvetica", 9)
            pdf.drawString(left, y, refers)
        y -= 10 * mm
        cols = [left, left + 20 * mm, right - 50 * mm, right - 25 * mm, right]
        pdf.setLineWidth(1.5)
        pdf.line(left, y + 5 * mm, right, y + 5 * mm)
        pdf.setFont("Helvetica-Bold", 8)
        pdf.drawString(cols[0], y, w["sku"])
        pdf.drawString(cols[1], y, w["desc"])
        pdf.drawRightString(cols[2], y, w["qty"])
        pdf.drawRightString(cols[3], y, w["price"])
        pdf.drawRightString(cols[4], y, w["amount"])
        pdf.setLineWidth(0.3)
        pdf.line(left, y - 2 * mm, right, y - 2 * mm)
        y -= 7 * mm
        pdf.setFont("Helvetica", 8.5)
        for line in doc.lines:
            desc = textwrap.wrap(line.description, 30)
            pdf.drawString(cols[0], y, line.sku or "")
            pdf.drawString(cols[1], y, desc[0])
            pdf.drawRightString(cols[2], y, fmt_qty(line.quantity))
            pdf.drawRightString(cols[3], y, fmt_money(line.price))
            pdf.drawRightString(cols[4], y, fmt_money(line.amount))
            for more in desc[1:]:
                y -= 4.2 * mm
                pdf.drawString(cols[1], y, more)
            y -= 6 * mm
        pdf.setLineWidth(1.5)
        pdf.line(left, y + 3 * mm, right, y + 3 * mm)
        y -= 4 * mm
        rows = [
            (w["net"], doc.net),
            (w["vat"].format(rate=fmt_qty(doc.rate)), doc.tax),
            (w["total"], doc.total),
        ]
        for i, (label, value) in enumerate(rows):
            pdf.setFont("Helvetica-Bold" if i == 2 else "Helvetica", 9.5)
            pdf.drawString(right - 70 * mm, y, label)
            pdf.drawRightString(right, y, f"{fmt_money(value)} {cur}")
            y -= 5.5 * mm
        y -= 6 * mm
        pdf.setFont("Helvetica", 8)
        for text in _texts(doc, None):
            for part in textwrap.wrap(text, 90):
                pdf.drawString(left, y, part)
                y -= 4.2 * mm
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _m(value: Decimal) -> str:
    return f"{value:.2f}"


def render_cii(doc: Doc, po_numbers: dict[str, str]) -> bytes:
    """An XRechnung (UN/CEFACT CII D16B, EN 16931) invoice at 19 % with its cash-discount note, written by hand."""
    v, cur = doc.vendor, doc.currency
    po = po_numbers.get(doc.po, doc.po) if doc.po else None
    name, street, town, vat = BUYER
    zip_, _, city = town.partition(" ")
    lines = "".join(
        f"""
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>{n}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:SellerAssignedID>{escape(line.sku or "")}</ram:SellerAssignedID><ram:Name>{escape(line.description)}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{line.price:f}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="H87">{line.quantity:f}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{doc.rate:f}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{_m(line.amount)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>"""
        for n, line in enumerate(doc.lines, start=1)
    )
    order = (
        f"\n      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>{escape(po)}</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>"
        if po
        else ""
    )
    due = doc.issued + timedelta(days=30)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>{escape(doc.number)}</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">{doc.issued:%Y%m%d}</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>{lines}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerReference>{escape(po or "n/a")}</ram:BuyerReference>
      <ram:SellerTradeParty>
        <ram:Name>{escape(v.name)}</ram:Name>
        <ram:PostalTradeAddress><ram:PostcodeCode>{v.zip}</ram:PostcodeCode><ram:LineOne>{escape(v.street)}</ram:LineOne><ram:CityName>{escape(v.city)}</ram:CityName><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{v.vat}</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>{escape(name)}</ram:Name>
        <ram:PostalTradeAddress><ram:PostcodeCode>{zip_}</ram:PostcodeCode><ram:LineOne>{escape(street)}</ram:LineOne><ram:CityName>{escape(city)}</ram:CityName><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{vat}</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:BuyerTradeParty>{order}
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery>
      <ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">{(doc.delivery or doc.issued):%Y%m%d}</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>
    </ram:ApplicableHeaderTradeDelivery>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>{cur}</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{v.iban}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:ApplicableTradeTax><ram:CalculatedAmount>{_m(doc.tax)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{_m(doc.net)}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{doc.rate:f}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
      <ram:SpecifiedTradePaymentTerms><ram:Description>Zahlbar innerhalb 30 Tagen netto</ram:Description><ram:DueDateDateTime><udt:DateTimeString format="102">{due:%Y%m%d}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>{_m(doc.net)}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>{_m(doc.net)}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="{cur}">{_m(doc.tax)}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>{_m(doc.total)}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>{_m(doc.total)}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""
    return xml.encode("utf-8")
