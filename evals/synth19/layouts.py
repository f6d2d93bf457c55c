"""The nineteenth generator's layouts: each writes a Typst source for a drawn document.

Eleven layouts: a classic letterhead invoice, a header of boxed reference fields with separate invoice and
delivery addresses, a seller named only in a logo line and the footer, an assigned (factored) invoice with a
remit-to notice, a multi-page invoice with carried-forward subtotals and a repeated page header, an invoice
with an early-payment discount, a final invoice deducting a deposit, a credit note referencing the invoice,
a freelancer's letter, a proforma, and a minimal layout with its labels under the values.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from evals.synth19 import words as wd
from evals.synth19.model import Doc, Party


def s(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def c(*rows: str, size: str | None = None, bold: bool = False) -> str:
    """A content block: the rows one under the other."""
    body = " \\ ".join(f"#{s(r)}" for r in rows if r is not None)
    style = []
    if size:
        style.append(f"size: {size}")
    if bold:
        style.append('weight: "bold"')
    return f"[#text({', '.join(style)})[{body}]]" if style else f"[{body}]"


def address(p: Party, *, name: bool = True, vat_label: str | None = None) -> list[str]:
    rows = [p.name] if name else []
    if p.extra:
        rows.append(p.extra)
    if p.person:
        rows.append(p.person)
    rows += [p.street, p.town()]
    if vat_label and p.vat_shown:
        rows.append(f"{vat_label} {p.vat_shown}")
    return rows


def money(doc: Doc, value: Decimal, currency: bool = False) -> str:
    if doc.negative:
        value = -value
    return doc.cm(value) if currency else doc.m(value)


def facts(doc: Doc, rng: random.Random, *, due: bool = True) -> list[tuple[str, str]]:
    key = {"credit": "credit_number", "proforma": "proforma_number"}.get(doc.kind, "number")
    out = [(doc.lc(key), doc.number), (doc.lc("date"), doc.d(doc.issued))]
    if doc.due and due:
        out.append((doc.lc("due"), doc.d(doc.due)))
    for field in ("customer_no", "order_no", "delivery_no"):
        value = getattr(doc, field)
        if value:
            out.append((doc.lc(field), value))
    if doc.contact:
        out.append((doc.lc("contact"), doc.contact))
    if doc.kind == "proforma":
        out.append((doc.lc("valid"), doc.d(doc.issued.replace(day=min(doc.issued.day + 14, 28)))))
    head = out[:2]
    tail = out[2:]
    rng.shuffle(tail)
    return head + tail


def fact_block(doc: Doc, items: list[tuple[str, str]], mode: str | None = None) -> str:
    mode = mode or doc.label_pos
    if mode == "beside":
        cells = ", ".join(f"{c(label)}, {c(value)}" for label, value in items)
        return f"grid(columns: 2, column-gutter: 10pt, row-gutter: 5pt, {cells})"
    if mode == "above":
        cells = ", ".join(
            f"[#text(size: 7pt, fill: gray.darken(40%), {s(label)}) \\ #{s(value)}]" for label, value in items
        )
        return f"grid(columns: 2, column-gutter: 14pt, row-gutter: 8pt, {cells})"
    cells = ", ".join(
        f"[#text(size: 11pt, {s(value)}) \\ #text(size: 7pt, {s(label)})]" for label, value in items
    )
    return f"grid(columns: 2, column-gutter: 14pt, row-gutter: 8pt, {cells})"


def items_table(doc: Doc, lines: list, *, before: tuple[str, Decimal] | None = None,
                after: tuple[str, Decimal] | None = None, rates: bool = True, start: int = 1) -> str:  # fmt: skip
    cur = f" ({doc.sign})" if not doc.sign_before or doc.sign in ("EUR", "CHF", "GBP", "USD") else ""
    head = (
        ["#", doc.label("desc"), doc.label("qty"), doc.label("price")]
        + ([doc.label("rate")] if rates else [])
        + [doc.label("amount") + cur]
    )
    cols = "(auto, 1fr, auto, auto" + (", auto" if rates else "") + ", auto)"
    rows = []
    width = len(head)
    if before:
        rows.append(f"table.cell(colspan: {width - 1}, {c(before[0])}), {c(money(doc, before[1]))}")
    for i, line in enumerate(lines, start):
        qty = doc.q(line.qty) + (f" {line.unit}" if line.unit else "")
        cells = (
            [str(i), line.name, qty, money(doc, line.price)]
            + ([f"{doc.rate(line.rate)} %"] if rates else [])
            + [money(doc, line.total)]
        )
        rows.append(", ".join(c(x) for x in cells))
    if after:
        rows.append(
            f"table.cell(colspan: {width - 1}, {c(after[0], bold=True)}), {c(money(doc, after[1]), bold=True)}"
        )
    align = "(right, left, right, right" + (", right" if rates else "") + ", right)"
    header = ", ".join(c(h, bold=True) for h in head)
    return (f"table(columns: {cols}, align: {align}, stroke: (x, y) => if y == 0 {{ (bottom: 0.7pt) }} else {{ (bottom: 0.2pt + gray) }}, "
            f"inset: 4pt, table.header({header}), {', '.join(rows)})")  # fmt: skip


def totals(doc: Doc, *, words_line: bool = False) -> str:
    rows: list[tuple[str, str, bool]] = [(doc.lc("net"), money(doc, doc.net), False)]
    for rate, _base, tax in doc.taxes:
        vat = doc.words["vat"].format(r=doc.rate(rate))
        rows.append(((vat.upper() if doc.caps else vat) + (doc.colon if "{r}" not in doc.words["vat"] else ""),
                     money(doc, tax), False))  # fmt: skip
    rows.append((doc.lc("total"), money(doc, doc.total, True), True))
    if doc.paid:
        rows.append((doc.words["deposit"].format(d=doc.d(doc.deposit_date)), "-" + doc.m(doc.paid), False))
        rows.append((doc.lc("due_amount"), doc.cm(doc.due_amount), True))
    elif doc.extra.get("show_due"):
        rows.append((doc.lc("due_amount"), money(doc, doc.due_amount, True), True))
    cells = ", ".join(f"{c(label, bold=strong)}, {c(value, bold=strong)}" for label, value, strong in rows)
    out = f"align(right, grid(columns: (auto, 9.5em), align: (left, right), column-gutter: 16pt, row-gutter: 5pt, {cells}))"
    return out


def vat_table(doc: Doc) -> str:
    head = [doc.label("rate"), doc.label("vat_base"), doc.label("vat_amt"), doc.label("total")]
    rows = [
        [f"{doc.rate(rate)} %", money(doc, base), money(doc, tax), money(doc, base + tax)]
        for rate, base, tax in doc.taxes
    ]
    cells = ", ".join(c(x) for row in [head, *rows] for x in row)
    return (f"block[#text(weight: \"bold\", {s(doc.label('vat_table'))}) #v(2pt) #table(columns: 4, align: right, inset: 3pt, "
            f"stroke: 0.3pt, {cells})]")  # fmt: skip


def terms(doc: Doc) -> list[str]:
    out = [doc.words["terms"].format(n=doc.terms_days)]
    if doc.skonto:
        pct, until, amount = doc.skonto
        out.append(doc.words["skonto"].format(pct=doc.q(pct), d=doc.d(until), amt=doc.cm(amount)))
    return out


def reg_line(doc: Doc, rng: random.Random) -> str:
    return doc.words["reg"].format(r=str(rng.randint(10000, 99999)), c=doc.seller.city.split()[0])


def bank_rows(doc: Doc, rng: random.Random) -> list[str]:
    p = doc.seller
    shown = wd.spaced_iban(p.iban or "") if rng.random() < 0.7 else (p.iban or "")
    return [
        f"{doc.words['iban']}{doc.colon} {shown}",
        f"BIC{doc.colon} {rng.choice(['COBADEFFXXX', 'BNPAFRPP', 'INGBNL2A', 'NDEASESS', 'DABADKKK', 'KOMBCZPP', 'BPKOPLPW', 'BCOMPTPL', 'CAIXESBB', 'UNCRITMM', 'BARCGB22'])}",
    ]


def footer(doc: Doc, rng: random.Random, *, with_address: bool = True) -> str:
    p = doc.seller
    col1 = [p.name] + ([p.street, p.town()] if with_address else [])
    col2 = [f"{doc.words['vat_id']}{doc.colon} {p.vat_shown}"] + (
        [] if doc.layout == "letter" else [reg_line(doc, rng)]
    )
    col3 = bank_rows(doc, rng) if doc.factor is None else [doc.words["remit"] + doc.colon, doc.factor.name]
    return (f"grid(columns: (1fr, 1fr, 1fr), column-gutter: 8pt, {c(*col1, size='7pt')}, {c(*col2, size='7pt')}, "
            f"{c(*col3, size='7pt')})")  # fmt: skip


def page_setup(
    doc: Doc, rng: random.Random, *, foot: str | None = None, header: str | None = None
) -> list[str]:
    lang = doc.lang
    out = [f'#set text(font: ({s(doc.font)}, "DejaVu Sans"), size: 9pt, lang: "{lang}")',
           '#set page(paper: "a4", margin: (x: 1.8cm, top: 2cm, bottom: 3cm)'
           + (f", footer: {foot}" if foot else "") + (f", header: {header}" if header else "") + ")",
           "#set par(leading: 0.55em)"]  # fmt: skip
    return out


def title(doc: Doc) -> str:
    key = {"credit": "credit", "proforma": "proforma"}.get(doc.kind, "invoice")
    return doc.words[key]


def parties(doc: Doc, *, seller_top: bool = True) -> list[str]:
    out = []
    bill = [doc.lc("bill_to")] if doc.delivery or doc.lang in ("pl", "cs") else []
    bill_block = c(*bill, *address(doc.buyer, vat_label=doc.words["vat_id"]))
    if doc.delivery:
        ship = c(doc.lc("ship_to"), *address(doc.delivery))
        out.append(f"#grid(columns: (1fr, 1fr), column-gutter: 20pt, {bill_block}, {ship})")
    else:
        out.append(f"#block(width: 60%, {bill_block})")
    return out


def ref_line(doc: Doc) -> list[str]:
    if not doc.ref:
        return []
    return [
        f'#text(weight: "bold", {s(doc.words["ref_invoice"].format(n=doc.ref[0], d=doc.d(doc.ref[1])))})',
        "#v(6pt)",
    ]


def words_line(doc: Doc) -> list[str]:
    text = wd.in_words(doc.due_amount, doc.lang, doc.currency)
    if text is None:
        return []
    doc.extra["in_words"] = text
    return [f'#text(style: "italic", {s(doc.words["words"] + doc.colon + " " + text)})']


# --- the layouts ---------------------------------------------------------------------------------------


def classic(doc: Doc, rng: random.Random) -> list[str]:
    p = doc.seller
    out = page_setup(doc, rng, foot=footer(doc, rng))
    letterhead = c(p.name, size="14pt", bold=True)
    side = c(p.street, p.town(), f"{doc.words['vat_id']}{doc.colon} {p.vat_shown}", size="8pt")
    out.append(f"#grid(columns: (1fr, auto), {letterhead}, {side})")
    out.append("#v(10pt)")
    out.append(f"#text(size: 6.5pt, {s(f'{p.name} · {p.street} · {p.town()}')})")
    out.append(
        f"#grid(columns: (1fr, auto), column-gutter: 20pt, {c(*address(doc.buyer))}, {fact_block(doc, facts(doc, rng))})"
    )
    out.append("#v(14pt)")
    out.append(f'#text(size: 16pt, weight: "bold", {s(title(doc))})')
    out += ref_line(doc)
    out.append(f"#{items_table(doc, doc.lines)}")
    out.append("#v(6pt)")
    out.append(f"#{totals(doc)}")
    if len(doc.taxes) > 1 or rng.random() < 0.4:
        out.append(f"#{vat_table(doc)}")
    out.append("#v(8pt)")
    out += [f"#{s(t)}\n" for t in terms(doc)]
    if doc.lang in ("fr", "en", "de") and rng.random() < 0.4:
        out += words_line(doc)
    return out


def boxes(doc: Doc, rng: random.Random) -> list[str]:
    p = doc.seller
    out = page_setup(doc, rng, foot=footer(doc, rng))
    out.append(f"#align(right, {c(p.name, size='13pt', bold=True)})")
    out.append(f"#align(right, {c(p.street, p.town(), size='8pt')})")
    out.append("#v(8pt)")
    out += parties(doc)
    out.append("#v(10pt)")
    out.append(f'#text(size: 15pt, weight: "bold", {s(title(doc))})')
    # a row of at most four boxes, wide enough for their values (a form's boxes are sized to what they hold);
    # the other facts stand beside their labels under it
    cells = facts(doc, rng)
    cells, rest = cells[:4], cells[4:]
    heads = ", ".join(c(label.rstrip(":"), size="7pt") for label, _ in cells)
    vals = ", ".join(c(value, bold=True) for _, value in cells)
    out.append(f"#table(columns: (1fr,) * {len(cells)}, stroke: 0.4pt, inset: 4pt, {heads}, {vals})")
    if rest:
        out.append(f"#{fact_block(doc, rest, 'beside')}")
    out += ref_line(doc)
    out.append(f"#{items_table(doc, doc.lines)}")
    out.append(f"#{totals(doc)}")
    out.append(f"#{vat_table(doc)}")
    out += [f"#{s(t)}\n" for t in terms(doc)]
    return out


def logo_footer(doc: Doc, rng: random.Random) -> list[str]:
    p = doc.seller
    brand = p.name
    for form in sorted(wd.LEGAL_FORMS.get(doc.region, []) + wd.LEGAL_FORMS[doc.lang], key=len, reverse=True):
        if brand.endswith(" " + form):
            brand = brand[: -len(form) - 1]
            break
    out = page_setup(doc, rng, foot=footer(doc, rng, with_address=True))
    logo = brand.upper() if rng.random() < 0.5 else brand
    out.append(
        f'#box(fill: rgb("#1d3557"), inset: 8pt, text(fill: white, size: 18pt, weight: "bold", tracking: 1.5pt, {s(logo)}))'
    )
    out.append("#v(18pt)")
    out.append(
        f"#grid(columns: (1fr, auto), column-gutter: 20pt, {c(*address(doc.buyer))}, {fact_block(doc, facts(doc, rng), 'beside')})"
    )
    out.append("#v(12pt)")
    out.append(f'#text(size: 13pt, weight: "bold", {s(title(doc))})')
    out.append(f"#{items_table(doc, doc.lines, rates=len(doc.taxes) > 1)}")
    out.append(f"#{totals(doc)}")
    out += [f"#{s(t)}\n" for t in terms(doc)]
    return out


def factoring(doc: Doc, rng: random.Random) -> list[str]:
    out = classic(doc, rng)
    f = doc.factor
    assert f is not None
    notice = doc.words["factoring"].format(f=f.name)
    remit = [doc.lc("remit"), f.name, f.street, f.town(), f"IBAN{doc.colon} {wd.spaced_iban(f.iban or '')}",
             f"{doc.words['vat_id']}{doc.colon} {f.vat_shown}"]  # fmt: skip
    out.append("#v(8pt)")
    out.append(
        f'#block(stroke: 0.8pt, inset: 8pt, width: 100%)[#text(weight: "bold", {s(notice)}) #v(4pt) #{c(*remit)}]'
    )
    return out


def multipage(doc: Doc, rng: random.Random) -> list[str]:
    p = doc.seller
    page_word = doc.words["page"]
    header = (f"context {{ let n = counter(page).final().first(); let k = counter(page).get().first(); "
              f"grid(columns: (1fr, auto), text(size: 8pt, {s(p.name)}), "
              f"text(size: 8pt, {s(doc.label('number') + ' ' + doc.number + ' · ')} + "
              f"{s(page_word)}.replace(\"{{p}}\", str(k)).replace(\"{{n}}\", str(n)))) }}")  # fmt: skip
    out = page_setup(doc, rng, foot=footer(doc, rng), header=header)
    out.append(
        f"#grid(columns: (1fr, auto), {c(p.name, size='13pt', bold=True)}, {c(p.street, p.town(), size='8pt')})"
    )
    out.append("#v(8pt)")
    out.append(
        f"#grid(columns: (1fr, auto), column-gutter: 20pt, {c(*address(doc.buyer))}, {fact_block(doc, facts(doc, rng))})"
    )
    out.append(f'#text(size: 14pt, weight: "bold", {s(title(doc))})')
    per = rng.choice([14, 16, 18])
    chunks = [doc.lines[i : i + per] for i in range(0, len(doc.lines), per)]
    running = Decimal("0")
    for n, chunk in enumerate(chunks):
        before = (doc.words["brought"].format(q=n), running) if n else None
        running += sum((line.total for line in chunk), Decimal("0"))
        last = n == len(chunks) - 1
        after = None if last else (doc.words["carried"].format(p=n + 2), running)
        out.append(f"#{items_table(doc, chunk, before=before, after=after, start=n * per + 1)}")
        if not last:
            out.append("#pagebreak()")
    out.append(f"#{totals(doc)}")
    out.append(f"#{vat_table(doc)}")
    out += [f"#{s(t)}\n" for t in terms(doc)]
    return out


def skonto(doc: Doc, rng: random.Random) -> list[str]:
    return classic(doc, rng)


def deposit(doc: Doc, rng: random.Random) -> list[str]:
    return (boxes if rng.random() < 0.5 else classic)(doc, rng)


def credit_note(doc: Doc, rng: random.Random) -> list[str]:
    return (boxes if rng.random() < 0.4 else classic)(doc, rng)


def letter(doc: Doc, rng: random.Random) -> list[str]:
    p = doc.seller
    out = page_setup(doc, rng, foot=footer(doc, rng, with_address=False))
    out.append(f"#align(right, {c(p.name, size='15pt', bold=True)})")
    out.append(f"#align(right, {c(p.extra or '', p.street, p.town(), size='8pt')})")
    out.append("#v(16pt)")
    out.append(f"#{c(*address(doc.buyer))}")
    out.append("#v(12pt)")
    out.append(f"#align(right, {s(doc.seller.city + ', ' + doc.d(doc.issued))})")
    key = "number"
    subject = (
        f"{title(doc)} – {doc.label(key)} {doc.number}"
        if rng.random() < 0.5
        else f"{doc.lc(key)} {doc.number}"
    )
    out.append(f'#text(weight: "bold", {s(subject)})')
    out.append("#v(6pt)")
    salute = person(doc)
    out.append(f"#{s(doc.words['letter_open'].format(s=salute))}\n")
    month = wd.MONTHS[doc.lang].split()[doc.issued.month - 1]
    out.append(f"#{s(doc.words['letter_body'].format(m=month))}\n")
    out.append(f"#{items_table(doc, doc.lines, rates=False)}")
    out.append(f"#{totals(doc)}")
    if doc.due:
        out.append(f"#{s(doc.lc('due') + ' ' + doc.d(doc.due))}\n")
    out += [f"#{s(t)}\n" for t in terms(doc)]
    out += words_line(doc)
    out.append("#v(10pt)")
    out.append(f"#{s(doc.words['letter_close'])} \\ #v(14pt) #{s(p.name)}")
    return out


def person(doc: Doc) -> str:
    return doc.buyer.person.split()[-1] if doc.buyer.person else doc.buyer.name


def proforma(doc: Doc, rng: random.Random) -> list[str]:
    out = classic(doc, rng)
    out.append("#v(6pt)")
    out.append(f'#text(weight: "bold", {s(doc.words["proforma_note"])})')
    if "in_words" not in doc.extra:
        out += words_line(doc)
    return out


def labels_below(doc: Doc, rng: random.Random) -> list[str]:
    p = doc.seller
    out = page_setup(doc, rng, foot=footer(doc, rng))
    out.append(f'#text(size: 22pt, weight: "light", {s(title(doc))})')
    out.append("#v(6pt)")
    out.append(f"#{fact_block(doc, facts(doc, rng), 'below')}")
    out.append("#v(10pt)")
    seller = c(p.name, p.street, p.town(), f"{doc.words['vat_id']}{doc.colon} {p.vat_shown}")
    buyer = c(doc.lc("bill_to"), *address(doc.buyer))
    out.append(f"#grid(columns: (1fr, 1fr), column-gutter: 20pt, {seller}, {buyer})")
    out.append("#v(10pt)")
    out.append(f"#{items_table(doc, doc.lines)}")
    big = f'[#text(size: 16pt, weight: "bold", {s(money(doc, doc.due_amount, True))}) \\ #text(size: 7pt, {s(doc.label("due_amount"))})]'
    out.append(f"#{totals(doc)}")
    out.append(f"#align(right, {big})")
    out += [f"#{s(t)}\n" for t in terms(doc)]
    return out


LAYOUTS: dict[str, Callable[[Doc, random.Random], list[str]]] = {
    "classic": classic,
    "boxes": boxes,
    "logo_footer": logo_footer,
    "factoring": factoring,
    "multipage": multipage,
    "skonto": skonto,
    "deposit": deposit,
    "credit_note": credit_note,
    "letter": letter,
    "proforma": proforma,
    "labels_below": labels_below,
}
