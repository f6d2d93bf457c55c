"""Word-processor invoices (.docx written with python-docx, printed by LibreOffice Writer): letterheads in the page
header, footers with the bank and the registration, item tables, tab stops for the facts, frames standing in for
text boxes, a freelancer's letter, a factoring notice, a credit note referencing the invoice it corrects."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from evals.synth20.model import Doc, in_words_en, pct
from evals.synth20.parties import grouped

RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def para(
    box: Any,
    text: str = "",
    *,
    bold: bool = False,
    size: float = 10,
    align: Any = None,
    tabs: list[tuple[float, Any, Any]] | None = None,
    italic: bool = False,
    after: float = 2,
) -> Any:
    p = box.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    for position, alignment, leader in tabs or []:
        p.paragraph_format.tab_stops.add_tab_stop(Cm(position), alignment, leader)
    return p


def field(p: Any, code: str) -> None:
    """A field Writer fills in when it prints (PAGE, NUMPAGES)."""
    node = OxmlElement("w:fldSimple")
    node.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    node.append(run)
    p._p.append(node)


def frame(p: Any, x_cm: float, y_cm: float, w_cm: float) -> None:
    """Place a paragraph in a frame at a fixed spot of the page (what a text box in a template becomes)."""
    ppr = p._p.get_or_add_pPr()
    fp = OxmlElement("w:framePr")
    fp.set(qn("w:w"), str(int(w_cm * 567)))
    fp.set(qn("w:hSpace"), "180")
    fp.set(qn("w:wrap"), "around")
    fp.set(qn("w:vAnchor"), "page")
    fp.set(qn("w:hAnchor"), "page")
    fp.set(qn("w:x"), str(int(x_cm * 567)))
    fp.set(qn("w:y"), str(int(y_cm * 567)))
    ppr.insert(0, fp)


def table(
    box: Any,
    rows: list[list[str]],
    widths: list[float],
    *,
    grid: bool = True,
    header: bool = True,
    right_from: int = 2,
    bold_last: bool = False,
    size: float = 9,
) -> Any:
    t = box.add_table(rows=len(rows), cols=len(widths))
    if grid:
        t.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = t.cell(r, c)
            cell.width = Cm(widths[c])
            p = cell.paragraphs[0]
            run = p.add_run(value)
            run.font.size = Pt(size)
            run.bold = (header and r == 0) or (bold_last and r == len(rows) - 1)
            if c >= right_from:
                p.alignment = RIGHT
    if header:  # the header row repeats on every page
        tr_pr = t.rows[0]._tr.get_or_add_trPr()
        node = OxmlElement("w:tblHeader")
        tr_pr.append(node)
    return t


def items_rows(doc: Doc, *, with_rate: bool = False, unit: bool = True) -> list[list[str]]:
    w = doc.words
    head = ["#", w["desc"], w["qty"], w["price"], w["amount"]]
    if with_rate:
        head.insert(4, w["rate"])
    rows = [head]
    for i, line in enumerate(doc.lines, 1):
        qty = f"{line.qty.normalize():f}" + (f" {line.unit}" if unit and line.unit else "")
        if doc.sign < 0:  # a crediting correction prints its quantities and amounts negative
            qty = "-" + qty
        row = [str(i), line.desc, qty, doc.num(line.price), doc.num(doc.sign * line.total)]
        if with_rate:
            row.insert(4, f"{pct(doc, Decimal(line.rate))}%")
        rows.append(row)
    return rows


def totals_rows(doc: Doc, rng: random.Random) -> list[list[str]]:
    rows = [[doc.lab("net"), doc.num(doc.sign * doc.net)]]
    for rate, _base, tax in doc.taxes():
        rows.append([doc.label("vat", r=pct(doc, Decimal(rate))), doc.num(doc.sign * tax)])
    label = doc.lab("credit_total" if doc.kind == "credit" else "total")
    rows.append([label, doc.money(doc.sign * doc.total)])
    if doc.prepaid:
        rows.append([doc.lab("prepaid"), doc.num(-doc.prepaid)])
        rows.append([doc.lab("to_pay"), doc.money(doc.due_amount)])
    return rows


def facts(doc: Doc, keys: list[str]) -> list[tuple[str, str]]:
    values = {
        "number": doc.number,
        "credit_number": doc.number,
        "date": doc.day(doc.issued),
        "due": doc.day(doc.due) if doc.due else "",
        "customer_no": doc.customer_no or "",
        "order_no": doc.order_no or "",
        "delivery_no": doc.delivery_no or "",
        "contact": doc.seller.contact or "",
    }
    return [(doc.lab(k), values[k]) for k in keys if values.get(k)]


def _new(rng: random.Random) -> Any:
    d = Document()
    style = d.styles["Normal"]
    style.font.name = rng.choice(["Liberation Sans", "Liberation Serif", "DejaVu Sans"])
    style.font.size = Pt(10)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2)
    sec.top_margin = Cm(rng.choice([2.5, 3.2]))
    sec.bottom_margin = Cm(2.5)
    return d


def bank_footer(doc: Doc, d: Any, rng: random.Random, *, iban: bool = True, page: bool = True) -> None:
    s = doc.seller
    foot = d.sections[0].footer
    foot.paragraphs[0].text = ""
    cols = [
        [s.name, s.street, s.city_line(), f"{doc.words['phone']} {s.phone}"],
        [doc.words["bank"], s.extra["bank"]]
        + (
            [f"{doc.lab('iban')} {grouped(s.iban or '')}", f"{doc.lab('bic')} {s.extra['bic']}"]
            if iban
            else []
        ),
        [f"{doc.lab('vat_id')} {s.vat_shown}", doc.words["reg"].format(c=s.city, r=s.reg), s.email or ""],
    ]
    t = foot.add_table(rows=1, cols=3, width=Cm(17))
    for c, lines in enumerate(cols):
        cell = t.cell(0, c)
        cell.paragraphs[0].text = ""
        for i, text in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            run = p.add_run(text)
            run.font.size = Pt(7)
    if page:
        p = para(foot, "", size=7, align=RIGHT)
        words = doc.words["page"].split("{p}")
        p.add_run(words[0]).font.size = Pt(7)
        field(p, "PAGE")
        rest = words[1].split("{n}")
        p.add_run(rest[0]).font.size = Pt(7)
        field(p, "NUMPAGES")
        if len(rest) > 1:
            p.add_run(rest[1]).font.size = Pt(7)


def address(
    box: Any, party: Any, *, label: str | None = None, size: float = 10, attn: str | None = None
) -> None:
    if label:
        para(box, label, bold=True, size=8, after=0)
    for text in [party.name, attn, party.street, party.city_line()]:
        if text:
            para(box, text, size=size, after=0)


def doc_letterhead(doc: Doc, d: Any, rng: random.Random) -> None:
    """The letterhead in the page header, the buyer's address in the window, the facts on right tab stops with
    dot leaders, a gridded item table, the totals in a table set right, bank and registration in the footer."""
    s = doc.seller
    head = d.sections[0].header
    head.paragraphs[0].text = ""
    p = head.paragraphs[0]
    r = p.add_run(s.name)
    r.bold, r.font.size = True, Pt(rng.choice([16, 18, 20]))
    para(head, f"{s.street} · {s.city_line()} · {doc.words['phone']} {s.phone} · {s.email}", size=8)
    para(d, f"{s.name} · {s.street} · {s.city_line()}", size=7)
    address(d, doc.buyer, attn=rng.choice([None, f"{doc.buyer.contact}"]))
    para(d)
    para(d, doc.words["invoice"], bold=True, size=16)
    leader = rng.choice([WD_TAB_LEADER.DOTS, WD_TAB_LEADER.SPACES])
    keys = ["number", "date", "due", "customer_no"] + (["order_no"] if doc.order_no else []) + ["contact"]
    for label, value in facts(doc, keys):
        para(d, f"{label}\t{value}", tabs=[(8, WD_TAB_ALIGNMENT.RIGHT, leader)], after=0)
    para(d)
    table(
        d,
        items_rows(doc, with_rate=len(doc.taxes()) > 1),
        [1, 7.5, 2.2, 2.6, 1.4, 2.6][: 5 + (len(doc.taxes()) > 1)]
        if len(doc.taxes()) > 1
        else [1, 8.5, 2.2, 2.6, 2.7],
        grid=rng.random() < 0.7,
    )
    para(d)
    t = table(
        d, totals_rows(doc, rng), [5, 3.5], grid=False, header=False, right_from=1, bold_last=True, size=10
    )
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT
    para(d)
    para(d, doc.label("terms", n=doc.terms_days))
    if doc.lang == "en" and rng.random() < 0.5:
        para(d, f"{doc.words['words']} {in_words_en(doc.due_amount, doc.currency)}", italic=True, size=9)
    para(d, doc.words["thanks"])
    bank_footer(doc, d, rng)


def doc_freelancer(doc: Doc, d: Any, rng: random.Random) -> None:
    """A self-employed person's letter: name and trade at the top, place and date, the buyer, a subject line with
    the number, a salutation, a short table, the request to pay the amount by a date, a closing and the name."""
    s = doc.seller
    para(d, s.name, bold=True, size=18, align=CENTER, after=0)
    para(d, s.extra.get("trade", ""), size=10, align=CENTER, italic=True, after=0)
    para(d, f"{s.street} · {s.city_line()} · {s.phone} · {s.email}", size=8, align=CENTER, after=12)
    address(d, doc.buyer)
    para(d)
    para(d, doc.label("place_date", c=s.city, d=doc.day(doc.issued)), align=RIGHT)
    para(
        d,
        f"{doc.words['invoice']} {doc.words['number'].split()[-1] if rng.random() < 0.5 else ''} {doc.number}".replace(
            "  ", " "
        ),
        bold=True,
        size=12,
    )
    if doc.customer_no and rng.random() < 0.5:
        para(d, f"{doc.lab('customer_no')} {doc.customer_no}", size=9)
    para(d)
    para(d, doc.label("dear", n=doc.buyer.contact or ""))
    para(d, doc.words["intro"])
    table(d, items_rows(doc), [1, 8.5, 2.2, 2.6, 2.7], grid=rng.random() < 0.5)
    para(d)
    t = table(
        d, totals_rows(doc, rng), [5, 3.5], grid=False, header=False, right_from=1, bold_last=True, size=10
    )
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT
    para(d)
    para(d, doc.label("request", a=doc.money(doc.due_amount), d=doc.day(doc.due)))  # type: ignore[arg-type]
    if doc.lang == "en":
        para(d, f"{doc.words['words']} {in_words_en(doc.due_amount, doc.currency)}", italic=True, size=9)
    para(
        d,
        f"{doc.lab('iban')} {grouped(s.iban or '')} · {doc.lab('bic')} {s.extra['bic']} ({s.extra['bank']})",
    )
    para(d, f"{doc.lab('vat_id')} {s.vat_shown}", size=9)
    para(d)
    para(d, doc.words["close"])
    para(d)
    para(d, s.name)


def doc_factoring(doc: Doc, d: Any, rng: random.Random) -> None:
    """A business invoice assigned to a factoring company: the seller's block at the top right, invoice and delivery
    address, order and delivery-note numbers beside the invoice number, the notice to pay the factor boxed under
    the totals (with the factor's IBAN), an early-payment discount; the footer names the seller without its bank."""
    s = doc.seller
    for text, bold, size in [
        (s.name, True, 13),
        (s.street, False, 9),
        (s.city_line(), False, 9),
        (f"{doc.words['phone']} {s.phone}", False, 9),
        (f"{doc.lab('vat_id')} {s.vat_shown}", False, 9),
    ]:
        para(d, text, bold=bold, size=size, align=RIGHT, after=0)
    para(d)
    t = d.add_table(rows=1, cols=2)
    address(t.cell(0, 0), doc.buyer, label=doc.words["bill_to"])
    if doc.ship_to:
        site = doc.ship_to
        address(t.cell(0, 1), site, label=doc.words["ship_to"], attn=site.extra.get("site"))
    para(d)
    para(d, doc.words["invoice"], bold=True, size=15)
    keys = ["number", "date", "customer_no", "order_no", "delivery_no"]
    rows = facts(doc, keys)
    ft = d.add_table(rows=2, cols=len(rows))
    ft.style = "Table Grid"
    for c, (label, value) in enumerate(rows):
        ft.cell(0, c).paragraphs[0].add_run(label.rstrip(":")).font.size = Pt(8)
        ft.cell(1, c).paragraphs[0].add_run(value).font.size = Pt(10)
    para(d)
    table(d, items_rows(doc, with_rate=True), [1, 7.5, 2.2, 2.6, 1.4, 2.6])
    para(d)
    t = table(
        d, totals_rows(doc, rng), [5, 3.5], grid=False, header=False, right_from=1, bold_last=True, size=10
    )
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT
    para(d)
    if doc.skonto:
        p_, until, amount = doc.skonto
        para(d, doc.label("skonto", p=pct(doc, p_), d=doc.day(until), a=doc.money(amount)))
    para(d, f"{doc.lab('due')} {doc.day(doc.due)}")  # type: ignore[arg-type]
    assert doc.factoring
    name, addr, factor_iban = doc.factoring
    box = d.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    box.cell(0, 0).paragraphs[0].add_run(
        doc.label("factoring", f=name, a=addr, i=grouped(factor_iban))
    ).font.size = Pt(9)
    bank_footer(doc, d, rng, iban=False)


def doc_credit(doc: Doc, d: Any, rng: random.Random) -> None:
    """A credit note: its own number, the invoice it corrects (number and date), the returned or corrected lines,
    the amount credited; the letterhead on the left, the facts right in a frame."""
    s = doc.seller
    para(d, s.name, bold=True, size=15, after=0)
    para(d, f"{s.street}, {s.city_line()}", size=9, after=0)
    para(d, f"{doc.lab('vat_id')} {s.vat_shown}", size=9, after=10)
    address(d, doc.buyer, label=doc.words["bill_to"])
    lines = facts(doc, ["credit_number", "date", "customer_no"])
    for i, (label, value) in enumerate(lines):
        p = para(d, f"{label} {value}", size=9, after=0)
        frame(p, 12.5, 4.5 + i * 0.55, 6.5)
    para(d)
    para(d, doc.words["credit"], bold=True, size=15)
    assert doc.ref_invoice
    para(d, doc.label("ref_invoice", n=doc.ref_invoice[0], d=doc.day(doc.ref_invoice[1])), italic=True)
    table(d, items_rows(doc), [1, 8.5, 2.2, 2.6, 2.7])
    para(d)
    t = table(
        d, totals_rows(doc, rng), [5, 3.5], grid=False, header=False, right_from=1, bold_last=True, size=10
    )
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT
    bank_footer(doc, d, rng)


def doc_logo_footer(doc: Doc, d: Any, rng: random.Random) -> None:
    """The seller only as a logo-like line (its name without the legal form, in capitals) and in full in the
    footer; the buyer's address and the facts each in a frame (text boxes of a template); the delivery address."""
    s = doc.seller
    brand = s.name
    for form in sorted(
        __import__("evals.synth20.parties", fromlist=["FORMS"]).FORMS[s.country], key=len, reverse=True
    ):
        if brand.endswith(" " + form):
            brand = brand[: -len(form) - 1]
            break
    para(d, brand.upper(), bold=True, size=22, after=0)
    para(d, s.extra.get("tagline", ""), size=8, after=0)
    p = para(d, f"{doc.words['bill_to']}", bold=True, size=8, after=0)
    frame(p, 2, 5, 8)
    for i, text in enumerate([doc.buyer.name, doc.buyer.street, doc.buyer.city_line()]):
        frame(para(d, text, after=0), 2, 5.5 + i * 0.5, 8)
    for i, (label, value) in enumerate(facts(doc, ["number", "date", "due", "customer_no", "contact"])):
        frame(para(d, f"{label} {value}", size=9, after=0), 12, 5 + i * 0.5, 7)
    para(d)
    para(d)
    p = para(d, doc.words["invoice"], bold=True, size=15)
    p.paragraph_format.space_before = Pt(rng.choice([90, 100]))
    if doc.ship_to and rng.random() < 0.7:
        site = doc.ship_to
        para(d, f"{doc.lab('ship_to')} {site.name}, {site.street}, {site.city_line()}", size=9)
    table(d, items_rows(doc), [1, 8.5, 2.2, 2.6, 2.7], grid=rng.random() < 0.6)
    para(d)
    t = table(
        d, totals_rows(doc, rng), [5, 3.5], grid=False, header=False, right_from=1, bold_last=True, size=10
    )
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT
    para(d, doc.label("terms", n=doc.terms_days))
    bank_footer(doc, d, rng, page=False)


DOC_LAYOUTS = {
    "doc_letterhead": doc_letterhead,
    "doc_freelancer": doc_freelancer,
    "doc_factoring": doc_factoring,
    "doc_credit": doc_credit,
    "doc_logo_footer": doc_logo_footer,
}


def write_docx(doc: Doc, path: Path, rng: random.Random) -> None:
    d = _new(rng)
    DOC_LAYOUTS[doc.layout](doc, d, rng)
    d.save(str(path))
