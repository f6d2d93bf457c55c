"""Item tables as report writers and HTML tables print them, each row a block of cells of several lines.

What varies, drawn per document (``_synth.factors``): where a cell's lines stand in its row (``valign``: top,
middle, bottom — the figures' line at the top, in the middle or at the bottom of a description wrapped over
2–4 lines), the row padding (``padding``: 0–6 pt; 0 sets rows as close as the lines of one cell), an item code
in a column of its own or before the description (``code``), a detail line under an item (``detail``: a
serial number, a deposit included, a discount granted), the quantity and its unit in one cell or two
(``qty_cell``), the unit price's decimals (``price_decimals``: 2–4, more than the amount's), the price before
the quantity (``order``), the currency code wrapped under each figure of a narrow cell (``currency_under``),
a tax-rate column, a table continued over a page break with its header repeated (``pages``). Nine languages
(de, fr, es, it, nl, pl, sv, en, cs), each with its labels, units, number form and item words. Printed with
ReportLab on the canvas (every string at a position the layout computes) in DejaVu Sans or Liberation Sans.

Truth: the items fed to the page (``line_items``: the whole description, without its detail line, and the line
amount printed), the parties, number, date and totals, in the projection evals/invoices reads.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from evals import _generator
from evals._generator import page_text

GENERATOR = "cellrows"
DEFAULT_SEED = 27271
FONTS = {
    "dejavu": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    "liberation": ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                   "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
}  # fmt: skip
LAYOUTS = ("grid", "plain", "ruled")
"""grid: cell borders; plain: no rules; ruled: a rule under each row."""


class FontsMissing(RuntimeError):
    """The TrueType fonts the pages are set in are not installed."""


# label words per language: title, number, date, header (pos, code, description, quantity, unit, price, rate,
# amount), totals (net, tax, total), units, detail lines, the seller's and buyer's captions
WORDS: dict[str, dict[str, Any]] = {
    "de": {"title": "Rechnung", "number": "Rechnungsnr.", "date": "Datum", "pos": "Pos.", "code": "Art.-Nr.",
           "desc": "Bezeichnung", "qty": "Menge", "unit": "Einheit", "price": "Einzelpreis", "rate": "MwSt.",
           "amount": "Betrag", "net": "Nettobetrag", "tax": "MwSt.", "total": "Gesamtbetrag",
           "units": ["Stk", "h", "m", "kg", "Pkt."], "serial": "Seriennr.", "deposit": "inkl. Pfand",
           "discount": "abzgl. Rabatt", "to": "Rechnungsempfänger", "cur": "EUR",
           "items": ["Wartung der Lüftungsanlage", "im Bürogebäude Nord", "Montage von Rauchmeldern",
                     "einschließlich Prüfprotokoll", "Lieferung von Kabelkanälen", "weiß, 2 m lang",
                     "Beratung zur Netzwerkplanung", "vor Ort beim Kunden", "Austausch der Heizungspumpe",
                     "mit Entlüftung der Anlage", "Reinigung der Fensterflächen", "innen und außen"]},
    "fr": {"title": "Facture", "number": "N° de facture", "date": "Date", "pos": "N°", "code": "Réf.",
           "desc": "Désignation", "qty": "Qté", "unit": "Unité", "price": "Prix unitaire HT", "rate": "TVA",
           "amount": "Montant HT", "net": "Total HT", "tax": "TVA", "total": "Total TTC",
           "units": ["pce", "h", "m", "kg", "forfait"], "serial": "N° de série", "deposit": "dont consigne",
           "discount": "remise déduite", "to": "Client", "cur": "EUR",
           "items": ["Entretien de la chaudière", "au gaz avec ramonage", "Pose de carrelage",
                     "dans la salle de bains", "Fourniture de peinture", "acrylique blanche mate",
                     "Installation du réseau", "informatique du bureau", "Nettoyage des vitres",
                     "des locaux commerciaux", "Révision annuelle", "des extincteurs du bâtiment"]},
    "es": {"title": "Factura", "number": "Nº factura", "date": "Fecha", "pos": "Nº", "code": "Código",
           "desc": "Descripción", "qty": "Cantidad", "unit": "Unidad", "price": "Precio unitario", "rate": "IVA",
           "amount": "Importe", "net": "Base imponible", "tax": "IVA", "total": "Total factura",
           "units": ["ud.", "h", "m", "kg", "caja"], "serial": "Nº de serie", "deposit": "incl. fianza",
           "discount": "descuento aplicado", "to": "Cliente", "cur": "EUR",
           "items": ["Mantenimiento del aire", "acondicionado de la oficina", "Suministro de tuberías",
                     "de cobre de 22 mm", "Instalación eléctrica", "en la nave industrial",
                     "Limpieza de fachada", "con agua a presión", "Revisión de extintores",
                     "y bocas de incendio", "Diseño de folletos", "a cuatro colores"]},
    "it": {"title": "Fattura", "number": "Fattura n.", "date": "Data", "pos": "Pos.", "code": "Codice",
           "desc": "Descrizione", "qty": "Quantità", "unit": "U.M.", "price": "Prezzo unitario", "rate": "IVA",
           "amount": "Importo", "net": "Imponibile", "tax": "IVA", "total": "Totale documento",
           "units": ["pz", "h", "m", "kg", "conf."], "serial": "Matricola", "deposit": "incl. cauzione",
           "discount": "sconto applicato", "to": "Spett.le", "cur": "EUR",
           "items": ["Manutenzione caldaia", "a condensazione con analisi fumi", "Fornitura di piastrelle",
                     "in gres porcellanato", "Consulenza fiscale", "per la dichiarazione annuale",
                     "Pulizia degli uffici", "al secondo piano", "Sostituzione della pompa",
                     "di calore esterna", "Stampa di volantini", "formato A5 a colori"]},
    "nl": {"title": "Factuur", "number": "Factuurnummer", "date": "Datum", "pos": "Nr.", "code": "Art.nr.",
           "desc": "Omschrijving", "qty": "Aantal", "unit": "Eenheid", "price": "Prijs per stuk", "rate": "Btw",
           "amount": "Bedrag", "net": "Subtotaal excl. btw", "tax": "Btw", "total": "Totaal incl. btw",
           "units": ["st", "uur", "m", "kg", "doos"], "serial": "Serienr.", "deposit": "incl. statiegeld",
           "discount": "korting verrekend", "to": "Factuuradres", "cur": "EUR",
           "items": ["Onderhoud van de cv-ketel", "inclusief vervangen filter", "Levering van tegels",
                     "voor de badkamer beneden", "Schilderwerk van kozijnen", "aan de voorgevel",
                     "Advies over de inrichting", "van het magazijn", "Glasbewassing van het pand",
                     "binnen en buiten", "Installatie van zonnepanelen", "op het platte dak"]},
    "pl": {"title": "Faktura VAT", "number": "Numer faktury", "date": "Data wystawienia", "pos": "Lp.",
           "code": "Indeks", "desc": "Nazwa towaru lub usługi", "qty": "Ilość", "unit": "J.m.", "price": "Cena netto",
           "rate": "VAT", "amount": "Wartość netto", "net": "Razem netto", "tax": "Kwota VAT", "total": "Razem brutto",
           "units": ["szt.", "godz.", "m", "kg", "kpl."], "serial": "Nr seryjny", "deposit": "w tym kaucja",
           "discount": "rabat uwzględniony", "to": "Nabywca", "cur": "PLN",
           "items": ["Przegląd instalacji gazowej", "w budynku biurowym", "Dostawa paneli podłogowych",
                     "dąb naturalny klasa 32", "Usługa sprzątania", "powierzchni magazynowej",
                     "Montaż drzwi wewnętrznych", "wraz z ościeżnicą", "Projekt graficzny ulotki",
                     "w dwóch wersjach", "Serwis klimatyzacji", "z odgrzybianiem"]},
    "sv": {"title": "Faktura", "number": "Fakturanummer", "date": "Fakturadatum", "pos": "Rad",
           "code": "Artikelnr", "desc": "Benämning", "qty": "Antal", "unit": "Enhet", "price": "À-pris",
           "rate": "Moms", "amount": "Belopp", "net": "Summa exkl. moms", "tax": "Moms", "total": "Att betala",
           "units": ["st", "tim", "m", "kg", "förp."], "serial": "Serienr", "deposit": "inkl. pant",
           "discount": "rabatt avdragen", "to": "Kund", "cur": "SEK",
           "items": ["Service av värmepump", "med byte av filter", "Leverans av golvplattor",
                     "i grå natursten", "Målning av fönsterkarmar", "på husets framsida",
                     "Konsultation om bokföring", "för räkenskapsåret", "Fönsterputs av kontoret",
                     "in- och utvändigt", "Installation av laddbox", "i kundens garage"]},
    "en": {"title": "Invoice", "number": "Invoice No.", "date": "Date", "pos": "#", "code": "Item code",
           "desc": "Description", "qty": "Qty", "unit": "Unit", "price": "Unit price", "rate": "VAT",
           "amount": "Amount", "net": "Subtotal", "tax": "VAT", "total": "Total", "cur": "GBP",
           "units": ["pcs", "hrs", "m", "kg", "box"], "serial": "Serial no.", "deposit": "incl. deposit",
           "discount": "less discount", "to": "Bill to",
           "items": ["Annual boiler service", "including flue gas analysis", "Supply of floor tiles",
                     "grey porcelain 60 x 60", "Bookkeeping services", "for the second quarter",
                     "Window cleaning at the", "head office building", "Replacement of the pump",
                     "on the heating circuit", "Design of a leaflet", "printed in full colour"]},
    "cs": {"title": "Faktura", "number": "Číslo faktury", "date": "Datum vystavení", "pos": "Č.",
           "code": "Kód", "desc": "Označení dodávky", "qty": "Množství", "unit": "MJ", "price": "Cena za MJ",
           "rate": "DPH", "amount": "Celkem bez DPH", "net": "Základ daně", "tax": "DPH", "total": "Celkem k úhradě",
           "units": ["ks", "hod", "m", "kg", "bal."], "serial": "Výrobní číslo", "deposit": "vč. zálohy na obal",
           "discount": "po odečtení slevy", "to": "Odběratel", "cur": "CZK",
           "items": ["Servis plynového kotle", "včetně měření spalin", "Dodávka dlažby",
                     "do koupelny v přízemí", "Malování kanceláří", "ve druhém patře",
                     "Vedení účetnictví", "za první čtvrtletí", "Montáž vnitřních dveří",
                     "včetně zárubní", "Tisk letáků", "formát A5 barevně"]},
}  # fmt: skip
SELLERS = {
    "de": ("Haustechnik Brandt GmbH", "Lindenweg 7", "04109 Leipzig"),
    "fr": ("Atelier Rousseau SARL", "12 rue des Tanneurs", "69002 Lyon"),
    "es": ("Instalaciones Ortega S.L.", "Calle Mayor 18", "28013 Madrid"),
    "it": ("Termoidraulica Bianchi S.r.l.", "Via Garibaldi 40", "10122 Torino"),
    "nl": ("Bouwbedrijf De Vries B.V.", "Kerkstraat 21", "3511 LX Utrecht"),
    "pl": ("Instal-Serwis Kowalski Sp. z o.o.", "ul. Długa 15", "80-827 Gdańsk"),
    "sv": ("Lindqvist Bygg AB", "Storgatan 9", "411 38 Göteborg"),
    "en": ("Hartley Facilities Ltd", "14 Mill Lane", "Leeds LS1 4AB"),
    "cs": ("Topenářství Dvořák s.r.o.", "Husova 22", "602 00 Brno"),
}
BUYERS = {
    "de": ("Kanzlei Weber & Partner", "Marktplatz 3", "01067 Dresden"),
    "fr": ("Boulangerie Martin", "5 place Bellecour", "69002 Lyon"),
    "es": ("Clínica Dental Ruiz", "Avenida de América 4", "28028 Madrid"),
    "it": ("Studio Legale Conti", "Corso Vittorio 12", "10121 Torino"),
    "nl": ("Huisartsenpraktijk Jansen", "Stationsweg 8", "3862 CG Nijkerk"),
    "pl": ("Hotel Bałtyk S.A.", "ul. Morska 2", "81-323 Gdynia"),
    "sv": ("Tandläkarna Berg AB", "Kungsgatan 30", "111 35 Stockholm"),
    "en": ("Greenfield Surgery", "3 Church Road", "York YO1 7HH"),
    "cs": ("Pekárna Novák s.r.o.", "Náměstí 5", "370 01 České Budějovice"),
}
RATES = {"de": (19, 7), "fr": (20, 10), "es": (21, 10), "it": (22, 10), "nl": (21, 9), "pl": (23, 8),
         "sv": (25, 12), "en": (20, 5), "cs": (21, 12)}  # fmt: skip
CENT = Decimal("0.01")


def money(value: Decimal, lang: str, places: int = 2) -> str:
    """``value`` in the language's number form: 1.234,56 / 1 234,56 / 1,234.56."""
    text = f"{value:,.{places}f}"
    if lang == "en":
        return text
    group = {"de": ".", "es": ".", "it": ".", "nl": "."}.get(lang, "\u00a0")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", group)


@dataclass
class Item:
    code: str
    name: str
    detail: str | None
    quantity: Decimal
    unit: str
    price: Decimal
    rate: int
    amount: Decimal


@dataclass
class Doc:
    lang: str
    layout: str
    number: str
    issued: date
    items: list[Item]
    factors: dict[str, str] = field(default_factory=dict)


def draw(lang: str, layout: str, rng: random.Random) -> Doc:
    w = WORDS[lang]
    factors = {
        "valign": rng.choice(["top", "middle", "bottom"]),
        "padding": rng.choice(["0", "2", "4", "6"]),
        "code": rng.choice(["none", "column", "prefix"]),
        "detail": rng.choice(["none", "serial", "deposit", "discount"]),
        "qty_cell": rng.choice(["split", "joined"]),
        "price_decimals": rng.choice(["2", "3", "4"]),
        "order": rng.choice(["qty_price", "price_qty"]),
        "currency_under": rng.choice(["no", "no", "yes"]),
        "rate_column": rng.choice(["yes", "no"]),
        "pages": rng.choice(["1", "1", "2"]),
        "desc_width": rng.choice(["90", "110", "140"]),
    }
    count = rng.randint(24, 34) if factors["pages"] == "2" else rng.randint(2, 7)
    places = int(factors["price_decimals"])
    items = []
    for n in range(count):
        parts = rng.sample(range(len(w["items"]) // 2), 1)[0]
        name = w["items"][2 * parts]
        if rng.random() < 0.75:
            name += " " + w["items"][2 * parts + 1]
        if rng.random() < 0.3:
            name += f" ({rng.choice(['A', 'B', 'C'])}{rng.randint(1, 9)})"
        whole = rng.random() < 0.6
        quantity = Decimal(rng.randint(1, 40)) if whole else Decimal(rng.randint(5, 95)) / 10
        price = (Decimal(rng.randint(50, 90000)) / Decimal(10**places)) * (10 if places > 2 else 1)
        price = price.quantize(Decimal(1).scaleb(-places))
        amount = (quantity * price).quantize(CENT, ROUND_HALF_UP)
        detail = None
        if factors["detail"] == "serial" and rng.random() < 0.7:
            detail = f"{w['serial']} {rng.choice('KLMX')}{rng.randint(10000, 99999)}-{rng.randint(10, 99)}"
        elif factors["detail"] == "deposit" and rng.random() < 0.5:
            detail = f"{w['deposit']} {money(Decimal(rng.randint(10, 300)) / 100, lang)} {w['cur']}"
        elif factors["detail"] == "discount" and rng.random() < 0.5:
            detail = f"{w['discount']} {rng.choice([3, 5, 10])} %"
        code = f"{rng.choice(['A', 'K', 'T', 'W'])}{rng.randint(100, 999)}-{rng.randint(10, 99)}"
        items.append(Item(code, name, detail, quantity, rng.choice(w["units"]), price,
                          rng.choice(RATES[lang][:1] * 3 + RATES[lang][1:]), amount))  # fmt: skip
        del n
    number = f"{rng.choice(['R', 'F', 'INV-', ''])}{rng.randint(2025, 2026)}-{rng.randint(100, 9999)}"
    issued = date(2026, 1, 1) + timedelta(days=rng.randint(0, 330))
    return Doc(lang, layout, number, issued, items, factors)


def _qty(value: Decimal, lang: str) -> str:
    return money(value, lang, 0 if value == value.to_integral_value() else 1)


def render(d: Doc, font: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    regular, bold = f"{font}-r", f"{font}-b"
    if regular not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(regular, FONTS[font][0]))
        pdfmetrics.registerFont(TTFont(bold, FONTS[font][1]))
    w, f = WORDS[d.lang], d.factors
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    size = 8.5
    lead = size * 1.22
    pad = float(f["padding"])
    seller, buyer = SELLERS[d.lang], BUYERS[d.lang]

    def letterhead() -> float:
        c.setFont(bold, 13)
        c.drawString(40, height - 50, seller[0])
        c.setFont(regular, 9)
        c.drawString(40, height - 64, f"{seller[1]} · {seller[2]}")
        c.setFont(regular, 9)
        c.drawString(40, height - 110, w["to"] + ":")
        for n, text in enumerate(buyer):
            c.drawString(40, height - 123 - 12 * n, text)
        c.setFont(bold, 15)
        c.drawString(360, height - 110, w["title"])
        c.setFont(regular, 9)
        c.drawString(360, height - 128, f"{w['number']}: {d.number}")
        c.drawString(360, height - 141, f"{w['date']}: {d.issued:%d.%m.%Y}")
        return height - 200

    # columns: (key, label, width, align)
    cols: list[tuple[str, str, float, str]] = [("pos", w["pos"], 24, "l")]
    if f["code"] == "column":
        cols.append(("code", w["code"], 52, "l"))
    cols.append(("desc", w["desc"], float(f["desc_width"]), "l"))
    qty_cols = (
        [("qty", w["qty"], 44, "r"), ("unit", w["unit"], 36, "l")]
        if f["qty_cell"] == "split"
        else [("qty", w["qty"], 56, "r")]
    )
    price_col = [("price", w["price"], 72, "r")]
    cols += qty_cols + price_col if f["order"] == "qty_price" else price_col + qty_cols
    if f["rate_column"] == "yes":
        cols.append(("rate", w["rate"], 36, "r"))
    cols.append(("amount", w["amount"], 76, "r"))
    spare = (width - 80 - sum(col[2] for col in cols)) / len(cols)
    spare = max(0.0, min(spare, 18.0))
    xs = []
    x = 40.0
    for col in cols:
        xs.append(x)
        x += col[2] + spare
    right = x - spare

    def cell_lines(item: Item, key: str, wide: float) -> list[str]:
        cur = w["cur"]
        if key == "pos":
            return [str(d.items.index(item) + 1)]
        if key == "code":
            return [item.code]
        if key == "desc":
            name = f"{item.code} {item.name}" if f["code"] == "prefix" else item.name
            out = simpleSplit(name, regular, size, wide)
            if item.detail:
                out += simpleSplit(item.detail, regular, size, wide)
            return out
        if key == "qty":
            return [_qty(item.quantity, d.lang) + ("" if f["qty_cell"] == "split" else f" {item.unit}")]
        if key == "unit":
            return [item.unit]
        if key == "price":
            text = money(item.price, d.lang, int(f["price_decimals"]))
            return [text, cur] if f["currency_under"] == "yes" else [text]
        if key == "rate":
            return [f"{item.rate} %"]
        text = money(item.amount, d.lang)
        return [text, cur] if f["currency_under"] == "yes" else [text]

    def header(top: float) -> float:
        c.setFont(bold, size)
        rows = [simpleSplit(col[1], bold, size, col[2] + spare - 2) for col in cols]
        tall = max(len(r) for r in rows) * lead + 2 * max(pad, 2)
        for (key, _, wide, align), x0, texts in zip(cols, xs, rows, strict=True):
            for n, text in enumerate(texts):
                y = top - max(pad, 2) - size - n * lead
                if align == "r":
                    c.drawRightString(x0 + wide, y, text)
                else:
                    c.drawString(x0, y, text)
            del key
        c.setLineWidth(0.8)
        c.line(40, top - tall, right, top - tall)
        return top - tall

    y = header(letterhead())
    page = 1
    for item in d.items:
        cells = [cell_lines(item, col[0], col[2]) for col in cols]
        tall = max(len(t) for t in cells) * lead + 2 * pad + 2
        if y - tall < 90:
            c.setFont(regular, 7)
            c.drawRightString(right, 40, f"{page}/…")
            c.showPage()
            page += 1
            y = header(height - 60)
        c.setFont(regular, size)
        for (key, _, wide, align), x0, texts in zip(cols, xs, cells, strict=True):
            block = len(texts) * lead
            if f["valign"] == "top":
                first = y - pad - 1
            elif f["valign"] == "bottom":
                first = y - tall + pad + 1 + block
            else:
                first = y - (tall - block) / 2
            for n, text in enumerate(texts):
                base = first - size - n * lead + 1.5
                if align == "r":
                    c.drawRightString(x0 + wide, base, text)
                else:
                    c.drawString(x0, base, text)
            del key
        y -= tall
        if d.layout != "plain":
            c.setLineWidth(0.3)
            c.line(40, y, right, y)
        if d.layout == "grid":
            for x0 in xs[1:]:
                c.line(x0 - spare / 2, y, x0 - spare / 2, y + tall)
    net = sum((i.amount for i in d.items), Decimal(0))
    tax = tax_of(d)
    if y < 140:
        c.showPage()
        y = height - 80
    c.setFont(regular, 9)
    for n, (label, value) in enumerate([(w["net"], net), (w["tax"], tax), (w["total"], net + tax)]):
        if n == 2:
            c.setFont(bold, 9)
        c.drawString(right - 200, y - 20 - 14 * n, label)
        c.drawRightString(right, y - 20 - 14 * n, f"{money(value, d.lang)} {w['cur']}")
    c.showPage()
    c.save()
    return buffer.getvalue()


def tax_of(d: Doc) -> Decimal:
    by_rate: dict[int, Decimal] = {}
    for item in d.items:
        by_rate[item.rate] = by_rate.get(item.rate, Decimal(0)) + item.amount
    return sum(
        ((base * rate / 100).quantize(CENT, ROUND_HALF_UP) for rate, base in by_rate.items()), Decimal(0)
    )


def truth(d: Doc) -> dict[str, Any]:
    net = sum((i.amount for i in d.items), Decimal(0))
    tax = tax_of(d)
    seller, buyer = SELLERS[d.lang], BUYERS[d.lang]
    return {
        "invoice_number": d.number,
        "invoice_date": d.issued.isoformat(),
        "document_type": "invoice",
        "currency": WORDS[d.lang]["cur"],
        "seller_name": seller[0],
        "buyer_name": buyer[0],
        "tax_basis_total": str(net),
        "tax_total": str(tax),
        "grand_total": str(net + tax),
        "due_payable": str(net + tax),
        "line_items": [_line(i) for i in d.items],
    }


def _line(i: Item) -> dict[str, Any]:
    return {"name": i.name, "quantity": str(i.quantity), "unit": i.unit, "unit_price": str(i.price),
            "line_total": str(i.amount), "sku": i.code, "detail": i.detail}  # fmt: skip


def write_dataset(
    out: Path, count: int, seed: int = DEFAULT_SEED, *, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Write ``count`` documents and ``manifest.jsonl`` into ``out``; returns the manifest rows."""
    missing = [path for pair in FONTS.values() for path in pair if not Path(path).is_file()]
    if missing:
        raise FontsMissing(
            f"fonts not installed: {', '.join(missing)} (apt-get install fonts-dejavu fonts-liberation)"
        )
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for index, (layout, lang) in enumerate(_generator.plan(GENERATOR, count, seed, LAYOUTS, sorted(WORDS))):
        rng = random.Random(f"{GENERATOR}:{seed}:{index}")
        d = draw(lang, layout, rng)
        font = rng.choice(sorted(FONTS))
        pdf = render(d, font)
        item = f"c{seed}-{index:04d}-{lang}-{layout}"
        (out / f"{item}.pdf").write_bytes(pdf)
        record = truth(d)
        record["_synth"] = {"generator": GENERATOR, "seed": seed, "index": index, "locale": lang, "layout": layout,
                            "format": "pdf", "font": font, "factors": dict(d.factors)}  # fmt: skip
        _generator.write_truth(out, item, record)
        text = _squeezed(page_text(pdf))
        unprinted = [
            f"line_items[{n}]" for n, i in enumerate(d.items) if _squeezed(money(i.amount, lang)) not in text
        ]
        rows.append(_generator.manifest_row(item, locale=lang, layout=layout, kind="typed", factors=d.factors,
                                            missing=unprinted, implied=[]))  # fmt: skip
        if progress:
            progress(index + 1)
    _generator.write_manifest(out, rows)
    return rows


def _squeezed(text: str) -> str:
    return "".join(text.split())
