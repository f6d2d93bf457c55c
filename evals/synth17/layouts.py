"""The seventeenth generator's layouts: HTML + CSS pages as small businesses' tools print them. Each takes a
drawn ``Doc`` and returns the page's HTML; what a layout chooses to print (or not) it records in
``doc.factors`` and in ``doc.shown`` (the truths it prints)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape

from evals.synth17.model import Doc, Party

FONTS = ["'DejaVu Sans', sans-serif", "'Liberation Sans', Arial, sans-serif", "'Liberation Serif', serif",
         "'Nimbus Sans', sans-serif", "'DejaVu Serif', serif", "'Liberation Sans Narrow', sans-serif"]  # fmt: skip


def e(text: object) -> str:
    return escape(str(text))


def page(doc: Doc, body: str, css: str = "", size: str = "A4", margin: str = "16mm 15mm") -> str:
    font = doc.rng.choice(FONTS)
    doc.factors["font"] = font.split(",")[0].strip("'")
    return f"""<!doctype html><html lang="{doc.lang}"><head><meta charset="utf-8"><style>
@page {{ size: {size}; margin: {margin}; }}
body {{ font-family: {font}; font-size: 9.5pt; color: #222; margin: 0; }}
table {{ border-collapse: collapse; }}
td, th {{ vertical-align: top; }}
.lab-above, table:not(.items) td {{ white-space: nowrap; }}
.r {{ text-align: right; }} .muted {{ color: #666; }} .small {{ font-size: 8pt; }} .big {{ font-size: 16pt; }}
.b {{ font-weight: bold; }}
{css}
</style></head><body>{body}</body></html>"""


def label(doc: Doc, key: str, value: str, style: str | None = None) -> str:
    """A label and its value: beside with a colon, beside without, or the label above (one style per
    document unless given)."""
    style = style or doc.factors.setdefault(
        "label_style", doc.rng.choice(["colon", "colon", "plain", "above"])
    )
    name = doc.w(key)
    if style == "above":
        return f'<div class="lab-above"><div class="small muted">{e(name)}</div><div>{e(value)}</div></div>'
    if style == "plain":
        return f'<tr><td class="muted" style="padding-right:10px">{e(name)}</td><td>{e(value)}</td></tr>'
    sep = "" if name.endswith(":") else ":"
    return f'<tr><td style="padding-right:8px">{e(name)}{sep}</td><td>{e(value)}</td></tr>'


def meta(doc: Doc, pairs: list[tuple[str, str]], style: str | None = None) -> str:
    style = style or doc.factors.setdefault(
        "label_style", doc.rng.choice(["colon", "colon", "plain", "above"])
    )
    cells = [label(doc, key, value, style) for key, value in pairs if value]
    if style == "above":
        return '<div style="display:flex;gap:14px;flex-wrap:wrap">' + "".join(cells) + "</div>"
    return "<table>" + "".join(cells) + "</table>"


def ids_lines(doc: Doc, p: Party) -> list[str]:
    out = []
    if p.ids is None:
        return out
    for name, value in p.ids.extra:
        out.append(f"{name}: {value}" if doc.rng.random() < 0.7 else f"{name} {value}")
    if p.ids.vat:
        key = "Y-tunnus" if p.ids.vat_label_key == "ytunnus" else doc.w("vat")
        sep = "" if key.endswith(":") else doc.rng.choice([":", ":", ""])
        out.insert(doc.rng.randint(0, len(out)), f"{key}{sep} {p.ids.vat}")
    return out


def address(doc: Doc, p: Party, *, ids: bool = False, contact: bool = False, bold: bool = True) -> str:
    rows = [f'<div class="{"b" if bold else ""}">{e(p.name)}</div>']
    if p.owner and doc.rng.random() < 0.5:
        rows.append(f"<div>{e(p.owner)}</div>")
    rows.append(f"<div>{e(p.street)}</div><div>{e(p.city_line())}</div>")
    if p.country not in (doc.seller.country,) or doc.rng.random() < 0.15:
        rows.append(f"<div>{e(COUNTRY_NAMES.get(doc.lang, {}).get(p.country, p.country))}</div>")
    if ids:
        rows += [f"<div>{e(x)}</div>" for x in ids_lines(doc, p)]
    if contact:
        rows.append(f"<div>{e(doc.w('phone'))} {e(p.phone)}</div><div>{e(p.email)}</div>")
    return "".join(rows)


COUNTRY_NAMES = {"it": {"IT": "Italia", "CH": "Svizzera"}, "pl": {"PL": "Polska"}, "pt": {"PT": "Portugal"},
                 "sv": {"SE": "Sverige"}, "da": {"DK": "Danmark"}, "cs": {"CZ": "Česká republika"},
                 "hu": {"HU": "Magyarország"}, "ro": {"RO": "România"}, "tr": {"TR": "Türkiye"},
                 "fi": {"FI": "Suomi"}, "en": {"GB": "United Kingdom", "US": "USA"}}  # fmt: skip


def items(
    doc: Doc,
    *,
    rate_col: bool | None = None,
    sign: int = 1,
    rows: list | None = None,
    css_class: str = "items",
    unit_col: bool = True,
) -> str:  # type: ignore[type-arg]
    rate_col = doc.rng.random() < 0.5 if rate_col is None else rate_col
    head = [f'<th style="text-align:left">{e(doc.w("desc"))}</th>', f'<th class="r">{e(doc.w("qty"))}</th>']
    if unit_col:
        head.append(f'<th class="r">{e(doc.w("unit"))}</th>')
    if rate_col:
        head.append(f'<th class="r">{e(doc.w("rate"))}</th>')
    head.append(f'<th class="r">{e(doc.w("amount"))}</th>')
    body = []
    for line in rows if rows is not None else doc.lines:
        cells = [f"<td>{e(line.name)}</td>", f'<td class="r">{e(doc.qty(line.qty))}</td>']
        if unit_col:
            cells.append(f'<td class="r">{e(doc.num(line.price * sign))}</td>')
        if rate_col:
            cells.append(f'<td class="r">{e(doc.rate(line.rate))}%</td>')
        cells.append(f'<td class="r">{e(doc.num(line.total * sign))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="{css_class}" style="width:100%"><thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def tax_rows(doc: Doc, sign: int = 1) -> list[tuple[str, str]]:
    out = []
    for rate, _base, tax in doc.taxes:
        out.append(
            (
                f"{doc.w('tax')} {doc.rate(rate)}%" if "%" not in doc.w("tax") else doc.w("tax"),
                doc.money(tax * sign),
            )
        )
    return out


def totals(
    doc: Doc, *, sign: int = 1, due_row: bool = False, paid_row: bool = False, width: str = "45%"
) -> str:
    rows = [(doc.w("subtotal"), doc.money(doc.net * sign), "")]
    rows += [(a, b, "") for a, b in tax_rows(doc, sign)]
    # a page that deducts a payment names the total plainly ("Total", not "To pay")
    rows.append((doc.w("total_plain" if paid_row else "total"), doc.money(doc.total * sign), "b"))
    if paid_row:
        paid_label = doc.w("paid_full" if doc.paid == doc.total else "paid") + (
            f" ({doc.d(doc.paid_on)})" if doc.paid_on and doc.rng.random() < 0.5 else ""
        )
        rows.append((paid_label, doc.money(-doc.paid), ""))
    if due_row:
        doc.factors["amount_due_row"] = "yes"
        rows.append((doc.w("amount_due"), doc.money(doc.due_amount * sign), "b big2"))
    body = "".join(
        f'<tr class="{cls}"><td style="padding:2px 12px 2px 0">{e(a)}</td><td class="r">{e(b)}</td></tr>'
        for a, b, cls in rows
    )
    return f'<table style="margin-left:auto;width:{width}" class="totals">{body}</table>'


def bank(doc: Doc) -> str:
    if not doc.seller.iban:
        return ""
    bic = (
        f" · BIC {doc.rng.choice(['UNCRITMM', 'BPKOPLPW', 'CGDIPTPL', 'ESSESESS', 'DABADKKK', 'KOMBCZPP', 'OTPVHUHB', 'BTRLRO22', 'TGBATRIS', 'NDEAFIHH', 'NWBKGB2L', 'UBSWCHZH'])}"
        if doc.rng.random() < 0.6
        else ""
    )
    return f"<div>{e(doc.w('iban'))}: {e(doc.seller.iban)}{e(bic)}</div>"


def terms(doc: Doc) -> str:
    return e(doc.w("terms").format(n=doc.terms_days))


# ---------------------------------------------------------------------------------------------------------
def saas_receipt(doc: Doc) -> str:
    """A software service's emailed receipt/invoice: brand on top, big amount, 'billed to', the legal entity
    and its address at the foot."""
    paid = doc.due is None
    title = doc.w("receipt") if paid and doc.rng.random() < 0.5 else doc.w("invoice")
    doc.factors["paid"] = "yes" if paid else "no"
    brand = doc.seller.name.split()[0]
    status = f"{doc.w('receipt_paid')} {doc.d(doc.paid_on)}" if paid else f"{doc.w('due')} {doc.d(doc.due)}"
    head = f"""<div style="display:flex;justify-content:space-between;align-items:center">
<div style="font-size:20pt;font-weight:bold;color:#5b3df5">{e(brand)}</div><div class="muted">{e(title)}</div></div>
<div style="margin-top:18px" class="big b">{e(doc.money(doc.total))}</div>
<div class="muted">{e(status)}</div>"""
    info = meta(
        doc,
        [("number", doc.number), ("date", doc.d(doc.issued))]
        + ([("due", doc.d(doc.due))] if not paid else []),
    )
    bill = (
        f'<div><div class="small muted">{e(doc.w("buyer"))}</div>{address(doc, doc.buyer, bold=False)}</div>'
        if doc.buyer
        else ""
    )
    lines = items(doc, rate_col=False, unit_col=doc.rng.random() < 0.5)
    summary = totals(doc, due_row=not paid or doc.rng.random() < 0.5, paid_row=paid, width="55%")
    foot = f"""<div class="small muted" style="margin-top:30px;border-top:1px solid #ddd;padding-top:8px">
{e(doc.seller.name)} · {e(doc.seller.street)} · {e(doc.seller.city_line())}<br>{" · ".join(e(x) for x in ids_lines(doc, doc.seller))}<br>{e(doc.seller.email)}</div>"""
    body = f"""{head}<div style="display:flex;justify-content:space-between;margin:20px 0">{bill}<div>{info}</div></div>
{lines}<div style="margin-top:10px">{summary}</div>{foot}"""
    return page(
        doc,
        body,
        ".items th{border-bottom:1px solid #ccc;font-weight:normal;color:#666;padding:4px}.items td{padding:6px 4px;border-bottom:1px solid #eee}",
    )


def letterhead(doc: Doc) -> str:
    """A craftsman's letterhead invoice: centred trade name with address and ids under it, the customer's
    address left, the facts right, a short list of work and materials, bank details at the foot."""
    s = doc.seller
    ids = " – ".join(ids_lines(doc, s))
    top = f"""<div style="text-align:center;border-bottom:2px solid #333;padding-bottom:6px">
<div style="font-size:18pt;font-family:'Liberation Serif',serif">{e(s.name)}</div>
<div class="small">{e(s.street)} – {e(s.city_line())} – {e(doc.w("phone"))} {e(s.phone)}</div><div class="small">{e(ids)}</div></div>"""
    facts = meta(doc, [("number", doc.number), ("date", doc.d(doc.issued)), ("due", doc.d(doc.due))])
    title = doc.w("invoice")
    title_line = f"{title} {doc.number}" if doc.rng.random() < 0.3 else title
    if title_line != title:
        doc.factors["number_in_title"] = "yes"
    body = f"""{top}<div style="display:flex;justify-content:space-between;margin-top:26px">
<div style="width:48%"><div class="small muted">{e(doc.w("buyer"))}</div>{address(doc, doc.buyer)}</div>
<div>{facts}</div></div>
<div style="margin:24px 0 8px" class="big">{e(title_line)}</div>
{items(doc)}<div style="margin-top:8px">{totals(doc)}</div>
<div style="margin-top:20px">{terms(doc)}</div>{bank(doc)}
<div style="margin-top:30px;font-style:italic">{e(doc.w("thanks"))}</div>"""
    return page(
        doc,
        body,
        ".items th{border-top:1px solid #333;border-bottom:1px solid #333;padding:3px}.items td{padding:3px}",
        margin="14mm 18mm",
    )


def b2b_two_column(doc: Doc) -> str:
    """A European B2B invoice: seller and buyer boxes side by side under their headings, the facts in a grid,
    the items with their VAT rates, a VAT summary by rate, and a three-column footer."""
    s = doc.seller
    boxes = f"""<div style="display:flex;gap:4%;margin-top:14px">
<div style="width:48%;border:1px solid #999;padding:8px"><div class="small b">{e(doc.w("seller"))}</div>{address(doc, s, ids=True)}</div>
<div style="width:48%;border:1px solid #999;padding:8px"><div class="small b">{e(doc.w("buyer"))}</div>{address(doc, doc.buyer, ids=False)}</div></div>"""
    pairs = [
        ("number", doc.number),
        ("date", doc.d(doc.issued)),
        ("due", doc.d(doc.due)),
        ("order", doc.order_no),
        ("customer_no", doc.customer_no),
    ]
    extra = []
    if doc.lang == "pl":
        extra.append((doc.w("sale_date"), doc.d(doc.issued)))
    if doc.lang == "cs":
        extra.append((doc.w("duzp"), doc.d(doc.issued)))
        extra.append((doc.w("vs"), "".join(c for c in doc.number if c.isdigit())))
    if doc.lang == "hu":
        extra.append((doc.w("perf_date"), doc.d(doc.issued)))
    grid = "".join(
        f'<td style="border:1px solid #bbb;padding:4px"><div class="small muted">{e(doc.w(k))}</div>{e(v)}</td>'
        for k, v in pairs
    )
    grid += "".join(
        f'<td style="border:1px solid #bbb;padding:4px"><div class="small muted">{e(k)}</div>{e(v)}</td>'
        for k, v in extra
    )
    summary_rows = "".join(
        f'<tr><td>{e(doc.rate(r))}%</td><td class="r">{e(doc.num(b))}</td><td class="r">{e(doc.num(t))}</td><td class="r">{e(doc.num(b + t))}</td></tr>'
        for r, b, t in doc.taxes
    )
    vat_table = f"""<table class="vt" style="width:60%;margin-top:10px"><tr><th style="text-align:left">{e(doc.w("rate"))}</th><th class="r">{e(doc.w("subtotal"))}</th><th class="r">{e(doc.w("tax"))}</th><th class="r">{e(doc.w("gross_total"))}</th></tr>{summary_rows}</table>"""
    due_row = doc.rng.random() < 0.5
    body = f"""<div style="display:flex;justify-content:space-between"><div class="big b">{e(doc.w("invoice"))}</div><div class="muted">{e(doc.w("page").format(p=1, n=1))}</div></div>
{boxes}<table style="width:100%;margin:12px 0"><tr>{grid}</tr></table>
{items(doc, rate_col=True)}{vat_table}<div style="margin-top:8px">{totals(doc, due_row=due_row)}</div>
<div style="margin-top:12px">{terms(doc)}</div>
<div class="small" style="display:flex;justify-content:space-between;margin-top:30px;border-top:1px solid #999;padding-top:6px">
<div>{e(s.name)}<br>{e(s.street)}<br>{e(s.city_line())}</div><div>{bank(doc)}</div><div>{e(doc.w("phone"))} {e(s.phone)}<br>{e(s.email)}</div></div>"""
    return page(
        doc,
        body,
        ".items th{background:#eee;padding:4px;border:1px solid #bbb}.items td{padding:4px;border:1px solid #ddd}.vt th,.vt td{border:1px solid #ddd;padding:3px}",
    )


def credit_note(doc: Doc) -> str:
    """A credit note: the original invoice named, amounts negative or positive, an amount to refund."""
    negative = doc.rng.random() < 0.5
    doc.factors["signs"] = "negative" if negative else "positive"
    sign = -1 if negative else 1
    orig_num, orig_date = doc.original or ("", doc.issued)
    facts = meta(doc, [("number", doc.number), ("date", doc.d(doc.issued))])
    body = f"""<div style="display:flex;justify-content:space-between">
<div>{address(doc, doc.seller, ids=True, contact=doc.rng.random() < 0.5)}</div><div class="r"><div class="big b">{e(doc.w("credit"))}</div>{facts}</div></div>
<div style="margin-top:24px;width:50%"><div class="small muted">{e(doc.w("buyer"))}</div>{address(doc, doc.buyer)}</div>
<div style="margin:18px 0 8px">{e(doc.w("ref").format(num=orig_num, date=doc.d(orig_date)))}</div>
{items(doc, sign=sign)}<div style="margin-top:8px">{totals(doc, sign=sign)}</div>
<div class="b" style="margin-top:8px;text-align:right">{e(doc.w("refund"))}: {e(doc.money(doc.total * sign))}</div>
{bank(doc)}"""
    return page(doc, body, ".items th{border-bottom:1px solid #444;padding:3px}.items td{padding:3px}")


def partial_payment(doc: Doc) -> str:
    """An invoice with part of it already paid (a deposit, a payment on account): total, paid, amount due."""
    facts = meta(
        doc,
        [
            ("number", doc.number),
            ("date", doc.d(doc.issued)),
            ("due", doc.d(doc.due)),
            ("order", doc.order_no),
        ],
    )
    seller_right = doc.rng.random() < 0.5
    doc.factors["seller_place"] = "right" if seller_right else "left"
    sblock = f'<div style="width:45%">{address(doc, doc.seller, ids=True, contact=True)}</div>'
    bblock = f'<div style="width:45%;margin-top:30px"><div class="small muted">{e(doc.w("buyer"))}</div>{address(doc, doc.buyer, bold=False)}</div>'
    top = bblock + sblock if seller_right else sblock + bblock
    body = f"""<div style="display:flex;justify-content:space-between">{top}</div>
<div style="display:flex;justify-content:space-between;align-items:flex-end;margin:24px 0 10px"><div class="big b">{e(doc.w("invoice"))}</div>{facts}</div>
{items(doc)}<div style="margin-top:8px">{totals(doc, paid_row=True, due_row=True)}</div>
<div style="margin-top:14px">{terms(doc)}</div>{bank(doc)}"""
    return page(
        doc,
        body,
        ".items th{border-bottom:2px solid #222;padding:4px}.items td{padding:4px;border-bottom:1px dotted #aaa}.big2{font-size:12pt}",
    )


def multipage(doc: Doc) -> str:
    """A long item list over several pages: the table's head repeated, a carried-forward line at each page's
    foot and head, page numbers, the totals on the last page."""
    per = doc.rng.randint(18, 24)
    chunks = [doc.lines[i : i + per] for i in range(0, len(doc.lines), per)]
    n = len(chunks)
    doc.factors["pages"] = str(n)
    carried = doc.rng.random() < 0.6
    doc.factors["carried"] = "yes" if carried else "no"
    header = f"""<div style="display:flex;justify-content:space-between"><div>{address(doc, doc.seller, ids=True)}</div>
<div class="r"><div class="big b">{e(doc.w("invoice"))}</div>{meta(doc, [("number", doc.number), ("date", doc.d(doc.issued)), ("due", doc.d(doc.due)), ("customer_no", doc.customer_no)])}</div></div>
<div style="margin:16px 0;width:50%"><div class="small muted">{e(doc.w("buyer"))}</div>{address(doc, doc.buyer)}</div>"""
    parts = []
    running = Decimal(0)
    for k, chunk in enumerate(chunks, 1):
        block = (
            header
            if k == 1
            else f'<div class="small muted">{e(doc.seller.name)} – {e(doc.w("invoice"))} {e(doc.number)}</div>'
        )
        if k > 1 and carried:
            block += f'<div class="r">{e(doc.w("carried"))}: {e(doc.num(running))}</div>'
        block += items(doc, rate_col=False, rows=chunk)
        running += sum((line.total for line in chunk), Decimal(0))
        if k < n and carried:
            block += f'<div class="r">{e(doc.w("carried"))}: {e(doc.num(running))}</div>'
        if k == n:
            block += f'<div style="margin-top:8px">{totals(doc, due_row=doc.rng.random() < 0.4)}</div><div style="margin-top:10px">{terms(doc)}</div>{bank(doc)}'
        block += (
            f'<div class="small muted r" style="margin-top:8px">{e(doc.w("page").format(p=k, n=n))}</div>'
        )
        parts.append(f'<section style="{"page-break-after:always" if k < n else ""}">{block}</section>')
    return page(
        doc,
        "".join(parts),
        ".items th{border-bottom:1px solid #000;padding:2px}.items td{padding:1px 2px;font-size:8.5pt}",
    )


def retail_receipt(doc: Doc) -> str:
    """A till receipt with prices including VAT: shop and ids on top, items, the total, VAT included per rate,
    payment and change, the receipt number and time."""
    s = doc.seller
    time = f"{doc.rng.randint(8, 20):02d}:{doc.rng.randint(0, 59):02d}"
    given = doc.rng.random() < 0.4
    lines = "".join(
        f'<tr><td colspan="2">{e(line.name)}</td></tr><tr><td>{e(doc.qty(line.qty))} x {e(doc.num(line.price))}</td><td class="r">{e(doc.num(line.total))}</td></tr>'
        if line.qty != 1
        else f'<tr><td>{e(line.name)}</td><td class="r">{e(doc.num(line.total))}</td></tr>'
        for line in doc.lines
    )
    tax_lines = "".join(
        f"<div>{e(doc.w('incl_tax').format(rate=doc.rate(r)))}: {e(doc.num(t))}</div>"
        for r, _b, t in doc.taxes
    )
    pay = doc.w("card")
    tendered = doc.total + (Decimal(doc.rng.choice([0, 1, 5, 10])) if given else 0)
    code = (
        ""
        if doc.currency in doc.w("gross_total")
        else {"EUR": "EUR", "CHF": "CHF"}.get(doc.currency, doc.mark[0])
    )
    total_line = f'<div class="b" style="display:flex;justify-content:space-between;font-size:12pt"><span>{e(doc.w("gross_total"))} {e(code)}</span><span>{e(doc.num(doc.total))}</span></div>'
    body = f"""<div style="text-align:center">{e(s.name)}<br>{e(s.street)}<br>{e(s.city_line())}<br>{"<br>".join(e(x) for x in ids_lines(doc, s))}</div>
<div style="text-align:center;margin:6px 0" class="b">{e(doc.w("receipt"))}</div>
<table style="width:100%">{lines}</table><hr>{total_line}{tax_lines}
<div style="display:flex;justify-content:space-between"><span>{e(pay)}</span><span>{e(doc.num(tendered))}</span></div>
{f'<div style="display:flex;justify-content:space-between"><span>{e(doc.w("change"))}</span><span>{e(doc.num(tendered - doc.total))}</span></div>' if given else ""}
<hr><div>{e(doc.w("number"))}: {e(doc.number)}</div><div>{e(doc.d(doc.issued))} {time}</div>
<div style="text-align:center;margin-top:6px">{e(doc.w("thanks"))}</div>"""
    return page(
        doc,
        body,
        "body{font-family:'DejaVu Sans Mono',monospace;font-size:8.5pt}",
        size="80mm 240mm",
        margin="4mm",
    )


def us_statement(doc: Doc) -> str:
    """A US-style invoice as bookkeeping software prints it: logo and address top left, INVOICE with a facts box
    top right, Bill To / Ship To, a terms strip (P.O., terms, due, rep), the items and a balance due."""
    s = doc.seller
    ship = doc.rng.random() < 0.6
    strip = [
        ("order", doc.order_no),
        ("terms_label", f"Net {doc.terms_days}" if doc.lang == "en" else str(doc.terms_days)),
        ("due", doc.d(doc.due)),
    ]
    strip_html = "".join(
        f'<td style="border:1px solid #888;padding:3px 8px"><div class="small b">{e(doc.w(k) if k != "terms_label" else ("Terms" if doc.lang == "en" else doc.w("terms").split(":")[0]))}</div>{e(v)}</td>'
        for k, v in strip
    )
    box = f"""<table style="border:1px solid #888"><tr><td style="padding:3px 8px" class="b">{e(doc.w("date"))}</td><td style="padding:3px 8px" class="b">{e(doc.w("number"))}</td></tr>
<tr><td style="padding:3px 8px">{e(doc.d(doc.issued))}</td><td style="padding:3px 8px">{e(doc.number)}</td></tr></table>"""
    bill_to = f'<div style="width:45%;border:1px solid #888;padding:6px"><div class="small b">{e(doc.w("buyer"))}</div>{address(doc, doc.buyer, bold=False)}</div>'
    ship_to = (
        f'<div style="width:45%;border:1px solid #888;padding:6px"><div class="small b">{e(L_SHIP.get(doc.lang, "Ship To"))}</div>{address(doc, doc.buyer, bold=False)}</div>'
        if ship
        else ""
    )
    paid_row = doc.paid > 0
    body = f"""<div style="display:flex;justify-content:space-between"><div><div class="b" style="font-size:13pt">{e(s.name)}</div>{e(s.street)}<br>{e(s.city_line())}<br>{e(s.phone)}<br>{e(s.email)}<br>{"<br>".join(e(x) for x in ids_lines(doc, s))}</div>
<div class="r"><div style="font-size:22pt;color:#2a5d9f">{e(L_TITLE(doc))}</div>{box}</div></div>
<div style="display:flex;justify-content:space-between;margin:18px 0">{bill_to}{ship_to}</div>
<table style="width:100%;margin-bottom:10px"><tr>{strip_html}</tr></table>
{items(doc, rate_col=False)}<div style="margin-top:8px">{totals(doc, paid_row=paid_row, due_row=True)}</div>{bank(doc)}
<div style="margin-top:20px" class="muted">{e(doc.w("thanks"))}</div>"""
    return page(
        doc,
        body,
        ".items th{background:#2a5d9f;color:#fff;padding:4px}.items td{padding:4px;border-bottom:1px solid #ddd}",
    )


L_SHIP = {"en": "Ship To", "it": "Destinazione merce", "pl": "Adres dostawy", "pt": "Local de entrega", "sv": "Leveransadress",
          "da": "Leveringsadresse", "cs": "Místo dodání", "hu": "Szállítási cím", "ro": "Adresa de livrare",
          "tr": "Teslimat Adresi", "fi": "Toimitusosoite"}  # fmt: skip


def form_boxes(doc: Doc) -> str:
    """A boxed form (as many Central European programs print): every fact in a ruled box with its label above
    the value, seller and buyer boxes, a place of issue, the amount in a box."""

    def box(title: str, value: str, width: str = "32%") -> str:
        return f'<div style="width:{width};border:1px solid #555;padding:4px;box-sizing:border-box"><div class="small muted">{e(title)}</div><div>{value}</div></div>'

    place = doc.seller.town.split("(")[0].strip()
    facts = [
        box(doc.w("number"), e(doc.number)),
        box(doc.w("date"), e(doc.d(doc.issued))),
        box(doc.w("due"), e(doc.d(doc.due))),
    ]
    if doc.lang == "pl":
        facts.append(box(doc.w("sale_date"), e(doc.d(doc.issued))))
        facts.append(box(doc.w("place"), e(place)))
    if doc.lang == "cs":
        facts.append(box(doc.w("duzp"), e(doc.d(doc.issued))))
    if doc.lang == "hu":
        facts.append(box(doc.w("perf_date"), e(doc.d(doc.issued))))
    parties = box(doc.w("seller"), address(doc, doc.seller, ids=True), "49%") + box(
        doc.w("buyer"), address(doc, doc.buyer, ids=False), "49%"
    )
    due_box = box(
        doc.w("amount_due") if doc.rng.random() < 0.5 else doc.w("total"),
        f'<span class="big b">{e(doc.money(doc.total))}</span>',
        "49%",
    )
    words = (
        f'<div class="small">{e(doc.w("in_words"))}: …</div>'
        if doc.lang == "pl" and doc.rng.random() < 0.3
        else ""
    )
    body = f"""<div class="big b" style="text-align:center;margin-bottom:8px">{e(doc.w("invoice"))}</div>
<div style="display:flex;flex-wrap:wrap;gap:4px">{"".join(facts)}</div>
<div style="display:flex;justify-content:space-between;margin:8px 0">{parties}</div>
{items(doc, rate_col=True)}<div style="margin-top:8px">{totals(doc)}</div>
<div style="display:flex;justify-content:space-between;margin-top:8px">{due_box}{box(doc.w("iban"), e(doc.seller.iban or ""), "49%")}</div>{words}
<div style="margin-top:8px">{terms(doc)}</div>"""
    return page(
        doc,
        body,
        ".items th{border:1px solid #555;padding:3px;font-size:8pt}.items td{border:1px solid #999;padding:3px}",
    )


def footer_seller(doc: Doc) -> str:
    """A plain invoice typed in a text editor's template: a logo word on top, the customer's address, the facts
    as a short list, the items, and the seller named only in the footer's small print."""
    s = doc.seller
    logo = "".join(w[0] for w in s.name.split()[:2]).upper()
    facts = meta(
        doc,
        [("date", doc.d(doc.issued)), ("number", doc.number), ("due", doc.d(doc.due))],
        style=doc.rng.choice(["colon", "plain"]),
    )
    foot = f"""<div class="small muted" style="position:fixed;bottom:0;left:0;right:0;border-top:1px solid #ccc;padding-top:4px;text-align:center">
{e(s.name)} | {e(s.street)} | {e(s.city_line())} | {" | ".join(e(x) for x in ids_lines(doc, s))}<br>{e(doc.w("phone"))} {e(s.phone)} | {e(s.email)}{(" | " + e(doc.w("iban")) + " " + e(s.iban)) if s.iban else ""}</div>"""
    body = f"""<div style="font-size:26pt;letter-spacing:3px;color:#a33">{e(logo)}</div>
<div style="margin-top:30px">{address(doc, doc.buyer)}</div>
<div style="margin-top:30px" class="big">{e(doc.w("invoice"))}</div>{facts}
<div style="margin-top:14px">{items(doc)}</div><div style="margin-top:8px">{totals(doc, due_row=doc.rng.random() < 0.3)}</div>
<div style="margin-top:16px">{terms(doc)}</div><div style="margin-top:10px">{e(doc.w("thanks"))}</div>{foot}"""
    return page(
        doc, body, ".items th{border-bottom:1px solid #999;padding:3px;text-align:left}.items td{padding:3px}"
    )


LAYOUTS: dict[str, Callable[[Doc], str]] = {
    "saas_receipt": saas_receipt,
    "letterhead": letterhead,
    "b2b_two_column": b2b_two_column,
    "credit_note": credit_note,
    "partial_payment": partial_payment,
    "multipage": multipage,
    "retail_receipt": retail_receipt,
    "us_statement": us_statement,
    "form_boxes": form_boxes,
    "footer_seller": footer_seller,
}


def L_TITLE(doc: Doc) -> str:
    """The plain title word in capitals ("INVOICE", "FAKTURA"), never a label that names the number."""
    from evals.synth17.words import L

    return str(L[doc.lang]["invoice"][0]).upper()
