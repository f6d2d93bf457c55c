"""The suppliers' invoices as they print them: a PDF drawn with reportlab in the supplier's language (German,
French or English), with its own number, date and amount formats. Our own drawing: neither evals/synth's
renderers nor decisions2's."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

from evals.decisions.identifiers import format_iban
from evals.decisions3.model import Doc

BUYER = ("Nordlicht Gerätebau GmbH", "Hafenstraße 12", "20457 Hamburg", "DE136695976")

WORDS = {
    "de": {"title": "Rechnung", "no": "Rechnungs-Nr.", "date": "Rechnungsdatum", "po": "Ihre Bestellung",
           "cust": "Kunden-Nr.", "pos": "Pos.", "sku": "Artikel", "desc": "Bezeichnung", "qty": "Menge",
           "unit": "ME", "price": "Preis", "disc": "Rabatt", "amount": "Gesamt", "net": "Summe netto",
           "vat": "MwSt. {rate} %", "total": "Rechnungsbetrag", "terms": "Zahlbar bis {due} ohne Abzug.",
           "bank": "Bankverbindung", "vatid": "USt-IdNr.", "your_vat": "Ihre USt-IdNr.", "pc": "Stk",
           "rc": "Steuerfreie innergemeinschaftliche Lieferung. Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).",
           "thanks": "Vielen Dank für Ihren Auftrag."},
    "fr": {"title": "Facture", "no": "Facture n°", "date": "Date", "po": "Votre commande", "cust": "Client",
           "pos": "Pos.", "sku": "Réf.", "desc": "Désignation", "qty": "Qté", "unit": "U", "price": "Prix unitaire HT",
           "disc": "Remise", "amount": "Montant HT", "net": "Total HT", "vat": "TVA {rate} %", "total": "Total TTC",
           "terms": "Échéance : {due}", "bank": "Coordonnées bancaires", "vatid": "N° TVA intracom.",
           "your_vat": "Votre N° TVA", "pc": "pce",
           "rc": "Exonération de TVA, article 262 ter I du CGI. Autoliquidation par le preneur.",
           "thanks": "Merci de votre confiance."},
    "en": {"title": "Invoice", "no": "Invoice No.", "date": "Invoice date", "po": "Your PO", "cust": "Customer",
           "pos": "Item", "sku": "Part no.", "desc": "Description", "qty": "Qty", "unit": "UoM", "price": "Unit price",
           "disc": "Disc.", "amount": "Amount", "net": "Subtotal", "vat": "VAT {rate} %", "total": "Total due",
           "terms": "Payment due {due}", "bank": "Bank details", "vatid": "VAT No.", "your_vat": "Your VAT No.",
           "pc": "pcs", "rc": "Intra-community supply, VAT reverse charged to the customer (Article 196 Directive 2006/112/EC).",
           "thanks": "Thank you for your business."},
}  # fmt: skip


def fmt_money(value: Decimal, lang: str, places: int = 2) -> str:
    text = f"{value:,.{places}f}"
    if lang in ("de", "fr"):
        sep = "." if lang == "de" else " "
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", sep)
    return text


def fmt_qty(value: Decimal, lang: str) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if lang in ("de", "fr") else text


def fmt_date(value: date, lang: str, us: bool = False) -> str:
    if lang == "de":
        return f"{value:%d.%m.%Y}"
    if lang == "fr":
        return f"{value:%d/%m/%Y}"
    return f"{value:%m/%d/%Y}" if us else value.strftime("%d %b %Y")


def render(doc: Doc, po_number: str | None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    vendor = doc.vendor
    lang = vendor.lang
    w = WORDS[lang]
    us = vendor.country == "US"
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setTitle(f"{w['title']} {doc.number}")
    width, height = A4
    left, right = 20 * mm, width - 20 * mm
    y = height - 20 * mm
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(left, y, vendor.name)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(left, y - 12, f"{vendor.street} · {vendor.zip} {vendor.city} · {vendor.country}")
    if vendor.vat:
        pdf.drawRightString(right, y, f"{w['vatid']} {vendor.vat}")
    elif us:
        pdf.drawRightString(right, y, "EIN 34-1829374")
    y -= 40
    pdf.setFont("Helvetica", 10)
    for i, text in enumerate(BUYER[:3]):
        pdf.drawString(left, y - 12 * i, text)
    if vendor.tax == "rc":
        pdf.drawString(left, y - 36, f"{w['your_vat']} {BUYER[3]}")
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(left, y - 70, w["title"])
    pdf.setFont("Helvetica", 10)
    info = [(w["no"], doc.number), (w["date"], fmt_date(doc.issued, lang, us))]
    if po_number:
        info.append((w["po"], po_number))
    for i, (label, value) in enumerate(info):
        pdf.drawString(right - 80 * mm, y - 12 * i, f"{label}:")
        pdf.drawString(right - 40 * mm, y - 12 * i, value)
    y -= 100
    discount = any(line.discount for line in doc.lines)
    x_sku, x_desc = left + 10 * mm, left + 26 * mm
    x_qty, x_unit, x_price, x_disc = right - 82 * mm, right - 80 * mm, right - 44 * mm, right - 26 * mm
    pdf.setFont("Helvetica-Bold", 8.5)
    pdf.drawString(left, y, w["pos"])
    pdf.drawString(x_sku, y, w["sku"])
    pdf.drawString(x_desc, y, w["desc"])
    pdf.drawRightString(x_qty, y, w["qty"])
    pdf.drawString(x_unit, y, w["unit"])
    pdf.drawRightString(x_price, y, w["price"])
    if discount:
        pdf.drawRightString(x_disc, y, w["disc"])
    pdf.drawRightString(right, y, w["amount"])
    pdf.line(left, y - 3, right, y - 3)
    pdf.setFont("Helvetica", 8.5)
    y -= 15
    for n, line in enumerate(doc.lines, start=1):
        price = line.list_price if line.list_price is not None else line.price
        places = 4 if price != price.quantize(Decimal("0.01")) else 2
        pdf.drawString(left, y, str(n))
        pdf.drawString(x_sku, y, line.sku)
        pdf.drawString(x_desc, y, line.description[:44])
        pdf.drawRightString(x_qty, y, fmt_qty(line.quantity, lang))
        pdf.drawString(x_unit, y, w["pc"])
        pdf.drawRightString(x_price, y, fmt_money(price, lang, places))
        if line.discount:
            pdf.drawRightString(x_disc, y, f"{fmt_qty(line.discount, lang)} %")
        pdf.drawRightString(right, y, fmt_money(line.amount, lang))
        y -= 13
    pdf.line(left, y + 6, right, y + 6)
    y -= 10
    cur = doc.currency
    totals = [(w["net"], doc.net)]
    if vendor.tax == "19":
        totals.append((w["vat"].format(rate=19), doc.tax))
    elif vendor.tax == "rc":
        totals.append((w["vat"].format(rate=0), Decimal("0.00")))
    totals.append((w["total"], doc.total))
    for i, (label, value) in enumerate(totals):
        pdf.setFont("Helvetica-Bold" if i == len(totals) - 1 else "Helvetica", 10)
        pdf.drawString(right - 80 * mm, y - 14 * i, label)
        pdf.drawRightString(right, y - 14 * i, f"{fmt_money(value, lang)} {cur}")
    y -= 14 * len(totals) + 16
    pdf.setFont("Helvetica", 8.5)
    if vendor.tax == "rc":
        pdf.drawString(left, y, w["rc"])
        y -= 13
    due = doc.issued + timedelta(days=doc.terms_days)
    pdf.drawString(left, y, w["terms"].format(due=fmt_date(due, lang, us)))
    y -= 13
    pdf.drawString(left, y, w["thanks"])
    pdf.setFont("Helvetica", 7.5)
    if vendor.iban:
        pdf.drawString(left, 18 * mm, f"{w['bank']}: IBAN {format_iban(vendor.iban)}")
    elif us:
        pdf.drawString(left, 18 * mm, f"{w['bank']}: KeyBank N.A., ABA 041001039, Account 359681102446")
    pdf.drawString(left, 14 * mm, f"{vendor.name} · {vendor.street} · {vendor.zip} {vendor.city}")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
