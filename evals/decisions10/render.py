"""The suppliers' documents as they send them, drawn here with reportlab's canvas in the supplier's language, in
one of two templates of its own: `ledger` (German: the supplier's name and a rule across the top, the facts as a
ruled table of label and value rows at the top right, the address window on the left, the lines in a table with a
unit column and alternating grey rows, the totals right-aligned under a rule, the supplier's registration and bank
in a footer line) and `letter` (English: a centred letterhead, "Invoice" and the facts as "label: value" lines on
the left under the address, a table with a unit column between two rules, the totals beside their labels). No other
eval's renderer is used."""

from __future__ import annotations

import io
import textwrap
from datetime import date, timedelta
from decimal import Decimal

from evals.decisions10.model import BUYER, Doc

WORDS: dict[str, dict[str, str]] = {
    "de": {"title": "Rechnung", "deposit": "Anzahlungsrechnung", "final": "Schlussrechnung",
           "no": "Rechnungs-Nr.", "date": "Rechnungsdatum", "po": "Ihre Bestellung", "cust": "Kunden-Nr.",
           "delivery": "Lieferdatum", "note": "Lieferschein-Nr.", "pos": "Pos.", "sku": "Artikel-Nr.",
           "desc": "Bezeichnung", "qty": "Menge", "unit": "ME", "price": "Preis/ME", "amount": "Betrag EUR",
           "net": "Warenwert netto", "vat": "zzgl. USt. {rate} %", "total": "Rechnungsbetrag",
           "bank": "Bank", "vatid": "USt-IdNr.", "register": "Registergericht Kiel HRB 7{code}",
           "terms": "Zahlbar ohne Abzug bis {due}.", "pc": "St.", "box": "Krt.", "lump": "psch."},
    "en": {"title": "Invoice", "deposit": "Advance payment invoice", "final": "Final invoice",
           "no": "Invoice no.", "date": "Invoice date", "po": "Your order", "cust": "Customer no.",
           "delivery": "Delivery date", "note": "Delivery note", "pos": "#", "sku": "Item",
           "desc": "Description", "qty": "Qty", "unit": "Unit", "price": "Unit price", "amount": "Amount EUR",
           "net": "Subtotal", "vat": "VAT {rate} %", "total": "Total due",
           "bank": "Bank", "vatid": "VAT no.", "register": "Chamber of Commerce (KvK) 6{code}41275",
           "terms": "Payment within 30 days, by {due}.", "pc": "pcs", "box": "box", "lump": "lot"},
}  # fmt: skip


def fmt_money(value: Decimal, lang: str) -> str:
    text = f"{value:,.2f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_qty(value: Decimal, lang: str) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", "." if lang == "de" else ",")
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if lang == "de" else text


def fmt_date(value: date, lang: str) -> str:
    return f"{value:%d.%m.%Y}" if lang == "de" else f"{value:%d %B %Y}"


def render(doc: Doc, po_numbers: dict[str, str]) -> tuple[bytes, str]:
    """The document's PDF bytes and file suffix."""
    return render_pdf(doc, po_numbers), ".pdf"


def _facts(doc: Doc, po: str | None) -> list[tuple[str, str]]:
    w, lang = WORDS[doc.vendor.lang], doc.vendor.lang
    facts = [
        (w["no"], doc.number),
        (w["date"], fmt_date(doc.issued, lang)),
        (w["cust"], f"K{doc.vendor.code[-3:]}77"),
    ]
    if po:
        facts.append((w["po"], po))
    if doc.delivery_note:
        facts.append((w["note"], doc.delivery_note))
    if doc.delivery:
        facts.append((w["delivery"], fmt_date(doc.delivery, lang)))
    return facts


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
    title = w.get(doc.kind, w["title"]) if doc.kind != "invoice" else w["title"]
    facts = _facts(doc, po)
    iban = " ".join(v.iban[i : i + 4] for i in range(0, len(v.iban), 4))
    texts = [*doc.notes, w["terms"].format(due=fmt_date(doc.issued + timedelta(days=30), lang))]
    rows = [
        (w["net"], doc.net),
        (w["vat"].format(rate=fmt_qty(doc.rate, lang)), doc.tax),
        (w["total"], doc.total),
    ]
    left, right = 20 * mm, width - 18 * mm

    def description(line_text: str) -> str:
        return line_text.replace("{po}", po or "")

    if v.layout == "ledger":
        pdf.setFont("Helvetica-Bold", 15)
        pdf.drawString(left, height - 18 * mm, v.name)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(left, height - 23 * mm, f"{v.street} · {v.zip} {v.city} · {w['vatid']} {v.vat}")
        pdf.setLineWidth(0.8)
        pdf.line(left, height - 26 * mm, right, height - 26 * mm)
        # the facts: a ruled table of label / value rows
        fx, fy, fw, rh = 118 * mm, height - 34 * mm, right - 118 * mm, 6 * mm
        pdf.setLineWidth(0.3)
        for i, (label, value) in enumerate(facts):
            y = fy - i * rh
            pdf.rect(fx, y - rh, fw, rh, stroke=1, fill=0)
            pdf.setFont("Helvetica", 7.5)
            pdf.drawString(fx + 1.5 * mm, y - 4.2 * mm, label)
            pdf.setFont("Helvetica-Bold", 8.5)
            pdf.drawRightString(right - 1.5 * mm, y - 4.2 * mm, value)
        pdf.setFont("Helvetica", 6.5)
        pdf.drawString(left, height - 36 * mm, f"{v.name} · {v.street} · {v.zip} {v.city}")
        pdf.setFont("Helvetica", 10)
        y = height - 42 * mm
        for text in (name, street, town):
            pdf.drawString(left, y, text)
            y -= 5 * mm
        y = min(y, fy - len(facts) * rh) - 14 * mm
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(left, y, title)
        y -= 10 * mm
        cols = [
            left,
            left + 10 * mm,
            left + 32 * mm,
            right - 64 * mm,
            right - 50 * mm,
            right - 24 * mm,
            right,
        ]
        pdf.setFont("Helvetica-Bold", 8)
        for i, key in enumerate(("pos", "sku", "desc")):
            pdf.drawString(cols[i] + 1 * mm, y, w[key])
        pdf.drawRightString(cols[4] - 9 * mm, y, w["qty"])
        pdf.drawString(cols[4] - 7 * mm, y, w["unit"])
        pdf.drawRightString(cols[5] - 1 * mm, y, w["price"])
        pdf.drawRightString(cols[6] - 1 * mm, y, w["amount"])
        pdf.line(left, y - 2 * mm, right, y - 2 * mm)
        y -= 7 * mm
        pdf.setFont("Helvetica", 8.5)
        for n, line in enumerate(doc.lines, start=1):
            desc = textwrap.wrap(description(line.description), 44)
            if n % 2 == 0:
                pdf.setFillGray(0.92)
                pdf.rect(left, y - 2 * mm - 4.2 * mm * (len(desc) - 1), right - left, 6 * mm + 4.2 * mm * (len(desc) - 1),
                         stroke=0, fill=1)  # fmt: skip
                pdf.setFillGray(0)
            pdf.drawString(cols[0] + 1 * mm, y, str(n * 10))
            pdf.drawString(cols[1] + 1 * mm, y, line.sku or "")
            pdf.drawString(cols[2] + 1 * mm, y, desc[0])
            pdf.drawRightString(cols[4] - 9 * mm, y, fmt_qty(line.quantity, lang))
            pdf.drawString(cols[4] - 7 * mm, y, w[line.unit])
            pdf.drawRightString(cols[5] - 1 * mm, y, fmt_money(line.price, lang))
            pdf.drawRightString(cols[6] - 1 * mm, y, fmt_money(line.amount, lang))
            for more in desc[1:]:
                y -= 4.2 * mm
                pdf.drawString(cols[2] + 1 * mm, y, more)
            y -= 6 * mm
        pdf.line(right - 80 * mm, y + 2 * mm, right, y + 2 * mm)
        y -= 4 * mm
        for i, (label, value) in enumerate(rows):
            pdf.setFont("Helvetica-Bold" if i == 2 else "Helvetica", 9.5)
            pdf.drawString(right - 80 * mm, y, label)
            pdf.drawRightString(right, y, fmt_money(value, lang))
            y -= 5.5 * mm
        y -= 6 * mm
        pdf.setFont("Helvetica", 8.5)
        for text in texts:
            for part in textwrap.wrap(text, 100):
                pdf.drawString(left, y, part)
                y -= 4.2 * mm
        pdf.line(left, 20 * mm, right, 20 * mm)
        pdf.setFont("Helvetica", 7)
        pdf.drawString(left, 16 * mm, f"{v.name} · {w['register'].format(code=v.code[-2:])} · Geschäftsführer: "
                       f"{v.name.split()[-2]}")  # fmt: skip
        pdf.drawString(left, 12.5 * mm, f"{w['bank']}: IBAN {iban} · {w['vatid']} {v.vat}")
    else:
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawCentredString(width / 2, height - 18 * mm, v.name)
        pdf.setFont("Helvetica", 8)
        pdf.drawCentredString(width / 2, height - 23 * mm, f"{v.street}, {v.zip} {v.city}, the Netherlands")
        pdf.drawCentredString(width / 2, height - 27 * mm, f"{w['vatid']} {v.vat} · IBAN {iban}")
        y = height - 44 * mm
        pdf.setFont("Helvetica", 10)
        for text in (name, street, f"{town}, Germany", f"VAT no. {our_vat}"):
            pdf.drawString(left, y, text)
            y -= 5 * mm
        y -= 8 * mm
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(left, y, title)
        y -= 9 * mm
        for label, value in facts:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(left, y, f"{label}:")
            pdf.setFont("Helvetica-Bold", 9)
            pdf.drawString(left + 32 * mm, y, value)
            y -= 4.8 * mm
        y -= 8 * mm
        cols = [left, left + 24 * mm, right - 66 * mm, right - 52 * mm, right - 26 * mm, right]
        pdf.setLineWidth(1)
        pdf.line(left, y + 5 * mm, right, y + 5 * mm)
        pdf.setFont("Helvetica-Bold", 8.5)
        pdf.drawString(cols[0], y, w["sku"])
        pdf.drawString(cols[1], y, w["desc"])
        pdf.drawRightString(cols[2], y, w["qty"])
        pdf.drawString(cols[2] + 2 * mm, y, w["unit"])
        pdf.drawRightString(cols[4], y, w["price"])
        pdf.drawRightString(cols[5], y, w["amount"])
        pdf.setLineWidth(0.3)
        pdf.line(left, y - 2 * mm, right, y - 2 * mm)
        y -= 7 * mm
        pdf.setFont("Helvetica", 8.5)
        for line in doc.lines:
            desc = textwrap.wrap(description(line.description), 40)
            pdf.drawString(cols[0], y, line.sku or "")
            pdf.drawString(cols[1], y, desc[0])
            pdf.drawRightString(cols[2], y, fmt_qty(line.quantity, lang))
            pdf.drawString(cols[2] + 2 * mm, y, w[line.unit])
            pdf.drawRightString(cols[4], y, fmt_money(line.price, lang))
            pdf.drawRightString(cols[5], y, fmt_money(line.amount, lang))
            for more in desc[1:]:
                y -= 4.2 * mm
                pdf.drawString(cols[1], y, more)
            y -= 6 * mm
        pdf.setLineWidth(1)
        pdf.line(left, y + 3 * mm, right, y + 3 * mm)
        y -= 4 * mm
        for i, (label, value) in enumerate(rows):
            pdf.setFont("Helvetica-Bold" if i == 2 else "Helvetica", 9.5)
            pdf.drawString(right - 70 * mm, y, label)
            pdf.drawRightString(right, y, f"EUR {fmt_money(value, lang)}")
            y -= 5.5 * mm
        y -= 6 * mm
        pdf.setFont("Helvetica", 8.5)
        for text in texts:
            for part in textwrap.wrap(text, 95):
                pdf.drawString(left, y, part)
                y -= 4.2 * mm
        pdf.setFont("Helvetica", 7)
        pdf.drawCentredString(width / 2, 14 * mm, w["register"].format(code=v.code[-2:]))
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
