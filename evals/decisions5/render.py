"""The suppliers' documents as they print them: PDFs drawn with reportlab's canvas in the supplier's language
(German, English, French), each supplier with its own template — a `letter` (sender line above the address
window, facts to the right), a `grid` (a row of boxed facts, labels above values) or a `ledger` (an ERP
print-out: labels in a left column, ruled line table, a totals box, VAT per rate). Our own drawing: no
other eval's renderer is used."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

from evals.decisions5.model import Doc

WORDS: dict[str, dict[str, str]] = {
    "de": {"invoice": "Rechnung", "deposit": "Anzahlungsrechnung", "final": "Schlussrechnung",
           "no": "Rechnungsnummer", "date": "Rechnungsdatum", "po": "Ihre Bestellnummer", "cust": "Kundennummer",
           "delivery": "Lieferdatum", "period": "Leistungszeitraum", "pos": "Pos.", "sku": "Art.-Nr.",
           "desc": "Bezeichnung", "qty": "Menge", "price": "Einzelpreis", "amount": "Betrag", "net": "Nettobetrag",
           "vat": "USt. {rate} % auf {base}", "total": "Gesamtbetrag", "terms": "Zahlbar bis zum {due} ohne Abzug.",
           "bank": "Bankverbindung", "vatid": "USt-IdNr.", "your_vat": "Ihre USt-IdNr.", "to": "Rechnungsempfänger",
           "rc": "Steuerschuldnerschaft des Leistungsempfängers.", "page": "Seite 1 von 1",
           "thanks": "Wir danken für Ihren Auftrag.", "court": "Amtsgericht {city}, HRB {hrb}"},
    "en": {"invoice": "Invoice", "deposit": "Advance Payment Invoice", "final": "Final Invoice",
           "no": "Invoice number", "date": "Invoice date", "po": "Your order no.", "cust": "Customer no.",
           "delivery": "Delivery date", "period": "Service period", "pos": "Line", "sku": "Item code",
           "desc": "Description", "qty": "Quantity", "price": "Unit price", "amount": "Amount", "net": "Net amount",
           "vat": "VAT {rate} % on {base}", "total": "Amount due", "terms": "Please pay by {due}.",
           "bank": "Bank account", "vatid": "VAT reg. no.", "your_vat": "Your VAT no.", "to": "Bill to",
           "rc": "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC).",
           "page": "Page 1 of 1", "thanks": "Thank you for your order.", "court": "Chamber of Commerce {hrb}"},
    "fr": {"invoice": "Facture", "deposit": "Facture d'acompte", "final": "Facture de solde",
           "no": "Numéro de facture", "date": "Date de facture", "po": "Votre commande n°", "cust": "Code client",
           "delivery": "Date de livraison", "period": "Période", "pos": "Ligne", "sku": "Référence",
           "desc": "Désignation", "qty": "Quantité", "price": "Prix unitaire HT", "amount": "Montant HT",
           "net": "Total HT", "vat": "TVA {rate} % sur {base}", "total": "Net à payer",
           "terms": "Échéance : {due}. Pénalités de retard : trois fois le taux d'intérêt légal.",
           "bank": "Coordonnées bancaires", "vatid": "N° TVA intracommunautaire", "your_vat": "Votre N° TVA", "to": "Facturé à",
           "rc": "Autoliquidation – article 283-2 du CGI, article 196 de la directive 2006/112/CE.",
           "page": "Page 1/1", "thanks": "Nous vous remercions de votre confiance.", "court": "RCS Lyon {hrb}"},
}  # fmt: skip


def fmt_money(value: Decimal, lang: str, places: int = 2) -> str:
    text = f"{value:,.{places}f}"
    if lang == "de":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",").replace("\u202f", " ")
    return text


def fmt_qty(value: Decimal, lang: str) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if lang in ("de", "fr") else text


def fmt_date(value: date, lang: str) -> str:
    if lang == "de":
        return f"{value:%d.%m.%Y}"
    if lang == "fr":
        return f"{value:%d/%m/%Y}"
    return value.strftime("%d %B %Y")


def _price_text(price: Decimal, lang: str) -> str:
    places = 4 if price != price.quantize(Decimal("0.01")) else 2
    return fmt_money(price, lang, places)


def render(doc: Doc, po_number: str | None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    vendor, lang = doc.vendor, doc.vendor.lang
    w = WORDS[lang]
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    title = w[doc.kind]
    pdf.setTitle(f"{title} {doc.number}")
    width, height = A4
    left, right = 20 * mm, width - 18 * mm
    layout = vendor.layout
    customer = f"K{sum(map(ord, vendor.key)) * 37 % 90000 + 10000}"
    facts = [(w["no"], doc.number), (w["date"], fmt_date(doc.issued, lang)), (w["cust"], customer)]
    if po_number:
        facts.append((w["po"], po_number))
    if doc.period:
        facts.append((w["period"], doc.period))
    elif doc.delivery:
        facts.append((w["delivery"], fmt_date(doc.delivery, lang)))
    name, street, town, vat = doc.addressee

    # ---------------------------------------------------------------- head
    y = height - 18 * mm
    if layout == "letter":
        pdf.setFont("Helvetica-Bold", 15)
        pdf.drawRightString(right, y, vendor.name)
        pdf.setFont("Helvetica", 8)
        pdf.drawRightString(right, y - 11, f"{vendor.street}, {vendor.zip} {vendor.city}")
        pdf.drawRightString(right, y - 21, f"{w['vatid']}: {vendor.vat}")
        y -= 44
        pdf.setFont("Helvetica", 6.5)
        pdf.drawString(left, y, f"{vendor.name} · {vendor.street} · {vendor.zip} {vendor.city}")
        pdf.setFont("Helvetica", 10)
        for i, text in enumerate((name, street, town)):
            pdf.drawString(left, y - 14 - 12 * i, text)
        pdf.setFont("Helvetica", 8.5)
        pdf.drawString(left, y - 56, f"{w['your_vat']}: {vat}")
        for i, (label, value) in enumerate(facts):
            pdf.drawString(right - 78 * mm, y - 12 * i, label)
            pdf.drawRightString(right, y - 12 * i, value)
        y -= 92
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(left, y, f"{title} {doc.number}")
        y -= 26
    elif layout == "grid":
        pdf.setFont("Helvetica-Bold", 13)
        pdf.drawString(left, y, vendor.name.upper())
        pdf.setFont("Helvetica", 8)
        pdf.drawString(
            left, y - 11, f"{vendor.street} | {vendor.zip} {vendor.city} | {w['vatid']} {vendor.vat}"
        )
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawRightString(right, y - 4, title.upper())
        y -= 40
        pdf.setFont("Helvetica-Bold", 8)
        pdf.drawString(left, y, w["to"].upper())
        pdf.setFont("Helvetica", 10)
        for i, text in enumerate((name, street, town, f"{w['your_vat']} {vat}")):
            pdf.drawString(left, y - 13 - 12 * i, text)
        y -= 76
        box = (right - left) / len(facts)
        for i, (label, value) in enumerate(facts):
            x = left + i * box
            pdf.rect(x, y - 22, box, 30)
            pdf.setFont("Helvetica", 6.5)
            pdf.drawString(x + 3, y, label.upper())
            pdf.setFont("Helvetica-Bold", 9)
            pdf.drawString(x + 3, y - 14, value)
        y -= 48
    else:  # ledger
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(left, y, vendor.name)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(left, y - 11, f"{vendor.street}  {vendor.zip} {vendor.city}  {vendor.country}")
        pdf.drawRightString(right, y, w["page"])
        y -= 34
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(left, y, title)
        pdf.line(left, y - 4, right, y - 4)
        y -= 20
        pdf.setFont("Helvetica", 9)
        for i, (label, value) in enumerate(facts):
            pdf.drawString(left, y - 12 * i, f"{label}")
            pdf.drawString(left + 38 * mm, y - 12 * i, f": {value}")
        x = left + 105 * mm
        pdf.setFont("Helvetica-Bold", 9)
        pdf.drawString(x, y, w["to"])
        pdf.setFont("Helvetica", 9)
        for i, text in enumerate((name, street, town, f"{w['your_vat']}: {vat}")):
            pdf.drawString(x, y - 12 - 12 * i, text)
        y -= 12 * max(len(facts), 5) + 14

    # ---------------------------------------------------------------- lines
    x_sku, x_desc = left + 11 * mm, left + 31 * mm
    x_qty, x_price = right - 62 * mm, right - 30 * mm
    pdf.setFont("Helvetica-Bold", 8.5)
    if layout == "grid":
        pdf.setFillGray(0.85)
        pdf.rect(left, y - 4, right - left, 14, fill=1, stroke=0)
        pdf.setFillGray(0)
    for x, text, align in ((left, w["pos"], "l"), (x_sku, w["sku"], "l"), (x_desc, w["desc"], "l"),
                           (x_qty, w["qty"], "r"), (x_price, w["price"], "r"), (right, w["amount"], "r")):  # fmt: skip
        (pdf.drawRightString if align == "r" else pdf.drawString)(x, y, text)
    pdf.line(left, y - 5, right, y - 5)
    y -= 17
    pdf.setFont("Helvetica", 8.5)
    for n, line in enumerate(doc.lines, start=1):
        pdf.drawString(left, y, str(n))
        pdf.drawString(x_sku, y, line.sku or "")
        words, rows = line.description.split(), [""]
        for word in words:
            if rows[-1] and len(rows[-1]) + len(word) > 48:
                rows.append("")
            rows[-1] = f"{rows[-1]} {word}".strip()
        pdf.drawString(x_desc, y, rows[0])
        pdf.drawRightString(x_qty, y, fmt_qty(line.quantity, lang))
        pdf.drawRightString(x_price, y, _price_text(line.price, lang))
        pdf.drawRightString(right, y, fmt_money(line.amount, lang))
        if line.rate is not None or len({doc.line_rate(x) for x in doc.lines}) > 1:
            pdf.setFont("Helvetica", 6.5)
            pdf.drawString(right + 1.5 * mm, y, f"{fmt_qty(doc.line_rate(line), lang)}%")
            pdf.setFont("Helvetica", 8.5)
        for row in rows[1:]:
            y -= 11
            pdf.drawString(x_desc, y, row)
        if layout == "ledger":
            pdf.setLineWidth(0.3)
            pdf.line(left, y - 4, right, y - 4)
            pdf.setLineWidth(1)
        y -= 14
    pdf.line(left, y + 6, right, y + 6)
    y -= 12

    # ---------------------------------------------------------------- totals
    totals: list[tuple[str, Decimal]] = [(w["net"], doc.net)]
    for rate, (base, vat_amount) in sorted(doc.tax_groups().items(), reverse=True):
        label = w["vat"].format(rate=fmt_qty(rate, lang), base=fmt_money(base, lang))
        totals.append((label, vat_amount))
    totals.append((w["total"], doc.total))
    x_label = right - 88 * mm
    if layout == "ledger":
        pdf.rect(x_label - 3, y - 14 * len(totals) + 6, right - x_label + 5, 14 * len(totals) + 4)
    for i, (label, value) in enumerate(totals):
        pdf.setFont("Helvetica-Bold" if i == len(totals) - 1 else "Helvetica", 9.5)
        pdf.drawString(x_label, y - 14 * i, label)
        pdf.drawRightString(right, y - 14 * i, f"{fmt_money(value, lang)} EUR")
    y -= 14 * len(totals) + 14
    pdf.setFont("Helvetica", 8.5)
    for note in doc.notes:
        pdf.drawString(left, y, note.replace("{po}", po_number or ""))
        y -= 12
    if vendor.tax == "rc":
        pdf.drawString(left, y, w["rc"])
        y -= 12
    due = doc.issued + timedelta(days=doc.terms_days)
    pdf.drawString(left, y, w["terms"].format(due=fmt_date(due, lang)))
    y -= 12
    pdf.drawString(left, y, w["thanks"])

    # ---------------------------------------------------------------- footer
    iban = " ".join(doc.printed_iban[i : i + 4] for i in range(0, len(doc.printed_iban), 4))
    pdf.setFont("Helvetica", 7)
    pdf.line(left, 24 * mm, right, 24 * mm)
    pdf.drawString(left, 20 * mm, f"{vendor.name} · {vendor.street} · {vendor.zip} {vendor.city}")
    pdf.drawString(left, 16.5 * mm, f"{w['bank']}: IBAN {iban}")
    court = w["court"].format(city=vendor.city, hrb=vendor.code[1:])
    pdf.drawString(left, 13 * mm, f"{w['vatid']}: {vendor.vat} · {court}")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
