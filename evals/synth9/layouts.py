"""The page layouts of evals/synth9: HTML in the styles of common report engines (ERP invoice reports,
billing-service invoices, accounting-package invoices, web-shop order invoices, small-business invoicing
tools of several countries), printed by wkhtmltopdf. Each layout returns the page's HTML and the extra
wkhtmltopdf options it needs (page headers and footers)."""

from __future__ import annotations

import html
import random
from collections.abc import Callable
from decimal import Decimal

from evals.synth9.model import LAYOUT_LOCALES, Doc, Party, draw_doc

FONTS = ("DejaVu Sans", "Liberation Sans", "Liberation Serif", "DejaVu Serif", "Liberation Sans Narrow")


def e(text: object) -> str:
    return html.escape(str(text))


def page(doc: Doc, body: str, font: str, size: int = 10) -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        f"body{{font-family:'{font}';font-size:{size}pt;color:#222;margin:0}}"
        "table{border-collapse:collapse} td,th{padding:3px 6px;vertical-align:top}"
        ".r{text-align:right}.small{font-size:80%;color:#555}.lines{width:100%}"
        ".lines th{border-bottom:1.5px solid #333;text-align:left}.lines td{border-bottom:1px solid #ddd}"
        ".box td{border:1px solid #bbb}.tot td{padding:2px 6px}.strong{font-weight:bold}"
        "thead{display:table-header-group} tr{page-break-inside:avoid}"
        f"</style></head><body>{body}</body></html>"
    )


def address(party: Party, *, vat_label: str | None = None, lines: int = 3) -> str:
    rows = [f"<b>{e(party.name)}</b>", e(party.street), e(party.city_line())][:lines]
    if vat_label and party.vat_id:
        rows.append(f"{e(vat_label)}: {e(party.vat_id)}")
    return "<br>".join(rows)


def money(doc: Doc, value: Decimal) -> str:
    return e(doc.m(value))


def code_label(doc: Doc, label: str) -> str:
    return f"{label} ({doc.currency})" if doc.show_code else label


def rate(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def lines_table(doc: Doc, columns: tuple[str, ...], *, amount: str | None = None) -> str:
    """The item table: columns among pos, desc, qty, unit, price, tax, amount."""
    w = doc.w
    heads = {"pos": "#", "desc": w["description"], "qty": w["quantity"], "unit": "", "price": w["unit_price"],
             "tax": w["taxes"], "amount": amount or w["amount"]}  # fmt: skip
    out = ['<table class="lines"><thead><tr>']
    for c in columns:
        out.append(f'<th class="{"r" if c in ("qty", "price", "amount", "tax") else ""}">{e(heads[c])}</th>')
    out.append("</tr></thead><tbody>")
    for line in doc.lines:
        out.append("<tr>")
        for c in columns:
            if c == "pos":
                out.append(f"<td>{line.pos}</td>")
            elif c == "desc":
                detail = f'<br><span class="small">{e(line.detail)}</span>' if line.detail else ""
                out.append(f"<td>{e(line.text)}{detail}</td>")
            elif c == "qty":
                q = (
                    doc.n(line.quantity)
                    if line.quantity != line.quantity.to_integral()
                    else str(int(line.quantity))
                )
                out.append(
                    f'<td class="r">{e(q)}{(" " + e(line.unit)) if line.unit and "unit" not in columns else ""}</td>'
                )
            elif c == "unit":
                out.append(f"<td>{e(line.unit)}</td>")
            elif c == "price":
                out.append(f'<td class="r">{e(doc.n(line.price))}</td>')
            elif c == "tax":
                out.append(f'<td class="r">{e(rate(line.rate))}%</td>')
            else:
                out.append(f'<td class="r">{money(doc, line.net)}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def totals(doc: Doc, rows: list[tuple[str, str, bool]], width: str = "45%") -> str:
    body = "".join(
        f'<tr class="{"strong" if strong else ""}"><td>{e(label)}</td><td class="r">{e(value)}</td></tr>'
        for label, value, strong in rows
    )
    return f'<table class="tot" style="margin-left:auto;width:{width}">{body}</table>'


def tax_rows(doc: Doc, label: str | None = None, *, plain: bool = False) -> list[tuple[str, str, bool]]:
    """One row per rate, and the tax total under them when there are several rates."""
    name = label or doc.w["tax"]
    show = doc.n if plain else doc.m
    rows = [(f"{name} {rate(t.rate)}%", show(t.tax), False) for t in doc.taxes]
    if len(doc.taxes) > 1:
        rows.append((doc.w["tax_sum"].format(tax=doc.w["tax"]), show(doc.tax_total), False))
    return rows


def bank_line(doc: Doc) -> str:
    s = doc.seller
    if not s.iban:
        return ""
    return f"{e(doc.w['bank'])}: IBAN {e(grouped(s.iban))} · BIC {e(s.bic)}"


def grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def footer(doc: Doc) -> str:
    s, w, v = doc.seller, doc.w, doc.values
    parts = [e(s.name), f"{e(w['phone'])} {e(v['phone'])}", f"info@{e(str(v['web'])[4:])}", e(v["web"])]
    ids = []
    if s.vat_id:
        ids.append(f"{e(w['vat_id'])}: {e(s.vat_id)}")
    if s.tax_no and doc.loc.country not in ("GB", "IE", "AU"):
        ids.append(f"{e(w['tax_no'])}: {e(s.tax_no)}")
    bank = bank_line(doc)
    return (
        '<div class="small" style="margin-top:28px;border-top:1px solid #999;padding-top:4px;text-align:center">'
        + " · ".join(parts)
        + "<br>"
        + " · ".join(ids)
        + (f"<br>{bank}" if bank else "")
        + "</div>"
    )


def reference(doc: Doc) -> str:
    if doc.loc.country == "BE":
        digits = str(doc.values["ocr"])[:10].rjust(10, "0")
        check = int(digits) % 97 or 97
        return f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}{check:02d}+++"
    if doc.loc.lang in ("sv", "fi", "nb", "da"):
        return str(doc.values["ocr"])
    return doc.number


# ---------------------------------------------------------------------------------------------------- ERP reports


def _erp(doc: Doc, rng: random.Random, font: str, *, title: str, extra_boxes: list[tuple[str, str]],
         after_totals: list[tuple[str, str, bool]], note: str = "") -> str:  # fmt: skip
    w, v = doc.w, doc.values
    boxes = [(w["date"], doc.d(doc.issue))]
    if doc.due:
        boxes.append((w["due"], doc.d(doc.due)))
    boxes += extra_boxes
    box_html = "".join(f"<td><b>{e(k)}</b><br>{e(val)}</td>" for k, val in boxes)
    logo = (f'<div style="font-size:20pt;font-weight:bold;color:#5a3e85">{e(doc.seller.name.split()[0].upper())}</div>'
            if rng.random() < 0.6 else "")  # fmt: skip
    head = (
        f'<table style="width:100%"><tr><td style="width:55%">{logo}'
        f"{address(doc.seller, vat_label=w['vat_id'])}</td>"
        f'<td style="padding-top:50px">{address(doc.buyer, vat_label=w["vat_id"] if rng.random() < 0.6 else None)}</td></tr></table>'
    )
    cols = ("desc", "qty", "price", "tax", "amount")
    rows = [(w["untaxed"], doc.m(doc.net_total), False), *tax_rows(doc),
            (w["total"], doc.m(doc.grand_total), True), *after_totals]  # fmt: skip
    comm = e(w["communication"].format(ref=reference(doc)))
    terms = e(w["terms"].format(days=v["due_days"])) if doc.due else ""
    body = (
        head
        + f'<h2 style="margin-top:26px">{e(title)}</h2>'
        + f'<table class="box" style="width:100%;margin-bottom:14px"><tr>{box_html}</tr></table>'
        + lines_table(doc, cols)
        + totals(doc, rows)
        + (f"<p>{e(note)}</p>" if note else "")
        + f"<p>{comm}</p><p>{terms}</p>"
        + footer(doc)
    )
    return page(doc, body, font)


def erp_report(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    extra = [(w["source"], str(v["order_no"]))]
    if rng.random() < 0.6:
        extra.append((w["reference"], str(v["reference"])))
    if rng.random() < 0.5:
        extra.append((w["delivery_date"], doc.d(v["delivery_date"])))  # type: ignore[arg-type]
    if doc.show_code:
        extra.append(("Currency" if doc.loc.lang == "en" else w["amount"], doc.currency))
    return _erp(doc, rng, font, title=f"{w['invoice']} {doc.number}", extra_boxes=extra, after_totals=[]), []


def erp_credit(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    extra = [(w["source"], f"{w['credit_of']} {v['original']}"), ("", doc.currency)]
    html_ = _erp(
        doc,
        rng,
        font,
        title=f"{w['credit_note']} {doc.number}",
        extra_boxes=extra,
        after_totals=[],
        note=f"{w['credit_of']} {v['original']} ({doc.d(v['original_date'])})",
    )  # type: ignore[arg-type]
    return html_, []


def erp_partial(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    paid_on = doc.d(v["paid_date"])  # type: ignore[arg-type]
    after = [
        (f"{w['paid']} ({paid_on})", doc.m(-doc.paid), False),
        (code_label(doc, w["amount_due"]), doc.m(doc.amount_due), True),
    ]
    extra = [(w["source"], str(v["order_no"])), (w["customer_no"], str(v["customer_no"]))]
    return _erp(
        doc, rng, font, title=f"{w['invoice']} {doc.number}", extra_boxes=extra, after_totals=after
    ), []


def erp_multipage(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    """A long invoice the report engine breaks into pages itself: every page repeats the company, the
    document title and number and the table head (with a page count), the totals follow the last page's rows."""
    w = doc.w
    extra = [(w["customer_no"], str(doc.values["customer_no"])), ("", doc.currency)]
    first = _erp(doc, rng, font, title=f"{w['invoice']} {doc.number}", extra_boxes=extra, after_totals=[])
    per = 14
    chunks = [doc.lines[i : i + per] for i in range(0, len(doc.lines), per)]
    start, end = (
        first.index('<table class="lines">'),
        first.index("</table>", first.index('<table class="lines">')) + 8,
    )
    pages = []
    for number, chunk in enumerate(chunks, 1):
        header = (
            f'<div class="small" style="border-bottom:1px solid #999;margin-bottom:8px">{e(doc.seller.name)} — '
            f'{e(w["invoice"])} {e(doc.number)} <span style="float:right">{e(w["page"])} {number} / {len(chunks)}</span></div>'
        )
        table = lines_table(
            Doc(**{**doc.__dict__, "lines": chunk}), ("desc", "qty", "price", "tax", "amount")
        )
        pages.append((header if number > 1 else "") + table)
    joined = '<div style="page-break-after:always"></div>'.join(pages)
    return first[:start] + joined + first[end:], []


# ------------------------------------------------------------------------------------------- billing services


def _saas(doc: Doc, rng: random.Random, font: str, extra_rows: list[tuple[str, str, bool]]) -> str:
    w, v = doc.w, doc.values
    due_line = f"{doc.m(doc.amount_due)} {doc.currency} — {w['due']} {doc.d(doc.due)}" if doc.due else ""
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue))]
    if doc.due:
        facts.append((w["due"], doc.d(doc.due)))
    fact_html = "".join(f"<tr><td>{e(k)}</td><td>{e(val)}</td></tr>" for k, val in facts)
    body = (
        f'<table style="width:100%"><tr><td><span style="font-size:22pt">{e(w["invoice"])}</span>'
        f'<table style="margin-top:8px">{fact_html}</table></td>'
        f'<td class="r"><b style="font-size:13pt">{e(doc.seller.name)}</b></td></tr></table>'
        f'<table style="width:100%;margin-top:18px"><tr><td style="width:50%">{address(doc.seller, vat_label=w["vat_id"])}'
        f'<br>{e(v["web"])}</td><td><span class="small">{e(w["bill_to"])}</span><br>{address(doc.buyer, vat_label=w["vat_id"])}</td></tr></table>'
        f'<h3 style="margin-top:20px">{e(due_line)}</h3>'
        + lines_table(doc, ("desc", "qty", "price", "amount"))
        + totals(
            doc,
            [
                (w["subtotal"], doc.m(doc.net_total), False),
                *tax_rows(doc),
                (w["total"], doc.m(doc.grand_total), False),
                *extra_rows,
            ],
            width="55%",
        )
        + footer(doc)
    )
    return page(doc, body, font, 9)


def saas_subscription(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w = doc.w
    return _saas(doc, rng, font, [(code_label(doc, w["amount_due"]), doc.m(doc.amount_due), True)]), []


def saas_proration(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    rows = [(f"{w['paid']} ({w['card']}, {v['card']})", doc.m(doc.paid), False),
            (code_label(doc, w["amount_due"]), doc.m(doc.amount_due), True)]  # fmt: skip
    return _saas(doc, rng, font, rows), []


# ------------------------------------------------------------------------------------------ accounting packages


def acct_tax_invoice(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    title = "TAX INVOICE" if doc.loc.country in ("AU", "GB", "IE") else w["invoice"].upper()
    facts = [(w["date"], doc.d(doc.issue)), (w["number"], doc.number), (w["reference"], str(v["reference"]))]
    if doc.seller.vat_id:
        facts.append((w["vat_id"], doc.seller.vat_id))
    fact_html = "".join(f"<b>{e(k)}</b><br>{e(val)}<br>" for k, val in facts)
    cols = ("desc", "qty", "price", "tax", "amount")
    amount = f"{w['amount']} {doc.currency}"
    rows = [(w["subtotal"], doc.n(doc.net_total), False),
            *tax_rows(doc, f"TOTAL {w['tax']}", plain=True),
            (f"TOTAL {doc.currency}", doc.n(doc.grand_total), True)]  # fmt: skip
    if doc.paid:
        rows.append((f"Less {w['paid']}" if doc.loc.lang == "en" else w["paid"], doc.n(doc.paid), False))
    rows.append((f"{w['amount_due'].upper()} {doc.currency}", doc.n(doc.amount_due), True))
    due = f"<p><b>{e(w['due'])}: {e(doc.d(doc.due))}</b></p>" if doc.due else ""
    slip = (
        '<div style="margin-top:30px;border-top:2px dashed #888;padding-top:8px">'
        f'<table style="width:100%"><tr><td style="width:50%"><b style="font-size:14pt">PAYMENT ADVICE</b><br>'
        f"To: {address(doc.seller)}</td><td><table>"
        f"<tr><td>{e(w['customer'])}</td><td>{e(doc.buyer.name)}</td></tr>"
        f"<tr><td>{e(w['number'])}</td><td>{e(doc.number)}</td></tr>"
        f"<tr><td><b>{e(w['amount_due'])}</b></td><td><b>{e(doc.n(doc.amount_due))}</b></td></tr>"
        + (f"<tr><td>{e(w['due'])}</td><td>{e(doc.d(doc.due))}</td></tr>" if doc.due else "")
        + "<tr><td>Amount Enclosed</td><td>____________</td></tr></table></td></tr></table></div>"
    )
    body = (
        f'<table style="width:100%"><tr><td style="width:45%"><span style="font-size:24pt">{e(title)}</span><br><br>'
        f'{address(doc.buyer)}</td><td style="width:22%" class="small">{fact_html}</td>'
        f"<td>{address(doc.seller)}</td></tr></table><br>"
        + lines_table(doc, cols, amount=amount)
        + totals(doc, rows)
        + due
        + (f"<p>{bank_line(doc)}</p>" if doc.seller.iban else "")
        + slip
    )
    return page(doc, body, font, 9), []


def acct_balance(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    terms = f"Net {v['due_days']}" if doc.loc.lang == "en" else w["terms"].format(days=v["due_days"])
    facts = [(w["number"].upper(), doc.number), (w["date"].upper(), doc.d(doc.issue)), ("TERMS", terms)]
    if doc.due:
        facts.append((w["due"].upper(), doc.d(doc.due)))
    fact_html = "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(val)}</td></tr>" for k, val in facts)
    ship = f"<td><b>{e(w['ship_to'].upper())}</b><br>{e(doc.buyer.name)}<br>{e(doc.buyer.street)}<br>{e(doc.buyer.city_line())}</td>"
    rows = [(w["subtotal"].upper(), doc.n(doc.net_total), False), (w["tax"].upper(), doc.n(doc.tax_total), False),
            (w["total"].upper(), doc.n(doc.grand_total), False)]  # fmt: skip
    if doc.paid:
        rows.append((w["paid"].upper(), doc.n(doc.paid), False))
    rows.append((f"{w['balance'].upper()} DUE" if doc.loc.lang == "en" else w["amount_due"].upper(),
                 f"{doc.currency} {doc.n(doc.amount_due)}", True))  # fmt: skip
    body = (
        f'<table style="width:100%"><tr><td>{address(doc.seller, vat_label=w["vat_id"])}<br>{e(v["web"])}</td>'
        f'<td class="r" style="color:#2a7;font-size:22pt">{e(w["invoice"].upper())}</td></tr></table><br>'
        f'<table style="width:100%"><tr><td><b>{e(w["bill_to"].upper())}</b><br>{address(doc.buyer)}</td>{ship}'
        f"<td><table>{fact_html}</table></td></tr></table><br>"
        + lines_table(doc, ("desc", "qty", "price", "amount"))
        + totals(doc, rows)
        + (f"<p>{bank_line(doc)}</p>" if doc.seller.iban else "")
        + f"<p class='small'>{e(w['thanks'])}</p>"
    )
    return page(doc, body, font, 9), []


# --------------------------------------------------------------------------------------------------- web shops


def shop_order(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    t = doc.taxes[0]
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue)), (w["order"], str(v["order_no"])),
             (w["order_date"], doc.d(v["order_date"]))]  # type: ignore[arg-type]  # fmt: skip
    if doc.due:
        facts.append((w["due"], doc.d(doc.due)))
    fact_html = "".join(f"<tr><td>{e(k)}:</td><td>{e(val)}</td></tr>" for k, val in facts)
    subtotal_gross = sum((x.net for x in doc.lines), Decimal(0))
    rows = [(w["subtotal"], doc.m(subtotal_gross), False)]
    if doc.allowance:
        rows.append((f"{w['discount']} ({v['code']})", doc.m(-doc.allowance), False))
    rows.append((w["shipping"], doc.m(doc.shipping), False))
    rows.append((code_label(doc, w["total"]), doc.m(doc.grand_total), True))
    rows.append((f"{w['untaxed']}", doc.m(t.base), False))
    rows.append((f"{w['tax']} {rate(t.rate)}%", doc.m(t.tax), False))
    if doc.paid:
        rows.append((f"{w['gift_card']} ••••{v['gift']}", doc.m(-doc.paid), False))
        rows.append((w["amount_due"], doc.m(doc.amount_due), True))
    body = (
        f'<table style="width:100%"><tr><td><span style="font-size:18pt">{e(doc.seller.name)}</span><br>'
        f'{e(doc.seller.street)}, {e(doc.seller.city_line())}</td><td class="r"><h1>{e(w["invoice"])}</h1></td></tr></table>'
        f'<table style="width:100%;margin-top:14px"><tr><td><b>{e(w["bill_to"])}</b><br>{address(doc.buyer)}</td>'
        f"<td><b>{e(w['ship_to'])}</b><br>{address(doc.buyer)}</td><td><table>{fact_html}</table></td></tr></table><br>"
        + lines_table(doc, ("desc", "qty", "price", "amount"), amount=w["gross"])
        + totals(doc, rows)
        + f"<p>{e(w['thanks'])}</p>"
        + footer(doc)
    )
    return page(doc, body, font, 9), []


# ------------------------------------------------------------------------------------------- multi-currency


def multicurrency(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    r = Decimal(str(v["rate"]))
    local = doc.loc.currency
    conv = [(f"{w['total_in']} {local}", f"{doc.loc.number((doc.grand_total * r).quantize(Decimal('0.01')))} {local}", False),
            (f"{w['tax']} ({local})", f"{doc.loc.number((doc.tax_total * r).quantize(Decimal('0.01')))} {local}", False)]  # fmt: skip
    rows = [(w["untaxed"], doc.m(doc.net_total), False), *tax_rows(doc),
            (f"{w['total']} ({doc.currency})", doc.m(doc.grand_total), True)]  # fmt: skip
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue))]
    if doc.due:
        facts.append((w["due"], doc.d(doc.due)))
    facts.append((w["exchange"], f"1 {doc.currency} = {r} {local}"))
    fact_html = "".join(f"<tr><td>{e(k)}</td><td><b>{e(val)}</b></td></tr>" for k, val in facts)
    body = (
        f'<table style="width:100%"><tr><td>{address(doc.seller, vat_label=w["vat_id"])}</td>'
        f'<td class="r"><h2>{e(w["invoice"])}</h2><table style="margin-left:auto">{fact_html}</table></td></tr></table>'
        f'<p style="margin-top:20px">{address(doc.buyer, vat_label=w["vat_id"])}</p>'
        + lines_table(doc, ("pos", "desc", "qty", "price", "tax", "amount"))
        + totals(doc, rows)
        + totals(doc, conv)
        + footer(doc)
    )
    return page(doc, body, font, 9), []


# -------------------------------------------------------------------------------- small-business tools by country


def _letter(doc: Doc, rng: random.Random, font: str, *, title: str, facts: list[tuple[str, str]],
            rows: list[tuple[str, str, bool]], notes: list[str], cols: tuple[str, ...] = ("pos", "desc", "qty", "unit", "price", "amount")) -> str:  # fmt: skip
    s = doc.seller
    sender = f"{s.name} · {s.street} · {s.city_line()}"
    fact_html = "".join(f"<tr><td>{e(k)}</td><td class='r'>{e(val)}</td></tr>" for k, val in facts)
    body = (
        f'<div style="text-align:right;font-size:16pt;font-weight:bold">{e(s.name)}</div>'
        f'<table style="width:100%;margin-top:30px"><tr><td style="width:60%"><span class="small" style="text-decoration:underline">{e(sender)}</span><br>'
        f'{address(doc.buyer)}</td><td><table style="margin-left:auto">{fact_html}</table></td></tr></table>'
        f'<h2 style="margin-top:30px">{e(title)}</h2>'
        + lines_table(doc, cols)
        + totals(doc, rows)
        + "".join(f"<p>{e(n)}</p>" for n in notes)
        + footer(doc)
    )
    return page(doc, body, font)


def de_tool(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue)), (w["customer_no"], str(v["customer_no"])),
             (w["period"], f"{doc.d(v['period'])} – {doc.d(v['period_end'])}")]  # type: ignore[arg-type]  # fmt: skip
    rows = [(w["untaxed"], doc.m(doc.net_total), False),
            *tax_rows(doc, f"zzgl. {w['tax']}"),
            (code_label(doc, w["total"]), doc.m(doc.grand_total), True)]  # fmt: skip
    notes = [f"{w['terms'].format(days=v['due_days'])} ({w['due']}: {doc.d(doc.due)})" if doc.due else "",
             f"Ihre USt-IdNr.: {doc.buyer.vat_id}" if doc.buyer.vat_id else ""]  # fmt: skip
    return _letter(
        doc,
        rng,
        font,
        title=f"{w['invoice']} Nr. {doc.number}",
        facts=facts,
        rows=rows,
        notes=[n for n in notes if n],
    ), []


def de_kleinunternehmer(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue)),
             (w["delivery_date"], doc.d(v["delivery_date"]))]  # type: ignore[arg-type]  # fmt: skip
    rows = [(code_label(doc, w["total"]), doc.m(doc.grand_total), True)]
    law = ("Gemäß § 19 UStG wird keine Umsatzsteuer berechnet." if doc.loc.country == "DE"
           else "Umsatzsteuerfrei aufgrund der Kleinunternehmerregelung gemäß § 6 Abs. 1 Z 27 UStG.")  # fmt: skip
    notes = [
        law,
        f"Bitte überweisen Sie den Betrag bis zum {doc.d(doc.due)} auf das unten genannte Konto."
        if doc.due
        else "",
    ]
    return _letter(doc, rng, font, title=w["invoice"], facts=facts, rows=rows, notes=[n for n in notes if n],
                   cols=("pos", "desc", "qty", "price", "amount")), []  # fmt: skip


def fr_tool(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue))]
    if doc.due:
        facts.append((w["due"], doc.d(doc.due)))
    facts.append((w["customer_no"], str(v["customer_no"])))
    rows = [(w["untaxed"], doc.m(doc.net_total), False),
            *tax_rows(doc, "TVA"),
            (code_label(doc, w["total"]), doc.m(doc.grand_total), True)]  # fmt: skip
    if doc.paid:
        rows.append(("Acompte versé", doc.m(-doc.paid), False))
    rows.append((w["amount_due"], doc.m(doc.amount_due), True))
    late = ("En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt légal sera exigible, "
            "ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 €.")  # fmt: skip
    notes = [w["terms"].format(days=v["due_days"]), late, w["communication"].format(ref=reference(doc))]
    return _letter(doc, rng, font, title=f"{w['invoice']} n° {doc.number}", facts=facts, rows=rows, notes=notes,
                   cols=("desc", "qty", "price", "tax", "amount")), []  # fmt: skip


def fr_micro(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w = doc.w
    facts = [(w["number"], doc.number), ("Date d'émission", doc.d(doc.issue))]
    if doc.due:
        facts.append(("Échéance", doc.d(doc.due)))
    rows = [
        ("Total HT", doc.m(doc.net_total), False),
        (code_label(doc, "Net à payer"), doc.m(doc.amount_due), True),
    ]
    notes = ["TVA non applicable, art. 293 B du CGI.", f"SIRET : {doc.seller.tax_no}",
             "Pénalités de retard : trois fois le taux d'intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 €.",
             "Pas d'escompte pour paiement anticipé."]  # fmt: skip
    return _letter(doc, rng, font, title=w["invoice"], facts=facts, rows=rows, notes=notes,
                   cols=("desc", "qty", "price", "amount")), []  # fmt: skip


def es_irpf(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    pct = (doc.retention * 100 / doc.net_total).quantize(Decimal(1)) if doc.net_total else Decimal(15)
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue))]
    if doc.due:
        facts.append((w["due"], doc.d(doc.due)))
    rows = [(w["untaxed"], doc.m(doc.net_total), False), *tax_rows(doc, "IVA"),
            ("Total factura", doc.m(doc.grand_total), False), (f"Retención IRPF {pct}%", doc.m(-doc.retention), False),
            (code_label(doc, "Total a pagar"), doc.m(doc.amount_due), True)]  # fmt: skip
    notes = [f"{w['terms'].format(days=v['due_days'])}", f"IBAN: {grouped(doc.seller.iban or '')}",
             "Factura sujeta a retención de IRPF conforme a la normativa vigente."]  # fmt: skip
    body_notes = [n for n in notes if n]
    html_ = _letter(doc, rng, font, title=w["invoice"], facts=facts, rows=rows, notes=body_notes,
                    cols=("desc", "qty", "price", "amount"))  # fmt: skip
    return html_, []


def it_ritenuta(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue))]
    if doc.due:
        facts.append((w["due"], doc.d(doc.due)))
    rows = [(w["untaxed"], doc.m(doc.net_total), False), *tax_rows(doc, "IVA"),
            (w["total"], doc.m(doc.grand_total), False), ("Ritenuta d'acconto 20%", doc.m(-doc.retention), False),
            (code_label(doc, w["amount_due"]), doc.m(doc.amount_due), True)]  # fmt: skip
    notes = [w["terms"].format(days=v["due_days"]), f"IBAN {grouped(doc.seller.iban or '')}",
             "Documento privo di valenza fiscale ai sensi dell'art. 21 DPR 633/72; l'originale è disponibile nell'area riservata."]  # fmt: skip
    return _letter(doc, rng, font, title=f"{w['invoice']} n. {doc.number}", facts=facts, rows=rows, notes=notes,
                   cols=("desc", "qty", "price", "tax", "amount")), []  # fmt: skip


def it_forfettario(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue))]
    if doc.due:
        facts.append((w["due"], doc.d(doc.due)))
    rows = [(code_label(doc, w["total"]), doc.m(doc.grand_total), True)]
    notes = ["Operazione senza applicazione dell'IVA ai sensi dell'art. 1, commi 54-89, Legge n. 190/2014 (regime forfettario).",
             "Imposta di bollo assolta sull'originale per importi superiori a 77,47 €.",
             f"{w['terms'].format(days=v['due_days'])} — IBAN {grouped(doc.seller.iban or '')}"]  # fmt: skip
    return _letter(doc, rng, font, title=f"{w['invoice']} n. {doc.number}", facts=facts, rows=rows, notes=notes,
                   cols=("desc", "qty", "price", "amount")), []  # fmt: skip


def nordic_giro(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue))]
    if doc.due:
        facts.append((w["due"], doc.d(doc.due)))
    facts += [(w["customer_no"], str(v["customer_no"])), (w["reference"], str(v["reference"]))]
    rows = [(w["untaxed"], doc.m(doc.net_total), False), *tax_rows(doc),
            (code_label(doc, w["amount_due"]), doc.m(doc.amount_due), True)]  # fmt: skip
    account = grouped(doc.seller.iban or "")
    ref_label = {"sv": "OCR", "fi": "Viitenumero", "nb": "KID", "da": "FIK"}[doc.loc.lang]
    slip = (
        '<div style="margin-top:30px;border-top:2px dashed #888;padding-top:8px"><table class="box" style="width:100%">'
        f"<tr><td>{e(w['seller'])}<br><b>{e(doc.seller.name)}</b></td><td>IBAN<br>{e(account)}</td><td>BIC<br>{e(doc.seller.bic)}</td></tr>"
        f"<tr><td>{e(w['customer'])}<br>{e(doc.buyer.name)}</td><td>{e(ref_label)}<br>{e(reference(doc))}</td>"
        f"<td>{e(w['due'])}<br>{e(doc.d(doc.due)) if doc.due else ''}</td></tr>"
        f"<tr><td></td><td></td><td>{e(doc.currency)}<br><b>{e(doc.n(doc.amount_due))}</b></td></tr></table></div>"
    )
    cols = ("desc", "qty", "unit", "price", "amount")
    body = _letter(doc, rng, font, title=w["invoice"], facts=facts, rows=rows,
                   notes=[w["terms"].format(days=v["due_days"]), w["communication"].format(ref=reference(doc))], cols=cols)  # fmt: skip
    return body.replace("</body>", slip + "</body>"), []


def pt_certified(doc: Doc, rng: random.Random, font: str) -> tuple[str, list[str]]:
    w, v = doc.w, doc.values
    facts = [(w["number"], doc.number), (w["date"], doc.d(doc.issue))]
    if doc.due:
        facts.append((w["due"], doc.d(doc.due)))
    facts += [("ATCUD", str(v["atcud"])), (w["customer_no"], str(v["customer_no"]))]
    rows = [(w["untaxed"], doc.m(doc.net_total), False), *tax_rows(doc),
            (code_label(doc, "Total a pagar"), doc.m(doc.grand_total), True)]  # fmt: skip
    notes = ["Original", f"Processado por programa certificado n.º {rng.randint(1000, 2999)}/AT",
             "Os bens/serviços foram colocados à disposição do adquirente na data do documento."]  # fmt: skip
    return _letter(doc, rng, font, title=f"{w['invoice']} {doc.number}", facts=facts, rows=rows, notes=notes,
                   cols=("desc", "qty", "price", "tax", "amount")), []  # fmt: skip


Render = Callable[[Doc, random.Random, str], tuple[str, list[str]]]
LAYOUTS: dict[str, Render] = {
    "erp_report": erp_report, "erp_credit": erp_credit, "erp_partial": erp_partial, "erp_multipage": erp_multipage,
    "saas_subscription": saas_subscription, "saas_proration": saas_proration,
    "acct_tax_invoice": acct_tax_invoice, "acct_balance": acct_balance, "shop_order": shop_order,
    "multicurrency": multicurrency, "de_tool": de_tool, "de_kleinunternehmer": de_kleinunternehmer,
    "fr_tool": fr_tool, "fr_micro": fr_micro, "es_irpf": es_irpf, "it_ritenuta": it_ritenuta,
    "it_forfettario": it_forfettario, "nordic_giro": nordic_giro, "pt_certified": pt_certified,
}  # fmt: skip
assert set(LAYOUTS) == set(LAYOUT_LOCALES)


def draw(layout: str, tag: str, rng: random.Random) -> tuple[Doc, str, list[str], str]:
    """(document, HTML, wkhtmltopdf options, font) of one document."""
    doc = draw_doc(layout, tag, rng)
    font = rng.choice(FONTS)
    body, options = LAYOUTS[layout](doc, rng, font)
    return doc, body, options, font
