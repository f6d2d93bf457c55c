"""The nine page designs of evals/synth23, written as HTML and CSS for WeasyPrint: one column; a two-column
header; values with their labels under them; a boxed grid of facts; a letterhead with the company's data in a
page footer; a statement of deliveries with an advance deducted; a bilingual form ("Рахунок / Invoice"); a
narrow till receipt; a payment box above the title (the bank-details grid Russian and Ukrainian invoices open
with). Each records in ``doc.shown`` the optional truths it printed."""

from __future__ import annotations

import random
from collections.abc import Callable
from html import escape

from evals.synth23.model import Doc, Party

FONTS = ["DejaVu Sans", "DejaVu Serif", "Liberation Sans", "Liberation Serif", "DejaVu Sans Condensed"]
"""Faces with Cyrillic, Greek and every Latin letter the fourteen languages print (fonts-dejavu, fonts-liberation)."""
OF = {"ru": "от", "uk": "від", "bg": "от"}
"""Where the title line names the date too: "Счёт № 12 от 7 декабря 2026 г."."""


class Page:
    """What one document's layout shares: its labels (native, or native / English), colon and CSS."""

    def __init__(
        self, doc: Doc, rng: random.Random, *, bilingual: bool = False, colon: str | None = None
    ) -> None:
        self.doc, self.rng, self.bilingual = doc, rng, bilingual
        self.colon = rng.choice([":", ":", ""]) if colon is None else colon
        self.font = rng.choice(FONTS)
        self.size = rng.choice([8.5, 9, 9.5, 10])
        doc.factors.update(
            {"font": self.font, "colon": self.colon or "none", "bilingual": str(bilingual).lower()}
        )

    def label(self, key: str, *, colon: bool = True, **fill: str) -> str:
        text = self.doc.word(key, **fill)
        if self.bilingual:
            english = self.doc.english[key].format(**fill) if fill else self.doc.english[key]
            text = f"{text} / {english}"
        return escape(text + (self.colon if colon else ""))

    def css(self, extra: str = "", page: str = "A4", margin: str = "16mm 15mm 18mm 15mm") -> str:
        return (
            f"@page {{ size: {page}; margin: {margin}; }} body {{ font-family: '{self.font}'; font-size: {self.size}pt; }}"
            " table { border-collapse: collapse; } td, th { padding: 1.5pt 4pt; vertical-align: top; }"
            " th { text-align: left; } .r { text-align: right; white-space: nowrap; } .small { font-size: 7.5pt; color: #444; }"
            " h1 { font-size: 16pt; margin: 0 0 6pt 0; } .items { width: 100%; margin: 10pt 0; }"
            " .items th { border-bottom: 1pt solid #000; } .totals td { padding: 1pt 4pt; } " + extra
        )

    def html(self, body: str, css: str) -> str:
        lang = self.doc.lang
        return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><style>{css}</style></head><body>{body}</body></html>'


def _e(text: str) -> str:
    return escape(text)


def _party(page: Page, p: Party, *, seller: bool, ids: bool = True) -> list[str]:
    """The lines of a party's block: name, street, town, tax id and a second registry line."""
    rows = [f"<b>{_e(p.name)}</b>", _e(p.street), _e(p.town)]
    if ids:
        rows.append(f"{_e(p.tax_label)}{page.colon} {_e(p.vat_printed)}")
        if p.second and page.rng.random() < 0.7:
            rows.append(f"{_e(p.second[0])}{page.colon} {_e(p.second[1])}")
        if seller:
            page.doc.shown.add("vendor_vat_id")
    return rows


def _bank(page: Page, p: Party) -> list[str]:
    """The payee's bank lines: an IBAN with the BIC, or a domestic account with its bank code."""
    doc, rows = page.doc, [f"{page.label('bank')} {_e(p.bank)}"]
    if p.iban:
        rows.append(f"{page.label('iban')} {_e(p.iban_printed)}")
        doc.shown.add("vendor_iban")
        if p.account and page.rng.random() < 0.5:
            rows.append(f"{page.label('account')} {_e(p.account)}")
    else:
        rows.append(f"{page.label('account')} {_e(p.account)}")
        if p.corr:
            rows.append(f"{page.label('corr')} {_e(p.corr)}")
    rows.append(f"{page.label('bic')} {_e(p.code)}")
    return rows


def _meta(page: Page, *, due: float = 0.8, order: float = 0.5, number: bool = True) -> list[tuple[str, str]]:
    """(label, value) of the invoice's facts: number, date, due date and order number (when drawn)."""
    doc, rng = page.doc, page.rng
    rows = [(page.label("number"), _e(doc.number))] if number else []
    rows.append((page.label("date"), _e(doc.date(doc.issued))))
    if rng.random() < due:
        rows.append((page.label("due"), _e(doc.date(doc.due))))
        doc.shown.add("due_date")
    if rng.random() < order:
        rows.append((page.label("order"), _e(doc.order_no)))
        doc.shown.add("po_number")
    return rows


def _items(page: Page, *, dates: bool = False, rate_column: float = 0.6, border: str = "") -> str:
    """The item table: a running number, description, quantity, unit, unit price, VAT rate, amount."""
    doc, rng = page.doc, page.rng
    rates = len(doc.vat) > 1 or rng.random() < rate_column
    unit_column = rng.random() < 0.7
    head = [page.label("line", colon=False)]
    if dates:
        head += [page.label("date_col", colon=False), "№" if doc.lang in ("ru", "uk", "bg") else "Ref."]
    head += [page.label("item", colon=False), page.label("qty", colon=False)]
    head += [page.label("unit", colon=False)] if unit_column else []
    head += [page.label("price", colon=False)] + ([page.label("rate", colon=False)] if rates else [])
    head.append(page.label("amount", colon=False))
    numeric = {
        page.label("qty", colon=False),
        page.label("price", colon=False),
        page.label("amount", colon=False),
    }
    cells = "".join(f'<th class="{"r" if h in numeric else ""}">{h}</th>' for h in head)
    rows = [f"<tr>{cells}</tr>"]
    for index, line in enumerate(doc.lines, 1):
        row = [str(index)]
        if dates:
            row += [_e(doc.date(line.day)) if line.day else "", _e(line.note)]
        row += [_e(line.name), f'<span class="r">{_e(doc.qty(line.qty))}</span>']
        row += [_e(line.unit)] if unit_column else []
        row += [_e(doc.num(line.price))] + ([_e(doc.rate(line.rate))] if rates else [])
        row.append(_e(doc.num(line.total)))
        tail = len(row) - (3 if rates else 2)
        rows.append(
            "<tr>"
            + "".join(f'<td class="{"r" if i >= tail else ""}"{border}>{c}</td>' for i, c in enumerate(row))
            + "</tr>"
        )
    doc.factors["rate_column"] = str(rates).lower()
    doc.factors["unit_column"] = str(unit_column).lower()
    return f'<table class="items">{"".join(rows)}</table>'


def _totals(page: Page, *, under: bool = False, currency_each: bool | None = None) -> str:
    """Net, VAT per rate, total (and an advance with what is left to pay), right-aligned."""
    doc, rng = page.doc, page.rng
    each = rng.random() < 0.5 if currency_each is None else currency_each
    money = doc.money if each else doc.num
    rows = [(page.label("net"), money(doc.net))]
    for rate, (_base, tax) in doc.vat.items():
        english = f" / {doc.english['vat'].format(rate=doc.rate(rate))}" if page.bilingual else ""
        rows.append((escape(doc.vat_label(rate) + english + page.colon), money(tax)))
    rows.append((f"<b>{page.label('total')}</b>", f"<b>{_e(doc.money(doc.total))}</b>"))
    if doc.paid:
        rows.append((page.label("paid"), money(doc.paid)))
        rows.append((f"<b>{page.label('topay')}</b>", f"<b>{_e(doc.money(doc.due_amount))}</b>"))
    doc.factors["currency_each"] = str(each).lower()
    if under:
        cells = "".join(f'<td class="r">{v}<br><span class="small">{k}</span></td>' for k, v in rows)
        return f'<table class="totals" style="margin-left:auto;"><tr>{cells}</tr></table>'
    body = "".join(f'<tr><td class="r">{k}</td><td class="r">{v}</td></tr>' for k, v in rows)
    return f'<table class="totals" style="margin-left:auto;">{body}</table>'


def _title(page: Page, *, with_number: bool = True) -> tuple[str, bool]:
    """The title line, with the number (and in Russian, Ukrainian or Bulgarian the date) when drawn."""
    doc, rng = page.doc, page.rng
    title = escape(doc.word("title") + (f" / {doc.english['title']}" if page.bilingual else ""))
    if not with_number or rng.random() < 0.4:
        return f"<h1>{title}</h1>", False
    line = f"{title} {_e(doc.word('no'))} {_e(doc.number)}"
    if doc.lang in OF and rng.random() < 0.8:
        return f"<h1>{line} {OF[doc.lang]} {_e(doc.date(doc.issued))}</h1>", True
    return f"<h1>{line}</h1>", False


def _rows(pairs: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in pairs) + "</table>"


def _title_and_meta(page: Page) -> tuple[str, str]:
    title, dated = _title(page)
    numbered = _page_has_number(title, page.doc)
    meta = _meta(page, number=not numbered)
    if dated:
        meta = [m for m in meta if m[0] != page.label("date")]
    return title, _rows(meta)


def _page_has_number(title: str, doc: Doc) -> bool:
    return escape(doc.number) in title


# ---------------------------------------------------------------- the layouts


def plain(doc: Doc, rng: random.Random) -> str:
    page = Page(doc, rng)
    title, meta = _title_and_meta(page)
    seller = "<br>".join([page.label("seller"), *_party(page, doc.seller, seller=True)])
    buyer = "<br>".join([page.label("buyer"), *_party(page, doc.buyer, seller=False, ids=rng.random() < 0.7)])
    bank = "<br>".join(_bank(page, doc.seller))
    body = f"{title}{meta}<p>{seller}</p><p>{buyer}</p>{_items(page)}{_totals(page)}<p>{bank}</p>"
    body += f'<p class="small">{_e(doc.word("thanks"))}</p>'
    return page.html(body, page.css())


def twocol(doc: Doc, rng: random.Random) -> str:
    page = Page(doc, rng)
    title, meta = _title_and_meta(page)
    seller = "<br>".join(
        [f'<span class="small">{page.label("seller")}</span>', *_party(page, doc.seller, seller=True)]
    )
    buyer = "<br>".join(
        [f'<span class="small">{page.label("buyer")}</span>', *_party(page, doc.buyer, seller=False)]
    )
    left, right = (seller, buyer) if rng.random() < 0.7 else (buyer, seller)
    header = f'<table style="width:100%"><tr><td style="width:50%">{left}</td><td>{right}</td></tr></table>'
    top = f'<table style="width:100%"><tr><td>{title}</td><td class="r">{meta}</td></tr></table>'
    bank = " · ".join(_bank(page, doc.seller))
    body = f'{top}{header}{_items(page)}{_totals(page)}<p class="small">{bank}</p>'
    return page.html(body, page.css())


def under(doc: Doc, rng: random.Random) -> str:
    """Values with their labels set small under them (meta, parties, totals)."""
    page = Page(doc, rng, colon="")
    title, _dated = _title(page, with_number=False)
    facts = _meta(page)
    cells = "".join(
        f'<td style="padding-right:14pt"><b>{v}</b><br><span class="small">{k}</span></td>' for k, v in facts
    )
    seller = (
        "<br>".join(_party(page, doc.seller, seller=True))
        + f'<br><span class="small">{page.label("seller")}</span>'
    )
    buyer = (
        "<br>".join(_party(page, doc.buyer, seller=False))
        + f'<br><span class="small">{page.label("buyer")}</span>'
    )
    bank = "<br>".join(_bank(page, doc.seller))
    body = (f"{title}<table><tr>{cells}</tr></table><table style='width:100%;margin-top:8pt'><tr><td>{seller}</td>"
            f"<td>{buyer}</td></tr></table>{_items(page)}{_totals(page, under=True)}<p>{bank}</p>")  # fmt: skip
    return page.html(body, page.css())


def grid(doc: Doc, rng: random.Random) -> str:
    """A boxed form: every fact in its own cell, a small label over the value."""
    page = Page(doc, rng, colon="")
    facts = _meta(page, due=0.9)
    box = "border:0.8pt solid #000; padding:3pt 5pt;"

    def cell(label: str, value: str, span: int = 1) -> str:
        return f'<td colspan="{span}" style="{box}"><span class="small">{label}</span><br>{value}</td>'

    seller = "<br>".join(_party(page, doc.seller, seller=True))
    buyer = "<br>".join(_party(page, doc.buyer, seller=False))
    bank = "<br>".join(_bank(page, doc.seller))
    width = len(facts)
    rows = [
        f'<tr><td colspan="{width}" style="{box}"><h1>{escape(doc.word("title"))}</h1></td></tr>',
        "<tr>" + "".join(cell(k, v) for k, v in facts) + "</tr>",
        f"<tr>{cell(page.label('seller'), seller, (width + 1) // 2)}{cell(page.label('buyer'), buyer, width // 2 or 1)}</tr>",
        f"<tr>{cell(page.label('bank', colon=False), bank, width)}</tr>",
    ]
    border = f' style="{box}"'
    body = f'<table style="width:100%">{"".join(rows)}</table>{_items(page, border=border)}{_totals(page)}'
    return page.html(body, page.css())


def letterhead(doc: Doc, rng: random.Random) -> str:
    """The seller's name as a letterhead; its address, tax ids and bank in a footer on every page."""
    page = Page(doc, rng)
    s = doc.seller
    head = f'<div style="font-size:20pt;letter-spacing:0.5pt">{_e(s.name)}</div><div class="small">{_e(s.phone)} · {_e(s.email)}</div>'
    title, meta = _title_and_meta(page)
    buyer = "<br>".join(
        [f'<span class="small">{page.label("buyer")}</span>', *_party(page, doc.buyer, seller=False)]
    )
    ids = [_e(s.name), _e(s.street), _e(s.town)]
    ids.append(f"{_e(s.tax_label)}{page.colon} {_e(s.vat_printed)}")
    doc.shown.add("vendor_vat_id")
    if s.second:
        ids.append(f"{_e(s.second[0])}{page.colon} {_e(s.second[1])}")
    footer = (f'<div class="foot"><table style="width:100%"><tr><td>{"<br>".join(ids[:3])}</td>'
              f'<td>{"<br>".join(ids[3:])}</td><td>{"<br>".join(_bank(page, s))}</td></tr></table></div>')  # fmt: skip
    body = (f"{footer}{head}<hr><table style='width:100%;margin-top:10pt'><tr><td>{buyer}</td><td class='r'>{title}{meta}"
            f"</td></tr></table>{_items(page)}{_totals(page)}<p>{_e(doc.word('thanks'))}</p>")  # fmt: skip
    css = page.css(".foot { position: fixed; bottom: -12mm; left: 0; right: 0; font-size: 7pt; border-top: 0.5pt solid #888; }",
                   margin="14mm 15mm 34mm 15mm")  # fmt: skip
    return page.html(body, css)


def statement(doc: Doc, rng: random.Random) -> str:
    """A statement of the month's deliveries: dated lines with their delivery notes, an advance deducted."""
    page = Page(doc, rng)
    title, meta = _title_and_meta(page)
    first = min(line.day for line in doc.lines if line.day)
    last = max(line.day for line in doc.lines if line.day)
    period = f"{page.label('period')} {_e(doc.date(first))} – {_e(doc.date(last))}"
    seller = "<br>".join([page.label("seller"), *_party(page, doc.seller, seller=True)])
    buyer = "<br>".join([page.label("buyer"), *_party(page, doc.buyer, seller=False)])
    bank = "<br>".join(_bank(page, doc.seller))
    body = (f"<table style='width:100%'><tr><td>{seller}</td><td>{buyer}</td></tr></table>{title}{meta}<p>{period}</p>"
            f"{_items(page, dates=True)}{_totals(page, currency_each=True)}<p class='small'>{bank}</p>")  # fmt: skip
    return page.html(body, page.css())


def bilingual(doc: Doc, rng: random.Random) -> str:
    """Every label in the language and in English: "Рахунок / Invoice", "Дата / Date"."""
    page = Page(doc, rng, bilingual=True)
    title, meta = _title_and_meta(page)
    seller = "<br>".join([f"<i>{page.label('seller')}</i>", *_party(page, doc.seller, seller=True)])
    buyer = "<br>".join([f"<i>{page.label('buyer')}</i>", *_party(page, doc.buyer, seller=False)])
    bank = "<br>".join(_bank(page, doc.seller))
    body = (f"{title}{meta}<table style='width:100%;margin-top:8pt'><tr><td>{seller}</td><td>{buyer}</td></tr></table>"
            f"{_items(page)}{_totals(page)}<p>{bank}</p>")  # fmt: skip
    return page.html(body, page.css())


def receipt(doc: Doc, rng: random.Random) -> str:
    """A narrow till receipt: the seller on top, lines as name over quantity × price, totals, no buyer block."""
    page = Page(doc, rng)
    page.font = rng.choice(["DejaVu Sans Mono", "Liberation Mono", "DejaVu Sans Condensed"])
    doc.factors["font"] = page.font
    s = doc.seller
    head = [
        f"<b>{_e(s.name)}</b>",
        _e(s.street),
        _e(s.town),
        f"{_e(s.tax_label)}{page.colon} {_e(s.vat_printed)}",
    ]
    doc.shown.add("vendor_vat_id")
    lines = []
    for line in doc.lines:
        lines.append(f"<div>{_e(line.name)}</div><div class='r'>{_e(doc.qty(line.qty))} × {_e(doc.num(line.price))}"
                     f" = {_e(doc.num(line.total))}</div>")  # fmt: skip
    meta = _rows(_meta(page, due=0.3, order=0.2))
    buyer = f"{page.label('buyer')} {_e(doc.buyer.name)}"
    body = (f"<div style='text-align:center'>{'<br>'.join(head)}</div><hr><div style='text-align:center'><b>"
            f"{escape(doc.word('title'))}</b></div>{meta}<div>{buyer}</div><hr>{''.join(lines)}<hr>{_totals(page)}"
            f"<hr><div class='small' style='text-align:center'>{_e(doc.word('thanks'))}</div>")  # fmt: skip
    return page.html(body, page.css(page="80mm 260mm", margin="5mm 4mm"))


def bankbox(doc: Doc, rng: random.Random) -> str:
    """The payment box first (bank, bank code, account, tax ids, payee), then the title with the number."""
    page = Page(doc, rng, colon="")
    s = doc.seller
    box = "border:0.8pt solid #000; padding:2pt 4pt;"
    account = s.iban_printed or s.account
    code_label = page.label("bic")
    rows = [
        f'<tr><td colspan="2" style="{box}">{_e(s.bank)}<br><span class="small">{page.label("bank")}</span></td>'
        f'<td style="{box}">{code_label}</td><td style="{box}">{_e(s.code)}</td></tr>',
        f'<tr><td style="{box}">{_e(s.tax_label)} {_e(s.vat_printed)}</td><td style="{box}">'
        f"{_e(s.second[0]) + ' ' + _e(s.second[1]) if s.second else ''}</td>"
        f'<td style="{box}">{page.label("iban") if s.iban else page.label("account")}</td><td style="{box}">{_e(account)}</td></tr>',
        f'<tr><td colspan="4" style="{box}">{_e(s.name)}<br><span class="small">{page.label("seller")}</span></td></tr>',
    ]
    doc.shown.add("vendor_vat_id")
    if s.iban:
        doc.shown.add("vendor_iban")
    title, dated = _title(page)
    facts = _meta(page, number=not _page_has_number(title, doc))
    if dated:
        facts = [f for f in facts if f[0] != page.label("date")]
    seller = "<br>".join([f"{page.label('seller')}: {_e(s.name)}", _e(f"{s.street}, {s.town}")])
    buyer = f"{page.label('buyer')}: {_e(doc.buyer.name)}, {_e(doc.buyer.street)}, {_e(doc.buyer.town)}"
    items = _items(page, border=f' style="{box}"')
    body = (f'<table style="width:100%">{"".join(rows)}</table>{title}<hr>{_rows(facts)}<p>{seller}<br>{buyer}</p>'
            f"{items}{_totals(page)}<p>{page.label('sign')} ________</p>")  # fmt: skip
    return page.html(body, page.css())


LAYOUTS: dict[str, Callable[[Doc, random.Random], str]] = {
    "plain": plain, "twocol": twocol, "under": under, "grid": grid, "letterhead": letterhead,
    "statement": statement, "bilingual": bilingual, "receipt": receipt, "bankbox": bankbox,
}  # fmt: skip
