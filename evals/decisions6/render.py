"""The suppliers' documents as they send them: PDFs drawn with reportlab's canvas in the supplier's language
(German, French, English), each supplier with its own template — a `letter` (window address, facts right of
it), `columns` (the facts in a row, labels above values, a unit column) or `boxed` (a framed head, the
customer beside the facts, VAT in a summary box) — and UN/CEFACT CII e-invoices (EN 16931) written by hand.
Our own drawing: no other eval's renderer is used."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from evals.decisions5.model import BUYER
from evals.decisions6.model import Doc, group_iban

WORDS: dict[str, dict[str, str]] = {
    "de": {"invoice": "Rechnung", "no": "Rechnungs-Nr.", "date": "Datum", "po": "Ihre Bestellung",
           "cust": "Kunden-Nr.", "delivery": "Lieferdatum", "pos": "Pos.", "sku": "Artikel", "desc": "Bezeichnung",
           "qty": "Menge", "unit": "Einheit", "price": "Preis", "amount": "Gesamt", "net": "Summe netto",
           "vat": "zzgl. {rate} % MwSt.", "total": "Rechnungsbetrag", "terms": "Zahlbar innerhalb von 30 Tagen bis {due} netto.",
           "bank": "Bank", "vatid": "USt-IdNr.", "taxno": "St.-Nr.", "to": "Rechnung an", "your_vat": "USt-IdNr.",
           "rc": "Steuerschuldnerschaft des Leistungsempfängers.", "order_line": "Bestellung {po}",
           "units": {"Unit": "Stk", "kg": "kg", "g": "g"}, "court": "Amtsgericht {city} HRB {hrb} · Geschäftsführer {name}"},
    "fr": {"invoice": "Facture", "no": "Facture n°", "date": "Date", "po": "Votre commande", "cust": "Client",
           "delivery": "Livraison", "pos": "N°", "sku": "Réf.", "desc": "Désignation", "qty": "Qté", "unit": "Unité",
           "price": "P.U. HT", "amount": "Montant HT", "net": "Total HT", "vat": "TVA {rate} %", "total": "Total TTC",
           "terms": "Paiement à 30 jours, échéance le {due}. Pas d'escompte pour paiement anticipé.",
           "bank": "IBAN", "vatid": "TVA intracom.", "taxno": "SIRET", "to": "Adresse de facturation",
           "your_vat": "N° TVA client", "rc": "Autoliquidation – article 283-2 du CGI.",
           "order_line": "Commande {po}", "units": {"Unit": "pce", "kg": "kg", "g": "g"},
           "court": "SAS au capital de 50 000 € · RCS Lyon {hrb}"},
    "en": {"invoice": "Invoice", "no": "Invoice no.", "date": "Date", "po": "Your PO", "cust": "Account",
           "delivery": "Shipped", "pos": "#", "sku": "Part no.", "desc": "Description", "qty": "Qty", "unit": "UoM",
           "price": "Unit price", "amount": "Amount", "net": "Subtotal", "vat": "VAT {rate} %", "total": "Total due",
           "terms": "Net 30 days: due {due}.", "bank": "IBAN", "vatid": "VAT no.", "taxno": "CVR",
           "to": "Invoice to", "your_vat": "Customer VAT no.",
           "rc": "Reverse charge – Article 196 Council Directive 2006/112/EC.", "order_line": "PO {po}",
           "units": {"Unit": "pcs", "kg": "kg", "g": "g"}, "court": "CVR {hrb}"},
}  # fmt: skip

UNIT_CODES = {"Unit": "H87", "kg": "KGM", "g": "GRM"}


def fmt_money(value: Decimal, lang: str, places: int = 2) -> str:
    text = f"{value:,.{places}f}"
    if lang == "de":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",").replace("\u202f", " ")
    return text


def fmt_qty(value: Decimal, lang: str) -> str:
    whole = value == value.to_integral_value()
    return fmt_money(value, lang, 0 if whole else 3)


def fmt_date(value: date, lang: str) -> str:
    if lang == "de":
        return f"{value:%d.%m.%Y}"
    if lang == "fr":
        return f"{value:%d/%m/%Y}"
    return f"{value:%d %b %Y}"


def _price(price: Decimal, lang: str) -> str:
    exponent = price.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return fmt_money(price, lang, places)


def render(doc: Doc, po_numbers: dict[str, str]) -> tuple[bytes, str]:
    """The document's bytes and its file suffix."""
    if doc.form == "cii":
        return render_cii(doc, po_numbers), ".xml"
    return render_pdf(doc, po_numbers), ".pdf"


def render_pdf(doc: Doc, po_numbers: dict[str, str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    vendor, lang = doc.vendor, doc.vendor.lang
    w = WORDS[lang]
    seller = doc.seller or vendor.name
    layout = doc.layout or (vendor.layout if vendor.layout != "cii" else "letter")
    pos = [po_numbers.get(k, k) for k in doc.po]
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setTitle(f"{w['invoice']} {doc.number}")
    width, height = A4
    left, right = 18 * mm, width - 18 * mm
    customer = f"{sum(map(ord, vendor.name)) * 53 % 90000 + 10000}"
    facts = [(w["no"], doc.number), (w["date"], fmt_date(doc.issued, lang)), (w["cust"], customer)]
    if pos:
        facts.append((w["po"], ", ".join(pos)))
    if doc.delivery:
        facts.append((w["delivery"], fmt_date(doc.delivery, lang)))
    buyer = [BUYER[0], BUYER[1], BUYER[2], f"{w['your_vat']} {BUYER[3]}"]
    tax_id = f"{w['vatid']} {vendor.vat}" if doc.show_tax_id else ""

    y = height - 20 * mm
    if layout == "letter":
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(left, y, seller)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(left, y - 12, f"{vendor.street} · {vendor.zip} {vendor.city}")
        y -= 46
        pdf.setFont("Helvetica", 6.5)
        pdf.drawString(left, y, f"{seller}, {vendor.street}, {vendor.zip} {vendor.city}")
        pdf.setFont("Helvetica", 10)
        for i, text in enumerate(buyer):
            pdf.drawString(left, y - 14 - 12 * i, text)
        pdf.setFont("Helvetica", 9)
        for i, (label, value) in enumerate(facts):
            pdf.drawString(right - 75 * mm, y - 12 * i, f"{label}:")
            pdf.drawRightString(right, y - 12 * i, value)
        y -= 90
        pdf.setFont("Helvetica-Bold", 13)
        pdf.drawString(left, y, w["invoice"])
        y -= 24
    elif layout == "columns":
        pdf.setFont("Helvetica-Bold", 22)
        pdf.drawRightString(right, y, w["invoice"].upper())
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(left, y, seller)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(left, y - 11, f"{vendor.street}, {vendor.zip} {vendor.city}")
        if tax_id:
            pdf.drawString(left, y - 21, tax_id)
        y -= 48
        pdf.setFont("Helvetica-Bold", 8)
        pdf.drawString(left, y, w["to"])
        pdf.setFont("Helvetica", 9.5)
        for i, text in enumerate(buyer):
            pdf.drawString(left, y - 12 - 11 * i, text)
        y -= 70
        step = (right - left) / len(facts)
        for i, (label, value) in enumerate(facts):
            pdf.setFont("Helvetica", 7)
            pdf.drawString(left + i * step, y, label)
            pdf.setFont("Helvetica-Bold", 9)
            pdf.drawString(left + i * step, y - 12, value)
        y -= 34
    else:  # boxed
        pdf.rect(left, y - 30, right - left, 42)
        pdf.setFont("Helvetica-Bold", 13)
        pdf.drawString(left + 4, y - 2, seller)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(left + 4, y - 14, f"{vendor.street} | {vendor.zip} {vendor.city} | {vendor.country}")
        if tax_id:
            pdf.drawString(left + 4, y - 24, tax_id)
        pdf.setFont("Helvetica-Bold", 15)
        pdf.drawRightString(right - 4, y - 10, f"{w['invoice']} {doc.number}")
        y -= 52
        pdf.setFont("Helvetica", 9)
        for i, text in enumerate(buyer):
            pdf.drawString(left, y - 11 * i, text)
        for i, (label, value) in enumerate(facts):
            pdf.drawString(left + 100 * mm, y - 11 * i, label)
            pdf.drawString(left + 135 * mm, y - 11 * i, value)
        y -= 11 * max(len(buyer), len(facts)) + 16

    # ---------------------------------------------------------------- lines
    x_sku, x_desc = left + 9 * mm, left + 27 * mm
    x_qty, x_unit, x_price = right - 68 * mm, right - 56 * mm, right - 26 * mm
    pdf.setFont("Helvetica-Bold", 8.5)
    heads = [(left, w["pos"], "l"), (x_sku, w["sku"], "l"), (x_desc, w["desc"], "l"), (x_qty, w["qty"], "r"),
             (x_unit, w["unit"], "l"), (x_price, w["price"], "r"), (right, w["amount"], "r")]  # fmt: skip
    for x, text, align in heads:
        (pdf.drawRightString if align == "r" else pdf.drawString)(x, y, text)
    pdf.line(left, y - 4, right, y - 4)
    y -= 16
    current_po = None
    pdf.setFont("Helvetica", 8.5)
    for n, line in enumerate(doc.lines, start=1):
        if line.po and line.po != current_po:
            current_po = line.po
            pdf.setFont("Helvetica-Bold", 8.5)
            pdf.drawString(x_desc, y, w["order_line"].format(po=po_numbers.get(line.po, line.po)))
            pdf.setFont("Helvetica", 8.5)
            y -= 13
        pdf.drawString(left, y, str(n))
        pdf.drawString(x_sku, y, line.sku or "")
        text = line.description if len(line.description) <= 44 else line.description[:44]
        pdf.drawString(x_desc, y, text)
        pdf.drawRightString(x_qty, y, fmt_qty(line.quantity, lang))
        pdf.drawString(x_unit + 2, y, w["units"][line.unit])
        pdf.drawRightString(x_price, y, _price(line.price, lang))
        pdf.drawRightString(right, y, fmt_money(line.amount, lang))
        if len(line.description) > 44:
            y -= 11
            pdf.drawString(x_desc, y, line.description[44:])
        y -= 14
    pdf.line(left, y + 6, right, y + 6)
    y -= 10

    # ---------------------------------------------------------------- totals
    totals = [
        (w["net"], doc.net),
        (w["vat"].format(rate=fmt_qty(doc.rate, lang)), doc.tax),
        (w["total"], doc.total),
    ]
    x_label = right - 80 * mm
    if layout == "boxed":
        pdf.rect(x_label - 4, y - 14 * len(totals) + 8, right - x_label + 6, 14 * len(totals) + 2)
    for i, (label, value) in enumerate(totals):
        pdf.setFont("Helvetica-Bold" if i == len(totals) - 1 else "Helvetica", 9.5)
        pdf.drawString(x_label, y - 14 * i, label)
        pdf.drawRightString(right, y - 14 * i, f"{fmt_money(value, lang)} EUR")
    y -= 14 * len(totals) + 12
    pdf.setFont("Helvetica", 8.5)
    for note in doc.notes:
        pdf.drawString(left, y, note.replace("{po}", ", ".join(pos)))
        y -= 12
    if vendor.tax == "rc":
        pdf.drawString(left, y, w["rc"])
        y -= 12
    pdf.drawString(left, y, w["terms"].format(due=fmt_date(doc.issued + timedelta(days=30), lang)))

    # ---------------------------------------------------------------- footer
    pdf.setFont("Helvetica", 7)
    pdf.line(left, 22 * mm, right, 22 * mm)
    pdf.drawString(left, 18 * mm, f"{seller} · {vendor.street} · {vendor.zip} {vendor.city}")
    pdf.drawString(left, 14.5 * mm, f"{w['bank']}: {group_iban(vendor.iban)}")
    court = w["court"].format(city=vendor.city, hrb=vendor.code[1:], name=seller.split()[0])
    pdf.drawString(left, 11 * mm, f"{tax_id} · {court}" if tax_id else court)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _m(value: Decimal) -> str:
    return f"{value:.2f}"


def render_cii(doc: Doc, po_numbers: dict[str, str]) -> bytes:
    """A UN/CEFACT Cross Industry Invoice (EN 16931 / XRechnung CII), written by hand."""
    v = doc.vendor
    rate = doc.rate
    category = "AE" if v.tax == "rc" else "S"
    exemption = "<ram:ExemptionReason>Reverse charge</ram:ExemptionReason>" if category == "AE" else ""
    pos = [po_numbers.get(k, k) for k in doc.po]
    items = []
    for n, line in enumerate(doc.lines, start=1):
        items.append(f"""
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>{n}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:SellerAssignedID>{line.sku or ""}</ram:SellerAssignedID><ram:Name>{escape(line.description)}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{line.price:f}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="{UNIT_CODES[line.unit]}">{line.quantity:f}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>{category}</ram:CategoryCode><ram:RateApplicablePercent>{rate:f}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{_m(line.amount)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>""")
    order = (
        f"<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>{escape(pos[0])}</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>"
        if pos
        else ""
    )
    due = doc.issued + timedelta(days=30)
    delivery = doc.delivery or doc.issued
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>{escape(doc.number)}</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">{doc.issued:%Y%m%d}</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>{"".join(items)}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerReference>{escape(pos[0]) if pos else "n/a"}</ram:BuyerReference>
      <ram:SellerTradeParty>
        <ram:Name>{escape(doc.seller or v.name)}</ram:Name>
        <ram:PostalTradeAddress><ram:PostcodeCode>{v.zip}</ram:PostcodeCode><ram:LineOne>{escape(v.street)}</ram:LineOne><ram:CityName>{escape(v.city)}</ram:CityName><ram:CountryID>{v.country}</ram:CountryID></ram:PostalTradeAddress>
        {f'<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{v.vat}</ram:ID></ram:SpecifiedTaxRegistration>' if doc.show_tax_id else ""}
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>{escape(BUYER[0])}</ram:Name>
        <ram:PostalTradeAddress><ram:PostcodeCode>20457</ram:PostcodeCode><ram:LineOne>{escape(BUYER[1])}</ram:LineOne><ram:CityName>Hamburg</ram:CityName><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{BUYER[3]}</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:BuyerTradeParty>
      {order}
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery>
      <ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">{delivery:%Y%m%d}</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>
    </ram:ApplicableHeaderTradeDelivery>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{v.iban}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:ApplicableTradeTax><ram:CalculatedAmount>{_m(doc.tax)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>{exemption}<ram:BasisAmount>{_m(doc.net)}</ram:BasisAmount><ram:CategoryCode>{category}</ram:CategoryCode><ram:RateApplicablePercent>{rate:f}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">{due:%Y%m%d}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>{_m(doc.net)}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>{_m(doc.net)}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">{_m(doc.tax)}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>{_m(doc.total)}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>{_m(doc.total)}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""
    return xml.encode("utf-8")
