"""Our own renderings of the vendors' documents: a PDF drawn with reportlab in the vendor's language
(its own number and date formats), and UBL 2.1 XML for the vendor that sends e-invoices. Not the
renderers of evals/synth: these documents come from outside opsloop's own test material."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from evals.decisions.identifiers import format_iban
from evals.decisions2.model import Doc, day_date

WORDS: dict[str, dict[str, str]] = {
    "de": {
        "invoice": "Rechnung",
        "credit": "Gutschrift",
        "prepayment": "Anzahlungsrechnung",
        "quote": "Angebot",
        "order_confirmation": "Auftragsbestätigung",
        "delivery_note": "Lieferschein",
        "reminder": "Zahlungserinnerung",
        "statement": "Kontoauszug",
        "proforma": "Proforma-Rechnung",
        "no_invoice": "Rechnungsnummer",
        "no_credit": "Gutschriftsnummer",
        "no_other": "Belegnummer",
        "date": "Datum",
        "po": "Ihre Bestellung",
        "due": "Fällig am",
        "to": "Rechnungsempfänger",
        "to_other": "Kunde",
        "pos": "Pos.",
        "sku": "Art.-Nr.",
        "desc": "Bezeichnung",
        "qty": "Menge",
        "unit": "Einheit",
        "price": "Einzelpreis",
        "price_gross": "Einzelpreis brutto",
        "amount": "Betrag",
        "net": "Nettobetrag",
        "vat": "zzgl. MwSt. {rate} %",
        "vat_in": "enthaltene MwSt. {rate} %",
        "gross": "Gesamtbetrag",
        "due_amount": "Zahlbetrag",
        "paid": "bereits bezahlt",
        "terms": "Zahlbar innerhalb von {days} Tagen ohne Abzug.",
        "bank": "Bankverbindung",
        "vatid": "USt-IdNr.",
        "buyer_vatid": "Ihre USt-IdNr.",
        "ref": "zu Rechnung",
        "intra_eu": "Steuerfreie innergemeinschaftliche Lieferung gemäß § 4 Nr. 1b UStG / Art. 138 MwStSystRL. "
        "Steuerschuldnerschaft des Leistungsempfängers.",
        "units": "Stk",
        "carton": "Karton",
        "quote_note": "Dieses Angebot ist 30 Tage gültig. Wir freuen uns auf Ihren Auftrag.",
        "oc_note": "Vielen Dank für Ihre Bestellung. Die Rechnung erhalten Sie nach Lieferung.",
        "dn_note": "Ware erhalten: ____________ (Unterschrift)",
        "pf_note": "Proforma-Rechnung für Zollzwecke / zur Vorauszahlung. Keine Rechnung im Sinne des UStG.",
        "reminder_note": "Sicher haben Sie übersehen, dass folgende Rechnung noch offen ist. "
        "Bitte überweisen Sie den Betrag innerhalb von 7 Tagen.",
        "statement_note": "Offene Posten per {date}.",
        "open_items": "Offene Posten",
        "balance": "Saldo",
        "doc": "Beleg",
    },
    "en": {
        "invoice": "Invoice",
        "credit": "Credit note",
        "prepayment": "Advance payment invoice",
        "quote": "Quotation",
        "order_confirmation": "Order confirmation",
        "delivery_note": "Delivery note",
        "reminder": "Payment reminder",
        "statement": "Statement of account",
        "proforma": "Pro forma invoice",
        "no_invoice": "Invoice number",
        "no_credit": "Credit note number",
        "no_other": "Reference",
        "date": "Date",
        "po": "Your PO",
        "due": "Due date",
        "to": "Bill to",
        "to_other": "Customer",
        "pos": "No.",
        "sku": "Item",
        "desc": "Description",
        "qty": "Qty",
        "unit": "Unit",
        "price": "Unit price",
        "price_gross": "Unit price incl. VAT",
        "amount": "Amount",
        "net": "Net total",
        "vat": "VAT {rate} %",
        "vat_in": "incl. VAT {rate} %",
        "gross": "Total",
        "due_amount": "Amount due",
        "paid": "Paid",
        "terms": "Payment within {days} days net.",
        "bank": "Bank details",
        "vatid": "VAT No.",
        "buyer_vatid": "Your VAT No.",
        "ref": "Re invoice",
        "intra_eu": "Intra-Community supply exempt from VAT (Art. 138 Directive 2006/112/EC). Reverse charge.",
        "units": "pcs",
        "carton": "carton",
        "quote_note": "This quotation is valid for 30 days.",
        "oc_note": "Thank you for your order. You will receive our invoice after delivery.",
        "dn_note": "Goods received: ____________ (signature)",
        "pf_note": "Pro forma invoice for customs / prepayment purposes only. This is not a VAT invoice.",
        "reminder_note": "According to our records the following invoice is still unpaid. Please pay within 7 days.",
        "statement_note": "Open items as of {date}.",
        "open_items": "Open items",
        "balance": "Balance",
        "doc": "Document",
    },
    "fr": {
        "invoice": "Facture",
        "credit": "Avoir",
        "prepayment": "Facture d'acompte",
        "quote": "Devis",
        "order_confirmation": "Confirmation de commande",
        "delivery_note": "Bon de livraison",
        "reminder": "Relance",
        "statement": "Relevé de compte",
        "proforma": "Facture pro forma",
        "no_invoice": "N° de facture",
        "no_credit": "N° d'avoir",
        "no_other": "Référence",
        "date": "Date",
        "po": "Votre commande",
        "due": "Échéance",
        "to": "Facturé à",
        "to_other": "Client",
        "pos": "N°",
        "sku": "Réf.",
        "desc": "Désignation",
        "qty": "Qté",
        "unit": "Unité",
        "price": "Prix unitaire HT",
        "price_gross": "Prix unitaire TTC",
        "amount": "Montant",
        "net": "Total HT",
        "vat": "TVA {rate} %",
        "vat_in": "dont TVA {rate} %",
        "gross": "Total TTC",
        "due_amount": "Net à payer",
        "paid": "Déjà réglé",
        "terms": "Paiement à {days} jours.",
        "bank": "Coordonnées bancaires",
        "vatid": "N° TVA intracom.",
        "buyer_vatid": "Votre N° TVA",
        "ref": "Facture d'origine",
        "intra_eu": "Exonération de TVA, article 262 ter I du CGI. Livraison intracommunautaire. Autoliquidation.",
        "units": "pce",
        "carton": "carton",
        "quote_note": "Devis valable 30 jours.",
        "oc_note": "Merci pour votre commande. La facture suivra après livraison.",
        "dn_note": "Marchandise reçue : ____________ (signature)",
        "pf_note": "Facture pro forma, ne vaut pas facture.",
        "reminder_note": "Sauf erreur de notre part, la facture suivante reste impayée. Merci de la régler sous 7 jours.",
        "statement_note": "Postes ouverts au {date}.",
        "open_items": "Postes ouverts",
        "balance": "Solde",
        "doc": "Pièce",
    },
}


def amount_text(value: Decimal, lang: str) -> str:
    text = f"{value:,.2f}"
    if lang == "de":
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    if lang == "fr":
        return text.replace(",", " ").replace(".", ",")
    return text


def qty_text(value: Decimal, lang: str) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return amount_text(value, lang)


def date_text(day: int, lang: str) -> str:
    d = day_date(day)
    if lang == "en":
        return d.strftime("%d %b %Y")
    if lang == "fr":
        return d.strftime("%d/%m/%Y")
    return d.strftime("%d.%m.%Y")


def _unit_word(code: str, lang: str) -> str:
    w = WORDS[lang]
    return w["carton"] if code == "CT" else w["units"]


def render(doc: Doc, fmt: str) -> bytes:
    if fmt == "ubl":
        return render_ubl(doc)
    return render_pdf(doc)


# ---------------------------------------------------------------------------- PDF


def render_pdf(doc: Doc) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    w = WORDS[doc.lang]
    lang = doc.lang
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=True)
    pdf.setTitle(f"{w[doc.kind]} {doc.number}")
    width, height = A4
    left, right = 50.0, width - 50.0
    y = height - 60

    seller = doc.seller
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(left, y, seller.name)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(left, y - 14, f"{seller.street} · {seller.city} · {seller.country}")

    # buyer block
    y -= 60
    pdf.setFont("Helvetica", 7)
    pdf.drawString(left, y + 12, f"{seller.name} · {seller.street} · {seller.city}")
    pdf.setFont("Helvetica", 10)
    if doc.buyer is not None:
        label = w["to"] if doc.kind in ("invoice", "credit", "prepayment", "proforma") else w["to_other"]
        pdf.setFont("Helvetica-Bold", 8)
        pdf.drawString(left, y, label)
        pdf.setFont("Helvetica", 10)
        rows = [doc.buyer.name, doc.buyer.street, f"{doc.buyer.city}", _country(doc.buyer.country, lang)]
        for i, text in enumerate(rows):
            pdf.drawString(left, y - 13 - i * 12, text)

    # meta block on the right
    number_label = (
        w["no_invoice"]
        if doc.kind in ("invoice", "prepayment")
        else w["no_credit"]
        if doc.kind == "credit"
        else w["no_other"]
    )
    meta: list[tuple[str, str]] = [(number_label, doc.number), (w["date"], date_text(doc.day, lang))]
    if doc.po_number and doc.kind not in ("reminder", "statement"):
        meta.append((w["po"], doc.po_number))
    if doc.reference and doc.kind in ("credit", "invoice"):
        meta.append((w["ref"], doc.reference))
    if doc.kind in ("invoice", "prepayment") and doc.terms_days is not None:
        meta.append((w["due"], date_text(doc.day + doc.terms_days, lang)))
    if doc.buyer is not None and doc.buyer.vat_id and doc.kind != "delivery_note":
        meta.append((w["buyer_vatid"], doc.buyer.vat_id))
    mx = 340.0
    for i, (k, v) in enumerate(meta):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(mx, y - i * 13, k)
        pdf.drawRightString(right, y - i * 13, v)

    y -= 90
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(left, y, f"{w[doc.kind]} {doc.number}")
    y -= 28

    if doc.kind in ("reminder", "statement"):
        y = _statement(pdf, doc, left, right, y)
    else:
        y = _lines(pdf, doc, left, right, y)

    # notes
    notes = list(doc.notes)
    if doc.regime == "intra_eu" and doc.kind in ("invoice", "credit", "prepayment", "proforma"):
        notes.append(w["intra_eu"])
    extra = {
        "quote": "quote_note",
        "order_confirmation": "oc_note",
        "delivery_note": "dn_note",
        "proforma": "pf_note",
    }
    if doc.kind in extra:
        notes.append(w[extra[doc.kind]])
    if doc.kind in ("invoice", "prepayment") and doc.terms_days is not None and doc.prepaid is None:
        notes.append(w["terms"].format(days=doc.terms_days))
    pdf.setFont("Helvetica", 9)
    y -= 10
    for note in notes:
        for chunk in _wrap(note, 105):
            pdf.drawString(left, y, chunk)
            y -= 12
        y -= 4

    # footer: VAT id and bank
    payee = doc.payee or seller
    pdf.setFont("Helvetica", 8)
    fy = 70.0
    pdf.drawString(left, fy, f"{seller.name} · {w['vatid']} {seller.vat_id or ''}")
    if doc.kind != "delivery_note" and payee.iban:
        bank = f"{w['bank']}: {payee.name if doc.payee else ''} IBAN {format_iban(payee.iban)} · BIC {payee.bic or ''}"
        pdf.drawString(left, fy - 11, bank.replace(":  IBAN", ": IBAN"))
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _country(code: str, lang: str) -> str:
    names = {
        "de": {"DE": "Deutschland", "AT": "Österreich", "FR": "Frankreich", "NL": "Niederlande"},
        "en": {"DE": "Germany", "AT": "Austria", "FR": "France", "NL": "Netherlands"},
        "fr": {"DE": "Allemagne", "AT": "Autriche", "FR": "France", "NL": "Pays-Bas"},
    }
    return names[lang].get(code, code)


def _wrap(text: str, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def _lines(pdf: object, doc: Doc, left: float, right: float, y: float) -> float:
    c = pdf  # reportlab canvas
    w = WORDS[doc.lang]
    lang = doc.lang
    priced = doc.kind != "delivery_note"
    cols = [left, left + 28, left + 95, left + 300, left + 340]
    c.setFont("Helvetica-Bold", 8)  # type: ignore[attr-defined]
    c.drawString(cols[0], y, w["pos"])  # type: ignore[attr-defined]
    c.drawString(cols[1], y, w["sku"])  # type: ignore[attr-defined]
    c.drawString(cols[2], y, w["desc"])  # type: ignore[attr-defined]
    c.drawRightString(cols[3] + 25, y, w["qty"])  # type: ignore[attr-defined]
    c.drawString(cols[4], y, w["unit"])  # type: ignore[attr-defined]
    if priced:
        c.drawRightString(right - 75, y, w["price_gross"] if doc.prices_gross else w["price"])  # type: ignore[attr-defined]
        c.drawRightString(right, y, w["amount"])  # type: ignore[attr-defined]
    y -= 4
    c.line(left, y, right, y)  # type: ignore[attr-defined]
    y -= 13
    c.setFont("Helvetica", 9)  # type: ignore[attr-defined]
    for i, ln in enumerate(doc.lines, start=1):
        c.drawString(cols[0], y, str(i))  # type: ignore[attr-defined]
        c.drawString(cols[1], y, ln.sku or "")  # type: ignore[attr-defined]
        c.drawString(cols[2], y, ln.description[:40])  # type: ignore[attr-defined]
        c.drawRightString(cols[3] + 25, y, qty_text(ln.quantity, lang))  # type: ignore[attr-defined]
        c.drawString(cols[4], y, _unit_word(ln.unit, lang))  # type: ignore[attr-defined]
        if priced:
            c.drawRightString(right - 75, y, amount_text(ln.unit_price, lang))  # type: ignore[attr-defined]
            c.drawRightString(right, y, amount_text(ln.amount, lang))  # type: ignore[attr-defined]
        y -= 14
    c.line(left, y + 8, right, y + 8)  # type: ignore[attr-defined]
    if not priced:
        return y - 10
    y -= 8
    rows: list[tuple[str, Decimal]] = []
    cur = doc.currency
    for label, amount in doc.deductions:
        rows.append((label, -amount))
    rows.append((w["net"], doc.net))
    by_rate = doc.tax_by_rate()
    if doc.tax_override is None and len(by_rate) > 0:
        for rate, (_n, t) in by_rate.items():
            key = "vat_in" if doc.prices_gross else "vat"
            rows.append((w[key].format(rate=qty_text(rate, lang)), t))
    else:
        rate = max(by_rate) if by_rate else Decimal(0)
        rows.append((w["vat"].format(rate=qty_text(rate, lang)), doc.tax))
    rows.append((f"{w['gross']} {cur}", doc.gross))
    if doc.prepaid is not None:
        rows.append((w["paid"], -doc.prepaid))
        rows.append((f"{w['due_amount']} {cur}", doc.due))
    for label, amount in rows:
        bold = label.startswith(w["gross"]) or label.startswith(w["due_amount"])
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 9)  # type: ignore[attr-defined]
        c.drawString(right - 230, y, label)  # type: ignore[attr-defined]
        c.drawRightString(right, y, amount_text(amount, lang))  # type: ignore[attr-defined]
        y -= 13
    return y


def _statement(pdf: object, doc: Doc, left: float, right: float, y: float) -> float:
    c = pdf
    w = WORDS[doc.lang]
    lang = doc.lang
    c.setFont("Helvetica", 9)  # type: ignore[attr-defined]
    note = (
        w["reminder_note"]
        if doc.kind == "reminder"
        else w["statement_note"].format(date=date_text(doc.day, lang))
    )
    for chunk in _wrap(note, 105):
        c.drawString(left, y, chunk)  # type: ignore[attr-defined]
        y -= 12
    y -= 8
    c.setFont("Helvetica-Bold", 8)  # type: ignore[attr-defined]
    c.drawString(left, y, w["doc"])  # type: ignore[attr-defined]
    c.drawString(left + 150, y, w["date"])  # type: ignore[attr-defined]
    c.drawString(left + 240, y, w["due"])  # type: ignore[attr-defined]
    c.drawRightString(right, y, w["amount"])  # type: ignore[attr-defined]
    y -= 14
    c.setFont("Helvetica", 9)  # type: ignore[attr-defined]
    total = Decimal(0)
    for number, day, amount in doc.statement_rows:
        c.drawString(left, y, f"{w['invoice']} {number}")  # type: ignore[attr-defined]
        c.drawString(left + 150, y, date_text(day, lang))  # type: ignore[attr-defined]
        c.drawString(left + 240, y, date_text(day + (doc.terms_days or 30), lang))  # type: ignore[attr-defined]
        c.drawRightString(right, y, amount_text(amount, lang))  # type: ignore[attr-defined]
        total += amount
        y -= 13
    c.setFont("Helvetica-Bold", 9)  # type: ignore[attr-defined]
    c.drawString(right - 230, y - 4, f"{w['balance']} {doc.currency}")  # type: ignore[attr-defined]
    c.drawRightString(right, y - 4, amount_text(total, lang))  # type: ignore[attr-defined]
    return y - 20


# ---------------------------------------------------------------------------- UBL 2.1


def render_ubl(doc: Doc) -> bytes:
    """UBL 2.1 Invoice (380, or 386 for an advance payment) or CreditNote (381), EN 16931 style:
    a credit note's amounts positive."""
    credit = doc.kind == "credit"
    root = "CreditNote" if credit else "Invoice"
    ns = f"urn:oasis:names:specification:ubl:schema:xsd:{root}-2"
    type_code = "381" if credit else "386" if doc.kind == "prepayment" else "380"
    cur = doc.currency
    e = escape

    def amt(tag: str, value: Decimal) -> str:
        return f'<cbc:{tag} currencyID="{cur}">{value:.2f}</cbc:{tag}>'

    def party(p: object, role: str) -> str:
        from evals.decisions2.model import Party

        assert isinstance(p, Party)
        vat = (
            f"<cac:PartyTaxScheme><cbc:CompanyID>{e(p.vat_id)}</cbc:CompanyID>"
            "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
            if p.vat_id
            else ""
        )
        return (
            f"<cac:{role}><cac:Party><cac:PartyName><cbc:Name>{e(p.name)}</cbc:Name></cac:PartyName>"
            f"<cac:PostalAddress><cbc:StreetName>{e(p.street)}</cbc:StreetName>"
            f"<cbc:CityName>{e(p.city.split(' ', 1)[-1])}</cbc:CityName>"
            f"<cbc:PostalZone>{e(p.city.split(' ', 1)[0])}</cbc:PostalZone>"
            f"<cac:Country><cbc:IdentificationCode>{p.country}</cbc:IdentificationCode></cac:Country>"
            f"</cac:PostalAddress>{vat}"
            f"<cac:PartyLegalEntity><cbc:RegistrationName>{e(p.name)}</cbc:RegistrationName></cac:PartyLegalEntity>"
            f"</cac:Party></cac:{role}>"
        )

    issue = day_date(doc.day)
    due = issue + timedelta(days=doc.terms_days or 30)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<{root} xmlns="{ns}" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">',
        "<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>",
        f"<cbc:ID>{e(doc.number)}</cbc:ID>",
        f"<cbc:IssueDate>{issue.isoformat()}</cbc:IssueDate>",
    ]
    if not credit:
        parts.append(f"<cbc:DueDate>{due.isoformat()}</cbc:DueDate>")
        parts.append(f"<cbc:InvoiceTypeCode>{type_code}</cbc:InvoiceTypeCode>")
    else:
        parts.append(f"<cbc:CreditNoteTypeCode>{type_code}</cbc:CreditNoteTypeCode>")
    for note in doc.notes:
        parts.append(f"<cbc:Note>{e(note)}</cbc:Note>")
    parts.append(f"<cbc:DocumentCurrencyCode>{cur}</cbc:DocumentCurrencyCode>")
    if doc.po_number:
        parts.append(f"<cac:OrderReference><cbc:ID>{e(doc.po_number)}</cbc:ID></cac:OrderReference>")
    if doc.reference:
        parts.append(
            f"<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{e(doc.reference)}</cbc:ID>"
            "</cac:InvoiceDocumentReference></cac:BillingReference>"
        )
    parts.append(party(doc.seller, "AccountingSupplierParty"))
    if doc.buyer is not None:
        parts.append(party(doc.buyer, "AccountingCustomerParty"))
    payee = doc.payee or doc.seller
    if doc.payee is not None:
        parts.append(
            f"<cac:PayeeParty><cac:PartyName><cbc:Name>{e(doc.payee.name)}</cbc:Name></cac:PartyName></cac:PayeeParty>"
        )
    if payee.iban and doc.prepaid is None:
        parts.append(
            "<cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>"
            f"<cac:PayeeFinancialAccount><cbc:ID>{payee.iban}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>"
        )
    elif doc.prepaid is not None:
        parts.append("<cac:PaymentMeans><cbc:PaymentMeansCode>54</cbc:PaymentMeansCode></cac:PaymentMeans>")
    if doc.terms_days:
        parts.append(
            f"<cac:PaymentTerms><cbc:Note>{e(WORDS[doc.lang]['terms'].format(days=doc.terms_days))}</cbc:Note></cac:PaymentTerms>"
        )
    category = "K" if doc.regime == "intra_eu" else "S"
    for label, amount in doc.deductions:
        rate = doc.lines[0].rate
        parts.append(
            f"<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
            f"<cbc:AllowanceChargeReason>{e(label)}</cbc:AllowanceChargeReason>{amt('Amount', amount)}"
            f"<cac:TaxCategory><cbc:ID>{category}</cbc:ID><cbc:Percent>{rate}</cbc:Percent>"
            "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>"
        )
    parts.append(f"<cac:TaxTotal>{amt('TaxAmount', doc.tax)}")
    for rate, (net, tax) in doc.tax_by_rate().items():
        exemption = (
            f"<cbc:TaxExemptionReason>{e(WORDS[doc.lang]['intra_eu'])}</cbc:TaxExemptionReason>"
            if category == "K"
            else ""
        )
        parts.append(
            f"<cac:TaxSubtotal>{amt('TaxableAmount', net)}{amt('TaxAmount', tax)}"
            f"<cac:TaxCategory><cbc:ID>{category}</cbc:ID><cbc:Percent>{rate}</cbc:Percent>{exemption}"
            "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>"
        )
    parts.append("</cac:TaxTotal>")
    line_total = sum((ln.amount for ln in doc.lines), Decimal(0))
    allowances = sum((a for _, a in doc.deductions), Decimal(0))
    parts.append("<cac:LegalMonetaryTotal>")
    parts.append(amt("LineExtensionAmount", line_total))
    parts.append(amt("TaxExclusiveAmount", doc.net))
    parts.append(amt("TaxInclusiveAmount", doc.gross))
    if allowances:
        parts.append(amt("AllowanceTotalAmount", allowances))
    if doc.prepaid is not None:
        parts.append(amt("PrepaidAmount", doc.prepaid))
    parts.append(amt("PayableAmount", doc.due))
    parts.append("</cac:LegalMonetaryTotal>")
    line_tag = "CreditNoteLine" if credit else "InvoiceLine"
    qty_tag = "CreditedQuantity" if credit else "InvoicedQuantity"
    for i, ln in enumerate(doc.lines, start=1):
        buyers = (
            f"<cac:BuyersItemIdentification><cbc:ID>{e(ln.sku)}</cbc:ID></cac:BuyersItemIdentification>"
            if ln.sku
            else ""
        )
        parts.append(
            f"<cac:{line_tag}><cbc:ID>{i}</cbc:ID>"
            f'<cbc:{qty_tag} unitCode="{ln.unit}">{ln.quantity}</cbc:{qty_tag}>'
            f"{amt('LineExtensionAmount', ln.amount)}"
            + f"<cac:Item><cbc:Name>{e(ln.description)}</cbc:Name>{buyers}"
            f"<cac:ClassifiedTaxCategory><cbc:ID>{category}</cbc:ID><cbc:Percent>{ln.rate}</cbc:Percent>"
            "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>"
            f"<cac:Price>{amt('PriceAmount', ln.unit_price)}</cac:Price></cac:{line_tag}>"
        )
    parts.append(f"</{root}>")
    return "\n".join(parts).encode("utf-8")
