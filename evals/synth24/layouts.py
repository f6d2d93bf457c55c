"""The layouts of evals/synth24: each places the drawn invoice's strings on A4 pages as drawing operations for
PDFKit (evals/synth24/render.js), in the forms an accounts-payable clerk receives them — a DIN 5008 business letter
with a window address and a reference block, seller and buyer side by side under a centred title (Polish, Czech,
Romanian, Hungarian practice), a French invoice with its legal mentions and late-payment terms, an Italian boxed
header grid ("Spett.le"), a Nordic invoice with a giro slip, an invoice with a remittance tear-off at the foot (a
Swiss QR-bill's receipt and payment part in Switzerland), a multi-page list with carried-forward subtotals, a
software invoice under a coloured band, a header strip of labels under their values with a certified program's
mentions, an accountant package's ledger with a VAT summary per rate, a freelancer's letter, and a form of ruled
boxes. Each country's mentions (registry, capital, tax numbers, payment references) come from the drawn parties.

A layout records in ``doc.shown`` the optional truths it printed; the manifest's text-layer check holds it to
that."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from evals.synth24.model import Doc, number, polish_words
from evals.synth24.words import SWISS_BILL

W, H = 595.28, 841.89
"""A4 in points."""

FAMILIES = {  # face name: (regular, bold, italic) files under /usr/share/fonts/truetype
    "DejaVu Sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSans-Oblique.ttf"),
    "DejaVu Sans Condensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf",
                              "dejavu/DejaVuSansCondensed-Oblique.ttf"),
    "DejaVu Serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSerif-Italic.ttf"),
    "Liberation Sans": ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf",
                        "liberation2/LiberationSans-Italic.ttf"),
    "Liberation Serif": ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf",
                         "liberation2/LiberationSerif-Italic.ttf"),
    "Liberation Sans Narrow": ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf",
                               "liberation/LiberationSansNarrow-Italic.ttf"),
}  # fmt: skip
MONO = "liberation2/LiberationMono-Regular.ttf"
FONTS = tuple(FAMILIES)
"""The faces the layouts set (checked with fontconfig before a set is written)."""
ROOT = "/usr/share/fonts/truetype/"


class Canvas:
    """Pages of drawing operations (see render.js) and the face the document is set in."""

    def __init__(self, family: str) -> None:
        regular, bold, italic = FAMILIES[family]
        self.fonts = {"r": ROOT + regular, "b": ROOT + bold, "i": ROOT + italic, "m": ROOT + MONO}
        self.family = family
        self.pages: list[list[list[Any]]] = []
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([])

    @property
    def ops(self) -> list[list[Any]]:
        return self.pages[-1]

    def text(self, x: float, y: float, s: str, size: float = 9, face: str = "r", w: float = 0,
             align: str = "left") -> None:  # fmt: skip
        self.ops.append(["f", face, size])
        self.ops.append(["t", round(x, 2), round(y, 2), s, round(w, 2), align])

    def para(self, x: float, y: float, s: str, w: float, size: float = 8, face: str = "r") -> float:
        """A wrapped paragraph; returns the y under it (estimated from the face's average width)."""
        self.ops.append(["f", face, size])
        self.ops.append(["p", round(x, 2), round(y, 2), s, round(w, 2), 1])
        per_line = max(1, int(w / (size * 0.5)))
        return y + (len(s) // per_line + 1) * (size + 2.5)

    def rule(self, x1: float, y1: float, x2: float, y2: float, lw: float = 0.5, dash: float = 0) -> None:
        self.ops.append(["l", round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2), lw, dash])

    def box(self, x: float, y: float, w: float, h: float, lw: float = 0.5, fill: str | None = None,
            stroke: str | None = "#000000") -> None:  # fmt: skip
        self.ops.append(["r", round(x, 2), round(y, 2), round(w, 2), round(h, 2), lw, fill, stroke])

    def color(self, hex_: str) -> None:
        self.ops.append(["c", hex_])

    def job(self, out: str, created: str) -> dict[str, Any]:
        return {"out": out, "size": [W, H], "fonts": self.fonts, "created": created, "pages": self.pages}


def estimate(s: str, size: float) -> float:
    """A string's width in points, estimated (the layouts keep clear of the edges with it)."""
    return len(s) * size * 0.52


# ---------------------------------------------------------------- what every layout decides


IBAN_SHOWN = {"NO": 0.4, "GB": 0.5, "SE": 0.5, "DK": 0.6, "CZ": 0.7, "HU": 0.7}
"""How often a country's invoice prints the IBAN beside its domestic account (else only the domestic one)."""


BUYER_IDS = {"PL": 0.95, "CZ": 0.9, "IT": 0.9, "ES": 0.9, "PT": 0.9, "RO": 0.9, "HU": 0.85, "FR": 0.5, "BE": 0.6,
             "DE": 0.35, "AT": 0.5, "NL": 0.4}  # fmt: skip
"""How often a country's B2B invoice prints the buyer's VAT id in its block (mandatory in some, usual in others)."""


def decide(doc: Doc, rng: random.Random) -> None:
    """Which optional truths this page prints."""
    if rng.random() < 0.88 or doc.country in ("FR", "IT", "PL", "CZ", "HU", "FI", "NO", "SE"):
        doc.shown.add("due_date")
    if rng.random() < 0.45:
        doc.shown.add("po_number")
    if not (doc.country == "DE" and rng.random() < 0.2):
        doc.shown.add("vendor_vat_id")
    if rng.random() < IBAN_SHOWN.get(doc.country, 1.0):
        doc.shown.add("vendor_iban")
    if doc.paid:
        doc.shown.add("amount_due")
    if doc.country == "PL" and rng.random() < 0.35:
        doc.shown.discard("vendor_iban")
        doc.factors["iban_form"] = "nrb"
    doc.factors["buyer_ids"] = str(rng.random() < BUYER_IDS.get(doc.country, 0.25)).lower()
    doc.factors["skonto"] = str(doc.country in ("DE", "AT") and rng.random() < 0.4).lower()
    doc.factors["due_shown"] = str("due_date" in doc.shown).lower()


def meta(doc: Doc, *, number: bool = True) -> list[tuple[str, str]]:
    """(label, value) of the invoice's facts in the order a header prints them."""
    rows = [] if not number or doc.numbered_title else [(doc.word("number"), doc.number)]
    rows.append((doc.word("date"), doc.date(doc.issued)))
    rows.append((doc.word("delivery"), doc.date(doc.delivered)))
    if "due_date" in doc.shown:
        rows.append((doc.word("due"), doc.date(doc.due)))
    rows.append((doc.word("customer"), doc.customer_no))
    if "po_number" in doc.shown:
        rows.append((doc.word("order"), doc.order_no))
    if doc.country == "CZ":
        rows.append((doc.word("reference"), doc.reference))
    return rows


def colon(doc: Doc, label: str) -> str:
    if label.endswith(":"):
        return label
    return f"{label} :" if doc.lang == "fr" else f"{label}:"


def party_lines(doc: Doc, seller: bool, *, ids: bool = True) -> list[str]:
    p = doc.seller if seller else doc.buyer
    lines = [p.street, p.town]
    if seller and ids:
        lines += vat_lines(doc)
    elif not seller and ids and doc.factors.get("buyer_ids") == "true":
        lines.append(f"{colon(doc, p.vat_label)} {p.vat_printed}")
        lines += [
            f"{colon(doc, k)} {v}" for k, v in p.ids[:1] if k and len(v) <= 28 and v not in p.vat_printed
        ]
    return lines


def vat_lines(doc: Doc) -> list[str]:
    s = doc.seller
    out = []
    if "vendor_vat_id" in doc.shown:
        out.append(f"{colon(doc, s.vat_label)} {s.vat_printed}")
    out += [f"{colon(doc, k)} {v}" for k, v in short_ids(doc)[:2]]
    return out


def short_ids(doc: Doc) -> list[tuple[str, str]]:
    """The registry numbers short enough for a party block (the rest go to the footer)."""
    return [(k, v) for k, v in doc.seller.ids if k and len(v) <= 28]


def long_ids(doc: Doc) -> list[str]:
    short = short_ids(doc)[:2]
    return [f"{k}: {v}" if k else v for k, v in doc.seller.ids if (k, v) not in short]


def bank_lines(doc: Doc) -> list[str]:
    s = doc.seller
    out = [f"{colon(doc, doc.word('bank'))} {s.bank}"]
    out += [f"{colon(doc, k)} {v}" for k, v in s.domestic]
    if "vendor_iban" in doc.shown:
        out.append(f"{colon(doc, doc.word('iban'))} {s.iban_printed}")
        out.append(f"{colon(doc, doc.word('bic'))} {s.bic}")
    elif doc.factors.get("iban_form") == "nrb":  # a Polish account number: the IBAN without its country code
        out.append(f"{colon(doc, doc.word('iban'))} {s.iban_printed.removeprefix('PL').strip()}")
    return out


def mentions(doc: Doc) -> list[str]:
    """The country's legal mentions a footer or the foot of the page prints."""
    s, c = doc.seller, doc.country
    out: list[str] = []
    if c == "FR":
        capital = f"{s.form} au capital de {s.capital} €" if s.capital else s.form
        siret = dict(s.ids).get("SIRET", "")
        out.append(f"{s.name} – {capital} – RCS {dict(s.ids).get('RCS', '')} – SIRET {siret}")
        out.append("En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt légal sera "
                   "exigible, ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 €. Pas d'escompte "
                   "pour paiement anticipé.")  # fmt: skip
    elif c == "DE" or c == "AT":
        out.append(
            f"Geschäftsführer: {s.person}" if "GmbH" in s.form or "UG" in s.form else f"Inhaber: {s.person}"
        )
        if rnd_flag(doc, "skonto"):
            skonto = doc.total * Decimal("0.02")
            out.append(
                f"Bei Zahlung innerhalb von 8 Tagen gewähren wir 2 % Skonto ({doc.num(skonto.quantize(Decimal('0.01')))})."
            )
        out.append("Es gelten unsere Allgemeinen Geschäftsbedingungen.")
    elif c == "IT":
        if s.capital:
            out.append(f"Capitale sociale € {s.capital},00 i.v. – {dict(s.ids).get('REA', '')}")
        out.append("Documento privo di valenza fiscale ai sensi dell'art. 21 DPR 633/72; l'originale è disponibile "
                   "nel Suo cassetto fiscale.")  # fmt: skip
    elif c == "ES":
        out.append(f"Inscrita en el Registro Mercantil de {dict(s.ids).get('Registro Mercantil', '')}")
        out.append(
            "De conformidad con el RGPD, sus datos serán tratados para la gestión de la relación comercial."
        )
    elif c == "PT":
        code = "".join(doc.words.get("title", "FT")[:2].upper())
        out.append(f"ATCUD: {atcud(doc)}-{''.join(ch for ch in doc.number if ch.isdigit())[-5:] or '1'}")
        out.append(f"{code}-Processado por programa certificado n.º {1000 + len(doc.number) * 37}/AT")
        out.append("Os bens/serviços foram colocados à disposição do adquirente na data do documento.")
        if s.capital:
            out.append(f"Capital social: {s.capital} €")
    elif c == "PL":
        out.append(f"{doc.word('words')}: {polish_words(doc.due_amount)}" if doc.currency == "PLN" else "")
        out.append("Osoba upoważniona do odbioru / Osoba upoważniona do wystawienia")
    elif c == "CZ":
        out.append(f"{doc.word('constant')}: 0308")
    elif c == "RO":
        if s.capital:
            out.append(f"{doc.word('capital')}: {s.capital} lei")
        out.append("Factura circulă fără semnătură și ștampilă conform Legii 227/2015, art. 319 alin. 29.")
    elif c == "HU":
        out.append("Fizetési mód: átutalás")
        out.append("A számla a 2007. évi CXXVII. törvény szerint készült.")
    elif c == "FI":
        out.append("Viivästyskorko 8 %. Huomautusaika 8 päivää.")
    elif c == "NO":
        out.append("Foretaksregisteret")
    elif c == "SE":
        out.append("Dröjsmålsränta debiteras enligt räntelagen.")
    elif c == "DK":
        out.append("Ved betaling efter forfald tilskrives renter på 0,81 % pr. påbegyndt måned.")
    elif c == "GB":
        out.append(f"{s.name} is registered in England and Wales.")
    return [line for line in out if line]


def atcud(doc: Doc) -> str:
    seed = sum(ord(ch) * (i + 1) for i, ch in enumerate(doc.number + doc.seller.name))
    alphabet = "BCDFGHJKLMNPQRSTVWXZ23456789"
    return "".join(alphabet[(seed // (7**i)) % len(alphabet)] for i in range(8))


def rnd_flag(doc: Doc, name: str) -> bool:
    return doc.factors.get(name) == "true"


def payment_sentence(doc: Doc) -> str:
    return doc.word("terms", days=doc.days)


# ---------------------------------------------------------------- blocks


def header_split(label: str, width: float, size: float) -> list[str]:
    if estimate(label, size) <= width or " " not in label:
        return [label]
    words = label.split()
    half = len(words) // 2
    return [" ".join(words[:half]), " ".join(words[half:])]


COLUMNS = [("pos", 0.05, "left"), ("item", 0.39, "left"), ("qty", 0.08, "right"), ("unit", 0.07, "left"),
           ("price", 0.14, "right"), ("rate", 0.09, "right"), ("amount", 0.18, "right")]  # fmt: skip


def table(c: Canvas, doc: Doc, x: float, y: float, width: float, lines: list[Any], *, ruled: str = "rules",
          size: float = 8.2, start: int = 1, code: bool = False) -> float:  # fmt: skip
    """The item table from ``y``; ``ruled``: "rules" (lines under header), "grid" (boxed cells), "shade"
    (a shaded header). Returns the y under the last row."""
    shares = {"pos": 0.1, "item": 0.34} if code else {}
    cols = [(k, shares.get(k, f) * width, a) for k, f, a in COLUMNS]
    header_h = 2 * (size + 2) + 4
    labels = {k: doc.word(k) for k, _, _ in cols}
    if doc.bare:
        labels["amount"] = f"{labels['amount']} ({doc.currency})"
    if ruled == "shade":
        c.box(x, y, width, header_h, 0, fill="#e4e4e4", stroke=None)
        c.color("#000000")
    cx = x
    for key, w, align in cols:
        for i, part in enumerate(header_split(labels[key], w - 4, size)):
            c.text(cx + 2, y + 2 + i * (size + 2), part, size, "b", w - 4, align)
        if ruled == "grid":
            c.box(cx, y, w, header_h)
        cx += w
    y += header_h
    if ruled != "grid":
        c.rule(x, y, x + width, y, 0.8)
    row_h = size + 6
    for n, line in enumerate(lines, start):
        cells = {"pos": line.code if code else f"{n}", "item": line.name, "qty": doc.qty(line.qty), "unit": line.unit,
                 "price": doc.num(line.price), "rate": doc.rate(line.rate), "amount": doc.num(line.total)}  # fmt: skip
        cx = x
        for key, w, align in cols:
            c.text(cx + 2, y + 3, cells[key], size, "r", w - 4, align)
            if ruled == "grid":
                c.box(cx, y, w, row_h)
            cx += w
        y += row_h
        if ruled == "rules":
            c.rule(x, y, x + width, y, 0.2)
    return y + 4


def totals(
    c: Canvas, doc: Doc, x: float, y: float, width: float, *, size: float = 9, boxed: bool = False
) -> float:
    """Net, VAT per rate, total (and an advance with the balance); returns the y under them."""
    rows: list[tuple[str, str, str]] = [(doc.word("net"), doc.money(doc.net), "r")]
    for rate, (_base, tax) in doc.vat.items():
        rows.append((doc.vat_label(rate), doc.money(tax), "r"))
    total_label = doc.word("total") + (
        f" {doc.currency}" if doc.bare and doc.currency not in doc.word("total") else ""
    )
    rows.append((total_label, doc.money(doc.total), "b"))
    if doc.paid:
        rows.append((doc.word("paid"), doc.money(-doc.paid), "r"))
        rows.append((doc.word("to_pay"), doc.money(doc.due_amount), "b"))
    top = y
    for label, value, face in rows:
        if face == "b":
            c.rule(x, y - 1, x + width, y - 1, 0.6)
        c.text(x + 4, y + 2, label, size, face)
        c.text(x + width * 0.55, y + 2, value, size, face, width * 0.45 - 4, "right")
        y += size + 6
    if boxed:
        c.box(x, top - 3, width, y - top + 3, 0.7)
    return y + 4


def vat_summary(c: Canvas, doc: Doc, x: float, y: float, width: float, size: float = 7.8) -> float:
    """A per-rate table: rate, base, tax, gross (Polish "Według stawki", Italian "Riepilogo IVA")."""
    heads = [
        doc.word("rate"),
        doc.word("net"),
        doc.vat_label("").replace("  ", " ").strip() or "VAT",
        doc.word("total"),
    ]
    heads[2] = {"pl": "Kwota VAT", "it": "Imposta", "cs": "DPH", "hu": "ÁFA összege", "ro": "Valoare TVA",
                "de": "USt.-Betrag", "fr": "Montant TVA", "es": "Cuota", "pt": "Valor IVA"}.get(doc.lang, "VAT")  # fmt: skip
    w = width / 4
    for i, h in enumerate(heads):
        c.text(x + i * w + 2, y, h, size, "b", w - 4, "right" if i else "left")
    y += size + 4
    c.rule(x, y, x + width, y, 0.4)
    y += 2
    for rate, (base, tax) in doc.vat.items():
        for i, v in enumerate((doc.rate(rate), doc.num(base), doc.num(tax), doc.num(base + tax))):
            c.text(x + i * w + 2, y, v, size, "r", w - 4, "right" if i else "left")
        y += size + 4
    return y + 2


def footer(c: Canvas, doc: Doc, y: float = H - 78, size: float = 6.8, columns: int = 3) -> None:
    """The company's data in columns at the foot of the page (name and address, contact, bank, registry)."""
    s = doc.seller
    c.rule(40, y - 4, W - 40, y - 4, 0.4)
    blocks = [
        [s.name, s.street, s.town, s.phone, s.email],
        bank_lines(doc),
        vat_lines(doc) + long_ids(doc),
    ]
    if columns == 4:
        blocks.insert(2, [f"{doc.word('contact')}: {s.person}", s.web])
    w = (W - 80) / len(blocks)
    for i, block in enumerate(blocks):
        for j, line in enumerate(block):
            c.text(40 + i * w, y + j * (size + 2.2), line, size, "r")


def foot_mentions(c: Canvas, doc: Doc, y: float, width: float = W - 80, size: float = 6.6) -> float:
    for line in mentions(doc):
        y = c.para(40, y, line, width, size)
    return y


def fake_code(c: Canvas, rng: random.Random, x: float, y: float, side: float, modules: int = 25,
              cross: bool = False) -> None:  # fmt: skip
    """A matrix code's look (finder squares and drawn modules): the page's pay-by-scan box, not a real code."""
    cell = side / modules
    for i in range(modules):
        for j in range(modules):
            finder = any(
                i - a in range(7) and j - b in range(7)
                for a, b in ((0, 0), (0, modules - 7), (modules - 7, 0))
            )
            if finder:
                ring = max(abs(i - (3 if i < 7 else modules - 4)), abs(j - (3 if j < 7 else modules - 4)))
                on = ring != 2
            else:
                on = rng.random() < 0.5
            if on:
                c.box(x + j * cell, y + i * cell, cell, cell, 0, fill="#000000", stroke=None)
    if cross:
        m = side * 0.42
        c.box(x + m, y + m, side - 2 * m, side - 2 * m, 0, fill="#000000", stroke=None)
        c.box(x + side / 2 - 1.2, y + m + 1.5, 2.4, side - 2 * m - 3, 0, fill="#ffffff", stroke=None)
        c.box(x + m + 1.5, y + side / 2 - 1.2, side - 2 * m - 3, 2.4, 0, fill="#ffffff", stroke=None)
    c.color("#000000")


def girocode(c: Canvas, doc: Doc, rng: random.Random, x: float, y: float) -> None:
    """A SEPA GiroCode (EPC) box: the code's look and its caption."""
    fake_code(c, rng, x, y, 58)
    caption = {"de": "GiroCode – mit der Banking-App scannen und bezahlen", "nl": "Scan en betaal met uw bank-app",
               "fi": "Maksa mobiilisti – skannaa koodi", "fr": "Scannez pour payer (EPC)"}.get(doc.lang, "Scan to pay (EPC QR)")  # fmt: skip
    c.text(x + 64, y + 4, caption, 6.8, "i")
    c.text(x + 64, y + 14, f"{doc.seller.name}", 6.8)


GIROCODE_COUNTRIES = ("DE", "AT", "NL", "BE", "FI")


def payment_block(c: Canvas, doc: Doc, rng: random.Random, x: float, y: float, width: float) -> float:
    """The terms sentence, the bank lines and the reference; returns the y under them."""
    y = c.para(x, y, payment_sentence(doc), width, 8)
    if doc.country in ("SE", "NO", "FI", "BE", "DK", "CH"):
        c.text(x, y, f"{colon(doc, doc.word('reference'))} {doc.reference}", 8.5, "b")
        y += 12
    elif doc.country not in ("CZ",):
        c.text(x, y, f"{colon(doc, doc.word('reference'))} {doc.number}", 8)
        y += 11
    for line in bank_lines(doc):
        c.text(x, y, line, 8)
        y += 10.5
    return y + 4


# ---------------------------------------------------------------- national slips


def swiss_bill(c: Canvas, doc: Doc, rng: random.Random) -> None:
    """The Swiss QR-bill at the foot: the receipt (62 mm) and the payment part, under a scissors line."""
    t = SWISS_BILL.get(doc.lang, SWISS_BILL["de"])
    top = H - 297.6
    c.rule(0, top, W, top, 0.4, 2)
    c.text(8, top - 9, "✂", 8)
    c.rule(175.7, top, 175.7, H, 0.4, 2)
    s = doc.seller
    iban = " ".join(doc.seller.iban[i : i + 4] for i in range(0, len(doc.seller.iban), 4))
    doc.shown.add("vendor_iban")
    for x, heading, small in ((14, t["receipt"], 6), (190, t["part"], 8)):
        y = top + 16
        c.text(x, y, heading, 11, "b")
        if x > 100:
            fake_code(c, rng, x, y + 24, 130, 33, cross=True)
            x2, y = x + 148, top + 16
        else:
            x2, y = x, y + 22
        for label, values in ((t["account"], [iban, s.name, s.street, s.town]), (t["reference"], [doc.reference]),
                              (t["by"], [doc.buyer.name, doc.buyer.street, doc.buyer.town])):  # fmt: skip
            c.text(x2, y, label, small, "b")
            y += small + 3
            for v in values:
                c.text(x2, y, v, small + 2)
                y += small + 4
            y += 4
        amount_y = top + 200 if x > 100 else y + 6
        ax = x
        c.text(ax, amount_y, t["currency"], small, "b")
        c.text(ax + 50, amount_y, t["amount"], small, "b")
        c.text(ax, amount_y + small + 4, "CHF", small + 2)
        c.text(ax + 50, amount_y + small + 4, number(doc.due_amount, (" ", ".")), small + 2)
    c.text(120, top + 250, t["point"], 6, "b")


def giro_slip(c: Canvas, doc: Doc, rng: random.Random) -> None:
    """A tear-off at the foot: a Norwegian GIRO, a Finnish bank transfer form, a Swedish inbetalningsavi, or a
    remittance slip to return with the payment elsewhere."""
    top = H - 230
    c.rule(20, top, W - 20, top, 0.5, 3)
    c.text(24, top - 10, "✂ " + doc.word("slip"), 7, "i")
    s = doc.seller
    y = top + 14
    if doc.country == "FI":
        c.box(30, y, W - 60, 180, 0.8)
        c.rule(30, y + 60, W - 30, y + 60, 0.6)
        c.rule(300, y + 60, 300, y + 180, 0.6)
        c.text(36, y + 6, "Saajan tilinumero / Mottagarens kontonummer", 6.5)
        c.text(150, y + 18, f"IBAN {s.iban_printed}    BIC {s.bic}", 9)
        doc.shown.add("vendor_iban")
        c.text(36, y + 36, "Saaja / Mottagare", 6.5)
        c.text(150, y + 36, s.name, 9)
        c.text(36, y + 66, "Maksaja / Betalare", 6.5)
        c.text(36, y + 78, doc.buyer.name, 9)
        c.text(36, y + 90, doc.buyer.street, 9)
        c.text(36, y + 102, doc.buyer.town, 9)
        c.text(306, y + 66, "Viitenro / Ref.nr", 6.5)
        c.text(380, y + 66, doc.reference, 9, "b")
        c.text(306, y + 96, "Eräpäivä / Förfallodag", 6.5)
        c.text(400, y + 96, doc.date(doc.due), 9)
        doc.shown.add("due_date")
        c.text(306, y + 126, "Euro", 6.5)
        c.text(380, y + 126, doc.num(doc.due_amount), 9, "b")
        return
    if doc.country == "NO":
        c.text(30, y, "KVITTERING", 9, "b")
        c.text(30, y + 14, doc.word("slip"), 7)
        c.box(30, y + 40, 250, 70)
        c.text(34, y + 44, "Betalingsinformasjon", 6.5)
        c.text(34, y + 56, f"{doc.word('number')} {doc.number}", 8)
        c.box(300, y + 40, 260, 70)
        c.text(304, y + 44, "Betalt av", 6.5)
        c.text(304, y + 56, doc.buyer.name, 8)
        c.text(304, y + 67, doc.buyer.street, 8)
        c.text(304, y + 78, doc.buyer.town, 8)
        c.text(34, y + 118, "Betalt til", 6.5)
        c.text(34, y + 130, s.name, 8)
        c.text(34, y + 141, s.town, 8)
        c.box(0, y + 170, W, 24, 0, fill="#f3e2c8", stroke=None)
        c.color("#000000")
        c.text(20, y + 174, "Kundeidentifikasjon (KID)", 6)
        c.text(160, y + 174, "Kroner", 6)
        c.text(250, y + 174, "Øre", 6)
        c.text(300, y + 174, "Til konto", 6)
        whole, _, ore = f"{doc.due_amount:.2f}".partition(".")
        c.text(20, y + 182, doc.reference, 9, "m")
        c.text(160, y + 182, whole, 9, "m")
        c.text(250, y + 182, ore, 9, "m")
        c.text(300, y + 182, s.domestic[0][1], 9, "m")
        return
    if doc.country == "SE":
        c.text(30, y, "INBETALNING/GIRERING AVI", 9, "b")
        c.text(30, y + 16, doc.word("reference"), 6.5)
        c.text(30, y + 26, doc.reference, 10, "m")
        c.text(230, y + 16, doc.word("due"), 6.5)
        c.text(230, y + 26, doc.date(doc.due), 9)
        doc.shown.add("due_date")
        c.text(30, y + 50, "Betalningsmottagare", 6.5)
        c.text(30, y + 60, s.name, 9)
        c.text(330, y + 50, "Till bankgironummer", 6.5)
        c.text(330, y + 60, s.domestic[0][1], 10, "b")
        c.text(30, y + 90, "Inbetalare", 6.5)
        c.text(30, y + 100, doc.buyer.name, 9)
        c.box(0, y + 160, W, 26, 0, fill="#fbe3d4", stroke=None)
        c.color("#000000")
        whole, _, ore = f"{doc.due_amount:.2f}".partition(".")
        c.text(
            40,
            y + 168,
            f"# {doc.reference} #   {whole} {ore}   >   {s.domestic[0][1].replace('-', '')}#41#",
            10,
            "m",
        )
        return
    # a remittance slip to return with the payment
    rows = [
        (doc.word("payee"), s.name),
        (doc.word("number"), doc.number),
        (doc.word("date"), doc.date(doc.issued)),
    ]
    if "due_date" in doc.shown:
        rows.append((doc.word("due"), doc.date(doc.due)))
    rows.append((doc.word("reference"), doc.reference))
    rows.append((doc.word("customer"), doc.customer_no))
    for i, (label, value) in enumerate(rows):
        c.text(30, y + 6 + i * 13, colon(doc, label), 8)
        c.text(150, y + 6 + i * 13, value, 8.5)
    c.box(340, y, 225, 80, 0.8)
    c.text(346, y + 6, doc.word("to_pay") if doc.paid else doc.word("total"), 8, "b")
    c.text(346, y + 26, doc.money(doc.due_amount), 14, "b")
    c.text(346, y + 52, f"IBAN {s.iban_printed}", 7.5)
    c.text(346, y + 64, f"BIC {s.bic}", 7.5)
    doc.shown.add("vendor_iban")
    if doc.country in GIROCODE_COUNTRIES and doc.currency == "EUR":
        girocode(c, doc, rng, 30, y + 100)


# ---------------------------------------------------------------- the layouts


def head_parties(c: Canvas, doc: Doc, x: float, y: float, seller: bool, size: float = 9, caption: bool = True,
                 ids: bool = True) -> float:  # fmt: skip
    p = doc.seller if seller else doc.buyer
    if caption:
        c.text(x, y, doc.word("seller" if seller else "buyer").rstrip(":") + ":", size - 1.5, "b")
        y += size + 3
    c.text(x, y, p.name, size + 0.5, "b")
    y += size + 4
    for line in party_lines(doc, seller, ids=ids):
        c.text(x, y, line, size)
        y += size + 3
    return y


def meta_block(c: Canvas, doc: Doc, x: float, y: float, label_w: float, size: float = 8.6,
               number: bool = True) -> float:  # fmt: skip
    for label, value in meta(doc, number=number):
        c.text(x, y, colon(doc, label), size)
        c.text(x + label_w, y, value, size, "b" if label == doc.word("number") else "r")
        y += size + 4
    return y


def letterhead(c: Canvas, doc: Doc, size: float, y: float) -> float:
    """The seller's name at the top left and its address and ids from ``y`` under it; returns the y under them."""
    c.text(40, 40, doc.seller.name, size, "b")
    for line in party_lines(doc, True):
        c.text(40, y, line, 8)
        y += 10.5
    return y


def letter(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """DIN 5008: the logo line, a return line over the window address, a reference block at the right, the
    title, the table, the totals, the terms, and the company's data in footer columns."""
    s = doc.seller
    c.text(40, 42, s.name, 16, "b")
    c.text(40, 62, f"{s.street} · {s.town} · {s.phone}", 7.5)
    c.text(56, 128, f"{s.name} · {s.street} · {s.town}", 6.2)
    c.rule(56, 136, 290, 136, 0.3)
    head_parties(c, doc, 56, 144, seller=False, caption=False, ids=False)
    meta_block(c, doc, 350, 128, 95)
    y = 250
    c.text(56, y, doc.title, 14, "b")
    if not doc.numbered_title:
        c.text(56, y + 19, f"{colon(doc, doc.word('number'))} {doc.number}", 9.5)
        y += 12
    y += 28
    y = table(c, doc, 56, y, W - 96, doc.lines, ruled=rng.choice(["rules", "shade"]))
    y = totals(c, doc, 330, y + 4, W - 370)
    y = payment_block(c, doc, rng, 56, y + 6, W - 112)
    if doc.country in GIROCODE_COUNTRIES and doc.currency == "EUR" and rng.random() < 0.5:
        girocode(c, doc, rng, 56, y)
        y += 64
    c.text(56, y + 4, doc.word("thanks"), 8.5, "i")
    foot_mentions(c, doc, y + 20, W - 112)
    footer(c, doc, columns=rng.choice([3, 4]))
    if doc.country == "CH" and rng.random() < 0.5:
        c.new_page()
        swiss_bill(c, doc, rng)


def sidebyside(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """A centred title with the number, the dates at the top right, seller and buyer side by side in frames, the
    table, a VAT summary per rate, the amount to pay (in words where the country writes it) and signatures."""
    s = doc.seller
    c.text(40, 40, s.town.split()[-1] + ", " + doc.date(doc.issued), 8.5)
    y = meta_block(c, doc, 340, 40, 110, 8.2, number=False)
    title = doc.title if doc.numbered_title else f"{doc.word('title')} {doc.number}"
    if not doc.numbered_title and rng.random() < 0.5:
        title = f"{doc.word('title')} {doc.word('number').rstrip(':')} {doc.number}"
    c.text(40, y + 16, title, 15, "b", W - 80, "center")
    y += 46
    for i, seller in enumerate((True, False)):
        x = 40 + i * (W - 80) / 2
        c.box(x, y, (W - 80) / 2 - 8, 96, 0.6)
        head_parties(c, doc, x + 6, y + 6, seller=seller, size=8.4)
    y += 110
    y = table(c, doc, 40, y, W - 80, doc.lines, ruled="grid", size=7.8)
    y = vat_summary(c, doc, 300, y + 6, W - 340)
    y = totals(c, doc, 300, y + 6, W - 340, boxed=True)
    c.text(40, y, f"{colon(doc, doc.word('to_pay'))} {doc.money(doc.due_amount)}", 12, "b")
    y += 20
    for line in mentions(doc)[:1]:
        y = c.para(40, y, line, W - 80, 8.5)
    y = payment_block(c, doc, rng, 40, y + 6, W - 80)
    c.rule(60, y + 50, 240, y + 50, 0.4, 1)
    c.rule(W - 240, y + 50, W - 60, y + 50, 0.4, 1)
    c.text(60, y + 54, s.person, 7)
    for line in mentions(doc)[1:]:
        y = c.para(40, H - 60, line, W - 80, 6.5)


def mentions_layout(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """The seller's block at the top left, the client's in a frame at the right, the facts, the table, a boxed
    total and, in small print, the legal mentions and late-payment terms."""
    y = head_parties(c, doc, 40, 40, seller=True, caption=False, ids=False)
    c.text(40, y, doc.seller.phone + " · " + doc.seller.email, 7.5)
    c.box(320, 110, 235, 80, 0.6)
    c.text(328, 114, doc.word("buyer"), 7, "b")
    head_parties(c, doc, 328, 126, seller=False, caption=False, size=8.8)
    y = 210
    c.text(40, y, doc.title, 18, "b")
    y = meta_block(c, doc, 40, y + 28, 110)
    y = table(c, doc, 40, y + 10, W - 80, doc.lines, ruled="shade")
    y = totals(c, doc, 330, y + 6, W - 370, boxed=True)
    y = payment_block(c, doc, rng, 40, y + 4, W - 80)
    for line in vat_lines(doc):
        c.text(40, y, line, 7.5)
        y += 10
    foot_mentions(c, doc, max(y + 8, H - 120))


def grid(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """A boxed header grid (Italian practice): the seller's letterhead, "Spett.le" and the buyer in a frame, a
    grid of labelled boxes (number, date, customer code, payment, bank, IBAN), the table in cells, a VAT summary
    and the document total in a box, deadlines."""
    s = doc.seller
    letterhead(c, doc, 15, 60)
    c.box(320, 100, 235, 82, 0.8)
    c.text(326, 106, doc.word("buyer"), 8, "i")
    head_parties(c, doc, 326, 120, seller=False, caption=False, size=8.8)
    y = 200
    c.text(40, y - 16, doc.word("title"), 13, "b")
    cells = [(doc.word("number"), doc.number), (doc.word("date"), doc.date(doc.issued)),
             (doc.word("customer"), doc.customer_no), (doc.word("delivery"), doc.date(doc.delivered))]  # fmt: skip
    second = [(doc.word("bank"), s.bank)]
    if "vendor_iban" in doc.shown:
        second.append(
            (doc.word("iban") if doc.word("iban") != "Coordinate bancarie" else "IBAN", s.iban_printed)
        )
    if "po_number" in doc.shown:
        second.append((doc.word("order"), doc.order_no))
    w = (W - 80) / 4
    for i, (label, value) in enumerate(cells):
        c.box(40 + i * w, y, w, 30, 0.6)
        c.text(44 + i * w, y + 3, label, 6.5, "b")
        c.text(44 + i * w, y + 15, value, 9.5, "b" if i == 0 else "r")
    y += 30
    w2 = (W - 80) / len(second)
    for i, (label, value) in enumerate(second):
        c.box(40 + i * w2, y, w2, 30, 0.6)
        c.text(44 + i * w2, y + 3, label, 6.5, "b")
        c.text(44 + i * w2, y + 15, value, 8.5 if len(value) < 30 else 7.4)
    y += 42
    y = table(c, doc, 40, y, W - 80, doc.lines, ruled="grid", size=7.8, code=rng.random() < 0.5)
    top = y + 8
    y = vat_summary(c, doc, 40, top, 260)
    y = max(y, totals(c, doc, 330, top, W - 370, boxed=True)) + 6
    if "due_date" in doc.shown:
        c.text(40, y, f"{doc.word('due')}: {doc.date(doc.due)}    {doc.money(doc.due_amount)}", 9, "b")
        y += 14
    c.text(40, y, payment_sentence(doc), 8)
    foot_mentions(c, doc, H - 80)


def nordic(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """A Nordic invoice: the name at the top left, the title and a column of facts at the right (number, date,
    due date, reference, our and your reference), the buyer under it, the table, "to pay" in bold, the
    footer with address, phone, bank and registration, and a giro slip at the foot."""
    s = doc.seller
    c.text(40, 40, s.name, 15, "b")
    c.text(360, 40, doc.title, 16, "b")
    y = 66
    facts = meta(doc)
    if doc.country in ("SE", "NO", "FI", "DK"):
        facts.append((doc.word("reference"), doc.reference))
    facts.append((doc.word("contact"), s.person))
    for label, value in facts:
        c.text(360, y, label, 7)
        c.text(460, y, value, 8.5)
        y += 12
    head_parties(c, doc, 56, 120, seller=False, caption=False)
    y = max(y, 200) + 10
    y = table(c, doc, 40, y, W - 80, doc.lines, ruled="rules")
    y = totals(c, doc, 330, y + 4, W - 370)
    c.text(40, y, payment_sentence(doc), 8)
    c.text(40, y + 12, doc.word("thanks"), 8, "i")
    footer(c, doc, H - 300, 6.6, 3)
    for line in mentions(doc)[:1]:
        c.text(40, H - 250, line, 6.6)
    giro_slip(c, doc, rng)


def slip(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """A compact invoice over a tear-off: the Swiss QR-bill in Switzerland, a giro in Norway, Finland and Sweden, a
    remittance slip (with a GiroCode in the euro countries that use it) elsewhere."""
    s = doc.seller
    c.text(40, 36, s.name, 13, "b")
    c.text(40, 52, f"{s.street}, {s.town}", 7.5)
    for i, line in enumerate(vat_lines(doc)[:2]):
        c.text(40, 62 + i * 9, line, 7.2)
    head_parties(c, doc, 40, 96, seller=False, caption=True, size=8.6)
    c.text(330, 36, doc.title, 14, "b")
    meta_block(c, doc, 330, 58, 95, 8)
    y = max(170, 58 + 12 * len(meta(doc))) + 6
    y = table(c, doc, 40, y, W - 80, doc.lines, size=7.6)
    y = totals(c, doc, 330, y, W - 370, size=8.4)
    c.text(40, y - 10, payment_sentence(doc), 7.6)
    for i, line in enumerate(bank_lines(doc)[:3]):
        c.text(40, y + 2 + i * 9, line, 7.4)
    if doc.country == "CH":
        swiss_bill(c, doc, rng)
    else:
        giro_slip(c, doc, rng)


def continued(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """A long list over several pages: the page header repeated, a carried-forward subtotal at each page's foot
    and brought forward at the next page's head, the totals on the last page."""
    s = doc.seller
    per_page = rng.choice([18, 20, 22])
    chunks = [doc.lines[i : i + per_page] for i in range(0, len(doc.lines), per_page)]
    pages = len(chunks) + (1 if len(chunks[-1]) > per_page - 6 else 0)
    running = Decimal(0)
    for index, chunk in enumerate(chunks):
        if index:
            c.new_page()
        c.text(40, 36, s.name, 12, "b")
        c.text(W - 200, 36, doc.word("page", n=index + 1, m=pages), 8, "r", 160, "right")
        if index == 0:
            c.text(40, 52, f"{s.street} · {s.town} · {s.email}", 7.5)
            head_parties(c, doc, 40, 80, seller=False, caption=True)
            c.text(330, 80, doc.title, 14, "b")
            y = meta_block(c, doc, 330, 102, 95, 8)
            y = max(y, 160) + 8
        else:
            c.text(40, 52, f"{doc.word('number')} {doc.number} · {doc.date(doc.issued)}", 8)
            y = 80
        if index:
            brought = doc.word("brought", p=index)
            c.text(40, y, brought, 8.5, "b")
            c.text(W - 200, y, doc.num(running), 8.5, "b", 160, "right")
            y += 16
        y = table(c, doc, 40, y, W - 80, chunk, size=7.8, start=index * per_page + 1)
        running += sum((line.total for line in chunk), Decimal(0))
        last = index == len(chunks) - 1
        if not last:
            c.rule(W - 200, y, W - 40, y, 0.6)
            c.text(40, y + 4, doc.word("carried"), 8.5, "b")
            c.text(W - 200, y + 4, doc.num(running), 8.5, "b", 160, "right")
        else:
            if pages > len(chunks):
                footer(c, doc, H - 60, 6.2, 3)
                c.new_page()
                c.text(40, 36, s.name, 12, "b")
                c.text(W - 200, 36, doc.word("page", n=pages, m=pages), 8, "r", 160, "right")
                y = 70
            y = totals(c, doc, 330, y + 6, W - 370)
            y = payment_block(c, doc, rng, 40, y + 4, W - 80)
            foot_mentions(c, doc, y + 6)
        footer(c, doc, H - 60, 6.2, 3)


def banner(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """A software invoice: a coloured band with the seller's name and the title, "billed to" and the invoice's
    details in two columns, the lines, a total box, and the payment details in a panel."""
    colour = rng.choice(["#1f4e79", "#2e7d32", "#6a1b9a", "#37474f", "#b23c17"])
    c.box(0, 0, W, 86, 0, fill=colour, stroke=None)
    c.color("#ffffff")
    c.text(40, 26, doc.seller.name, 17, "b")
    c.text(40, 52, f"{doc.seller.street} · {doc.seller.town}", 8)
    c.text(W - 240, 30, doc.title.upper() if rng.random() < 0.5 else doc.title, 20, "b", 200, "right")
    c.color("#000000")
    y = head_parties(c, doc, 40, 110, seller=False, caption=True)
    meta_block(c, doc, 330, 110, 100)
    y = max(y, 110 + 13 * len(meta(doc))) + 16
    y = table(c, doc, 40, y, W - 80, doc.lines, ruled="shade")
    y = totals(c, doc, 330, y + 6, W - 370)
    c.box(40, y + 4, W - 80, 84, 0, fill="#f2f2f2", stroke=None)
    c.color("#000000")
    payment_block(c, doc, rng, 50, y + 10, W - 100)
    footer(c, doc, H - 70, 6.6, 3)
    foot_mentions(c, doc, H - 130)


def stacked(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """A certified billing program's page: a strip of boxed facts with the labels under their values, the
    parties with their tax numbers, "Original", the table, the VAT summary, the totals and the program's mentions."""
    y = letterhead(c, doc, 14, 58)
    c.text(W - 160, 40, "Original", 9, "i", 120, "right")
    c.text(330, 70, doc.word("buyer"), 7.5, "b")
    head_parties(c, doc, 330, 82, seller=False, caption=False)
    y = max(y, 150) + 10
    c.text(40, y, doc.title if doc.numbered_title else f"{doc.word('title')} {doc.number}", 13, "b")
    y += 22
    cells = [(doc.date(doc.issued), doc.word("date")), (doc.customer_no, doc.word("customer"))]
    if "due_date" in doc.shown:
        cells.insert(1, (doc.date(doc.due), doc.word("due")))
    if "po_number" in doc.shown:
        cells.append((doc.order_no, doc.word("order")))
    cells.append(
        (
            doc.currency,
            "Moeda" if doc.lang == "pt" else "Currency" if doc.lang == "en" else doc.word("amount"),
        )
    )
    w = (W - 80) / len(cells)
    for i, (value, label) in enumerate(cells):
        c.box(40 + i * w, y, w, 34, 0.5)
        c.text(44 + i * w, y + 5, value, 9.5, "b")
        c.text(44 + i * w, y + 21, label, 6.5)
    y += 46
    y = table(c, doc, 40, y, W - 80, doc.lines, ruled="rules", size=7.8, code=True)
    top = y + 8
    y = max(vat_summary(c, doc, 40, top, 250), totals(c, doc, 330, top, W - 370, boxed=True))
    y = payment_block(c, doc, rng, 40, y + 10, W - 80)
    foot_mentions(c, doc, max(y + 4, H - 140))


def ledger(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """An accountant package's invoice: two columns of key-value facts under the title, the parties as two ruled
    sections, a dense table, a VAT summary per rate beside the totals, the bank line under a rule."""
    c.text(40, 38, doc.title, 17, "b")
    meta_block(c, doc, 40, 66, 110, 8)
    y = head_parties(c, doc, 330, 40, seller=True, caption=True, size=8)
    y = max(y, 66 + 12 * len(meta(doc))) + 12
    c.rule(40, y, W - 40, y, 0.8)
    y = head_parties(c, doc, 40, y + 8, seller=False, caption=True, size=8.6) + 10
    y = table(c, doc, 40, y, W - 80, doc.lines, ruled="rules", size=7.6)
    top = y + 6
    vat_summary(c, doc, 40, top, 250, 7.4)
    y = totals(c, doc, 330, top, W - 370, size=8.6)
    y = payment_block(c, doc, rng, 40, y + 8, W - 80)
    footer(c, doc, H - 70, 6.4, 3)
    foot_mentions(c, doc, H - 120)


def freelance(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """A self-employed person's letter: the sender's lines at the top right, the buyer at the left, place and date,
    the title, a sentence introducing the work, the lines as a list, the totals, the bank, a greeting."""
    s = doc.seller
    y = 40
    for line in [s.name, s.street, s.town, s.phone, s.email]:
        c.text(W - 240, y, line, 8.8, "b" if line == s.name else "r", 200, "right")
        y += 12
    head_parties(c, doc, 56, 120, seller=False, caption=False, ids=False)
    c.text(W - 240, 190, f"{s.city}, {doc.date(doc.issued)}", 9, "r", 200, "right")
    y = 224
    c.text(56, y, doc.title, 13, "b")
    y += 20
    for label, value in meta(doc):
        c.text(56, y, f"{colon(doc, label)} {value}", 9)
        y += 13
    y += 8
    intro = {"de": "für die erbrachten Leistungen erlaube ich mir, Folgendes in Rechnung zu stellen:",
             "fr": "Veuillez trouver ci-dessous le détail des prestations réalisées :",
             "nl": "Hierbij breng ik de volgende werkzaamheden in rekening:",
             "en": "Please find below the details of the work carried out:",
             "es": "Por los servicios prestados le facturo lo siguiente:", "it": "Per le prestazioni eseguite Vi addebito quanto segue:",
             "pl": "Za wykonane usługi wystawiam rachunek jak poniżej:", "cs": "Fakturuji Vám za provedené práce:",
             "sv": "För utfört arbete debiteras enligt nedan:", "da": "For udført arbejde faktureres følgende:",
             "nb": "For utført arbeid faktureres følgende:", "fi": "Laskutamme tehdystä työstä seuraavasti:",
             "hu": "Az elvégzett munkáért az alábbiakat számlázom:", "ro": "Pentru serviciile prestate facturez următoarele:",
             "pt": "Pelos serviços prestados, apresento a seguinte fatura:"}[doc.lang]  # fmt: skip
    y = c.para(56, y, intro, W - 112, 9)
    y = table(c, doc, 56, y + 4, W - 112, doc.lines, ruled="rules", size=8)
    y = totals(c, doc, 320, y + 4, W - 376)
    y = payment_block(c, doc, rng, 56, y + 8, W - 112)
    for line in vat_lines(doc):
        c.text(56, y, line, 8)
        y += 11
    c.text(56, y + 14, doc.word("thanks"), 9, "i")
    c.text(56, y + 40, s.person, 9)
    foot_mentions(c, doc, H - 90, W - 112)


def boxed(doc: Doc, rng: random.Random, c: Canvas) -> None:
    """A form of ruled boxes (Romanian and Hungarian practice): the title box with number and dates, the supplier
    and customer boxes with their ids and banks, the table with numbered columns, totals in boxes, a signature and
    dispatch box."""
    s = doc.seller
    c.box(40, 36, W - 80, 60, 1)
    c.text(40, 44, doc.title, 16, "b", W - 80, "center")
    sub = [] if doc.numbered_title else [f"{colon(doc, doc.word('number'))} {doc.number}"]
    sub += [f"{colon(doc, doc.word('date'))} {doc.date(doc.issued)}"]
    if "due_date" in doc.shown:
        sub.append(f"{colon(doc, doc.word('due'))} {doc.date(doc.due)}")
    c.text(40, 70, "    ".join(sub), 8.4, "r", W - 80, "center")
    y = 108
    half = (W - 80) / 2
    for i, seller in enumerate((True, False)):
        x = 40 + i * half
        c.box(x, y, half, 130, 0.7)
        yy = head_parties(c, doc, x + 6, y + 6, seller=seller, size=8)
        if seller:
            for line in bank_lines(doc)[:3]:
                c.text(x + 6, yy, line, 7.4)
                yy += 9.5
    y += 142
    others = [(doc.word("delivery"), doc.date(doc.delivered)), (doc.word("customer"), doc.customer_no)]
    if "po_number" in doc.shown:
        others.append((doc.word("order"), doc.order_no))
    c.text(40, y, "    ".join(f"{colon(doc, k)} {v}" for k, v in others), 8)
    y += 14
    numbers = "   ".join(str(i) for i in range(7))
    y = table(c, doc, 40, y, W - 80, doc.lines, ruled="grid", size=7.6)
    c.text(40, y, numbers, 6.5, "i")
    y += 10
    y = totals(c, doc, 300, y + 4, W - 340, boxed=True)
    c.box(40, y + 6, W - 80, 60, 0.6)
    c.text(
        46,
        y + 10,
        {"ro": "Semnătura și ștampila furnizorului", "hu": "Kiállító aláírása"}.get(
            doc.lang, doc.word("contact")
        ),
        7,
    )
    c.text(
        W / 2,
        y + 10,
        {"ro": "Date privind expediția", "hu": "Átvevő aláírása"}.get(doc.lang, doc.word("buyer")),
        7,
    )
    c.text(46, y + 44, s.person, 8)
    y += 76
    y = c.para(40, y, payment_sentence(doc), W - 80, 8)
    if "vendor_iban" in doc.shown and not any("IBAN" in line for line in bank_lines(doc)[:3]):
        c.text(40, y, f"IBAN: {s.iban_printed}", 8)
        y += 11
    foot_mentions(c, doc, max(y + 4, H - 110))


LAYOUTS: dict[str, Callable[[Doc, random.Random, Canvas], None]] = {
    "letter": letter,
    "sidebyside": sidebyside,
    "mentions": mentions_layout,
    "grid": grid,
    "nordic": nordic,
    "slip": slip,
    "continued": continued,
    "banner": banner,
    "stacked": stacked,
    "ledger": ledger,
    "freelance": freelance,
    "boxed": boxed,
}
