"""Write a set of evals/imgseller documents: text-layer invoices whose seller block is a picture.

    python -m evals.imgseller --out DIR --count N [--seed 2741]

Each document: ``<id>.pdf``, ``<id>.json`` (the truth projection evals/invoices reads) and a row of
``manifest.jsonl`` (layout, language, factors; ``in_image``: the truths printed only inside the picture)."""

from __future__ import annotations

import argparse
import io
import itertools
import json
import random
import string
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

DEFAULT_SEED = 2741
LAYOUTS = ("letterhead", "footer", "side", "logo_footer", "text_seller")
FONTS = {
    "dejavu": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    "liberation": (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    "serif": ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
}  # fmt: skip

# language -> (country, currency, VAT rate, legal forms, words)
LANGS: dict[str, dict[str, Any]] = {
    "en": {
        "country": "GB", "currency": "GBP", "rate": "20", "forms": ("Ltd", "Limited"),
        "streets": ("High Street", "Mill Lane", "Station Road", "Church Street"),
        "towns": (("LS1 4DT", "Leeds"), ("M2 5BQ", "Manchester"), ("BS1 6QA", "Bristol")),
        "title": "INVOICE", "number": "Invoice no.", "date": "Invoice date", "due": "Due date",
        "to": "Bill to", "desc": "Description", "qty": "Qty", "price": "Unit price", "amount": "Amount",
        "subtotal": "Subtotal", "vat": "VAT", "total": "Total due", "vat_id": "VAT Reg. No.", "tel": "Tel.",
        "bank": "Bank", "items": ("Consulting hours", "Maintenance visit", "Replacement filter", "Delivery"),
    },
    "de": {
        "country": "DE", "currency": "EUR", "rate": "19", "forms": ("GmbH", "GmbH & Co. KG", "AG"),
        "streets": ("Hauptstraße", "Bahnhofstraße", "Lindenweg", "Gartenstraße"),
        "towns": (("50667", "Köln"), ("80331", "München"), ("04109", "Leipzig")),
        "title": "RECHNUNG", "number": "Rechnungsnummer", "date": "Rechnungsdatum", "due": "Fällig am",
        "to": "Rechnungsempfänger", "desc": "Bezeichnung", "qty": "Menge", "price": "Einzelpreis",
        "amount": "Betrag", "subtotal": "Nettobetrag", "vat": "MwSt.", "total": "Gesamtbetrag",
        "vat_id": "USt-IdNr.", "tel": "Tel.", "bank": "Bank",
        "items": ("Wartungsarbeiten", "Ersatzteil Pumpe", "Anfahrtspauschale", "Montage"),
    },
    "fr": {
        "country": "FR", "currency": "EUR", "rate": "20", "forms": ("SARL", "SAS"),
        "streets": ("rue de la Paix", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta"),
        "towns": (("69002", "Lyon"), ("33000", "Bordeaux"), ("44000", "Nantes")),
        "title": "FACTURE", "number": "Facture n°", "date": "Date de facture", "due": "Échéance",
        "to": "Facturé à", "desc": "Désignation", "qty": "Qté", "price": "Prix unitaire HT",
        "amount": "Montant HT", "subtotal": "Total HT", "vat": "TVA", "total": "Total TTC",
        "vat_id": "N° TVA intracom.", "tel": "Tél.", "bank": "Banque",
        "items": ("Prestation de conseil", "Entretien annuel", "Pièce de rechange", "Frais de port"),
    },
    "nl": {
        "country": "NL", "currency": "EUR", "rate": "21", "forms": ("B.V.",),
        "streets": ("Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg"),
        "towns": (("3511 AB", "Utrecht"), ("9711 LM", "Groningen"), ("5611 AZ", "Eindhoven")),
        "title": "FACTUUR", "number": "Factuurnummer", "date": "Factuurdatum", "due": "Vervaldatum",
        "to": "Factuuradres", "desc": "Omschrijving", "qty": "Aantal", "price": "Prijs", "amount": "Bedrag",
        "subtotal": "Subtotaal", "vat": "BTW", "total": "Totaal", "vat_id": "BTW-nr.", "tel": "Tel.",
        "bank": "Bank", "items": ("Advieswerkzaamheden", "Onderhoudsbeurt", "Filterset", "Verzendkosten"),
    },
    "es": {
        "country": "ES", "currency": "EUR", "rate": "21", "forms": ("S.L.", "S.A."),
        "streets": ("Calle Mayor", "Avenida de la Constitución", "Calle del Sol", "Paseo del Prado"),
        "towns": (("28013", "Madrid"), ("46002", "Valencia"), ("41001", "Sevilla")),
        "title": "FACTURA", "number": "Nº de factura", "date": "Fecha", "due": "Vencimiento",
        "to": "Cliente", "desc": "Concepto", "qty": "Cant.", "price": "Precio", "amount": "Importe",
        "subtotal": "Base imponible", "vat": "IVA", "total": "Total factura", "vat_id": "NIF",
        "tel": "Tel.", "bank": "Banco",
        "items": ("Servicio de consultoría", "Mantenimiento", "Recambio de filtro", "Transporte"),
    },
    "it": {
        "country": "IT", "currency": "EUR", "rate": "22", "forms": ("S.r.l.", "S.p.A."),
        "streets": ("Via Roma", "Via Garibaldi", "Corso Italia", "Via Dante"),
        "towns": (("20121", "Milano"), ("10121", "Torino"), ("40121", "Bologna")),
        "title": "FATTURA", "number": "Fattura n.", "date": "Data", "due": "Scadenza",
        "to": "Destinatario", "desc": "Descrizione", "qty": "Q.tà", "price": "Prezzo unitario",
        "amount": "Importo", "subtotal": "Imponibile", "vat": "IVA", "total": "Totale documento",
        "vat_id": "P.IVA", "tel": "Tel.", "bank": "Banca",
        "items": ("Consulenza tecnica", "Manutenzione ordinaria", "Ricambio filtro", "Spese di trasporto"),
    },
}  # fmt: skip
FIRST = ("Nordlicht", "Alpen", "Brightwater", "Sole", "Van Dijk", "Marin", "Castello", "Lumen", "Falk",
         "Orion", "Bellavista", "Riviera", "Harbour", "Kestrel", "Tulp", "Atlas")  # fmt: skip
SECOND = ("Technik", "Systems", "Services", "Logistica", "Solutions", "Handel", "Industrie", "Trading",
          "Installaties", "Distribución", "Impianti", "Supplies")  # fmt: skip
BUYERS = ("Greenfield Foods", "Müller & Sohn", "Atelier Blanc", "Bakkerij de Vries", "Hotel Miramar",
          "Studio Verdi")  # fmt: skip
CENT = Decimal("0.01")


def _money(value: Decimal, lang: str) -> str:
    text = f"{value:,.2f}"
    if lang in ("en",):
        return text
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _date(value: date, lang: str) -> str:
    return (
        value.strftime("%d/%m/%Y")
        if lang in ("en", "fr", "es", "it")
        else value.strftime("%d.%m.%Y" if lang == "de" else "%d-%m-%Y")
    )


def _vat_id(country: str, rng: random.Random) -> str:
    from stdnum import get_cc_module

    module = get_cc_module(country.lower(), "vat")
    for _ in range(10_000):
        if country == "ES":
            body = rng.choice("ABC") + "".join(rng.choices(string.digits, k=8))
        elif country == "NL":
            body = "".join(rng.choices(string.digits, k=9)) + "B01"
        elif country in ("FR", "IT"):
            body = "".join(rng.choices(string.digits, k=11))
        else:
            body = "".join(rng.choices(string.digits, k=9))
        candidate = country + body
        if module.is_valid(candidate):
            return candidate
    raise RuntimeError(f"no valid VAT id drawn for {country}")


IBAN_BODY = {"GB": "4a14n", "DE": "18n", "FR": "23n", "NL": "4a10n", "ES": "20n", "IT": "1a10n12n"}


def _iban(country: str, rng: random.Random) -> str:
    from stdnum import iban

    for _ in range(10_000):
        body = ""
        spec = IBAN_BODY[country]
        for count, kind in ((int(part[:-1]), part[-1]) for part in _spec_parts(spec)):
            body += "".join(rng.choices(string.ascii_uppercase if kind == "a" else string.digits, k=count))
        digits = "".join(str(int(c, 36)) for c in body + country + "00")
        candidate = f"{country}{98 - int(digits) % 97:02d}{body}"
        if iban.is_valid(candidate):
            return candidate
    raise RuntimeError(f"no valid IBAN drawn for {country}")


def _spec_parts(spec: str) -> list[str]:
    parts, current = [], ""
    for char in spec:
        current += char
        if char.isalpha():
            parts.append(current)
            current = ""
    return parts


@dataclass
class Doc:
    lang: str
    layout: str
    seller: dict[str, Any]
    buyer: dict[str, Any]
    number: str
    issued: date
    due: date
    lines: list[dict[str, Any]]
    factors: dict[str, Any] = field(default_factory=dict)


def draw(index: int, seed: int, layout: str, lang: str) -> Doc:
    rng = random.Random(f"imgseller:{seed}:{index}")
    words = LANGS[lang]
    country = words["country"]
    postcode, city = rng.choice(words["towns"])
    name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {rng.choice(words['forms'])}"
    seller = {
        "name": name,
        "street": f"{rng.choice(words['streets'])} {rng.randint(2, 180)}",
        "postcode": postcode,
        "city": city,
        "country": country,
        "vat_id": _vat_id(country, rng),
        "iban": _iban(country, rng),
        "phone": f"+{rng.randint(30, 49)} {rng.randint(10, 99)} {rng.randint(100000, 999999)}",
    }
    bpost, bcity = rng.choice([t for t in words["towns"] if t[1] != city])
    buyer = {
        "name": rng.choice(BUYERS),
        "street": f"{rng.choice(words['streets'])} {rng.randint(2, 180)}",
        "postcode": bpost,
        "city": bcity,
        "country": country,
    }
    issued = date(2026, 1, 5) + timedelta(days=rng.randint(0, 300))
    lines = []
    for item in rng.sample(words["items"], rng.randint(1, 3)):
        quantity = Decimal(rng.randint(1, 6))
        price = Decimal(rng.randint(1500, 48000)) / 100
        lines.append(
            {"name": item, "quantity": quantity, "price": price, "total": (quantity * price).quantize(CENT)}
        )
    factors = {
        "dpi": rng.choice((150, 200, 300)),
        "font": rng.choice(sorted(FONTS)),
        "background": rng.choice(("white", "grey", "band")),
        "vat_shown": layout != "letterhead" or rng.random() < 0.6,
    }
    return Doc(lang, layout, seller, buyer, f"{rng.randint(2025, 2026)}-{rng.randint(100, 9999):04d}", issued,
               issued + timedelta(days=rng.choice((14, 30))), lines, factors)  # fmt: skip


def _picture(
    rows: list[list[tuple[str, bool, float]]], width_pt: float, doc: Doc, band: bool
) -> tuple[Any, float]:
    """Columns of (text, bold, size in pt) lines drawn with Pillow at the document's dpi: (image, height in pt)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = doc.factors["dpi"] / 72.0
    regular, bold = FONTS[doc.factors["font"]]
    gap = 4.0
    height_pt = max(sum(size * 1.35 for _, _, size in column) for column in rows) + 2 * gap
    background = {"white": (255, 255, 255), "grey": (236, 236, 236), "band": (214, 228, 242)}[
        doc.factors["background"] if band else "white"
    ]
    image = Image.new("RGB", (round(width_pt * scale), round(height_pt * scale)), background)
    pen = ImageDraw.Draw(image)
    column_width = width_pt / len(rows)
    for c, column in enumerate(rows):
        y = gap
        for text, heavy, size in column:
            font = ImageFont.truetype(bold if heavy else regular, round(size * scale))
            pen.text(((c * column_width + gap) * scale, y * scale), text, fill=(25, 25, 40), font=font)
            y += size * 1.35
    return image, height_pt


def render(doc: Doc) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    words = LANGS[doc.lang]
    s = doc.seller
    width, height = A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle("")
    town = f"{s['postcode']} {s['city']}"
    vat_line = f"{words['vat_id']} {s['vat_id']}"
    iban_line = f"IBAN {s['iban']}"

    forms = itertools.count()

    def place(image: Any, x: float, top: float, w: float, h: float) -> None:
        if not doc.factors.get("stationery"):
            canvas.drawImage(ImageReader(image), x, height - top - h, w, h)
            return
        # stationery: the picture drawn once, at half its size, inside a form XObject that the page places
        # scaled up and moved (its bounds inside the form are in the form's space, not the page's)
        name = f"stationery{next(forms)}"
        canvas.beginForm(name)
        canvas.drawImage(ImageReader(image), 0, 0, w / 2, h / 2)
        canvas.endForm()
        canvas.saveState()
        canvas.translate(x, height - top - h)
        canvas.scale(2, 2)
        canvas.doForm(name)
        canvas.restoreState()

    layout = doc.layout
    body_top = 190.0
    if layout == "letterhead":
        lines = [(s["name"], True, 16.0), (f"{s['street']} · {town}", False, 9.0)]
        if doc.factors["vat_shown"]:
            lines.append((vat_line, False, 9.0))
        image, h = _picture([lines], 300, doc, True)
        place(image, 40, 36, 300, h)
    elif layout == "side":
        lines = [
            (s["name"], True, 11.0),
            (s["street"], False, 9.0),
            (town, False, 9.0),
            (vat_line, False, 9.0),
            (iban_line, False, 9.0),
        ]
        image, h = _picture([lines], 210, doc, True)
        place(image, width - 250, 40, 210, h)
    elif layout in ("footer", "logo_footer"):
        columns = [
            [(s["name"], True, 8.5), (s["street"], False, 8.0), (town, False, 8.0)],
            [(f"{words['tel']} {s['phone']}", False, 8.0), (f"info@{s['name'].split()[0].lower()}.example", False, 8.0)],
            [(vat_line, False, 8.0), (iban_line, False, 8.0)],
        ]  # fmt: skip
        image, h = _picture(columns, width - 80, doc, True)
        place(image, 40, height - 40 - h, width - 80, h)
        if layout == "logo_footer":
            logo, lh = _picture([[(s["name"], True, 18.0)]], 280, doc, False)
            place(logo, 40, 36, 280, lh)
    else:  # text_seller: a logo with the name, and the seller's block as text
        logo, lh = _picture([[(s["name"].rsplit(" ", 1)[0], True, 20.0)]], 260, doc, False)
        place(logo, 40, 30, 260, lh)
        canvas.setFont("Helvetica-Bold", 10)
        canvas.drawString(width - 240, height - 50, s["name"])
        canvas.setFont("Helvetica", 9)
        for k, text in enumerate((s["street"], town, vat_line, iban_line)):
            canvas.drawString(width - 240, height - 63 - 12 * k, text)

    def text(
        x: float, top: float, value: str, size: float = 9.5, bold: bool = False, right: bool = False
    ) -> None:
        canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        (canvas.drawRightString if right else canvas.drawString)(x, height - top, value)

    b = doc.buyer
    text(60, body_top - 40, words["to"], 8.5, True)
    for k, value in enumerate((b["name"], b["street"], f"{b['postcode']} {b['city']}")):
        text(60, body_top - 26 + 12 * k, value)
    text(40, body_top + 40, words["title"], 16, True)
    for k, (label, value) in enumerate(
        (
            (words["number"], doc.number),
            (words["date"], _date(doc.issued, doc.lang)),
            (words["due"], _date(doc.due, doc.lang)),
        )
    ):
        text(330, body_top + 20 + 14 * k, label, 9.5, True)
        text(450, body_top + 20 + 14 * k, value)
    top = body_top + 90
    for x, label, right in (
        (40, words["desc"], False),
        (330, words["qty"], True),
        (430, words["price"], True),
        (540, words["amount"], True),
    ):
        text(x, top, label, 9, True, right)
    canvas.line(40, height - top - 4, 545, height - top - 4)
    subtotal = sum((line["total"] for line in doc.lines), Decimal(0))
    for k, line in enumerate(doc.lines):
        y = top + 18 + 15 * k
        text(40, y, line["name"])
        text(330, y, str(line["quantity"]), right=True)
        text(430, y, _money(line["price"], doc.lang), right=True)
        text(540, y, _money(line["total"], doc.lang), right=True)
    rate = Decimal(words["rate"])
    tax = (subtotal * rate / 100).quantize(CENT, ROUND_HALF_UP)
    y = top + 30 + 15 * len(doc.lines)
    for k, (label, value, bold) in enumerate(
        (
            (words["subtotal"], subtotal, False),
            (f"{words['vat']} {words['rate']} %", tax, False),
            (f"{words['total']} {doc_currency(doc)}", subtotal + tax, True),
        )
    ):
        text(430, y + 15 * k, label, 9.5, bold, True)
        text(540, y + 15 * k, _money(value, doc.lang), 9.5, bold, True)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def doc_currency(doc: Doc) -> str:
    return str(LANGS[doc.lang]["currency"])


def truth(doc: Doc, item: str) -> dict[str, Any]:
    words = LANGS[doc.lang]
    subtotal = sum((line["total"] for line in doc.lines), Decimal(0))
    tax = (subtotal * Decimal(words["rate"]) / 100).quantize(CENT, ROUND_HALF_UP)
    s = doc.seller
    vat_printed = doc.layout != "letterhead" or doc.factors["vat_shown"]
    iban_printed = doc.layout != "letterhead"
    seller = {k: s[k] for k in ("name", "street", "postcode", "city", "country")}
    seller |= {"vat_id": s["vat_id"] if vat_printed else None, "iban": s["iban"] if iban_printed else None}
    return {
        "document_type": "invoice",
        "invoice_number": doc.number,
        "invoice_date": doc.issued.isoformat(),
        "due_date": doc.due.isoformat(),
        "currency": words["currency"],
        "locale": doc.lang,
        "seller_name": s["name"],
        "buyer_name": doc.buyer["name"],
        "seller": seller,
        "buyer": dict(doc.buyer),
        "seller_vat_id": seller["vat_id"],
        "seller_iban": seller["iban"],
        "po_numbers": [],
        "tax_basis_total": f"{subtotal:.2f}",
        "tax_total": f"{tax:.2f}",
        "grand_total": f"{subtotal + tax:.2f}",
        "due_payable": f"{subtotal + tax:.2f}",
        "line_items": [
            {
                "name": line["name"],
                "quantity": str(line["quantity"]),
                "unit_price_net": f"{line['price']:.2f}",
                "line_total": f"{line['total']:.2f}",
            }
            for line in doc.lines
        ],
        "_synth": {
            "generator": "imgseller",
            "item": item,
            "locale": doc.lang,
            "layout": doc.layout,
            "factors": {k: str(v) for k, v in doc.factors.items()},
        },
    }


def write_dataset(
    out: Path,
    count: int,
    seed: int = DEFAULT_SEED,
    layouts: tuple[str, ...] = LAYOUTS,
    stationery: bool = False,
) -> list[Path]:
    """Write ``count`` documents into ``out``: every (layout, language) pair once before any twice; with
    ``stationery`` every picture is placed by a form XObject (as letter stationery is), not drawn on the page."""
    out.mkdir(parents=True, exist_ok=True)
    langs = sorted(LANGS)
    written, rows = [], []
    for i in range(count):
        layout = layouts[i % len(layouts)]
        lang = langs[(i + i // len(layouts)) % len(langs)]
        doc = draw(i, seed, layout, lang)
        if stationery:
            doc.factors["stationery"] = True
        item = f"img{seed}-{i:04d}-{lang}-{layout}"
        record = truth(doc, item)
        (out / f"{item}.pdf").write_bytes(render(doc))
        (out / f"{item}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        in_image = [] if layout == "text_seller" else ["vendor", "vendor_address"]
        in_image += [
            n
            for n, v in (("vendor_vat_id", record["seller_vat_id"]), ("vendor_iban", record["seller_iban"]))
            if v and layout != "text_seller"
        ]
        rows.append(
            {
                "id": item,
                "layout": layout,
                "locale": lang,
                "factors": record["_synth"]["factors"],
                "in_image": in_image,
            }
        )
        written.append(out / f"{item}.pdf")
    (out / "manifest.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8"
    )
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.imgseller", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--stationery", action="store_true", help="place every picture by a form XObject")
    args = parser.parse_args(argv)
    layouts = tuple(x for x in args.layouts.split(",") if x)
    unknown = [x for x in layouts if x not in LAYOUTS]
    if unknown or args.count < 1:
        parser.error(f"layouts are {', '.join(LAYOUTS)}; count at least 1")
    paths = write_dataset(args.out, args.count, args.seed, layouts, args.stationery)
    print(f"{len(paths)} documents in {args.out}")
    return 0
