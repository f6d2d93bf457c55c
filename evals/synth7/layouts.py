"""The layouts of evals/synth7: word-processor invoices (frames, tab stops with dot leaders, tables with and
without borders, header and footer, justified notes, page breaks), ERP print-outs (labelled boxes, several
numbers, dates and amounts that are not the invoice's) and till receipts (58 and 80 mm)."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from evals.synth7.ids import grouped
from evals.synth7.model import Doc, draw_doc
from evals.synth7.odt import Odt

A4 = (21.0, 29.7)


def _qty(doc: Doc, value: Decimal) -> str:
    return doc.n(value) if value != value.to_integral() else str(int(value))


def _rate(doc: Doc, rate: Decimal) -> str:
    text = f"{rate.normalize():f}"
    return text.replace(".", doc.loc.decimal) + " %"


def _title(doc: Doc) -> str:
    return doc.w["credit_note"] if doc.credit else doc.w["invoice"]


def _facts(doc: Doc, erp: bool = False) -> list[tuple[str, str]]:
    w = doc.w
    out = [(w["number"], doc.number), (w["date"], doc.d(doc.issue))]
    if erp or doc.layout in ("wp_letterhead", "wp_borderless"):
        out.append((w["customer_no"], doc.customer_no))
    if erp:
        out += [(w["order_no"], doc.order_no), (w["order_date"], doc.d(doc.order_date)),
                (w["delivery_note"], doc.delivery_note), (w["delivery_date"], doc.d(doc.delivery_date))]  # fmt: skip
    if doc.due:
        out.append((w["due"], doc.d(doc.due)))
    return out


def _seller_ids(doc: Doc) -> list[str]:
    s = doc.seller
    out = [f"{doc.w['our_vat']}: {s.vat_id}"]
    if s.iban:
        out.append(f"IBAN: {grouped(s.iban)}")
        out.append(f"BIC: {s.bic}")
    return out


def _item_rows(doc: Doc, sku: bool = False, discount: bool = False) -> list[list[str]]:
    w = doc.w
    head = [w["pos"], *( [w["item_no"]] if sku else []), w["description"], w["qty"], w["unit_price"],
            *(["%"] if discount else []), w["amount"]]  # fmt: skip
    rows = [head]
    for line in doc.lines:
        rows.append([str(line.pos), *([line.sku] if sku else []), line.text, f"{_qty(doc, line.quantity)} {line.unit}",
                     doc.n(line.price), *([doc.n(line.discount) if line.discount else ""] if discount else []),
                     doc.n(line.net)])  # fmt: skip
    return rows


def _totals(doc: Doc) -> list[tuple[str, str]]:
    w = doc.w
    out: list[tuple[str, str]] = []
    if doc.shipping:
        out.append((w["shipping"], doc.n(doc.shipping)))
    out.append((w["net_total"], doc.n(doc.net_total)))
    for tax in doc.taxes:
        out.append((f"{w['vat']} {_rate(doc, tax.rate)}", doc.n(tax.tax)))
    if len(doc.taxes) > 1:
        out.append((w["vat_total"], doc.n(doc.tax_total)))
    out.append((f"{w['total']} {doc.loc.currency}", doc.n(doc.grand_total)))
    if doc.prepaid:
        out.append((w["advance"], f"-{doc.n(doc.prepaid)}"))
        out.append((w["amount_due"], doc.m(doc.amount_due)))
    return out


def _terms(doc: Doc) -> str:
    w = doc.w
    parts = []
    if doc.discount and doc.due:
        pct, amount, day = doc.discount
        parts.append(
            w["terms"].format(days=(doc.due - doc.issue).days, pct=pct, amount=doc.m(amount), date=doc.d(day))
        )
    if doc.due:
        parts.append(f"{w['due']}: {doc.d(doc.due)}")
    return " ".join(parts)


def _sender_line(doc: Doc) -> str:
    s = doc.seller
    return f"{s.name} · {s.street} · {s.postcode} {s.city}"


def _buyer_block(doc: Doc) -> list[str]:
    assert doc.buyer is not None
    return doc.buyer.address()


def _dotted_totals(o: Odt, doc: Doc, left: float = 8.5) -> None:
    tabs = ((o.width, "right", True),)
    for label, value in _totals(doc):
        bold = label.startswith(doc.w["total"]) or label == doc.w["amount_due"]
        text = f"\t{label}\t{value}" if left else f"{label}\t{value}"
        o.add(text, tabs=((left, "left", False), *tabs) if left else tabs, bold=bold)


def wp_letterhead(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 2.0, doc.font)
    s = doc.seller
    o.frame(
        9.0,
        0.0,
        8.0,
        2.6,
        [
            (s.name, {"size": 15, "bold": True, "align": "end"}),
            (s.street, {"align": "end"}),
            (f"{s.postcode} {s.city}", {"align": "end"}),
            (doc.rng_values["phone"], {"align": "end", "size": 8}),
        ],
    )  # type: ignore[list-item]
    for _ in range(4):
        o.add("")
    o.add(_sender_line(doc), size=6.5)
    for text in _buyer_block(doc):
        o.add(text)
    o.frame(10.5, 3.6, 6.5, 2.4, [(f"{k}: {v}", {"size": 9}) for k, v in _facts(doc)], border=True)
    for _ in range(3):
        o.add("")
    o.add(_title(doc), size=16, bold=True)
    o.table(_item_rows(doc), [1.0, 7.4, 2.4, 3.0, 3.2], aligns="llrrr", size=9)
    o.add("")
    _dotted_totals(o, doc)
    o.add("")
    o.add(_terms(doc), align="justify", size=8.5)
    o.footer(
        table=o.table(
            [
                [s.name, f"{doc.w['our_vat']}: {s.vat_id}", f"IBAN {grouped(s.iban or '')}"],
                [f"{s.street}, {s.postcode} {s.city}", doc.rng_values["phone"], f"BIC {s.bic}"],
            ],  # type: ignore[list-item]
            [5.7, 5.0, 6.3],
            borders="none",
            bold_first=False,
            size=7,
            add=False,
        )
    )
    return o


def wp_tabs(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 2.2, doc.font)
    s, w = doc.seller, doc.w
    o.header(
        [(f"{s.name}\t{s.street}, {s.postcode} {s.city}", {"size": 8, "tabs": ((o.width, "right", False),)})]
    )
    o.add(s.name, size=13, bold=True)
    o.add("")
    for text in _buyer_block(doc):
        o.add(text)
    o.add("")
    for k, v in _facts(doc):
        o.add(f"{k}:\t{v}", tabs=((4.5, "left", False),))
    o.add("")
    o.add(_title(doc).upper(), size=14, bold=True)
    stops = ((0.9, "left", False), (11.0, "right", False), (13.6, "right", False), (o.width, "right", False))
    o.add(
        f"{w['pos']}\t{w['description']}\t{w['qty']}\t{w['unit_price']}\t{w['amount']}", tabs=stops, bold=True
    )
    o.add("_" * 80, size=6)
    for line in doc.lines:
        o.add(
            f"{line.pos}\t{line.text}\t{_qty(doc, line.quantity)}\t{doc.n(line.price)}\t{doc.n(line.net)}",
            tabs=stops,
        )
    o.add("_" * 80, size=6)
    _dotted_totals(o, doc)
    o.add("")
    terms = _terms(doc)
    bank = f"{w['bank']}: IBAN {grouped(s.iban or '')}, BIC {s.bic}. {w['our_vat']} {s.vat_id}."
    o.add(f"{terms} {bank}", align="justify", size=9)
    return o


def wp_borderless(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 1.8, doc.font)
    s, w = doc.seller, doc.w
    assert doc.buyer is not None
    b = doc.buyer
    o.add(s.name, size=14, bold=True)
    o.add(f"{s.street}\n{s.postcode} {s.city}\n{w['our_vat']}: {s.vat_id}", size=9)
    o.add("")
    facts = _facts(doc)
    rows = [[b.name, f"{facts[0][0]}: {facts[0][1]}"], [b.street, f"{facts[1][0]}: {facts[1][1]}"],
            [f"{b.postcode} {b.city}", f"{facts[2][0]}: {facts[2][1]}"],
            [f"{w['your_vat']}: {b.vat_id}", f"{facts[3][0]}: {facts[3][1]}" if len(facts) > 3 else ""]]  # fmt: skip
    o.table(rows, [9.4, 8.0], borders="none", bold_first=False, aligns="lr")
    o.add("")
    o.add(_title(doc), size=15, bold=True)
    o.table(
        _item_rows(doc, discount=True),
        [1.0, 7.0, 2.2, 2.6, 1.4, 3.2],
        borders="header",
        aligns="llrrrr",
        size=9,
    )
    o.add("")
    rows = [[k, v] for k, v in _totals(doc)]
    o.table(
        [["", ""], *rows], [5.0, 3.4], borders="none", bold_first=False, aligns="lr", bold_rows=(len(rows),)
    )
    o.add("")
    late = w["late"].format(pct=doc.rng_values["late_pct"], amount=doc.m(doc.rng_values["earlier"]))  # type: ignore[arg-type]
    o.add(f"{_terms(doc)} {late}", align="justify", size=8.5)
    o.footer([(f"{s.name} — IBAN {grouped(s.iban or '')} — BIC {s.bic}", {"size": 7, "align": "center"})])
    return o


def wp_multipage(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 2.0, doc.font, size=9)
    s, w = doc.seller, doc.w
    o.header([(f"{s.name}\t{w['number']} {doc.number}", {"size": 8, "tabs": ((o.width, "right", False),)})])
    o.footer(
        [
            (
                f"{s.name} · {s.street} · {s.postcode} {s.city} · {w['our_vat']} {s.vat_id} · IBAN {grouped(s.iban or '')}",
                {"size": 6.5, "align": "center"},
            )
        ]
    )
    for text in _buyer_block(doc):
        o.add(text)
    o.add("")
    for k, v in _facts(doc):
        o.add(f"{k}\t{v}", tabs=((4.5, "left", False),))
    o.add(_title(doc), size=15, bold=True)
    split = rng.randint(16, 20)
    rows = _item_rows(doc)
    carried = sum((line.net for line in doc.lines[:split]), Decimal(0))
    widths = [1.0, 8.0, 2.4, 2.6, 3.0]
    o.table([*rows[: split + 1], ["", w["carried"], "", "", doc.n(carried)]], widths, aligns="llrrr", size=8.5,
            bold_rows=(split + 1,))  # fmt: skip
    o.add(f"{w['page']} 1", align="end", size=8)
    o.add(f"{w['brought']} 1\t{doc.n(carried)}", tabs=((o.width, "right", True),), brk=True)
    o.table([rows[0], *rows[split + 1 :]], widths, aligns="llrrr", size=8.5)
    o.add("")
    _dotted_totals(o, doc)
    o.add(_terms(doc), align="justify", size=8.5)
    o.add(f"{w['page']} 2", align="end", size=8)
    return o


def wp_letter(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 2.5, doc.font, size=10.5)
    s, w = doc.seller, doc.w
    o.add(s.name, size=18, bold=True, align="center")
    o.add(f"{s.street} | {s.postcode} {s.city} | {doc.rng_values['phone']}", size=8, align="center")
    o.add("")
    for text in _buyer_block(doc):
        o.add(text)
    o.add("")
    o.add(f"{s.city}, {doc.d(doc.issue)}", align="end")
    o.add(f"{_title(doc)} {doc.number}", bold=True)
    o.add(w["dear"])
    o.add(w["intro"], align="justify")
    o.table(_item_rows(doc), [1.0, 7.0, 2.2, 2.5, 3.3], aligns="llrrr", size=9.5)
    o.add("")
    for label, value in _totals(doc):
        o.add(f"{label}\t{value}", tabs=((o.width, "right", False),), bold=label.startswith(w["total"]))
    o.add("")
    o.add(_terms(doc), align="justify")
    o.add(f"IBAN {grouped(s.iban or '')} · BIC {s.bic}")
    o.add("")
    o.add(w["signature"])
    o.add(str(doc.rng_values["person"]))
    o.add(s.name, italic=True)
    o.footer([(f"{w['our_vat']} {s.vat_id}", {"size": 7, "align": "center"})])
    return o


def wp_credit(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 2.0, doc.font)
    s, w = doc.seller, doc.w
    assert doc.preceding is not None
    o.frame(
        0.0,
        0.0,
        8.0,
        2.4,
        [
            (s.name, {"size": 14, "bold": True}),
            (s.street, {}),
            (f"{s.postcode} {s.city}", {}),
            (f"{w['our_vat']} {s.vat_id}", {"size": 8}),
        ],
    )
    for _ in range(5):
        o.add("")
    for text in _buyer_block(doc):
        o.add(text)
    o.add("")
    o.add(_title(doc), size=16, bold=True)
    for k, v in _facts(doc):
        o.add(f"{k}\t{v}", tabs=((5.0, "left", False),))
    number, day = doc.preceding
    o.add(w["ref_invoice"].format(number=number, date=doc.d(day)), italic=True)
    o.add("")
    negative = rng.random() < 0.5
    rows = _item_rows(doc)
    if negative:
        for row in rows[1:]:
            row[-1] = "-" + row[-1]
    o.table(rows, [1.0, 7.6, 2.4, 2.8, 3.2], aligns="llrrr", size=9)
    o.add("")
    for label, value in _totals(doc):
        o.add(f"{label}\t{'-' if negative else ''}{value}", tabs=((o.width, "right", True),),
              bold=label.startswith(w["total"]))  # fmt: skip
    o.add("")
    o.add(w["refund"].format(amount=doc.m(doc.grand_total)), align="justify")
    o.footer([(f"IBAN {grouped(s.iban or '')} · BIC {s.bic}", {"size": 7, "align": "center"})])
    return o


def wp_deposit(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 2.0, doc.font)
    s, w = doc.seller, doc.w
    o.header([(s.name, {"size": 13, "bold": True}), (f"{s.street} · {s.postcode} {s.city}", {"size": 8})])
    o.add(_sender_line(doc), size=6.5)
    for text in _buyer_block(doc):
        o.add(text)
    o.add("")
    facts = _facts(doc)
    o.table(
        [[k for k, _ in facts], [v for _, v in facts]],
        [o.width / len(facts)] * len(facts),
        borders="box",
        size=9,
    )
    o.add("")
    o.add(_title(doc), size=15, bold=True)
    o.table(_item_rows(doc), [1.0, 7.6, 2.4, 2.8, 3.2], aligns="llrrr", size=9, borders="header")
    o.add("")
    _dotted_totals(o, doc, left=7.0)
    o.add("")
    o.add(_terms(doc), align="justify", size=9)
    o.footer(
        table=o.table(
            [
                [f"{w['bank']}", f"{w['our_vat']}"],
                [f"IBAN {grouped(s.iban or '')}\nBIC {s.bic}", s.vat_id or ""],
            ],
            [10.0, 7.0],
            borders="none",
            size=7,
            add=False,
        )
    )
    return o


def _erp_head(o: Odt, doc: Doc) -> None:
    s = doc.seller
    o.add(f"{s.name}\t{_title(doc).upper()}", size=11, bold=True, tabs=((o.width, "right", False),))
    o.add(f"{s.street}, {s.postcode} {s.city} · {doc.w['our_vat']} {s.vat_id}", size=7.5)


def erp_boxes(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 1.5, doc.font, size=8.5)
    s, w = doc.seller, doc.w
    assert doc.buyer is not None
    _erp_head(o, doc)
    o.add("")
    site_code, site_city = doc.rng_values["site"]  # type: ignore[misc]
    o.table([[w["invoice_address"], w["delivery_address"]],
             ["\n".join(_buyer_block(doc)), f"{doc.buyer.name}\n{doc.rng_values['street']}\n{site_code} {site_city}"]],
            [9.0, 9.0], size=8.5)  # fmt: skip
    o.add("")
    facts = _facts(doc, erp=True)
    facts += [(w["your_vat"], doc.buyer.vat_id or ""), (w["salesperson"], str(doc.rng_values["person"])),
              (w["currency"], doc.loc.currency), (w["page"], "1 / 1")]  # fmt: skip
    cells = [f"{k}\n{v}" for k, v in facts]
    cells += [""] * (-len(cells) % 4)
    o.table([cells[i : i + 4] for i in range(0, len(cells), 4)], [4.5] * 4, bold_first=False, size=8)
    o.add("")
    o.table(
        _item_rows(doc, sku=True, discount=True),
        [0.9, 2.0, 6.6, 2.1, 2.4, 1.2, 2.8],
        aligns="lllrrrr",
        size=8,
    )
    o.add("")
    rows = [[w["vat"], w["net"], w["vat"], w["gross"]]]
    for tax in doc.taxes:
        rows.append([_rate(doc, tax.rate), doc.n(tax.base), doc.n(tax.tax), doc.n(tax.base + tax.tax)])
    o.table(rows, [2.5, 3.0, 3.0, 3.0], aligns="lrrr", size=8)
    o.add("")
    o.table([[w["net_total"], w["vat_total"], f"{w['total']} {doc.loc.currency}"],
             [doc.n(doc.net_total), doc.n(doc.tax_total), doc.n(doc.grand_total)]], [4.0, 4.0, 4.0], aligns="rrr")  # fmt: skip
    o.add("")
    o.add(_terms(doc), size=8)
    o.footer([(f"{s.name} · IBAN {grouped(s.iban or '')} · BIC {s.bic}", {"size": 6.5})])
    return o


def erp_mono(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 1.6, doc.font, size=8.5)
    s, w = doc.seller, doc.w
    assert doc.buyer is not None
    mono = {"mono": True, "size": 8.5}
    o.add(s.name.upper(), mono=True, size=11, bold=True)
    o.add(f"{s.street}  {s.postcode} {s.city}", **mono)
    o.add(f"{w['our_vat']} {s.vat_id}", **mono)
    o.add("=" * 78, **mono)
    o.add(f"{_title(doc).upper()}", mono=True, size=12, bold=True)
    facts = _facts(doc, erp=True)
    tab = ((4.2, "left", False), (9.0, "left", False))
    left = [*_buyer_block(doc), f"{w['your_vat']} {doc.buyer.vat_id}"]
    for k in range(max(len(left), len(facts))):
        row = left[k] if k < len(left) else ""
        pair = facts[k] if k < len(facts) else ("", "")
        o.add(f"{pair[0]}\t{pair[1]}\t{row}", tabs=tab, **mono)
    o.add("-" * 78, **mono)
    stops = (
        (1.0, "left", False),
        (3.0, "left", False),
        (12.0, "right", False),
        (14.8, "right", False),
        (o.width, "right", False),
    )
    o.add(f"{w['pos']}\t{w['item_no']}\t{w['description']}\t{w['qty']}\t{w['unit_price']}\t{w['amount']}",
          tabs=stops, **mono)  # fmt: skip
    o.add("-" * 78, **mono)
    for line in doc.lines:  # the item code's row with the figures, the description on the row under it
        o.add(f"{line.pos}\t{line.sku}\t\t{_qty(doc, line.quantity)} {line.unit}\t{doc.n(line.price)}\t{doc.n(line.net)}",
              tabs=stops, **mono)  # fmt: skip
        o.add(f"\t\t{line.text}", tabs=stops, **mono)
    o.add("-" * 78, **mono)
    for label, value in _totals(doc):
        o.add(f"\t{label}\t{value}", tabs=((9.0, "left", False), (o.width, "right", False)), **mono)
    o.add("=" * 78, **mono)
    o.add(_terms(doc), **mono)
    o.add(f"IBAN {s.iban}  BIC {s.bic}", **mono)
    return o


def erp_columns(doc: Doc, rng: random.Random) -> Odt:
    o = Odt(*A4, 1.5, doc.font, size=8.5)
    s, w = doc.seller, doc.w
    assert doc.buyer is not None
    _erp_head(o, doc)
    o.add("")
    site_code, site_city = doc.rng_values["site"]  # type: ignore[misc]
    o.table([[w["invoice_address"], "", w["delivery_address"]],
             ["\n".join(_buyer_block(doc)), "", f"{doc.buyer.name}\n{doc.rng_values['street']}\n{site_code} {site_city}"]],
            [8.5, 1.0, 8.5], borders="none", size=8.5)  # fmt: skip
    o.add("")
    facts = _facts(doc, erp=True)
    half = (len(facts) + 1) // 2  # two bands of labelled columns, wide enough for whole words
    for band in (facts[:half], facts[half:]):
        o.table(
            [[k for k, _ in band], [v for _, v in band]], [18.0 / half] * len(band), borders="all", size=7.5
        )
    o.add("")
    o.table(
        _item_rows(doc, sku=True), [1.0, 2.2, 7.4, 2.2, 2.4, 2.8], borders="header", aligns="lllrrr", size=8
    )
    o.add("")
    several = len(doc.taxes) > 1
    labels = [w["net_total"], *[f"{w['vat']} {_rate(doc, t.rate)}" for t in doc.taxes],
              *([w["vat_total"]] if several else []), w["total"], w["currency"]]  # fmt: skip
    values = [doc.n(doc.net_total), *[doc.n(t.tax) for t in doc.taxes], *([doc.n(doc.tax_total)] if several else []),
              doc.n(doc.grand_total), doc.loc.currency]  # fmt: skip
    o.table(
        [labels, values],
        [18.0 / len(labels)] * len(labels),
        borders="all",
        aligns="r" * len(labels),
        size=8.5,
    )
    o.add("")
    o.add(_terms(doc), size=8)
    o.footer(
        table=o.table(
            [[s.name, f"IBAN {grouped(s.iban or '')}", f"BIC {s.bic}"]],
            [7.0, 7.5, 3.5],
            borders="none",
            bold_first=False,
            size=6.5,
            add=False,
        )
    )
    return o


def _receipt(doc: Doc, width_mm: int, rng: random.Random, card: bool, cafe: bool) -> Odt:
    w, s, v = doc.w, doc.seller, doc.rng_values
    rows = 22 + 2 * len(doc.lines) + 2 * len(doc.taxes)
    width = width_mm / 10
    o = Odt(
        width,
        max(12.0, rows * 0.42 + 4),
        0.3,
        doc.font if width_mm > 60 else "Liberation Sans Narrow",
        size=7.5 if width_mm < 60 else 8.5,
    )
    right = ((o.width, "right", False),)
    o.add(s.name, bold=True, align="center", size=10)
    o.add(s.street, align="center")
    o.add(f"{s.postcode} {s.city}", align="center")
    o.add(f"{w['our_vat']}: {s.vat_id}", align="center")
    o.add("-" * 40, align="center")
    o.add(w["receipt"], bold=True, align="center")
    if cafe:
        o.add(f"{w['table']} {v['table']}\t{v['cashier']}", tabs=right)
    for line in doc.lines:
        code = "A" if line.rate == doc.loc.rates[0] else "B"
        if line.quantity != 1:
            o.add(line.text)
            o.add(f"  {_qty(doc, line.quantity)} x {doc.n(line.price)}\t{doc.n(line.net)} {code}", tabs=right)
        else:
            o.add(f"{line.text}\t{doc.n(line.net)} {code}", tabs=right)
    o.add("-" * 40, align="center")
    if width_mm > 60:
        o.add(f"{w['subtotal']}\t{doc.n(doc.grand_total)}", tabs=right)
    o.add(
        f"{w['total_caps']} {doc.loc.currency}\t{doc.n(doc.grand_total)}",
        tabs=right,
        bold=True,
        size=o.size + 2,
    )
    if v["cash"]:
        o.add(f"{w['cash']}\t{doc.n(v['given'])}", tabs=right)  # type: ignore[arg-type]
        o.add(f"{w['change']}\t{doc.n(v['given'] - doc.grand_total)}", tabs=right)  # type: ignore[operator]
    else:
        o.add(f"{w['card']}\t{doc.n(doc.grand_total)}", tabs=right)
        if card:
            o.add(f"{v['pan']}  AUTH {v['auth']}", size=7)
            o.add(f"TID {v['terminal']}", size=7)
    o.add("")
    tabs = (
        (0.9 if width_mm < 60 else 1.4, "left", False),
        (o.width * 0.55, "right", False),
        (o.width * 0.78, "right", False),
        (o.width, "right", False),
    )
    o.add(f"{w['vat']}\t%\t{w['net']}\t{w['vat']}\t{w['gross']}", tabs=tabs, size=7)
    for tax in doc.taxes:
        code = "A" if tax.rate == doc.loc.rates[0] else "B"
        o.add(
            f"{code}\t{_rate(doc, tax.rate)}\t{doc.n(tax.base)}\t{doc.n(tax.tax)}\t{doc.n(tax.base + tax.tax)}",
            tabs=tabs,
            size=7,
        )
    if len(doc.taxes) > 1:
        o.add(
            f"\t\t{doc.n(doc.net_total)}\t{doc.n(doc.tax_total)}\t{doc.n(doc.grand_total)}", tabs=tabs, size=7
        )
    o.add("")
    if cafe:
        o.add(f"{w['tip']}: ____________")
        o.add(f"{w['total']}: ____________")
        o.add("")
    if card or rng.random() < 0.4:
        o.add(f"{w['points']}: {v['points']} (+{v['earned']})", size=7)
    o.add(f"{doc.d(doc.issue)} {v['time']}\t{w['receipt_no']} {doc.number}", tabs=right, size=7)
    o.add(f"{w['cashier']}: {v['cashier']} · #{v['till']}", size=7)
    o.add(w["thanks"], align="center", italic=True)
    return o


def till_58(doc: Doc, rng: random.Random) -> Odt:
    return _receipt(doc, 58, rng, card=False, cafe=False)


def till_80_card(doc: Doc, rng: random.Random) -> Odt:
    return _receipt(doc, 80, rng, card=True, cafe=False)


def till_cafe(doc: Doc, rng: random.Random) -> Odt:
    return _receipt(doc, 76, rng, card=False, cafe=True)


LAYOUTS: dict[str, Callable[[Doc, random.Random], Odt]] = {
    f.__name__: f
    for f in (wp_letterhead, wp_tabs, wp_borderless, wp_multipage, wp_letter, wp_credit, wp_deposit, erp_boxes,
              erp_mono, erp_columns, till_58, till_80_card, till_cafe)
}  # fmt: skip


def draw(layout: str, tag: str, rng: random.Random) -> tuple[Doc, Any]:
    doc = draw_doc(layout, tag, rng)
    return doc, LAYOUTS[layout](doc, rng)
