"""The suppliers' documents as they send them, drawn here (neither evals/synth's renderers nor decisions2/3's):
PDFs with reportlab in eight languages (en de fr nl es it pl sv) for invoices, credit notes, reminders, pro
formas, quotations, order confirmations, statements and delivery notes; UBL 2.1 and CII (XRechnung-style)
e-invoices written by hand; a Factur-X hybrid (the PDF with its CII embedded as factur-x.xml)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from evals.decisions.identifiers import format_iban
from evals.decisions3.render import BUYER
from evals.decisions4.model import Doc, Line, money

LANGS = ("en", "de", "fr", "nl", "es", "it", "pl", "sv")

TITLES: dict[str, tuple[str, ...]] = {
    # en, de, fr, nl, es, it, pl, sv
    "invoice": ("Invoice", "Rechnung", "Facture", "Factuur", "Factura", "Fattura", "Faktura VAT", "Faktura"),
    "credit": ("Credit note", "Gutschrift", "Avoir", "Creditnota", "Factura rectificativa", "Nota di credito",
               "Faktura korygująca", "Kreditfaktura"),
    "reminder": ("Payment reminder", "Zahlungserinnerung", "Relance de paiement", "Betalingsherinnering",
                 "Recordatorio de pago", "Sollecito di pagamento", "Wezwanie do zapłaty", "Betalningspåminnelse"),
    "proforma": ("Pro forma invoice", "Proforma-Rechnung", "Facture pro forma", "Proformafactuur", "Factura proforma",
                 "Fattura proforma", "Faktura pro forma", "Proformafaktura"),
    "quote": ("Quotation", "Angebot", "Devis", "Offerte", "Presupuesto", "Preventivo", "Oferta", "Offert"),
    "confirmation": ("Order confirmation", "Auftragsbestätigung", "Confirmation de commande", "Orderbevestiging",
                     "Confirmación de pedido", "Conferma d'ordine", "Potwierdzenie zamówienia", "Orderbekräftelse"),
    "statement": ("Statement of account", "Kontoauszug", "Relevé de compte", "Rekeningoverzicht", "Extracto de cuenta",
                  "Estratto conto", "Wyciąg z konta", "Kontoutdrag"),
    "delivery": ("Delivery note", "Lieferschein", "Bon de livraison", "Pakbon", "Albarán", "Documento di trasporto",
                 "Dowód dostawy", "Följesedel"),
}  # fmt: skip

W: dict[str, tuple[str, ...]] = {
    "inv_no": ("Invoice No.", "Rechnungs-Nr.", "Facture n°", "Factuurnummer", "N.º de factura", "Fattura n.",
               "Numer faktury", "Fakturanummer"),
    "doc_no": ("Number", "Nummer", "Numéro", "Nummer", "Número", "Numero", "Numer", "Nummer"),
    "date": ("Date", "Datum", "Date", "Datum", "Fecha", "Data", "Data wystawienia", "Datum"),
    "po": ("Your PO", "Ihre Bestellung", "Votre commande", "Uw bestelling", "Su pedido", "Vostro ordine",
           "Wasze zamówienie", "Er beställning"),
    "sku": ("Part no.", "Artikel", "Réf.", "Artikelnr.", "Ref.", "Codice", "Indeks", "Artikelnr"),
    "desc": ("Description", "Bezeichnung", "Désignation", "Omschrijving", "Descripción", "Descrizione", "Nazwa",
             "Benämning"),
    "qty": ("Qty", "Menge", "Qté", "Aantal", "Cant.", "Q.tà", "Ilość", "Antal"),
    "price": ("Unit price", "Preis", "Prix unitaire", "Prijs", "Precio", "Prezzo", "Cena netto", "À-pris"),
    "per": ("per", "PE", "par", "per", "por", "per", "za", "per"),
    "rate": ("VAT %", "MwSt. %", "TVA %", "Btw %", "IVA %", "IVA %", "VAT %", "Moms %"),
    "amount": ("Amount", "Betrag", "Montant HT", "Bedrag", "Importe", "Importo", "Wartość netto", "Belopp"),
    "net": ("Subtotal", "Summe netto", "Total HT", "Subtotaal", "Base imponible", "Imponibile", "Razem netto",
            "Summa exkl. moms"),
    "vat": ("VAT {rate} %", "MwSt. {rate} %", "TVA {rate} %", "Btw {rate} %", "IVA {rate} %", "IVA {rate} %",
            "VAT {rate} %", "Moms {rate} %"),
    "total": ("Total due", "Rechnungsbetrag", "Total TTC", "Totaal", "Total factura", "Totale documento",
              "Do zapłaty", "Att betala"),
    "sum": ("Total", "Gesamtsumme", "Total", "Totaal", "Total", "Totale", "Razem", "Summa"),
    "terms": ("Payment due {due}", "Zahlbar bis {due} ohne Abzug.", "Échéance : {due}", "Te betalen vóór {due}",
              "Vencimiento: {due}", "Scadenza: {due}", "Termin płatności: {due}", "Förfallodag: {due}"),
    "bank": ("Bank details", "Bankverbindung", "Coordonnées bancaires", "Bankgegevens", "Datos bancarios",
             "Coordinate bancarie", "Rachunek bankowy", "Bankgiro/IBAN"),
    "vatid": ("VAT No.", "USt-IdNr.", "N° TVA intracom.", "Btw-nummer", "NIF-IVA", "P. IVA", "NIP UE", "Momsreg.nr"),
    "your_vat": ("Your VAT No.", "Ihre USt-IdNr.", "Votre N° TVA", "Uw btw-nummer", "Su NIF-IVA", "Vostra P. IVA",
                 "Wasz NIP UE", "Ert momsreg.nr"),
    "pc": ("pcs", "Stk", "pce", "st", "ud", "pz", "szt", "st"),
    "rc": ("Intra-community supply, VAT reverse charged to the customer (Article 196 Directive 2006/112/EC).",
           "Steuerfreie innergemeinschaftliche Lieferung. Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).",
           "Exonération de TVA, article 262 ter I du CGI. Autoliquidation par le preneur.",
           "Intracommunautaire levering, btw verlegd (art. 138 Richtlijn 2006/112/EG).",
           "Entrega intracomunitaria exenta (art. 25 Ley 37/1992). Inversión del sujeto pasivo.",
           "Cessione intracomunitaria non imponibile art. 41 D.L. 331/93. Inversione contabile.",
           "Wewnątrzwspólnotowa dostawa towarów, stawka 0 %. Odwrotne obciążenie.",
           "Unionsintern leverans, omvänd betalningsskyldighet (artikel 138 direktiv 2006/112/EG)."),
    "copy": ("COPY - DUPLICATE", "KOPIE - DUPLIKAT", "COPIE - DUPLICATA", "KOPIE - DUPLICAAT", "COPIA - DUPLICADO",
             "COPIA - DUPLICATO", "KOPIA - DUPLIKAT", "KOPIA - DUPLIKAT"),
    "reminder_text": (
        "Our records show that invoice {no} of {date} for {amount} is still unpaid. Please pay within 7 days.",
        "Unsere Rechnung {no} vom {date} über {amount} ist noch offen. Bitte zahlen Sie innerhalb von 7 Tagen.",
        "Sauf erreur de notre part, la facture {no} du {date} d'un montant de {amount} reste impayée. Merci de la régler sous 7 jours.",
        "Volgens onze administratie staat factuur {no} van {date} ({amount}) nog open. Gelieve binnen 7 dagen te betalen.",
        "Según nuestros registros, la factura {no} del {date} por {amount} sigue pendiente. Rogamos el pago en 7 días.",
        "Dai nostri registri la fattura {no} del {date} di {amount} risulta ancora insoluta. Vi preghiamo di saldarla entro 7 giorni.",
        "Faktura {no} z dnia {date} na kwotę {amount} pozostaje niezapłacona. Prosimy o zapłatę w ciągu 7 dni.",
        "Enligt vår bokföring är faktura {no} av {date} på {amount} fortfarande obetald. Vänligen betala inom 7 dagar.",
    ),
    "fee": ("Reminder fee", "Mahngebühr", "Frais de relance", "Aanmaningskosten", "Gastos de reclamación",
            "Spese di sollecito", "Opłata za upomnienie", "Påminnelseavgift"),
    "balance": ("Balance", "Saldo", "Solde", "Saldo", "Saldo", "Saldo", "Saldo", "Saldo"),
    "paid_col": ("Paid", "Bezahlt", "Réglé", "Betaald", "Pagado", "Pagato", "Zapłacono", "Betalt"),
    "open_col": ("Open", "Offen", "Reste dû", "Open", "Pendiente", "Aperto", "Do zapłaty", "Öppet"),
    "refers": ("Refers to invoice {no} of {date}", "Bezug: Rechnung {no} vom {date}", "Avoir sur facture {no} du {date}",
               "Betreft factuur {no} van {date}", "Rectifica la factura {no} de {date}", "Rif. fattura {no} del {date}",
               "Dotyczy faktury {no} z dnia {date}", "Avser faktura {no} av {date}"),
    "credit_reason": ("Returned goods", "Warenrücksendung", "Retour marchandise", "Retour goederen", "Devolución de mercancía",
                      "Reso merce", "Zwrot towaru", "Returvara"),
    "quote_valid": ("This quotation is valid for 30 days.", "Dieses Angebot ist 30 Tage gültig.",
                    "Devis valable 30 jours.", "Deze offerte is 30 dagen geldig.", "Presupuesto válido 30 días.",
                    "Offerta valida 30 giorni.", "Oferta ważna 30 dni.", "Offerten gäller i 30 dagar."),
    "confirm_text": ("We confirm your order as follows. Delivery in week {week}.",
                     "Wir bestätigen Ihre Bestellung wie folgt. Lieferung in KW {week}.",
                     "Nous confirmons votre commande comme suit. Livraison semaine {week}.",
                     "Wij bevestigen uw bestelling als volgt. Levering in week {week}.",
                     "Confirmamos su pedido como sigue. Entrega en la semana {week}.",
                     "Confermiamo il vostro ordine come segue. Consegna nella settimana {week}.",
                     "Potwierdzamy zamówienie. Dostawa w tygodniu {week}.",
                     "Vi bekräftar er beställning enligt nedan. Leverans vecka {week}."),
    "proforma_text": ("Please pay in advance; the goods ship on receipt of payment. This is not a tax invoice.",
                      "Bitte zahlen Sie vorab; Versand nach Zahlungseingang. Keine Rechnung im Sinne des UStG.",
                      "Paiement d'avance; expédition à réception du paiement. Ce document n'est pas une facture.",
                      "Vooruitbetaling; verzending na ontvangst van de betaling. Dit is geen factuur.",
                      "Pago anticipado; envío tras recibir el pago. Este documento no es una factura.",
                      "Pagamento anticipato; spedizione al ricevimento del pagamento. Documento non valido ai fini fiscali.",
                      "Płatność z góry; wysyłka po zaksięgowaniu wpłaty. Dokument nie jest fakturą VAT.",
                      "Förskottsbetalning; leverans när betalningen mottagits. Detta är ingen faktura."),
    "delivery_text": ("Goods received in good order:", "Ware vollständig und unbeschädigt erhalten:",
                      "Marchandise reçue en bon état :", "Goederen in goede staat ontvangen:",
                      "Mercancía recibida en buen estado:", "Merce ricevuta in buono stato:",
                      "Towar odebrano w stanie nienaruszonym:", "Godset mottaget i gott skick:"),
    "skonto": ("2 % discount if paid within 10 days ({amount}), otherwise net 30 days.",
               "Zahlbar innerhalb 10 Tagen mit {pct} % Skonto ({amount}) oder innerhalb 30 Tagen netto.",
               "Escompte {pct} % pour paiement sous 10 jours ({amount}), sinon net à 30 jours.",
               "{pct} % korting bij betaling binnen 10 dagen ({amount}), anders netto 30 dagen.",
               "{pct} % de descuento por pronto pago en 10 días ({amount}), si no neto a 30 días.",
               "Sconto {pct} % per pagamento entro 10 giorni ({amount}), altrimenti netto 30 giorni.",
               "{pct} % skonta przy zapłacie w ciągu 10 dni ({amount}), w innym razie 30 dni netto.",
               "{pct} % kassarabatt vid betalning inom 10 dagar ({amount}), annars 30 dagar netto."),
    "packaging": ("Packaging", "Verpackungskosten", "Frais d'emballage", "Verpakkingskosten", "Gastos de embalaje",
                  "Spese di imballo", "Koszty opakowania", "Emballageavgift"),
    "small_quantity": ("Small-quantity surcharge", "Mindermengenzuschlag", "Supplément petite quantité",
                       "Toeslag kleine hoeveelheid", "Recargo por pedido mínimo", "Supplemento quantità minima",
                       "Dopłata za małą ilość", "Småorderavgift"),
    "handling": ("Handling fee", "Bearbeitungsgebühr", "Frais de dossier", "Administratiekosten", "Gastos de gestión",
                 "Spese di gestione", "Opłata manipulacyjna", "Expeditionsavgift"),
    "deposit": ("Less advance payment, invoice {no} of {date}", "Abzüglich Anzahlung gem. Rechnung {no} vom {date}",
                "Moins acompte versé, facture {no} du {date}", "Af: aanbetaling volgens factuur {no} van {date}",
                "Menos anticipo, factura {no} del {date}", "Meno acconto, fattura {no} del {date}",
                "Minus zaliczka, faktura {no} z dnia {date}", "Avgår förskott, faktura {no} av {date}"),
    "thanks": ("Thank you for your business.", "Vielen Dank für Ihren Auftrag.", "Merci de votre confiance.",
               "Dank u voor uw bestelling.", "Gracias por su confianza.", "Grazie per la fiducia.",
               "Dziękujemy za zamówienie.", "Tack för ert köp."),
}  # fmt: skip


def word(key: str, lang: str) -> str:
    return W[key][LANGS.index(lang)]


def title(kind: str, lang: str) -> str:
    return TITLES[kind][LANGS.index(lang)]


_COMMA = {"de", "fr", "nl", "es", "it", "pl", "sv"}


def fmt_money(value: Decimal, lang: str, places: int = 2) -> str:
    text = f"{value:,.{places}f}"
    if lang in _COMMA:
        sep = {"fr": " ", "pl": " ", "sv": " "}.get(lang, ".")
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", sep)
    return text


def fmt_qty(value: Decimal, lang: str) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if lang in _COMMA else text


def fmt_date(value: date, lang: str, us: bool = False) -> str:
    if lang in ("de", "pl"):
        return f"{value:%d.%m.%Y}"
    if lang in ("fr", "es", "it"):
        return f"{value:%d/%m/%Y}"
    if lang == "nl":
        return f"{value:%d-%m-%Y}"
    if lang == "sv":
        return f"{value:%Y-%m-%d}"
    return f"{value:%m/%d/%Y}" if us else value.strftime("%d %b %Y")


def _line_text(line: Line, lang: str, doc: Doc | None = None) -> str:
    if line.charge and line.description == "deposit" and doc is not None and doc.refers:
        no, when, _ = doc.refers[0]
        return word("deposit", lang).format(no=no, date=fmt_date(when, lang))
    return word(line.description, lang) if line.charge else line.description


_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)


class _Canvas:
    """reportlab's canvas with a TrueType font embedded (Helvetica's WinAnsi cannot print ą, ł, ż: a Polish
    invoice drawn with it reads "Odwrotne obci■■enie", which no real supplier sends)."""

    def __init__(self, canvas: object) -> None:
        self._c = canvas
        self._regular, self._bold = _fonts()

    def setFont(self, name: str, size: float) -> None:
        self._c.setFont(self._bold if "Bold" in name else self._regular, size)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._c, name)


def _fonts() -> tuple[str, str]:
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not all(Path(f).exists() for f in _FONTS):
        return "Helvetica", "Helvetica-Bold"
    if "Dec4Sans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Dec4Sans", _FONTS[0]))
        pdfmetrics.registerFont(TTFont("Dec4Sans-Bold", _FONTS[1]))
    return "Dec4Sans", "Dec4Sans-Bold"


def render_pdf(doc: Doc, po_number: str | None, embed: bytes | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    vendor = doc.vendor
    lang = vendor.lang
    us = vendor.country == "US"
    buf = io.BytesIO()
    pdf = _Canvas(canvas.Canvas(buf, pagesize=A4))
    heading = doc.title or title(doc.kind, lang)
    pdf.setTitle(f"{heading} {doc.number}")
    width, height = A4
    left, right = 20 * mm, width - 20 * mm
    y = height - 20 * mm
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(left, y, vendor.name)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(left, y - 12, f"{vendor.street} · {vendor.zip} {vendor.city} · {vendor.country}")
    if vendor.vat:
        pdf.drawRightString(right, y, f"{word('vatid', lang)} {vendor.vat}")
    y -= 40
    pdf.setFont("Helvetica", 10)
    for i, text in enumerate(BUYER[:3]):
        pdf.drawString(left, y - 12 * i, text)
    if vendor.tax == "rc":
        pdf.drawString(left, y - 36, f"{word('your_vat', lang)} {BUYER[3]}")
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(left, y - 70, heading)
    if doc.copy:
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(left + 75 * mm, y - 70, word("copy", lang))
    pdf.setFont("Helvetica", 10)
    number_label = (
        word("inv_no", lang) if doc.kind in ("invoice", "credit", "proforma") else word("doc_no", lang)
    )
    info = [(number_label, doc.number), (word("date", lang), fmt_date(doc.issued, lang, us))]
    if doc.invoice_no:
        info.append((word("inv_no", lang), doc.invoice_no))
    if po_number:
        info.append((word("po", lang), po_number))
    for i, (label, value) in enumerate(info):
        pdf.drawString(right - 80 * mm, y - 12 * i, f"{label}:")
        pdf.drawString(right - 38 * mm, y - 12 * i, value)
    y -= 100
    pdf.setFont("Helvetica", 9)
    cur = doc.currency
    if doc.kind in ("reminder", "statement") and not doc.lines:
        return _render_letter(pdf, doc, y, left, right, mm, buf)
    if doc.kind == "confirmation":
        pdf.drawString(
            left,
            y,
            word("confirm_text", lang).format(week=(doc.issued + timedelta(days=10)).isocalendar()[1]),
        )
        y -= 16
    elif doc.kind == "delivery":
        pdf.drawString(left, y, word("delivery_text", lang))
        y -= 16
    elif doc.kind == "reminder" and doc.refers:
        no, when, amount = doc.refers[0]
        text = word("reminder_text", lang).format(
            no=no, date=fmt_date(when, lang, us), amount=f"{fmt_money(amount, lang)} {cur}"
        )
        for chunk in _wrap(text, 95):
            pdf.drawString(left, y, chunk)
            y -= 13
        y -= 4
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(left, y, f"{title('invoice', lang)} {no}")
        pdf.setFont("Helvetica", 9)
        y -= 18
    elif doc.kind == "credit" and doc.refers:
        no, when, _ = doc.refers[0]
        pdf.drawString(left, y, word("refers", lang).format(no=no, date=fmt_date(when, lang, us)))
        y -= 16
    if doc.kind == "credit":
        pdf.drawString(left, y, word("credit_reason", lang))
        y -= 16
    per = max((line.per for line in doc.lines), default=1)
    rated = vendor.tax == "19" or len(doc.tax_groups()) > 1
    x_sku, x_desc = left + 8 * mm, left + 24 * mm
    x_qty, x_unit, x_price, x_per, x_rate = (
        right - 84 * mm,
        right - 82 * mm,
        right - 46 * mm,
        right - 36 * mm,
        right - 24 * mm,
    )
    pdf.setFont("Helvetica-Bold", 8.5)
    pdf.drawString(left, y, "Pos.")
    pdf.drawString(x_sku, y, word("sku", lang))
    pdf.drawString(x_desc, y, word("desc", lang))
    pdf.drawRightString(x_qty, y, word("qty", lang))
    pdf.drawRightString(x_price, y, word("price", lang))
    if per > 1:
        pdf.drawRightString(x_per, y, word("per", lang))
    if rated:
        pdf.drawRightString(x_rate, y, word("rate", lang))
    pdf.drawRightString(right, y, word("amount", lang))
    pdf.line(left, y - 3, right, y - 3)
    pdf.setFont("Helvetica", 8.5)
    y -= 15
    for n, line in enumerate(doc.lines, start=1):
        shown = line.price * line.per
        places = 4 if shown != shown.quantize(Decimal("0.01")) else 2
        pdf.drawString(left, y, str(n))
        pdf.drawString(x_sku, y, line.sku)
        pdf.drawString(x_desc, y, _line_text(line, lang, doc)[:52])
        if not line.charge:
            pdf.drawRightString(x_qty, y, fmt_qty(line.quantity, lang))
            pdf.drawString(x_unit, y, word("pc", lang))
        pdf.drawRightString(x_price, y, fmt_money(shown, lang, places))
        if per > 1:
            pdf.drawRightString(x_per, y, str(line.per))
        if rated:
            pdf.drawRightString(x_rate, y, f"{fmt_qty(doc.line_rate(line), lang)}")
        pdf.drawRightString(right, y, fmt_money(line.amount, lang))
        y -= 13
    pdf.line(left, y + 6, right, y + 6)
    y -= 10
    if doc.kind == "delivery":
        totals = [(word("sum", lang), doc.net)]
    else:
        totals = [(word("net", lang), doc.net)]
        groups = doc.tax_groups()
        if doc.tax_override is not None:
            totals.append((word("vat", lang).format(rate=fmt_qty(next(iter(groups)), lang)), doc.tax))
        else:
            for rate, base in sorted(groups.items()):
                totals.append((word("vat", lang).format(rate=fmt_qty(rate, lang)), money(base * rate / 100)))
        totals.append(
            (
                word("total", lang)
                if doc.kind in ("invoice", "proforma", "credit", "reminder")
                else word("sum", lang),
                doc.total,
            )
        )
    for i, (label, value) in enumerate(totals):
        pdf.setFont("Helvetica-Bold" if i == len(totals) - 1 else "Helvetica", 10)
        pdf.drawString(right - 80 * mm, y - 14 * i, label)
        pdf.drawRightString(right, y - 14 * i, f"{fmt_money(value, lang)} {cur}")
    y -= 14 * len(totals) + 16
    pdf.setFont("Helvetica", 8.5)
    rc = doc.rc_note if doc.rc_note is not None else vendor.tax == "rc"
    if rc and doc.kind != "delivery":
        pdf.drawString(left, y, word("rc", lang))
        y -= 13
    if doc.kind == "proforma":
        pdf.drawString(left, y, word("proforma_text", lang))
        y -= 13
    if doc.kind == "quote":
        pdf.drawString(left, y, word("quote_valid", lang))
        y -= 13
    if doc.kind in ("invoice", "proforma"):
        if doc.skonto:
            amount = money(doc.total * (100 - doc.skonto) / 100)
            text = word("skonto", lang).format(
                pct=fmt_qty(doc.skonto, lang), amount=f"{fmt_money(amount, lang)} {cur}"
            )
            pdf.drawString(left, y, text)
        else:
            due = doc.issued + timedelta(days=doc.terms_days)
            pdf.drawString(left, y, word("terms", lang).format(due=fmt_date(due, lang, us)))
        y -= 13
    pdf.drawString(left, y, word("thanks", lang))
    _footer(pdf, doc, mm, left)
    pdf.showPage()
    pdf.save()
    body = buf.getvalue()
    if embed is not None:
        body = _attach(body, embed)
    return body


def _footer(pdf: object, doc: Doc, mm: float, left: float) -> None:
    vendor = doc.vendor
    pdf.setFont("Helvetica", 7.5)  # type: ignore[attr-defined]
    if vendor.iban and doc.kind not in ("delivery", "quote", "confirmation"):
        pdf.drawString(left, 18 * mm, f"{word('bank', vendor.lang)}: IBAN {format_iban(vendor.iban)}")  # type: ignore[attr-defined]
    elif vendor.country == "US":
        pdf.drawString(
            left, 18 * mm, f"{word('bank', vendor.lang)}: KeyBank N.A., ABA 041001039, Account 359681102446"
        )  # type: ignore[attr-defined]
    pdf.drawString(left, 14 * mm, f"{vendor.name} · {vendor.street} · {vendor.zip} {vendor.city}")  # type: ignore[attr-defined]


def _render_letter(
    pdf: object, doc: Doc, y: float, left: float, right: float, mm: float, buf: io.BytesIO
) -> bytes:
    """A reminder (one invoice named, perhaps a fee) or a statement (a table of invoices and a balance)."""
    vendor = doc.vendor
    lang = vendor.lang
    us = vendor.country == "US"
    cur = doc.currency
    c = pdf
    if doc.kind == "reminder":
        no, when, amount = doc.refers[0]
        text = word("reminder_text", lang).format(
            no=no, date=fmt_date(when, lang, us), amount=f"{fmt_money(amount, lang)} {cur}"
        )
        for chunk in _wrap(text, 95):
            c.drawString(left, y, chunk)  # type: ignore[attr-defined]
            y -= 13
        y -= 10
        rows = [(f"{title('invoice', lang)} {no}", fmt_date(when, lang, us), amount)]
        if doc.fee:
            rows.append((word("fee", lang), fmt_date(doc.issued, lang, us), doc.fee))
        balance = sum((r[2] for r in rows), Decimal(0))
    else:
        rows = [
            (f"{title('invoice', lang)} {no}", fmt_date(when, lang, us), amount)
            for no, when, amount in doc.refers
        ]
        balance = Decimal("0.00")
    c.setFont("Helvetica-Bold", 9)  # type: ignore[attr-defined]
    c.drawString(left, y, word("desc", lang))  # type: ignore[attr-defined]
    c.drawString(left + 80 * mm, y, word("date", lang))  # type: ignore[attr-defined]
    c.drawRightString(right - 30 * mm, y, word("amount", lang))  # type: ignore[attr-defined]
    if doc.kind == "statement":
        c.drawRightString(right, y, word("open_col", lang))  # type: ignore[attr-defined]
    c.setFont("Helvetica", 9)  # type: ignore[attr-defined]
    y -= 14
    for text, when_text, amount in rows:
        c.drawString(left, y, text)  # type: ignore[attr-defined]
        c.drawString(left + 80 * mm, y, when_text)  # type: ignore[attr-defined]
        c.drawRightString(right - 30 * mm, y, f"{fmt_money(amount, lang)}")  # type: ignore[attr-defined]
        if doc.kind == "statement":
            c.drawRightString(right, y, fmt_money(Decimal("0.00"), lang))  # type: ignore[attr-defined]
        y -= 13
    y -= 6
    c.setFont("Helvetica-Bold", 10)  # type: ignore[attr-defined]
    c.drawString(left + 80 * mm, y, word("balance", lang))  # type: ignore[attr-defined]
    c.drawRightString(right, y, f"{fmt_money(balance, lang)} {cur}")  # type: ignore[attr-defined]
    _footer(c, doc, mm, left)
    c.showPage()  # type: ignore[attr-defined]
    c.save()  # type: ignore[attr-defined]
    return buf.getvalue()


def scan(pdf: bytes, seed: str) -> bytes:
    """A scan of the printed page: rendered to a grey image at 200 dpi, turned a little, with some dust; no
    text layer."""
    import random

    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(seed)
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=200 / 72).to_pil().convert("L")
    image = image.rotate(
        rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255
    )
    pixels = image.load()
    width, height = image.size
    for _ in range(width * height // 4000):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.randint(0, 120)  # type: ignore[index]
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=200.0)
    return out.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for token in text.split():
        if len(line) + len(token) + 1 > width:
            out.append(line)
            line = token
        else:
            line = f"{line} {token}".strip()
    return [*out, line] if line else out


def _attach(pdf: bytes, xml: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_attachment("factur-x.xml", xml)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------------- e-invoices


def _m(value: Decimal) -> str:
    return f"{money(value):f}"


def _category(doc: Doc, rate: Decimal) -> str:
    if rate > 0:
        return "S"
    return "K" if doc.vendor.tax == "rc" else ("G" if doc.vendor.tax == "none" else "Z")


def render_ubl(doc: Doc, po_number: str | None) -> bytes:
    v = doc.vendor
    cur = doc.currency
    due = doc.issued + timedelta(days=doc.terms_days)
    lines = []
    for n, line in enumerate(doc.lines, start=1):
        rate = doc.line_rate(line)
        lines.append(f"""  <cac:InvoiceLine>
    <cbc:ID>{n}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">{line.quantity:f}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="{cur}">{_m(line.amount)}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>{escape(line.description)}</cbc:Name>
      <cac:SellersItemIdentification><cbc:ID>{line.sku}</cbc:ID></cac:SellersItemIdentification>
      <cac:ClassifiedTaxCategory><cbc:ID>{_category(doc, rate)}</cbc:ID><cbc:Percent>{rate:f}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="{cur}">{line.price:f}</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>""")
    subtotals = "".join(
        f"""
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="{cur}">{_m(base)}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="{cur}">{_m(base * rate / 100)}</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>{_category(doc, rate)}</cbc:ID><cbc:Percent>{rate:f}</cbc:Percent>{"<cbc:TaxExemptionReason>Reverse charge</cbc:TaxExemptionReason>" if rate == 0 and v.tax == "rc" else ""}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>"""
        for rate, base in sorted(doc.tax_groups().items())
    )
    order = f"\n  <cac:OrderReference><cbc:ID>{po_number}</cbc:ID></cac:OrderReference>" if po_number else ""
    buyer_vat = f"<cac:PartyTaxScheme><cbc:CompanyID>{BUYER[3]}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
    seller_vat = (
        f"<cac:PartyTaxScheme><cbc:CompanyID>{v.vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
        if v.vat
        else ""
    )
    payment = (
        f"""
  <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>{v.iban}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>"""
        if v.iban
        else ""
    )
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>{escape(doc.number)}</cbc:ID>
  <cbc:IssueDate>{doc.issued.isoformat()}</cbc:IssueDate>
  <cbc:DueDate>{due.isoformat()}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>{cur}</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>{po_number or "n/a"}</cbc:BuyerReference>{order}
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>{escape(v.name)}</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>{escape(v.street)}</cbc:StreetName><cbc:CityName>{escape(v.city)}</cbc:CityName><cbc:PostalZone>{v.zip}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>{v.country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    {seller_vat}
    <cac:PartyLegalEntity><cbc:RegistrationName>{escape(v.name)}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyName><cbc:Name>{escape(BUYER[0])}</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>{escape(BUYER[1])}</cbc:StreetName><cbc:CityName>Hamburg</cbc:CityName><cbc:PostalZone>20457</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    {buyer_vat}
    <cac:PartyLegalEntity><cbc:RegistrationName>{escape(BUYER[0])}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>{payment}
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="{cur}">{_m(doc.tax)}</cbc:TaxAmount>{subtotals}
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="{cur}">{_m(doc.net)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="{cur}">{_m(doc.net)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="{cur}">{_m(doc.total)}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="{cur}">{_m(doc.total)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
{chr(10).join(lines)}
</Invoice>
"""
    return xml.encode("utf-8")


def render_cii(doc: Doc, po_number: str | None) -> bytes:
    v = doc.vendor
    cur = doc.currency
    due = doc.issued + timedelta(days=doc.terms_days)
    items = []
    for n, line in enumerate(doc.lines, start=1):
        rate = doc.line_rate(line)
        items.append(f"""    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>{n}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:SellerAssignedID>{line.sku}</ram:SellerAssignedID><ram:Name>{escape(line.description)}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{line.price:f}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">{line.quantity:f}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>{_category(doc, rate)}</ram:CategoryCode><ram:RateApplicablePercent>{rate:f}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{_m(line.amount)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>""")
    taxes = "".join(
        f"""
      <ram:ApplicableTradeTax><ram:CalculatedAmount>{_m(base * rate / 100)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>{"<ram:ExemptionReason>Reverse charge</ram:ExemptionReason>" if rate == 0 and v.tax == "rc" else ""}<ram:BasisAmount>{_m(base)}</ram:BasisAmount><ram:CategoryCode>{_category(doc, rate)}</ram:CategoryCode><ram:RateApplicablePercent>{rate:f}</ram:RateApplicablePercent></ram:ApplicableTradeTax>"""
        for rate, base in sorted(doc.tax_groups().items())
    )
    order = (
        f"\n      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>{po_number}</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>"
        if po_number
        else ""
    )
    seller_vat = (
        f'<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{v.vat}</ram:ID></ram:SpecifiedTaxRegistration>'
        if v.vat
        else ""
    )
    payment = (
        f"""
      <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{v.iban}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>"""
        if v.iban
        else ""
    )
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>{escape(doc.number)}</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">{doc.issued:%Y%m%d}</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
{chr(10).join(items)}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>{escape(v.name)}</ram:Name><ram:PostalTradeAddress><ram:PostcodeCode>{v.zip}</ram:PostcodeCode><ram:LineOne>{escape(v.street)}</ram:LineOne><ram:CityName>{escape(v.city)}</ram:CityName><ram:CountryID>{v.country}</ram:CountryID></ram:PostalTradeAddress>{seller_vat}</ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>{escape(BUYER[0])}</ram:Name><ram:PostalTradeAddress><ram:PostcodeCode>20457</ram:PostcodeCode><ram:LineOne>{escape(BUYER[1])}</ram:LineOne><ram:CityName>Hamburg</ram:CityName><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{BUYER[3]}</ram:ID></ram:SpecifiedTaxRegistration></ram:BuyerTradeParty>{order}
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>{cur}</ram:InvoiceCurrencyCode>{payment}{taxes}
      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">{due:%Y%m%d}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
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


def render(doc: Doc, po_number: str | None) -> tuple[bytes, str]:
    """The file's bytes and its suffix."""
    if doc.fmt == "ubl":
        return render_ubl(doc, po_number), ".xml"
    if doc.fmt == "cii":
        return render_cii(doc, po_number), ".xml"
    if doc.fmt == "scan":
        return scan(render_pdf(doc, po_number), doc.number), ".pdf"
    if doc.fmt == "facturx":
        return render_pdf(doc, po_number, embed=render_cii(doc, po_number)), ".pdf"
    return render_pdf(doc, po_number), ".pdf"
