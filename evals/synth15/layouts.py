"""The pages of evals/synth15 as HTML: sixteen layouts of web shops, marketplaces, software and hosting firms,
carriers, ticket sellers, payment services and mail bodies (``LAYOUTS``), each returning its page title and
body; and the frame each is printed in (``frame``): the browser's own page, or a mail client's print view of
the message carrying it (a header block; a forwarded message; a reply quoting it). The browser's own print
header and footer (print date, title, URL, page counter) are ``header_footer``'s templates, stamped by
Chromium on every page (dataset.py)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from html import escape

from evals.synth15.model import Doc15, slug

CSS = """
@page { size: %(paper)s; }
body { font-family: %(font)s; font-size: %(size)spx; color: #222; margin: 0; }
table { border-collapse: collapse; width: 100%%; }
td, th { padding: 4px 6px; text-align: left; vertical-align: top; }
th { border-bottom: 1px solid #999; font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; }
.muted { color: #666; font-size: 0.9em; }
.box { border: 1px solid #ccc; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.cols { display: flex; gap: 24px; } .cols > div { flex: 1; }
.big { font-size: 2em; font-weight: 700; }
.brand { font-size: 1.8em; font-weight: 800; letter-spacing: .5px; }
.stamp { display: inline-block; border: 3px solid #2a7; color: #2a7; padding: 2px 10px; font-weight: 800;
         transform: rotate(-6deg); font-size: 1.4em; }
.nav { background: #f3f3f3; padding: 6px 10px; font-size: .9em; }
.mailhead td { padding: 1px 6px; } .mailhead td:first-child { font-weight: 700; width: 80px; }
blockquote { margin: 8px 0 0 6px; padding-left: 10px; border-left: 2px solid #aaa; }
pre { font-family: %(mono)s; font-size: 0.95em; white-space: pre-wrap; }
hr { border: 0; border-top: 1px solid #ccc; }
"""
FONTS = ("Arial, Helvetica, sans-serif", "'DejaVu Sans', sans-serif", "Georgia, 'Times New Roman', serif",
         "'Liberation Sans', Arial, sans-serif", "Verdana, sans-serif")  # fmt: skip


def e(text: object) -> str:
    return escape(str(text))


def rows(pairs: list[tuple[str, str]], cls: str = "") -> str:
    return (
        f'<table class="{cls}">'
        + "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in pairs)
        + "</table>"
    )


def address(name: str, d: Doc15, street: str, postcode: str, city: str, bold: bool = True) -> str:
    town = f"{city} {postcode}" if d.w["country"] in ("GB", "US") else f"{postcode} {city}"
    head = f"<b>{e(name)}</b>" if bold else e(name)
    return f"{head}<br>{e(street)}<br>{e(town)}"


def seller_block(d: Doc15, heading: str = "") -> str:
    s, w = d.seller, d.w
    parts = [f'<div class="muted">{e(heading)}</div>' if heading else "",
             address(s.name, d, s.street, s.postcode, s.city)]  # fmt: skip
    if s.vat_id:
        parts.append(f"<br>{e(w['vat_id'])}: {e(s.vat_id)}")
    return "".join(parts)


def legal_line(d: Doc15) -> str:
    """The seller's identity in the fine print: name, address, registration, VAT id, bank."""
    s, w = d.seller, d.w
    bits = [s.name, s.street, f"{s.postcode} {s.city}" if s.country not in ("GB", "US") else f"{s.city} {s.postcode}",
            str(s.reg or "")]  # fmt: skip
    if s.vat_id:
        bits.append(f"{w['vat_id']} {s.vat_id}")
    if s.iban:
        spaced = " ".join(s.iban[i : i + 4] for i in range(0, len(s.iban), 4))
        bits.append(f"{w['iban']} {spaced}" + (f" · BIC {s.bic}" if s.bic else ""))
    return '<p class="muted">' + " · ".join(e(b) for b in bits if b) + "</p>"


def buyer_block(d: Doc15, label: str | None = None) -> str:
    b = d.buyer
    return f'<div class="muted">{e(label or d.w["bill_addr"])}</div>' + address(
        b.name, d, b.street, b.postcode, b.city
    )


def ship_block(d: Doc15) -> str:
    b = d.buyer
    return f'<div class="muted">{e(d.w["ship_to"])}</div>' + address(
        d.ship_name, d, b.street, b.postcode, b.city
    )


def lines_table(d: Doc15, rng: random.Random, compact: bool = False) -> str:
    w = d.w
    if compact:
        body = "".join(f"<tr><td>{e(line.text)}{'' if line.quantity == 1 else f' × {line.quantity}'}</td>"
                       f'<td class="n">{e(d.money(line.net))}</td></tr>' for line in d.lines)  # fmt: skip
        return f"<table>{body}</table>"
    head = (f"<tr><th>{e(w['item'])}</th><th class=n>{e(w['qty'])}</th><th class=n>{e(w['price'])}</th>"
            f"<th class=n>{e(w['total'] if d.gross else w['amount'])}</th></tr>")  # fmt: skip
    body = "".join(
        f"<tr><td>{e(line.text)}</td><td class=n>{line.quantity}</td><td class=n>{e(d.money(line.price))}</td>"
        f"<td class=n>{e(d.money(line.net))}</td></tr>"
        for line in d.lines
    )
    return f"<table>{head}{body}</table>"


def totals(d: Doc15, rng: random.Random) -> str:
    """The sums: net + VAT = total (net prices) or a total with the VAT it includes (gross prices); then what
    is left to pay — the total, 0.00 on a paid invoice, or only a stamp and the amount paid."""
    w = d.w
    out: list[tuple[str, str]] = []
    rate = f"{d.vat_rate.normalize():f}" if d.vat_rate is not None else ""
    if d.gross:
        out.append((str(w["subtotal"]), d.money(d.lines_sum)))
        out.append((str(w["total"]), d.money(d.total)))
        out.append((str(w["incl_vat"]).format(r=rate), d.money(d.tax)))
    else:
        out.append((str(w["net"]), d.money(d.net)))
        out.append((str(w["vat"]).format(r=rate), d.money(d.tax)))
        out.append((str(w["total"]), d.money(d.total)))
    paid = d.factors["paid"]
    if paid == "no":
        if rng.random() < 0.6:
            out.append((str(w["due_now"]), d.money(d.amount_due)))
    elif paid == "due0":
        out.append((str(w["amount_paid"]), d.money(d.total)))
        out.append((str(w["due_now"]), d.money(Decimal("0.00"))))
    else:
        out.append((str(w["amount_paid"]), d.money(d.total)))
    body = "".join(
        f'<tr><td style="text-align:right">{e(k)}</td><td class="n" style="width:110px">{e(v)}</td></tr>'
        for k, v in out
    )
    stamp = f'<div style="text-align:right"><span class="stamp">{e(w["paid"])}</span></div>' if d.paid else ""
    return f'{stamp}<table style="width:60%;margin-left:40%">{body}</table>'


def facts(d: Doc15, rng: random.Random, *, order: bool = True) -> list[tuple[str, str]]:
    """The invoice's ids and dates, with the order's beside them (and the customer number and transaction id
    where the document carries many)."""
    w = d.w
    out = [(d.pick["number"], d.number), (d.pick["date"], d.short(d.issue))]
    if order:
        out.insert(rng.randint(0, 1), (str(w["order_no"]), d.order_no))
        if d.factors["order_date"] == "yes":
            out.insert(rng.randint(0, len(out)), (str(w["order_date"]), d.short(d.order_date)))
    if d.factors["ids"] == "many":
        out.append((str(w["customer_no"]), d.customer_no))
        out.append((str(w["txn"]), d.txn))
    if d.due is not None:
        out.append((d.pick["due"], d.short(d.due)))
    return out


def payment(d: Doc15) -> str:
    if not d.paid:
        return ""
    return f"<p>{e(d.w['method'])}: {e(str(d.w['card']).format(n=d.card))}</p>"


# ---------------------------------------------------------------- layouts: (title, body)


def shop_confirmation(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{w['order_conf']} {d.order_no} - {d.shown_name}"
    body = (f'<div class="brand">{e(d.shown_name)}</div><p>{e(w["thanks"])}</p>'
            f'<h2>{e(w["order_conf"])} / {e(d.pick["invoice"])}</h2>{rows(facts(d, rng))}'
            f'<div class="cols"><div>{buyer_block(d)}</div><div>{ship_block(d)}</div></div>'
            f"{lines_table(d, rng)}{totals(d, rng)}{payment(d)}<hr>{legal_line(d)}")  # fmt: skip
    return title, body


def shop_account(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{d.pick['invoice']} {d.number} | {d.shown_name}"
    nav = (f'<div class="nav"><b>{e(d.shown_name)}</b> &nbsp; {e(w["account"])} › {e(w["orders"])} › '
           f"{e(d.order_no)}</div>")  # fmt: skip
    body = (f'{nav}<div class="cols" style="margin-top:12px"><div><h1>{e(d.pick["invoice"])}</h1>{rows(facts(d, rng))}</div>'
            f"<div>{seller_block(d)}</div></div>"
            f'<div class="cols"><div>{buyer_block(d, str(w["bill_to"]))}</div><div>{ship_block(d)}</div></div><br>'
            f'{lines_table(d, rng)}{totals(d, rng)}{payment(d)}<div class="nav">© {d.issue.year} {e(d.shown_name)}</div>'
            f"{legal_line(d) if d.seller.iban else ''}")  # fmt: skip
    return title, body


def shop_thanks(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{w['order_no']} {d.order_no} - {d.shown_name}"
    first = d.buyer.name.split()[0]
    body = (f'<div class="brand">{e(d.shown_name)}</div><div class="cols"><div>'
            f'<p class="muted">{e(w["order_no"])} {e(d.order_no)}</p><h2>{e(w["hello"]).format(name=e(first))}</h2>'
            f'<p>{e(w["thanks"])}</p><div class="box">{buyer_block(d)}<br><br>{ship_block(d)}</div>{payment(d)}</div>'
            f'<div class="box">{lines_table(d, rng, compact=True)}<hr>{totals(d, rng)}</div></div>'
            f'<div class="box"><b>{e(d.pick["invoice"])}</b>{rows(facts(d, rng, order=False))}</div>{legal_line(d)}')  # fmt: skip
    return title, body


def _platform_legal(d: Doc15) -> str:
    return f"{d.platform} Europe S.à r.l."


def marketplace(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{d.platform}: {d.pick['invoice']} {d.number}"
    body = (f'<div class="nav"><span class="brand">{e(d.platform)}</span> &nbsp; '
            f'{e(w["account"])} · {e(w["orders"])}</div><h1>{e(d.pick["invoice"])}</h1>'
            f'<div class="cols"><div><b>{e(w["sold_by"])}:</b><br>{seller_block(d)}</div><div>{rows(facts(d, rng))}</div></div>'
            f'<div class="cols"><div>{buyer_block(d)}</div><div>{ship_block(d)}</div></div><br>'
            f"{lines_table(d, rng)}{totals(d, rng)}{payment(d)}<hr>"
            f'<p class="muted">{e(str(w["platform_note"]).format(p=_platform_legal(d)))}</p>'
            f'<p class="muted">{e(_platform_legal(d))} · 5 Rue Plaetis · L-2338 Luxembourg · LU26375245</p>')  # fmt: skip
    return title, body


def marketplace_side(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{w['orders']} - {d.platform}"
    side = (f'<div style="flex:0 0 34%" class="box"><b>{e(w["sold_by"])}</b><br>{seller_block(d)}'
            + (f"<br>{e(w['iban'])}: {e(d.seller.iban)}" if d.seller.iban else "")
            + f'<hr><b>{e(w["issued"])}</b>: {e(d.seller.name)}</div>')  # fmt: skip
    main = (f'<div><div class="brand">{e(d.platform)}</div><h2>{e(d.pick["invoice"])} {e(d.number)}</h2>'
            f'{rows(facts(d, rng))}{buyer_block(d)}<br><br>{lines_table(d, rng)}{totals(d, rng)}{payment(d)}</div>')  # fmt: skip
    body = (f'<div class="cols">{main}{side}</div><hr><p class="muted">'
            f'{e(str(w["platform_note"]).format(p=d.platform))}</p>')  # fmt: skip
    return title, body


def saas_receipt(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    name = d.seller.name if rng.random() < 0.5 else d.shown_name
    title = str(w["receipt_from"]).format(s=name)
    receipt_no = f"{d.customer_no[-4:]}-{d.order_no[-4:]}"
    pairs = [(str(w["amount_paid"] if d.paid else w["due_now"]), d.money(d.total)),
             (str(w["paid_on"] if d.paid else d.pick["date"]), d.short(d.issue)),
             (str(w["receipt"]) + " #", receipt_no), (d.pick["number"], d.number)]  # fmt: skip
    if d.paid:
        pairs.append((str(w["method"]), str(w["card"]).format(n=d.card)))
    if d.due is not None:
        pairs.append((d.pick["due"], d.short(d.due)))
    pairs.insert(1, (d.pick["date"], d.short(d.issue))) if d.paid else None
    body = (f'<div style="max-width:520px;margin:0 auto"><div class="brand">{e(d.shown_name)}</div>'
            f'<h2>{e(title)}</h2><div class="muted">{e(w["receipt"])} #{e(receipt_no)}</div>{rows(pairs)}'
            f'<div class="box">{lines_table(d, rng, compact=True)}<hr>{totals(d, rng)}</div>'
            f'<p class="muted">{e(w["bill_to"])}: {e(d.buyer.name)}, {e(d.buyer_mail)}</p>{legal_line(d)}</div>')  # fmt: skip
    return title, body


def saas_invoice(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{d.pick['invoice']} {d.number}"
    headline = (f"{d.money(d.amount_due)} · {d.pick['due']} {d.short(d.due)}" if d.due is not None
                else f"{d.money(d.total)} · {w['paid']} {d.short(d.issue)}")  # fmt: skip
    body = (f'<div class="cols"><div><h1>{e(d.pick["invoice"])}</h1>{rows(facts(d, rng, order=d.factors["ids"] == "many"))}</div>'
            f'<div style="text-align:right" class="brand">{e(d.shown_name)}</div></div>'
            f'<div class="cols"><div>{seller_block(d)}<br>{e(d.seller_mail)}</div><div>{buyer_block(d, str(w["bill_to"]))}'
            f'<br>{e(d.buyer_mail)}</div></div><h2>{e(headline)}</h2>{lines_table(d, rng)}{totals(d, rng)}{payment(d)}'
            f"{legal_line(d) if d.seller.iban else ''}")  # fmt: skip
    return title, body


def hosting(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{d.shown_name} - {w['account']} - {d.pick['invoice']} #{d.number}"
    status = f'<span class="stamp">{e(w["paid"])}</span>' if d.paid else ""
    txn = ""
    if d.paid:
        txn = (f'<table><tr><th>{e(w["m_date"])}</th><th>{e(w["method"])}</th><th>{e(w["txn"])}</th><th class=n>{e(w["amount"])}</th></tr>'
               f'<tr><td>{e(d.short(d.issue))}</td><td>{e(str(w["card"]).format(n=d.card))}</td><td>{e(d.txn)}</td>'
               f"<td class=n>{e(d.money(d.total))}</td></tr></table>")  # fmt: skip
    body = (f'<div class="nav"><b>{e(d.shown_name)}</b> · {e(w["account"])}</div>'
            f'<div class="cols"><div><h1>{e(d.pick["invoice"])} #{e(d.number)}</h1>{status}</div><div>{seller_block(d)}</div></div>'
            f'{rows(facts(d, rng, order=False))}{buyer_block(d, str(w["bill_to"]))}<br><br>{lines_table(d, rng)}{totals(d, rng)}{txn}'
            f"{legal_line(d)}")  # fmt: skip
    return title, body


def domain(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{d.domain} - {d.pick['invoice']} {d.number}"
    body = (f'<table><tr><td class="brand">{e(d.shown_name)}</td><td class="n">{seller_block(d)}</td></tr></table>'
            f'<h2>{e(d.pick["invoice"])}</h2><div class="cols"><div>{buyer_block(d, str(w["bill_to"]))}</div>'
            f'<div>{rows(facts(d, rng, order=False))}</div></div>{lines_table(d, rng)}{totals(d, rng)}{payment(d)}{legal_line(d)}')  # fmt: skip
    return title, body


def train_ticket(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    travel = d.issue.toordinal() + rng.randint(2, 40)
    day = datetime.fromordinal(travel).date()
    title = f"{w['booking']} {d.order_no} - {d.shown_name}"
    journey = (f'<div class="box"><b>{e(d.lines[0].text)}</b><br>{e(d.short(day))} {rng.randint(6, 21):02d}:{rng.choice((5, 20, 35, 50)):02d}'
               f' · {e(w["passenger"])}: {e(d.ship_name)} · {e(w["booking"])}: {e(d.order_no)}</div>')  # fmt: skip
    body = (f'<div class="brand">{e(d.shown_name)}</div>{journey}<h2>{e(d.pick["invoice"])}</h2>'
            f'<div class="cols"><div>{buyer_block(d, str(w["bill_to"]))}</div><div>{rows(facts(d, rng, order=False))}</div></div>'
            f"{lines_table(d, rng)}{totals(d, rng)}{payment(d)}{legal_line(d)}")  # fmt: skip
    return title, body


def travel_booking(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{d.shown_name} | {w['booking']} {d.order_no}"
    body = (f'<table><tr><td class="brand">{e(d.shown_name)}</td><td class="n"><span class="big">{e(d.order_no)}</span><br>'
            f'{e(w["booking"])}</td></tr></table><div class="box">{e(w["passenger"])}: {e(d.ship_name)}<br>'
            f"{e(d.lines[0].text)}</div>{rows(facts(d, rng))}{buyer_block(d, str(w['bill_to']))}<br><br>"
            f'{lines_table(d, rng)}{totals(d, rng)}{payment(d)}<p class="muted">{e(w["issued"])}:</p>{seller_block(d)}{legal_line(d)}')  # fmt: skip
    return title, body


def event_ticket(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    show = datetime.fromordinal(d.issue.toordinal() + rng.randint(5, 120)).date()
    title = f"{d.pick['invoice']} - {d.shown_name}"
    body = (f'<div class="brand">{e(d.shown_name)}</div><div class="box"><span class="big">{e(d.lines[0].text)}</span><br>'
            f'{e(d.short(show))} · 20:00 · {e(d.seller.city)}</div><h2>{e(d.pick["invoice"])}</h2>{rows(facts(d, rng))}'
            f"{buyer_block(d, str(w['bill_to']))}<br><br>{lines_table(d, rng)}{totals(d, rng)}{payment(d)}{legal_line(d)}")  # fmt: skip
    return title, body


def payment_receipt(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{d.platform} - {w['receipt']} {d.txn}"
    merchant = d.shown_name
    body = (f'<div class="brand">{e(d.platform)}</div><h2>{e(str(w["you_paid"]).format(a=d.money(d.total), m=merchant))}</h2>'
            f'{rows([(str(w["txn"]), d.txn), (str(w["m_date"]), d.short(d.issue)), (str(w["method"]), str(w["card"]).format(n=d.card))])}'
            f'<div class="box"><b>{e(w["merchant"])}</b><br>{seller_block(d)}<br>{e(d.seller_mail)}</div>'
            f'{rows([(d.pick["number"], d.number), (d.pick["date"], d.short(d.issue)), (str(w["order_no"]), d.order_no)])}'
            f'{buyer_block(d)}<br><br>{lines_table(d, rng)}{totals(d, rng)}'
            f'<p class="muted">{e(d.platform)} (Europe) S.à r.l. et Cie, S.C.A. · 22-24 Boulevard Royal · L-2449 Luxembourg</p>')  # fmt: skip
    return title, body


def mail_pasted(d: Doc15, rng: random.Random) -> tuple[str, str]:
    """An invoice typed into the mail body: label-value lines, the items as text, the seller's signature."""
    w = d.w
    width = 44
    text = [
        str(w["hello"]).format(name=d.buyer.name),
        "",
        str(w["below"]),
        "",
        f"{d.pick['invoice'].upper()}",
        "=" * 24,
    ]
    text += [f"{k}: {v}" for k, v in facts(d, rng, order=d.factors["ids"] == "many")]
    text += [
        "",
        f"{w['bill_to']}:",
        d.buyer.name,
        d.buyer.street,
        f"{d.buyer.postcode} {d.buyer.city}",
        "",
        "-" * width,
    ]
    for line in d.lines:
        left = f"{line.quantity} x {line.text}"
        text.append(
            f"{left} {'.' * max(2, width - len(left) - len(d.money(line.net)) - 2)} {d.money(line.net)}"
        )
    text.append("-" * width)
    rate = f"{d.vat_rate.normalize():f}" if d.vat_rate is not None else ""
    if d.gross:
        text += [f"{w['total']}: {d.money(d.total)}", f"({w['incl_vat'].format(r=rate)}: {d.money(d.tax)})"]
    else:
        text += [
            f"{w['net']}: {d.money(d.net)}",
            f"{w['vat'].format(r=rate)}: {d.money(d.tax)}",
            f"{w['total']}: {d.money(d.total)}",
        ]
    if d.factors["paid"] == "due0":
        text += [f"{w['amount_paid']}: {d.money(d.total)}", f"{w['due_now']}: {d.money(Decimal(0))}"]
    elif d.paid:
        text += [f"{w['paid']} - {w['amount_paid']}: {d.money(d.total)}"]
    s = d.seller
    text += ["", "--", s.name, s.street, f"{s.postcode} {s.city}"]
    if s.vat_id:
        text.append(f"{w['vat_id']}: {s.vat_id}")
    if s.iban:
        text.append(f"{w['iban']}: {s.iban}")
    return str(w["subj_inv"]).format(n=d.number), "\n".join(text)


def app_receipt(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = f"{w['receipt']} - {d.shown_name}"
    pairs = [(str(w["customer_no"]), d.buyer_mail), (str(w["order_no"]), d.order_no), (d.pick["number"], d.number),
             (d.pick["date"], d.short(d.issue))]  # fmt: skip
    if d.due is not None:
        pairs.append((d.pick["due"], d.short(d.due)))
    body = (f'<div style="max-width:560px;margin:0 auto"><div class="brand">{e(d.shown_name)}</div><h1>{e(w["receipt"])}</h1>'
            f'{rows(pairs)}{buyer_block(d, str(w["bill_to"]))}<br><br>{lines_table(d, rng, compact=True)}<hr>'
            f"{totals(d, rng)}{payment(d)}{legal_line(d)}</div>")  # fmt: skip
    return title, body


def renewal_notice(d: Doc15, rng: random.Random) -> tuple[str, str]:
    w = d.w
    title = str(w["subj_inv"]).format(n=d.number)
    body = (f'<div class="brand">{e(d.shown_name)}</div><p>{e(str(w["hello"]).format(name=d.buyer.name))}</p>'
            f'<p>{e(d.domain)}: {e(d.lines[0].text)}</p><div class="box"><b>{e(d.pick["invoice"])}</b>'
            f'{rows(facts(d, rng, order=False))}</div>{lines_table(d, rng)}{totals(d, rng)}{payment(d)}'
            f'<div class="cols"><div>{buyer_block(d, str(w["bill_to"]))}</div><div>{seller_block(d)}</div></div>{legal_line(d)}')  # fmt: skip
    return title, body


LAYOUTS: dict[str, Callable[[Doc15, random.Random], tuple[str, str]]] = {
    f.__name__: f
    for f in (shop_confirmation, shop_account, shop_thanks, marketplace, marketplace_side, saas_receipt,
              saas_invoice, hosting, domain, train_ticket, travel_booking, event_ticket, payment_receipt,
              mail_pasted, app_receipt, renewal_notice)
}  # fmt: skip

# ---------------------------------------------------------------- frames


def mail_moment(d: Doc15, moment: datetime, client: str) -> str:
    if client == "thunderbird" and d.lang in ("en", "en-US"):
        days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
        return f"{days[moment.weekday()]}, {moment.day:02d} {months[moment.month - 1]} {moment.year} {moment:%H:%M:%S} +0100"
    if client == "outlook":
        return f"{d.w['weekdays'][moment.weekday()]} {d.short(moment.date())} {moment:%H:%M}"
    return f"{d.short(moment.date())} {moment:%H:%M}"


def header_block(d: Doc15, client: str, sender: str, to: str, when: datetime, subject: str) -> str:
    w = d.w
    moment = mail_moment(d, when, client)
    if client == "thunderbird":
        return (
            f'<p style="font-size:1.2em"><b>{e(w["m_subject"])}:</b> {e(subject)}</p>'
            + rows([(str(w["m_from"]), sender), (str(w["m_date"]), moment), (str(w["m_to"]), to)], "mailhead")
            + "<hr>"
        )
    if client == "outlook":
        return (f'<p style="font-size:1.3em"><b>{e(sender.split(" <")[0])}</b></p><hr>'
                + rows([(str(w["m_from"]) + ":", sender), (str(w["sent"]) + ":", moment), (str(w["m_to"]) + ":", to),
                        (str(w["m_subject"]) + ":", subject)], "mailhead") + "<br>")  # fmt: skip
    return (
        f"<h2>{e(subject)}</h2><table><tr><td><b>{e(sender.split(' <')[0])}</b> &lt;{e(sender.split(' <')[1][:-1])}&gt;"
        f'<br><span class="muted">{e(w["to_me"])}</span></td><td class="n muted">{e(moment)}</td></tr></table><hr>'
    )


def frame(d: Doc15, title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """The page as printed: (the title the browser shows, the body). A mail frame puts the mail client's print
    view around the invoice: its header block, a forwarded message's, or a reply quoting the message."""
    kind = d.factors["frame"]
    pasted = d.layout == "mail_pasted"
    if kind == "browser":
        return title, f"<pre>{e(body)}</pre>" if pasted else body
    w = d.w
    client = d.factors["mail_client"]
    sender = f"{d.platform if d.platform else d.shown_name} <{d.seller_mail if not d.platform else 'service@' + slug(d.platform) + '.com'}>"
    buyer = f"{d.buyer.name} <{d.buyer_mail}>"
    subject = str(
        w["subj_inv"] if d.layout not in ("shop_confirmation", "shop_thanks") else w["subj_order"]
    ).format(n=d.number if d.layout not in ("shop_confirmation", "shop_thanks") else d.order_no)
    content = f"<pre>{e(body)}</pre>" if pasted else body
    if kind == "mail":
        page = header_block(d, client, sender, buyer, d.mailed_at, subject) + content
        return (f"{subject} - {d.buyer_mail}" if client == "webmail" else subject), page
    if kind == "forward":
        colleague = f"{rng.choice(('accounts', 'finance', 'ap', 'invoices'))}@{slug(d.buyer.name.split()[0])}-office.example"
        later = d.mailed_at.replace(hour=(d.mailed_at.hour + 3) % 24)
        inner = rows([(str(w["m_from"]) + ":", sender), (str(w["m_date"]) + ":", mail_moment(d, d.mailed_at, client)),
                      (str(w["m_subject"]) + ":", subject), (str(w["m_to"]) + ":", buyer)], "mailhead")  # fmt: skip
        page = (header_block(d, client, buyer, colleague, later, f"Fwd: {subject}") + f"<p>{e(w['fwd_note'])}</p>"
                f"<p>{e(w['forwarded'])}</p>{inner}<br>{content}")  # fmt: skip
        return f"Fwd: {subject}", page
    # a reply quoting the message: the quoted text as "> " lines (plain) or a quote bar (HTML)
    later = d.mailed_at.replace(hour=(d.mailed_at.hour + 2) % 24)
    intro = str(w["wrote"]).format(date=mail_moment(d, d.mailed_at, "webmail"), name=sender)
    if pasted:
        quoted = "<pre>" + e("\n".join("> " + line if line else ">" for line in body.split("\n"))) + "</pre>"
    else:
        quoted = f"<blockquote>{body}</blockquote>"
    page = (
        header_block(d, client, buyer, sender, later, f"Re: {subject}")
        + f"<p>{e(w['reply'])}</p><p>{e(intro)}</p>{quoted}"
    )
    return f"Re: {subject}", page


def html_page(d: Doc15, title: str, body: str, rng: random.Random) -> str:
    paper = "A4" if d.factors["paper"] == "a4" else "letter"
    css = CSS % {"paper": paper, "font": rng.choice(FONTS), "size": rng.choice((11, 12, 13, 14)),
                 "mono": "'DejaVu Sans Mono', 'Courier New', monospace"}  # fmt: skip
    return (f'<!doctype html><html lang="{d.lang[:2]}"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{css}</style></head><body>{body}</body></html>")  # fmt: skip


def url(d: Doc15, rng: random.Random) -> str:
    """The address the page was printed from (the browser footer prints it)."""
    kind = d.factors["frame"]
    if kind != "browser":
        return f"https://mail.{rng.choice(('mailbox', 'postino', 'webpost'))}.example/#inbox/{d.txn[:12].lower()}"
    host = f"{slug(d.platform)}.{d.domain.split('.', 1)[1]}" if d.platform else d.domain
    path = rng.choice((f"account/orders/{d.order_no.strip('#')}/invoice", f"invoice/{d.number}",
                       f"receipts/{d.txn[:16]}", f"my-account/view-order/{d.order_no.strip('#')}?print=1"))  # fmt: skip
    return f"https://{rng.choice(('www.', 'shop.', 'billing.', 'my.', ''))}{host}/{path}"


def print_templates(d: Doc15, page_url: str) -> tuple[str, str]:
    """The browser's own header (print date left, page title centred) and footer (URL left, "n/N" right),
    as Chromium draws them when "Headers and footers" is ticked; the date and URL written out, the title and
    page counter filled in by Chromium."""
    style = "font-size:8px;font-family:Arial,sans-serif;width:100%;margin:0 7mm;display:flex;justify-content:space-between"
    header = (f'<div style="{style}"><span style="flex:1">{e(d.stamp(d.printed_at))}</span>'
              f'<span class="title" style="flex:2;text-align:center"></span><span style="flex:1"></span></div>')  # fmt: skip
    footer = (f'<div style="{style}"><span>{e(page_url)}</span>'
              f'<span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>')  # fmt: skip
    return header, footer
