"""Twenty page layouts written as HTML and CSS for WeasyPrint. A layout is a function of the Sheet (the
invoice, the way this document writes it, and a few drawn style choices) that returns the page's HTML."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from typing import Any

from evals.synth5 import ids
from evals.synth5.model import Invoice, Line, Party, Writer, cents, draw_invoice

FONTS = (
    "DejaVu Sans",
    "DejaVu Serif",
    "Liberation Sans",
    "Liberation Serif",
    "DejaVu Sans Condensed",
    "Liberation Sans Narrow",
)
ACCENTS = ("#1f4e79", "#7a1f1f", "#2e6b3a", "#444444", "#5b2c83", "#9a6700", "#00606b")

REG_LABELS = {
    "ein": "EIN", "company_no": "Company No.", "pan": "PAN", "cin": "CIN", "acn": "ACN", "tax_no": "Steuernummer",
    "register": "", "siret": "SIRET", "rcs": "RCS", "rpm": "RPM", "kvk": "KvK", "rea": "REA", "regimen": "Régimen fiscal",
    "capital": "", "ie": "Inscrição Estadual", "krs": "KRS", "regon": "REGON", "orgnr": "Org.nr", "fskatt": "Godkänd för F-skatt",
    "ytunnus": "Y-tunnus", "ico": "IČO",
}  # fmt: skip
ACCOUNT_LABELS = {"routing": "Routing (ABA)", "account": "Account No.", "ifsc": "IFSC", "bsb": "BSB", "clabe": "CLABE",
                  "banco": "Banco", "agencia": "Agência", "conta": "Conta corrente"}  # fmt: skip


@dataclass
class Sheet:
    invoice: Invoice
    w: Writer
    rng: random.Random
    layout: str
    font: str
    accent: str
    iban: str | None
    """the seller's IBAN as this page prints it (None: no IBAN printed)"""
    size: float = 9.0
    upper_names: bool = False
    extras: dict[str, Any] = field(default_factory=dict)


def e(text: object) -> str:
    return escape(str(text), quote=True)


# ------------------------------------------------------------------ blocks


def address_lines(w: Writer, p: Party, *, country: bool = False) -> list[str]:
    c = p.country
    if c == "US":
        lines = [p.street, f"{p.city}, {p.region} {p.postcode}"]
    elif c in ("GB", "IE"):
        lines = [p.street, p.city, p.postcode]
    elif c == "IN":
        lines = [p.street, f"{p.city} - {p.postcode}", p.region]
    elif c == "AU":
        lines = [p.street, f"{p.city} {p.region} {p.postcode}"]
    elif c == "MX":
        lines = [p.street, f"C.P. {p.postcode} {p.city}, {p.region}"]
    elif c == "BR":
        lines = [p.street, f"{p.city} - {p.region}", f"CEP {p.postcode}"]
    elif c == "IT":
        lines = [p.street, f"{p.postcode} {p.city} ({p.region})"]
    elif c == "CH":
        lines = [p.street, f"CH-{p.postcode} {p.city}" if w.rng.random() < 0.3 else f"{p.postcode} {p.city}"]
    else:
        lines = [p.street, f"{p.postcode} {p.city}"]
    if country:
        lines.append(w.country(c))
    return lines


def name_html(s: Sheet, name: str, cls: str = "name") -> str:
    return f'<div class="{cls}">{e(name.upper() if s.upper_names else name)}</div>'


def party_block(
    s: Sheet, p: Party, label: str | None = None, *, vat: bool = True, contact: bool = False
) -> str:
    w = s.w
    out = [f'<div class="lbl">{e(w.label(label))}</div>' if label else ""]
    out.append(name_html(s, p.name, "pname"))
    out += [f"<div>{e(x)}</div>" for x in address_lines(w, p, country=w.rng.random() < 0.2)]
    if vat and p.vat_id:
        out.append(f"<div>{e(w.label('vat_label'))}: {e(p.vat_id)}</div>")
    if contact:
        out.append(f"<div>{e(w.label('tel'))} {e(p.phone)}</div><div>{e(p.email)}</div>")
    return "".join(out)


def regs_lines(s: Sheet, p: Party) -> list[str]:
    out = []
    for kind, value in p.regs:
        label = REG_LABELS.get(kind, kind)
        if kind == "register" and p.country == "DE":
            out.append(f"Amtsgericht {p.city}, {value}")
        elif kind == "register" and p.country == "AT":
            out.append(f"Firmenbuch {value}, Handelsgericht {p.city}")
        elif kind == "register" and p.country == "CZ":
            out.append(f"Spisová značka {value}")
        elif kind == "register":
            out.append(f"R.M. {p.city}, {value}")
        elif kind == "capital":
            out.append(
                f"Capital social {s.w.number(Decimal(s.rng.choice(['5000', '50000', '250000'])), 0)} €"
            )
        elif kind in ("rcs", "rpm"):
            out.append(f"{label} {p.city} {value}")
        elif kind == "fskatt":
            out.append(label)
        else:
            out.append(f"{label} {value}")
    return out


def seller_ids(s: Sheet) -> list[str]:
    p, w = s.invoice.seller, s.w
    out = [f"{w.label('vat_label')}: {p.vat_id}"] if p.vat_id else []
    return out + regs_lines(s, p)


def bank_lines(s: Sheet) -> list[str]:
    p, w = s.invoice.seller, s.w
    out = [p.bank]
    if s.iban:
        out += [f"IBAN: {s.iban}", f"BIC: {p.bic}"]
    for kind, value in p.account:
        out.append(f"{ACCOUNT_LABELS[kind]}: {value}")
    if s.rng.random() < 0.4:
        out.append(f"{w.label('holder')}: {p.name}")
    return out


def meta_rows(
    s: Sheet, keys: tuple[str, ...] = ("number", "date", "due", "po", "customer_no", "order", "delivery")
) -> list[tuple[str, str]]:
    inv, w = s.invoice, s.w
    rows: list[tuple[str, str]] = []
    for key in keys:
        if key == "number":
            rows.append((w.label("credit_number" if inv.credit else "number"), inv.number))
        elif key == "date":
            rows.append((w.label("date"), w.date(inv.issue)))
        elif key == "due" and inv.due:
            rows.append((w.label("due"), w.date(inv.due)))
        elif key == "po" and inv.po:
            rows.append((w.label("po"), inv.po))
        elif key == "customer_no" and inv.customer_no:
            rows.append((w.label("customer_no"), inv.customer_no))
        elif key == "order" and inv.order_no:
            rows.append((w.label("order"), inv.order_no))
        elif key == "our_ref" and inv.our_ref:
            rows.append((w.label("our_ref"), inv.our_ref))
        elif key == "delivery" and inv.delivery:
            rows.append((w.label("delivery"), w.date(inv.delivery)))
        elif key == "period" and inv.period:
            rows.append((w.label("period"), f"{w.date(inv.period[0])} – {w.date(inv.period[1])}"))
        elif key == "original" and inv.preceding and inv.preceding_date:
            rows.append((w.label("original"), f"{inv.preceding} ({w.date(inv.preceding_date)})"))
    if needs_code(w) and not s.extras.get("code_elsewhere"):
        rows.append((w.label("currency"), inv.currency))
    return rows


def needs_code(w: Writer) -> bool:
    pattern = w.money_pattern
    return not ("{c}" in pattern or ("{s}" in pattern and w.loc.sign_unique))


def meta_table(rows: list[tuple[str, str]], cls: str = "meta") -> str:
    body = "".join(f'<tr><th>{e(k)}</th><td class="v">{e(v)}</td></tr>' for k, v in rows)
    return f'<table class="{cls}">{body}</table>'


def meta_band(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f'<td><div class="lbl">{e(k)}</div><div class="v">{e(v)}</div></td>' for k, v in rows)
    return f'<table class="band"><tr>{cells}</tr></table>'


COLUMNS = {
    "std": ("pos", "desc", "qty", "unit", "price", "amount"),
    "sku": ("pos", "sku", "desc", "qty", "price", "amount"),
    "simple": ("desc", "qty", "price", "amount"),
    "disc": ("pos", "desc", "qty", "unit", "price", "disc", "amount"),
    "vat": ("pos", "desc", "qty", "price", "vat", "amount"),
    "hours": ("day", "staff", "desc", "hours", "rate", "amount"),
    "wrap": ("pos", "sku", "desc", "qty", "unit", "price", "vat", "amount"),
}
HEAD = {"pos": "pos", "sku": "sku", "desc": "desc", "qty": "qty", "unit": "unit", "price": "unit_price", "disc": "discount",
        "vat": "vat_rate", "amount": "amount", "day": "date", "staff": "staff", "hours": "hours", "rate": "rate"}  # fmt: skip


def cell(s: Sheet, col: str, line: Line) -> str:
    w = s.w
    money = s.extras.get("money_cells", False)
    value = {
        "pos": str(line.pos), "sku": line.sku, "desc": line.text, "qty": w.quantity(line.quantity),
        "unit": w.units[line.unit], "price": w.money(line.price) if money else w.number(line.price),
        "disc": w.percent(line.discount) if line.discount else "–", "vat": w.percent(line.rate),
        "amount": w.money(line.net, signed=True) if money else w.number(-line.net if w.negative else line.net),
        "day": w.date(line.day) if line.day else "", "staff": line.staff, "hours": w.quantity(line.quantity),
        "rate": w.money(line.price) if money else w.number(line.price),
    }[col]  # fmt: skip
    cls = "d" if col in ("desc", "staff") else "n"
    return f'<td class="{cls} c-{col}">{e(value)}</td>'


def items_table(
    s: Sheet, kind: str, lines: list[Line] | None = None, *, before: str = "", after: str = ""
) -> str:
    w = s.w
    cols = COLUMNS[kind]
    head = "".join(
        f'<th class="c-{c}{"" if c in ("desc", "staff", "sku") else " n"}">{e(w.label(HEAD[c]))}</th>'
        for c in cols
    )
    rows = "".join(
        "<tr>" + "".join(cell(s, c, line) for c in cols) + "</tr>" for line in (lines or s.invoice.lines)
    )
    return f'<table class="items"><thead><tr>{head}</tr></thead><tbody>{before}{rows}{after}</tbody></table>'


def total_rows(s: Sheet, *, due_row: bool | None = None) -> list[tuple[str, str, str]]:
    """(label, amount, css class) rows of the totals block."""
    inv, w = s.invoice, s.w
    rows: list[tuple[str, str, str]] = []
    if inv.shipping:
        rows.append((w.label("shipping"), w.money(inv.shipping), ""))
    rows.append((w.label("subtotal"), w.money(inv.net_total, signed=True), ""))
    for tax in inv.taxes:
        rows.append((f"{w.label('vat')} {w.percent(tax.rate)}", w.money(tax.tax, signed=True), ""))
    if len(inv.taxes) > 1:
        rows.append((w.label("vat_total"), w.money(inv.tax_total, signed=True), ""))
    rows.append((w.label("total"), w.money(inv.grand_total, signed=True), "grand"))
    if inv.prepaid:
        rows.append((w.label("prepaid"), w.money(-inv.prepaid), ""))
        rows.append((w.label("due_amount"), w.money(inv.amount_due), "grand"))
    elif due_row if due_row is not None else s.rng.random() < 0.3:
        rows.append((w.label("due_amount"), w.money(inv.amount_due, signed=True), "grand"))
    return rows


def totals_table(s: Sheet, cls: str = "totals") -> str:
    body = "".join(
        f'<tr class="{c}"><th>{e(k)}</th><td class="n">{e(v)}</td></tr>' for k, v, c in total_rows(s)
    )
    return f'<table class="{cls}">{body}</table>'


def vat_summary(s: Sheet) -> str:
    inv, w = s.invoice, s.w
    head = (
        f"<tr><th>{e(w.label('vat_rate'))}</th><th>{e(w.label('base'))}</th><th>{e(w.label('vat'))}</th></tr>"
    )
    rows = "".join(
        f'<tr><td>{e(w.percent(t.rate))}</td><td class="n">{e(w.number(t.base))}</td><td class="n">{e(w.number(t.tax))}</td></tr>'
        for t in inv.taxes
    )
    total = f'<tr class="sum"><td>Σ</td><td class="n">{e(w.number(inv.net_total))}</td><td class="n">{e(w.number(inv.tax_total))}</td></tr>'
    return f'<div class="lbl">{e(w.label("summary"))}</div><table class="vatsum">{head}{rows}{total}</table>'


def paragraphs(s: Sheet, *, many: bool = False) -> str:
    inv, w = s.invoice, s.w
    rng = s.rng
    out = []
    fmt = {"days": str(inv.terms_days), "due": w.date(inv.due) if inv.due else "", "due_amount": w.money(inv.amount_due),
           "other_date": w.date(inv.other_date), "other_amount": w.money(inv.other_amount),
           "orig": inv.preceding or f"{inv.number[:-2]}{rng.randint(10, 99)}" if inv.number[-2:].isdigit() else f"{rng.randint(1000, 9999)}",
           "orig_date": w.date(inv.preceding_date) if inv.preceding_date else w.date(inv.other_date),
           "late": w.percent(Decimal(rng.choice(["1.5", "8", "9", "10"]))),
           "p_from": w.date(inv.period[0]) if inv.period else "", "p_to": w.date(inv.period[1]) if inv.period else ""}  # fmt: skip
    if inv.early:
        pct, when = inv.early
        fmt.update(
            disc=w.percent(pct),
            disc_date=w.date(when),
            disc_amount=w.money(cents(inv.amount_due * (100 - pct) / 100)),
        )
    if inv.credit:
        out.append(w.text("credit_text", **fmt))
    if inv.period:
        out.append(w.text("service_text", **fmt))
    if inv.due:
        out.append(w.text("terms_text", **fmt))
    if inv.early:
        out.append(w.text("early_text", **fmt))
    if many:
        out.append(w.text("late_text", **fmt))
        out.append(w.text("prev_text", **fmt))
    out.append(w.label("thanks"))
    return "".join(f"<p>{e(x)}</p>" for x in out if x)


def footer_columns(s: Sheet, fixed: bool = True) -> str:
    p, w = s.invoice.seller, s.w
    cols = [
        [p.name, *address_lines(w, p)],
        [f"{w.label('tel')} {p.phone}", f"{w.label('email')}: {p.email}", f"{w.label('web')}: {p.web}"],
        bank_lines(s),
        seller_ids(s),
    ]
    if s.rng.random() < 0.3:
        cols = [cols[0], cols[2], cols[3]]
    cells = "".join("<td>" + "".join(f"<div>{e(x)}</div>" for x in col) + "</td>" for col in cols)
    return f'<div class="{"footer" if fixed else "foot-static"}"><table class="fcols"><tr>{cells}</tr></table></div>'


def letterhead(s: Sheet, align: str = "left", *, details: bool = True) -> str:
    p, w = s.invoice.seller, s.w
    bits = [name_html(s, p.name, "logo")]
    if details:
        bits.append(f'<div class="small">{e(" · ".join([*address_lines(w, p), p.phone, p.email]))}</div>')
    return f'<div class="head" style="text-align:{align}">{"".join(bits)}</div>'


def sender_line(s: Sheet) -> str:
    p, w = s.invoice.seller, s.w
    return f'<div class="sender">{e(" · ".join([p.name, *address_lines(w, p)]))}</div>'


def title(s: Sheet, tag: str = "h1", with_number: bool = False) -> str:
    inv, w = s.invoice, s.w
    text = w.label("credit" if inv.credit else "title")
    if with_number:
        text = f"{text} {inv.number}"
    return f'<{tag} class="title">{e(text)}</{tag}>'


def remittance(s: Sheet) -> str:
    inv, w = s.invoice, s.w
    rows = [(w.label("number"), inv.number)]
    if inv.customer_no:
        rows.append((w.label("customer_no"), inv.customer_no))
    if inv.due:
        rows.append((w.label("due"), w.date(inv.due)))
    rows.append((w.label("due_amount"), w.money(inv.amount_due)))
    pay = bank_lines(s)
    return (
        f'<div class="remit"><div class="cut">✂ {e(w.label("detach"))}</div>'
        f'<table class="two"><tr><td><div class="lbl">{e(w.label("remit"))}</div>{name_html(s, inv.seller.name, "pname")}'
        + "".join(f"<div>{e(x)}</div>" for x in pay)
        + f'</td><td>{meta_table(rows)}<div class="small">{e(inv.buyer.name)}</div></td></tr></table></div>'
    )


# ------------------------------------------------------------------ CSS

BASE_CSS = """
@page {{ size: {paper}; margin: {margin}; @bottom-right {{ content: {page}; font-size: 7pt; color: #666; }} }}
body {{ font-family: "{font}"; font-size: {size}pt; color: #222; line-height: 1.25; }}
table {{ border-collapse: collapse; }}
.items {{ width: 100%; margin-top: 4mm; }}
.items th {{ background: {accent}; color: white; text-align: left; padding: 1.5mm 1.5mm; font-weight: bold; }}
.items td {{ padding: 1.2mm 1.5mm; border-bottom: 0.3pt solid #bbb; vertical-align: top; }}
td.n, th.n {{ text-align: right; white-space: nowrap; }}
td.c-desc {{ width: {desc_width}; }}
.totals {{ margin-left: auto; margin-top: 3mm; min-width: 75mm; }}
.totals th {{ text-align: left; font-weight: normal; padding: 0.8mm 3mm 0.8mm 0; }}
.totals td {{ padding: 0.8mm 0; }}
.totals tr.grand th, .totals tr.grand td {{ font-weight: bold; border-top: 0.8pt solid #222; }}
.meta th {{ text-align: left; font-weight: normal; color: #555; padding: 0.4mm 3mm 0.4mm 0; }}
.meta td {{ font-weight: bold; white-space: nowrap; }}
.lbl {{ font-size: 7pt; text-transform: none; color: #666; margin-bottom: 0.5mm; }}
.logo {{ font-size: 15pt; font-weight: bold; color: {accent}; }}
.pname {{ font-weight: bold; }}
.small {{ font-size: 7pt; color: #555; }}
.sender {{ font-size: 6.5pt; text-decoration: underline; margin-bottom: 1.5mm; color: #444; }}
h1.title {{ font-size: 17pt; margin: 4mm 0 2mm 0; color: {accent}; }}
h2.title {{ font-size: 13pt; margin: 3mm 0 2mm 0; }}
.two {{ width: 100%; }} .two > tbody > tr > td {{ vertical-align: top; width: 50%; padding-right: 4mm; }}
.band {{ width: 100%; margin: 3mm 0; border-top: 1pt solid {accent}; border-bottom: 1pt solid {accent}; }}
.band td {{ padding: 1.5mm 2mm; vertical-align: top; }} .band .v {{ font-weight: bold; }}
.footer {{ position: fixed; bottom: -8mm; left: 0; right: 0; font-size: 6.5pt; color: #444; border-top: 0.5pt solid #999; padding-top: 1mm; }}
.foot-static {{ font-size: 6.5pt; color: #444; border-top: 0.5pt solid #999; padding-top: 1mm; margin-top: 8mm; }}
.fcols {{ width: 100%; }} .fcols td {{ vertical-align: top; padding-right: 3mm; }}
.remit {{ margin-top: 10mm; border-top: 1pt dashed #444; padding-top: 2mm; page-break-inside: avoid; }}
.cut {{ font-size: 7pt; color: #555; margin-bottom: 2mm; }}
.vatsum {{ margin-top: 2mm; }} .vatsum th, .vatsum td {{ padding: 0.6mm 3mm; border-bottom: 0.3pt solid #bbb; }}
.vatsum tr.sum td {{ font-weight: bold; }}
p {{ margin: 1.2mm 0; }}
.box {{ border: 0.6pt solid #444; padding: 2mm; }}
"""


def css(s: Sheet, extra: str = "", *, margin: str = "16mm 15mm 22mm 15mm", desc_width: str = "auto") -> str:
    page_words = s.w.label("page").split("{n}")
    first = page_words[0]
    middle, _, last = page_words[1].partition("{of}") if len(page_words) > 1 else ("", "", "")
    prev = "{prev}"
    page = f'"{first}" counter(page) "{middle}" counter(pages) "{last}"'.replace(prev, "")
    return BASE_CSS.format(paper=s.w.loc.paper, margin=margin, page=page, font=s.font, size=s.size, accent=s.accent,
                           desc_width=desc_width) + extra  # fmt: skip


def page(s: Sheet, body: str, extra_css: str = "", **kw: Any) -> str:
    lang = s.w.loc.tag
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(s.invoice.number)}</title><style>{css(s, extra_css, **kw)}</style></head><body>{body}</body></html>'


# ------------------------------------------------------------------ the layouts


def letter_left(s: Sheet) -> str:
    meta = meta_table(meta_rows(s, ("number", "date", "delivery", "customer_no", "po", "due")))
    body = (
        letterhead(s, "left", details=False)
        + f'<table class="two" style="margin-top:8mm"><tr><td>{sender_line(s)}{party_block(s, s.invoice.buyer)}</td><td>{meta}</td></tr></table>'
        + title(s, "h2", with_number=s.rng.random() < 0.5)
        + items_table(s, "std")
        + totals_table(s)
        + paragraphs(s)
        + footer_columns(s)
    )
    return page(s, body, margin="14mm 15mm 34mm 20mm")


def letter_right(s: Sheet) -> str:
    meta = meta_table(meta_rows(s, ("date", "number", "po", "order", "due")))
    body = (
        letterhead(s, "right")
        + f'<table class="two" style="margin-top:10mm"><tr><td>{party_block(s, s.invoice.buyer, "bill_to")}</td><td>{title(s)}{meta}</td></tr></table>'
        + items_table(s, "sku")
        + totals_table(s)
        + paragraphs(s)
        + '<div class="box" style="margin-top:4mm">'
        + "<br>".join(e(x) for x in [s.w.label("bank"), *bank_lines(s)])
        + "</div>"
        + '<div class="small" style="margin-top:3mm">'
        + e(" · ".join(seller_ids(s)))
        + "</div>"
    )
    return page(s, body)


def letter_centre(s: Sheet) -> str:
    inv = s.invoice
    body = (
        letterhead(s, "center")
        + f'<div style="text-align:center">{title(s)}</div>'
        + meta_band(meta_rows(s, ("number", "date", "due", "customer_no", "po")))
        + f'<table class="two"><tr><td>{party_block(s, inv.seller, "seller", contact=True)}</td><td>{party_block(s, inv.buyer, "bill_to")}</td></tr></table>'
        + items_table(s, "simple")
        + totals_table(s)
        + paragraphs(s)
        + footer_columns(s, fixed=False)
    )
    return page(s, body)


def two_party(s: Sheet) -> str:
    inv = s.invoice
    ship = party_block(s, inv.buyer, "ship_to", vat=False) if s.rng.random() < 0.5 else ""
    body = (
        f'<table class="two"><tr><td>{title(s)}</td><td>{meta_table(meta_rows(s, ("number", "date", "due", "order", "po")))}</td></tr></table>'
        + f'<table class="two" style="margin-top:4mm"><tr><td class="box">{party_block(s, inv.seller, "seller", contact=True)}</td>'
        + f'<td class="box">{party_block(s, inv.buyer, "bill_to")}</td>{f"<td>{ship}</td>" if ship else ""}</tr></table>'
        + items_table(s, "std")
        + totals_table(s)
        + paragraphs(s)
        + '<div class="small">'
        + e(" · ".join(bank_lines(s)))
        + "</div>"
    )
    return page(s, body)


def sidebar(s: Sheet) -> str:
    inv, w = s.invoice, s.w
    side = (
        name_html(s, inv.seller.name, "logo")
        + "".join(f"<div>{e(x)}</div>" for x in address_lines(w, inv.seller))
        + '<div style="margin-top:5mm">'
        + "".join(
            f'<div class="lbl">{e(k)}</div><div class="sv">{e(v)}</div>'
            for k, v in meta_rows(s, ("number", "date", "due", "customer_no", "po"))
        )
        + "</div>"
        + f'<div style="margin-top:5mm">{party_block(s, inv.buyer, "bill_to")}</div>'
        + '<div style="margin-top:5mm" class="small">'
        + "<br>".join(e(x) for x in [*bank_lines(s), *seller_ids(s)])
        + "</div>"
    )
    main = title(s) + items_table(s, "simple") + totals_table(s) + paragraphs(s)
    body = f'<table class="layout"><tr><td class="side">{side}</td><td class="main">{main}</td></tr></table>'
    extra = (".layout { width: 100%; } .layout td { vertical-align: top; } .side { width: 34%; background: #eef1f5; padding: 4mm; }"
             " .main { padding-left: 5mm; } .sv { font-weight: bold; white-space: nowrap; margin-bottom: 1mm; } .side .logo { font-size: 12pt; }")  # fmt: skip
    return page(s, body, extra, margin="12mm 12mm 18mm 12mm")


def footer_cols(s: Sheet) -> str:
    inv = s.invoice
    body = (
        f'<table class="two"><tr><td>{name_html(s, inv.seller.name, "logo")}</td><td style="text-align:right">{title(s)}</td></tr></table>'
        + f'<table class="two" style="margin-top:6mm"><tr><td>{party_block(s, inv.buyer)}</td><td>{meta_table(meta_rows(s, ("number", "date", "due", "po", "customer_no", "our_ref")))}</td></tr></table>'
        + items_table(s, "std")
        + totals_table(s)
        + paragraphs(s)
        + footer_columns(s)
    )
    return page(s, body, margin="14mm 15mm 38mm 15mm")


def with_remittance(s: Sheet) -> str:
    inv = s.invoice
    body = (
        letterhead(s, "left")
        + f'<table class="two" style="margin-top:6mm"><tr><td>{party_block(s, inv.buyer, "bill_to")}</td><td>{title(s)}{meta_table(meta_rows(s, ("number", "date", "customer_no", "po", "due")))}</td></tr></table>'
        + items_table(s, "std")
        + totals_table(s)
        + paragraphs(s)
        + '<div class="small">'
        + e(" · ".join(seller_ids(s)))
        + "</div>"
        + remittance(s)
    )
    return page(s, body)


def multipage(s: Sheet) -> str:
    inv, w = s.invoice, s.w
    per = s.rng.choice([18, 20, 22])
    chunks = [inv.lines[i : i + per] for i in range(0, len(inv.lines), per)]
    parts = []
    running = Decimal("0")
    cols = len(COLUMNS["std"])
    for number, chunk in enumerate(chunks):
        before = after = ""
        if number:
            before = f'<tr class="carry"><td colspan="{cols - 1}">{e(w.label("brought").format(prev=number))}</td><td class="n">{e(w.number(running))}</td></tr>'
        running += sum((line.net for line in chunk), Decimal("0"))
        if number < len(chunks) - 1:
            after = f'<tr class="carry"><td colspan="{cols - 1}">{e(w.label("carried"))}</td><td class="n">{e(w.number(running))}</td></tr>'
        brk = ' style="page-break-after: always"' if number < len(chunks) - 1 else ""
        parts.append(f"<div{brk}>{items_table(s, 'std', chunk, before=before, after=after)}</div>")
    body = (
        letterhead(s, "left")
        + f'<table class="two" style="margin-top:5mm"><tr><td>{sender_line(s)}{party_block(s, inv.buyer)}</td><td>{title(s, "h2")}{meta_table(meta_rows(s))}</td></tr></table>'
        + "".join(parts)
        + totals_table(s)
        + paragraphs(s)
        + '<div class="small">'
        + e(" · ".join([*bank_lines(s), *seller_ids(s)]))
        + "</div>"
    )
    return page(
        s, body, ".carry td { font-style: italic; background: #f2f2f2; }", margin="12mm 15mm 18mm 15mm"
    )


def discount_col(s: Sheet) -> str:
    inv = s.invoice
    body = (
        letterhead(s, "left")
        + f'<table class="two" style="margin-top:6mm"><tr><td>{party_block(s, inv.buyer, "bill_to")}</td><td>{title(s)}{meta_table(meta_rows(s, ("number", "date", "due", "customer_no", "order", "po")))}</td></tr></table>'
        + items_table(s, "disc")
        + totals_table(s)
        + paragraphs(s)
        + footer_columns(s)
    )
    return page(s, body, margin="14mm 15mm 34mm 15mm")


def vat_lines(s: Sheet) -> str:
    inv = s.invoice
    body = (
        f'<table class="two"><tr><td>{letterhead(s, "left")}</td><td style="text-align:right">{title(s)}</td></tr></table>'
        + f'<table class="two" style="margin-top:5mm"><tr><td>{party_block(s, inv.buyer, "bill_to")}</td><td>{meta_table(meta_rows(s, ("number", "date", "delivery", "due", "po")))}</td></tr></table>'
        + items_table(s, "vat")
        + f'<table class="two"><tr><td>{vat_summary(s)}</td><td>{totals_table(s)}</td></tr></table>'
        + paragraphs(s)
        + footer_columns(s)
    )
    return page(s, body, margin="14mm 15mm 34mm 15mm")


def hours(s: Sheet) -> str:
    inv = s.invoice
    body = (
        letterhead(s, "right")
        + f'<table class="two" style="margin-top:6mm"><tr><td>{party_block(s, inv.buyer, "bill_to")}</td><td>{title(s)}{meta_table(meta_rows(s, ("number", "date", "period", "our_ref", "po", "due")))}</td></tr></table>'
        + items_table(s, "hours")
        + totals_table(s)
        + paragraphs(s)
        + '<div class="small">'
        + e(" · ".join([*bank_lines(s), *seller_ids(s)]))
        + "</div>"
    )
    return page(s, body)


def terms_notes(s: Sheet) -> str:
    inv, w = s.invoice, s.w
    body = (
        letterhead(s, "left")
        + f'<table class="two" style="margin-top:6mm"><tr><td>{sender_line(s)}{party_block(s, inv.buyer)}</td><td>{meta_table(meta_rows(s, ("date", "number", "customer_no", "po", "delivery")))}</td></tr></table>'
        + title(s, "h2")
        + items_table(s, "std")
        + totals_table(s)
        + f'<div class="lbl" style="margin-top:4mm">{e(w.label("terms"))}</div>'
        + paragraphs(s, many=True)
        + footer_columns(s, fixed=False)
    )
    return page(s, body)


def credit_note(s: Sheet) -> str:
    inv = s.invoice
    body = (
        letterhead(s, s.rng.choice(["left", "right"]))
        + f'<table class="two" style="margin-top:6mm"><tr><td>{party_block(s, inv.buyer, "bill_to")}</td><td>{title(s)}{meta_table(meta_rows(s, ("number", "date", "original", "customer_no", "po")))}</td></tr></table>'
        + items_table(s, s.rng.choice(["std", "simple"]))
        + totals_table(s)
        + paragraphs(s)
        + footer_columns(s)
    )
    return page(s, body, margin="14mm 15mm 34mm 15mm")


def refs_box(s: Sheet) -> str:
    inv = s.invoice
    refs = meta_rows(s, ("number", "po", "order", "customer_no", "our_ref", "date", "delivery", "due"))
    body = (
        f'<table class="two"><tr><td>{letterhead(s, "left")}</td><td>{title(s)}<div class="box">{meta_table(refs)}</div></td></tr></table>'
        + f'<div style="margin-top:5mm">{party_block(s, inv.buyer, "bill_to")}</div>'
        + items_table(s, "sku")
        + totals_table(s)
        + paragraphs(s)
        + footer_columns(s)
    )
    return page(s, body, margin="14mm 15mm 34mm 15mm")


def wrap_desc(s: Sheet) -> str:
    inv = s.invoice
    body = (
        letterhead(s, "left")
        + f'<table class="two" style="margin-top:6mm"><tr><td>{party_block(s, inv.buyer, "bill_to")}</td><td>{title(s)}{meta_table(meta_rows(s, ("number", "date", "due", "po")))}</td></tr></table>'
        + items_table(s, "wrap")
        + totals_table(s)
        + paragraphs(s)
        + footer_columns(s)
    )
    return page(s, body, margin="14mm 15mm 34mm 15mm", desc_width="42%")


def us_simple(s: Sheet) -> str:
    inv, w = s.invoice, s.w
    terms = [(w.label("terms"), f"Net {inv.terms_days}" if w.loc.lang == "en" else str(inv.terms_days))]
    band = meta_band([*meta_rows(s, ("po", "customer_no")), *terms, *meta_rows(s, ("due",))])
    s.extras["code_elsewhere"] = True
    top = meta_table(meta_rows(s, ("number", "date")))
    s.extras["code_elsewhere"] = False
    body = (
        f'<table class="two"><tr><td>{party_block(s, inv.seller, None, contact=True)}</td><td style="text-align:right">'
        f'<div style="font-size:26pt;font-weight:bold;color:{s.accent}">{e(w.label("credit" if inv.credit else "title"))}</div>{top}</td></tr></table>'
        + f'<table class="two" style="margin-top:5mm"><tr><td>{party_block(s, inv.buyer, "bill_to")}</td><td>{party_block(s, inv.buyer, "ship_to", vat=False)}</td></tr></table>'
        + band
        + items_table(s, "simple")
        + totals_table(s)
        + paragraphs(s)
        + '<div class="small">'
        + e(" · ".join([*bank_lines(s), *seller_ids(s)]))
        + "</div>"
    )
    return page(s, body)


def boxed_form(s: Sheet) -> str:
    inv = s.invoice
    rows = meta_rows(s, ("number", "date", "due", "customer_no", "po", "order"))
    cells = "".join(
        f'<td class="fbox"><div class="lbl">{e(k)}</div><div class="v">{e(v)}</div></td>' for k, v in rows
    )
    body = (
        f'<table class="form"><tr><td class="fbox" colspan="3">{party_block(s, inv.seller, "seller", contact=True)}</td>'
        f'<td class="fbox" colspan="3">{title(s, "h2")}</td></tr>'
        f'<tr><td class="fbox" colspan="6">{party_block(s, inv.buyer, "bill_to")}</td></tr><tr>{cells}</tr></table>'
        + items_table(s, "sku")
        + totals_table(s)
        + paragraphs(s)
        + '<div class="box small">'
        + e(" · ".join([*bank_lines(s), *seller_ids(s)]))
        + "</div>"
    )
    extra = ".form { width: 100%; } .fbox { border: 0.6pt solid #333; padding: 1.5mm; vertical-align: top; } .fbox .v { font-weight: bold; }"
    return page(s, body, extra)


def band(s: Sheet) -> str:
    inv = s.invoice
    body = (
        f'<table class="two"><tr><td>{name_html(s, inv.seller.name, "logo")}<div class="small">{e(", ".join(address_lines(s.w, inv.seller)))}</div></td>'
        f'<td style="text-align:right">{title(s)}</td></tr></table>'
        + meta_band(meta_rows(s, ("number", "date", "due", "po", "customer_no")))
        + party_block(s, inv.buyer, "bill_to")
        + items_table(s, "std")
        + totals_table(s, "totals hl")
        + paragraphs(s)
        + footer_columns(s)
    )
    return page(
        s, body, ".hl tr.grand td { background: #ffe9a8; padding: 1mm; }", margin="14mm 15mm 34mm 15mm"
    )


def letter_prose(s: Sheet) -> str:
    inv, w = s.invoice, s.w
    body = (
        letterhead(s, "right")
        + f'<div style="margin-top:12mm">{sender_line(s)}{party_block(s, inv.buyer)}</div>'
        + f'<div style="text-align:right">{e(inv.seller.city)}, {e(w.date(inv.issue))}</div>'
        + f'<div style="margin-top:6mm;font-weight:bold">{e(w.label("credit" if inv.credit else "title"))} {e(w.label("credit_number" if inv.credit else "number"))} {e(inv.number)}</div>'
        + meta_table([r for r in meta_rows(s, ("customer_no", "po", "due", "delivery")) if r])
        + items_table(s, "simple")
        + totals_table(s)
        + paragraphs(s, many=s.rng.random() < 0.5)
        + f'<p style="margin-top:6mm">{e(inv.seller.contact)}<br>{e(inv.seller.name)}</p>'
        + footer_columns(s)
    )
    return page(s, body, margin="14mm 18mm 34mm 22mm")


def totals_left(s: Sheet) -> str:
    inv = s.invoice
    grid = meta_rows(s, ("number", "date", "due", "po", "customer_no", "our_ref", "delivery", "order"))
    half = (len(grid) + 1) // 2
    body = (
        f'<table class="two"><tr><td>{title(s)}{party_block(s, inv.buyer, "bill_to")}</td><td style="text-align:right">{letterhead(s, "right")}</td></tr></table>'
        + f'<table class="two" style="margin-top:4mm"><tr><td>{meta_table(grid[:half])}</td><td>{meta_table(grid[half:])}</td></tr></table>'
        + items_table(s, "std")
        + f'<table class="two"><tr><td>{totals_table(s, "totals lft")}</td><td>{paragraphs(s)}</td></tr></table>'
        + footer_columns(s)
    )
    return page(s, body, ".lft { margin-left: 0; }", margin="14mm 15mm 34mm 15mm")


@dataclass(frozen=True)
class Spec:
    render: Callable[[Sheet], str]
    lines: tuple[int, int] = (2, 7)
    credit: float = 0.0
    draw: dict[str, Any] = field(default_factory=dict)
    money_cells: float = 0.2


LAYOUTS: dict[str, Spec] = {
    "letter_left": Spec(letter_left, credit=0.05),
    "letter_right": Spec(letter_right),
    "letter_centre": Spec(letter_centre, (1, 5)),
    "two_party": Spec(two_party, credit=0.05),
    "sidebar": Spec(sidebar, (1, 5)),
    "footer_cols": Spec(footer_cols, (3, 9)),
    "remittance": Spec(with_remittance, (1, 5)),
    "multipage": Spec(multipage, (30, 55), draw={"shipping": 0.0}),
    "discount_col": Spec(discount_col, (3, 8), draw={"discount": True}),
    "vat_lines": Spec(vat_lines, (3, 8), draw={"mixed_rates": True}),
    "hours": Spec(hours, (2, 8), draw={"service": True}),
    "terms_notes": Spec(terms_notes, (2, 5), draw={"due": 1.0}),
    "credit_note": Spec(credit_note, (1, 4), credit=1.0),
    "refs_box": Spec(refs_box, (2, 6), draw={"po": 1.0}),
    "wrap_desc": Spec(wrap_desc, (2, 6), draw={"long_text": True, "mixed_rates": True}),
    "us_simple": Spec(us_simple, (1, 6), money_cells=0.6),
    "boxed_form": Spec(boxed_form, (2, 6)),
    "band": Spec(band, (2, 6), draw={"prepaid": True}),
    "letter_prose": Spec(letter_prose, (1, 4)),
    "totals_left": Spec(totals_left, (2, 7)),
}


def draw_sheet(layout: str, tag: str, rng: random.Random) -> Sheet:
    spec = LAYOUTS[layout]
    credit = rng.random() < spec.credit
    invoice = draw_invoice(rng, tag, lines=spec.lines, credit=credit, **spec.draw)
    w = Writer(tag, rng, negative=credit and rng.random() < 0.5)
    iban = invoice.seller.iban
    printed = None if iban is None else (ids.grouped(iban) if rng.random() < 0.7 else iban)
    sheet = Sheet(invoice, w, rng, layout, rng.choice(FONTS), rng.choice(ACCENTS), printed,
                  size=rng.choice([8.5, 9.0, 9.5]), upper_names=rng.random() < 0.12)  # fmt: skip
    sheet.extras["money_cells"] = rng.random() < spec.money_cells
    return sheet


def document(sheet: Sheet) -> str:
    return LAYOUTS[sheet.layout].render(sheet)
