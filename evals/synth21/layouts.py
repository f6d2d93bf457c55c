"""The LaTeX layouts of evals/synth21: how freelancers and small firms typeset invoices with TeX — a KOMA-Script
scrlttr2 letter (return line above the window, reference line, firstfoot columns), an article with tabularx,
a two-column minipage header, a multi-page list with carried-forward subtotals, a credit note, a freelancer's
hours invoice, a small-caps letter-spaced design, a footer of bank / VAT / registry columns and a boxed grid.

Each layout returns the whole .tex source and records in ``doc.shown`` the truths it printed."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from evals.synth21.model import Doc, day, money, number, rate_text
from evals.synth21.words import BABEL, LABELS, PROSE

_ESCAPES = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
            "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}  # fmt: skip


def esc(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in str(text))


class Page:
    """The printing helpers of one document: its labels (colon or not), money and dates in its forms."""

    def __init__(self, doc: Doc, rng: random.Random) -> None:
        self.doc, self.rng = doc, rng
        self.colon = doc.factors.get("colon") == "yes"

    def w(self, key: str) -> str:
        return esc(self.doc.words[key])

    def lab(self, key: str) -> str:
        text = self.w(key)
        return text + ":" if self.colon and not text.endswith(":") else text

    def m(self, amount: Decimal, *, bare: bool = False) -> str:
        return esc(money(amount, self.doc.currency, self.doc.money_style, bare=bare))

    def n(self, amount: Decimal) -> str:
        return esc(number(amount, self.doc.money_style))

    def d(self, value) -> str:
        return esc(day(value, self.doc.date_style, self.doc.lang))

    def title(self) -> str:
        return self.w("credit") if self.doc.credit else self.w("title")

    def number_label(self) -> str:
        return self.lab("credit_number") if self.doc.credit else self.lab("number")

    def facts(self) -> list[tuple[str, str]]:
        """The reference facts this document prints, label and value, in the drawn order."""
        doc, shown = self.doc, self.doc.shown
        rows = [(self.number_label(), esc(doc.number)), (self.lab("date"), self.d(doc.issued))]
        shown |= {"invoice_number", "invoice_date"}
        if doc.credit and doc.preceding:
            rows.append((self.lab("corrects"), esc(doc.preceding)))
        if doc.supply is not None:
            rows.append((self.lab("supply"), self.d(doc.supply)))
        if doc.due is not None and doc.flags.get("due_in_facts"):
            rows.append((self.lab("due"), self.d(doc.due)))
            shown.add("due_date")
        if doc.flags.get("customer"):
            rows.append((self.lab("customer_no"), esc(doc.customer_no)))
        if doc.flags.get("order"):
            rows.append((self.lab("order_no"), esc(doc.order_no)))
            shown.add("po_number")
        if doc.flags.get("delivery_note"):
            rows.append((self.lab("delivery_note"), esc(doc.delivery_note)))
        return rows

    def address(self, party, *, name: bool = True) -> str:
        lines = ([r"\textbf{" + esc(party.name) + "}"] if name else []) + [esc(party.street), esc(party.town)]
        if party.country != self.doc.country or self.doc.reverse:
            lines.append(esc(COUNTRY_NAMES.get(party.country, party.country)))
        return r"\\".join(lines)

    def buyer_block(self) -> str:
        doc = self.doc
        text = self.address(doc.buyer)
        if doc.reverse or doc.flags.get("buyer_vat"):
            text += r"\\" + self.lab("vat_id") + " " + esc(doc.buyer.vat_printed)
        return text

    def seller_ids(self, sep: str = r"\\") -> str:
        """The seller's VAT id and bank lines (when this document prints them)."""
        doc, out = self.doc, []
        if doc.flags.get("vat"):
            out.append(f"{self.lab('vat_id')} {esc(doc.seller.vat_printed)}")
            self.doc.shown.add("vendor_vat_id")
        if doc.flags.get("iban"):
            out.append(f"{self.lab('iban')} {esc(doc.seller.iban_printed)}")
            self.doc.shown.add("vendor_iban")
            if doc.flags.get("bic"):
                out.append(f"{self.lab('bic')} {esc(doc.seller.bic)}")
        return sep.join(out)

    def items(self, *, hours: bool = False, vat_column: bool | None = None, rule: str = "booktabs",
              rows: list | None = None, head: bool = True, spec: str | None = None) -> str:  # fmt: skip
        """The item table (tabularx), its header and rows."""
        doc = self.doc
        vat_column = len(doc.vat) > 1 if vat_column is None else vat_column
        cols = [self.w("description"), self.w("hours") if hours else self.w("qty"),
                self.w("rate") if hours else self.w("unit_price")]  # fmt: skip
        if vat_column:
            cols.append(self.w("vat_rate"))
        cols.append(self.w("amount"))
        spec = spec or ("X" + "r" * (len(cols) - 1))
        top, mid, bottom = (
            (r"\toprule", r"\midrule", r"\bottomrule")
            if rule == "booktabs"
            else (r"\hline", r"\hline", r"\hline")
        )
        out = [r"\par\noindent\begin{tabularx}{\textwidth}{" + spec + "}", top]
        if head:
            out += [" & ".join(r"\textbf{" + c + "}" for c in cols) + r" \\", mid]
        for line in rows if rows is not None else doc.lines:
            total = -line.total if doc.credit and doc.flags.get("negative") else line.total
            cells = [esc(line.name), number(line.qty, "1,234.56 x").rstrip("0").rstrip(".") if hours else
                     f"{int(line.qty) if line.qty == int(line.qty) else line.qty} {esc(line.unit)}",
                     self.n(line.price)]  # fmt: skip
            if hours and doc.money_style.split()[0][5] == ",":
                cells[1] = cells[1].replace(".", ",")
            if vat_column:
                cells.append(esc(rate_text(line.rate, doc.lang)))
            cells.append(self.n(total))
            out.append(" & ".join(cells) + r" \\")
        out += [bottom, r"\end{tabularx}"]
        return "\n".join(out)

    def sign(self, amount: Decimal) -> Decimal:
        return -amount if self.doc.credit and self.doc.flags.get("negative") else amount

    def totals(self, *, width: str = "0.55\\textwidth", rule: bool = True) -> str:
        """Net, VAT per rate, total, deposit and amount due: a right-aligned two-column table."""
        doc, rows = self.doc, []
        rows.append((self.lab("net"), self.m(self.sign(doc.net))))
        for rate, (_base, tax) in sorted(doc.vat.items(), key=lambda kv: -Decimal(kv[0])):
            label = esc(doc.words["vat"].format(rate=rate_text(rate, doc.lang)))
            if self.colon:
                label += ":"
            rows.append((label, self.m(self.sign(tax))))
        total_label = self.lab("credit_total") if doc.credit else self.lab("total")
        rows.append((r"\textbf{" + total_label + "}", r"\textbf{" + self.m(self.sign(doc.total)) + "}"))
        doc.shown |= {"total", "currency"}
        if doc.paid:
            rows.append((self.lab("deposit"), self.m(-doc.paid)))
            rows.append(
                (r"\textbf{" + self.lab("due_amount") + "}", r"\textbf{" + self.m(doc.due_amount) + "}")
            )
        out = [r"\begin{flushright}", r"\begin{tabular}{@{}lr@{}}"]
        for index, (label, value) in enumerate(rows):
            if rule and index == len(rows) - (3 if doc.paid else 1):
                out.append(r"\hline")
            out.append(f"{label} & {value} \\\\")
        out += [r"\end{tabular}", r"\end{flushright}"]
        return "\n".join(out)

    def vat_summary(self) -> str:
        doc = self.doc
        if not doc.flags.get("vat_summary"):
            return ""
        out = [r"\par\medskip{\small\textbf{" + self.w("vat_summary") + r"}\\[2pt]",
               r"\begin{tabular}{@{}lrrr@{}}",
               f"{self.w('vat_rate')} & {self.w('base')} & {self.w('tax')} & {self.w('gross')} \\\\ \\hline"]  # fmt: skip
        for rate, (base, tax) in sorted(doc.vat.items(), key=lambda kv: -Decimal(kv[0])):
            out.append(f"{esc(rate_text(rate, doc.lang))} & {self.n(self.sign(base))} & {self.n(self.sign(tax))} & "
                       f"{self.n(self.sign(base + tax))} \\\\")  # fmt: skip
        out += [r"\end{tabular}}\par"]
        return "\n".join(out)

    def terms(self) -> str:
        """The payment terms: early-payment discount, the request to pay by the due date, reverse charge."""
        doc, out = self.doc, []
        if doc.reverse:
            out.append(esc(PROSE["reverse"][doc.lang]))
        if doc.discount is not None:
            pct, when, amount = doc.discount
            out.append(esc(PROSE["skonto"][doc.lang].format(
                pct=rate_text(pct, doc.lang), disc_total=money(amount, doc.currency, doc.money_style),
                disc_date=day(when, doc.date_style, doc.lang), days=doc.extra["days"])))  # fmt: skip
        if doc.due is not None and doc.flags.get("due_in_prose"):
            out.append(esc(PROSE["pay"][doc.lang].format(
                total=money(doc.due_amount, doc.currency, doc.money_style), due=day(doc.due, doc.date_style, doc.lang))))  # fmt: skip
            doc.shown.add("due_date")
        if doc.credit and not doc.flags.get("iban"):
            out.append(esc(PROSE["refund"][doc.lang]))
        return r"\par ".join(out)


COUNTRY_NAMES = {"GB": "United Kingdom", "IE": "Ireland", "DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz",
                 "FR": "France", "BE": "Belgique", "NL": "Nederland", "ES": "España", "IT": "Italia", "PT": "Portugal",
                 "PL": "Polska", "SE": "Sverige", "DK": "Danmark", "CZ": "Česká republika"}  # fmt: skip

FONTS = {
    "lmodern": r"\usepackage{lmodern}",
    "times": r"\usepackage{mathptmx}",
    "helvet": r"\usepackage[scaled=0.92]{helvet}\renewcommand\familydefault{\sfdefault}",
    "palatino": r"\usepackage{mathpazo}",
    "charter": r"\usepackage{charter}",
}


def preamble(doc: Doc, cls: str = "article", options: str = "a4paper,10pt", extra: str = "") -> str:
    babel = BABEL[doc.lang]
    babel_options = f"{babel},es-noshorthands" if doc.lang == "es" else babel
    out = [
        r"\documentclass[" + options + "]{" + cls + "}",
        r"\pdfinfoomitdate=1 \pdftrailerid{} \pdfsuppressptexinfo=-1",
        r"\usepackage[T1]{fontenc}",
        FONTS[doc.factors["font"]],
        r"\usepackage[" + babel_options + "]{babel}",
        r"\usepackage{textcomp,array,tabularx,booktabs,xcolor,colortbl,microtype,fancyhdr,multicol}",
    ]
    if cls != "scrlttr2":
        out.append(r"\usepackage[a4paper,margin=" + doc.factors.get("margin", "2cm") + "]{geometry}")
    out += [r"\setlength\parindent{0pt}", r"\setlength\parskip{4pt}", extra]
    return "\n".join(out)


# ---------------------------------------------------------------- the layouts


def facts_table(p: Page, rows: list[tuple[str, str]], *, above: bool = False, bold: bool = False) -> str:
    if above:
        cells = [r"{\footnotesize\color{black!60}" + label + r"}\\" + (r"\textbf{" + value + "}" if bold else value)
                 for label, value in rows]  # fmt: skip
        return r"\begin{tabular}[t]{@{}l@{}}" + r"\\[3pt]".join(cells) + r"\end{tabular}"
    body = r"\\".join(label + " & " + (r"\textbf{" + value + "}" if bold else value) for label, value in rows)
    return r"\begin{tabular}[t]{@{}l@{\hspace{1em}}l@{}}" + body + r"\end{tabular}"


def letter(doc: Doc, rng: random.Random) -> str:
    """KOMA-Script scrlttr2: the sender's letterhead, the return line above the window, the reference line
    (labels above values), a subject, the table, terms, a closing, and firstfoot in three columns."""
    p = Page(doc, rng)
    s = doc.seller
    rows = p.facts()
    refline = []
    for (label, value), var in zip(
        rows, ["invoice", "date", "myref", "yourref", "customer", "yourmail"], strict=False
    ):
        refline.append((var, label, value))
    vars_ = []
    for var, label, value in refline:
        if var == "date":
            vars_.append(r"\setkomavar*{date}{" + label.rstrip(":") + r"}\setkomavar{date}{" + value + "}")
        else:
            vars_.append(
                r"\setkomavar*{"
                + var
                + "}{"
                + label.rstrip(":")
                + r"}\setkomavar{"
                + var
                + "}{"
                + value
                + "}"
            )
    foot = [p.address(s), f"{p.w('phone')} {esc(s.phone)}" + r"\\" + esc(s.email) + r"\\" + esc(s.web),
            r"\\".join([p.w("bank") + ": " + esc(s.bank), p.seller_ids()] if doc.flags.get("iban") or doc.flags.get("vat") else [esc(s.bank)]),
            r"\\".join(esc(x) for x in s.registry)]  # fmt: skip
    footer = r"\footnotesize" + "".join(
        r"\begin{minipage}[t]{0.24\textwidth}\raggedright " + f + r"\end{minipage}\hfill" for f in foot
    )
    head = preamble(doc, "scrlttr2", "fromalign=" + rng.choice(["right", "left", "center"]) + ",fromrule=aftername,"
                    "backaddress=underlined,foldmarks=true,firstfoot=true,refline=wide,version=last,fontsize=10pt,"
                    "parskip=half", r"\usepackage[a4paper]{geometry}")  # fmt: skip
    body = [
        head,
        r"\setkomavar{fromname}{" + esc(s.name) + "}",
        r"\setkomavar{fromaddress}{" + esc(s.street) + r"\\" + esc(s.town) + "}",
        r"\setkomavar{fromphone}[" + p.w("phone") + r"~]{" + esc(s.phone) + "}",
        r"\setkomavar{fromemail}{" + esc(s.email) + "}",
        r"\setkomavar{backaddress}{" + esc(s.name) + r"\\" + esc(s.street) + r"\\" + esc(s.town) + "}",
        r"\setkomavar{subject}{" + p.title() + " " + esc(doc.number) + "}",
        *vars_,
        r"\setkomavar{firstfoot}{" + footer + "}",
        r"\begin{document}",
        r"\begin{letter}{" + p.buyer_block() + "}",
        r"\opening{" + esc(PROSE["letter_open"][doc.lang]) + "}",
        # the facts the reference line has no field for stand above the text
        facts_table(p, rows[6:]) + r"\par" if rows[6:] else "",
        esc(PROSE["credit_reason"][doc.lang] if doc.credit else PROSE["letter_body"][doc.lang]),
        p.items(hours=doc.hourly),
        p.totals(),
        p.vat_summary(),
        p.terms(),
        r"\closing{" + esc(PROSE["letter_close"][doc.lang]) + "}",
        r"\end{letter}",
        r"\end{document}",
    ]
    doc.shown |= {"vendor", "buyer"}
    return "\n".join(body)


def plain(doc: Doc, rng: random.Random) -> str:
    """An article: the seller's name and address at the top left, the title, the facts beside their labels,
    the buyer (and a delivery address), a tabularx item list, totals flushed right, terms and a footer line."""
    p = Page(doc, rng)
    s = doc.seller
    parties = (
        r"\begin{minipage}[t]{0.48\textwidth}{\small "
        + p.lab("buyer")
        + r"}\\"
        + p.buyer_block()
        + r"\end{minipage}"
    )
    if doc.delivery is not None:
        parties += (
            r"\hfill\begin{minipage}[t]{0.45\textwidth}{\small "
            + p.lab("delivery")
            + r"}\\"
            + p.address(doc.delivery)
            + r"\end{minipage}"
        )
        doc.shown.add("delivery")
    body = [
        preamble(doc),
        r"\pagestyle{empty}",
        r"\begin{document}",
        r"{\Large\bfseries "
        + esc(s.name)
        + r"}\\"
        + esc(s.street)
        + " $\\cdot$ "
        + esc(s.town)
        + r"\\"
        + f"{p.w('phone')} {esc(s.phone)} $\\cdot$ {esc(s.email)}",
        r"\par\vspace{1.5em}",
        r"{\LARGE " + p.title() + r"}\par\medskip",
        facts_table(p, p.facts()),
        r"\par\vspace{1em}",
        parties,
        r"\vspace{1.5em}",
        p.items(hours=doc.hourly),
        p.totals(),
        p.vat_summary(),
        p.terms(),
        r"\vfill",
        r"{\footnotesize "
        + r"\\".join(x for x in (p.seller_ids(" $\\cdot$ "), esc(" · ".join(s.registry))) if x)
        + r"}",
        r"\end{document}",
    ]
    doc.shown |= {"vendor", "buyer"}
    return "\n".join(body)


def twocol(doc: Doc, rng: random.Random) -> str:
    """A two-column header of minipages: the seller left, the facts right with labels above their values;
    below, the invoice address and the delivery address side by side."""
    p = Page(doc, rng)
    s = doc.seller
    rows = p.facts()
    above = rng.random() < 0.6
    left = (
        r"\begin{minipage}[t]{0.5\textwidth}{\Large\textbf{"
        + esc(s.name)
        + r"}}\\[2pt]"
        + esc(s.street)
        + r"\\"
        + esc(s.town)
        + r"\\"
        + esc(s.email)
        + r"\end{minipage}"
    )
    right = (
        r"\begin{minipage}[t]{0.42\textwidth}\raggedleft{\huge "
        + p.title()
        + r"}\\[6pt]"
        + facts_table(p, rows, above=above, bold=above)
        + r"\end{minipage}"
    )
    buyer = (
        r"\begin{minipage}[t]{0.45\textwidth}\textsc{"
        + p.lab("buyer")
        + r"}\\"
        + p.buyer_block()
        + r"\end{minipage}"
    )
    if doc.delivery is not None:
        buyer += (
            r"\hfill\begin{minipage}[t]{0.45\textwidth}\textsc{"
            + p.lab("delivery")
            + r"}\\"
            + p.address(doc.delivery)
            + r"\end{minipage}"
        )
    body = [
        preamble(doc),
        r"\pagestyle{empty}",
        r"\begin{document}",
        left + r"\hfill" + right,
        r"\par\vspace{2em}",
        buyer,
        r"\par\vspace{2em}",
        p.items(hours=doc.hourly, rule="hline", spec=None),
        p.totals(),
        p.vat_summary(),
        p.terms(),
        r"\par\medskip{\small " + p.seller_ids(r" \quad ") + "}",
        r"\par\medskip " + esc(doc.words["thanks"]),
        r"\end{document}",
    ]
    doc.shown |= {"vendor", "buyer"}
    return "\n".join(body)


def longlist(doc: Doc, rng: random.Random) -> str:
    """A multi-page item list: a page header repeated by fancyhdr (the seller, the number, the page), each
    page's table ending in a carried-forward subtotal that the next page brings forward."""
    p = Page(doc, rng)
    s = doc.seller
    per_page = rng.choice([22, 26, 30])
    chunks = [doc.lines[i : i + per_page] for i in range(0, len(doc.lines), per_page)]
    run = Decimal(0)
    parts = []
    for index, chunk in enumerate(chunks):
        if index:
            parts.append(r"\newpage")
            parts.append(
                r"\begin{tabularx}{\textwidth}{Xr}" + p.w("brought") + " & " + p.n(run) + r" \\\end{tabularx}"
            )
        parts.append(p.items(rows=chunk, vat_column=len(doc.vat) > 1))
        run += sum((line.total for line in chunk), Decimal(0))
        if index < len(chunks) - 1:
            parts.append(
                r"\begin{tabularx}{\textwidth}{Xr}\hline "
                + p.w("carried")
                + " & "
                + p.n(run)
                + r" \\\end{tabularx}"
            )
    head = (r"\fancyhf{}\renewcommand{\headrulewidth}{0.4pt}\fancyhead[L]{\small " + esc(s.name) + r"}\fancyhead[R]{\small "
            + p.number_label() + " " + esc(doc.number) + r" -- " + p.w("page") + r" \thepage}"
            + r"\fancyfoot[C]{\footnotesize " + esc(s.street) + ", " + esc(s.town) + " $\\cdot$ " + p.seller_ids(" $\\cdot$ ") + "}")  # fmt: skip
    body = [
        preamble(doc, extra=r"\setlength{\headheight}{14pt}"),
        head,
        r"\pagestyle{fancy}",
        r"\begin{document}",
        r"\begin{minipage}[t]{0.55\textwidth}{\footnotesize\underline{"
        + esc(s.name)
        + ", "
        + esc(s.street)
        + ", "
        + esc(s.town)
        + r"}}\\[4pt]"
        + p.buyer_block()
        + r"\end{minipage}\hfill",
        r"\begin{minipage}[t]{0.4\textwidth}{\Large "
        + p.title()
        + r"}\\[4pt]"
        + facts_table(p, p.facts())
        + r"\end{minipage}",
        r"\par\vspace{1.5em}",
        *parts,
        p.totals(),
        p.vat_summary(),
        p.terms(),
        r"\end{document}",
    ]
    doc.shown |= {"vendor", "buyer"}
    return "\n".join(body)


def hours(doc: Doc, rng: random.Random) -> str:
    """A freelancer's hours invoice: the person's name as a centred letterhead, the client, the period, a
    table of hours times the rate, total hours, and the request to pay in a sentence."""
    p = Page(doc, rng)
    s = doc.seller
    total_hours = sum((line.qty for line in doc.lines), Decimal(0))
    hours_text = f"{total_hours.normalize():f}"
    if doc.money_style.split()[0][5] == ",":
        hours_text = hours_text.replace(".", ",")
    body = [
        preamble(doc),
        r"\pagestyle{empty}",
        r"\begin{document}",
        r"\begin{center}{\Large "
        + esc(s.name)
        + r"}\\[2pt]{\small "
        + esc(s.street)
        + r" \textbullet{} "
        + esc(s.town)
        + r" \textbullet{} "
        + esc(s.email)
        + r"}\end{center}",
        r"\rule{\textwidth}{0.4pt}\par\bigskip",
        r"\begin{minipage}[t]{0.5\textwidth}" + p.buyer_block() + r"\end{minipage}\hfill",
        r"\begin{minipage}[t]{0.4\textwidth}" + facts_table(p, p.facts()) + r"\end{minipage}",
        r"\par\bigskip{\large\bfseries " + p.title() + r"}\par",
        f"{p.lab('period')} " + p.d(doc.lines and doc.issued.replace(day=1)) + " -- " + p.d(doc.issued),
        r"\par\medskip",
        p.items(hours=True, vat_column=False),
        r"\par " + p.lab("hours_total") + " " + esc(hours_text),
        p.totals(rule=False),
        p.terms(),
        r"\par\bigskip " + esc(PROSE["letter_close"][doc.lang]) + r"\\[1.5em]" + esc(s.name),
        r"\vfill{\footnotesize "
        + p.seller_ids(" | ")
        + ((" | " + p.w("bank") + " " + esc(s.bank)) if doc.flags.get("iban") else "")
        + "}",
        r"\end{document}",
    ]
    doc.shown |= {"vendor", "buyer"}
    return "\n".join(body)


def smallcaps(doc: Doc, rng: random.Random) -> str:
    """A designed page: the seller in letter-spaced small capitals, a letter-spaced title, labels in small
    capitals, totals as lines with the amount pushed right by \\hfill, no table rules."""
    p = Page(doc, rng)
    s = doc.seller
    spread = rng.choice(["120", "200", "300"])
    facts = r"\\".join(r"\textsc{" + label + r"} \hfill " + value for label, value in p.facts())
    totals = [(p.lab("net"), p.m(p.sign(doc.net)))]
    for rate, (_, tax) in sorted(doc.vat.items(), key=lambda kv: -Decimal(kv[0])):
        totals.append((esc(doc.words["vat"].format(rate=rate_text(rate, doc.lang))), p.m(p.sign(tax))))
    totals.append(
        (
            r"\textbf{\textsc{" + (p.lab("credit_total") if doc.credit else p.lab("total")) + "}}",
            r"\textbf{" + p.m(p.sign(doc.total)) + "}",
        )
    )
    doc.shown |= {"total", "currency"}
    if doc.paid:
        totals += [
            (p.lab("deposit"), p.m(-doc.paid)),
            (r"\textbf{" + p.lab("due_amount") + "}", r"\textbf{" + p.m(doc.due_amount) + "}"),
        ]
    total_block = (
        r"\hfill\begin{minipage}{0.5\textwidth}"
        + r"\\".join(f"{a} \\hfill {b}" for a, b in totals)
        + r"\end{minipage}"
    )
    body = [
        preamble(doc),
        r"\pagestyle{empty}",
        r"\begin{document}",
        r"\begin{center}{\Large\textls["
        + spread
        + r"]{\textsc{"
        + esc(s.name)
        + r"}}}\\[3pt]{\small\textls[80]{"
        + esc(s.street)
        + r" \textperiodcentered{} "
        + esc(s.town)
        + r"}}\end{center}",
        r"\vspace{1em}",
        r"\begin{minipage}[t]{0.48\textwidth}\textsc{"
        + p.lab("buyer")
        + r"}\\"
        + p.buyer_block()
        + r"\end{minipage}\hfill",
        r"\begin{minipage}[t]{0.38\textwidth}" + facts + r"\end{minipage}",
        r"\par\vspace{2em}",
        r"\begin{center}{\large\textls[" + spread + r"]{\MakeUppercase{" + p.title() + r"}}}\end{center}",
        p.items(hours=doc.hourly, spec=None),
        r"\par\medskip",
        total_block,
        p.vat_summary(),
        r"\par\medskip " + p.terms(),
        r"\vfill\begin{center}\footnotesize\textsc{"
        + esc(s.name)
        + r"} \textperiodcentered{} "
        + p.seller_ids(r" \textperiodcentered{} ")
        + r"\end{center}",
        r"\end{document}",
    ]
    doc.shown |= {"vendor", "buyer"}
    return "\n".join(body)


def footcols(doc: Doc, rng: random.Random) -> str:
    """The seller only in a logo line at the top and in a footer of four columns (address, contact, bank,
    registry and VAT id) set by fancyhdr in footnote size."""
    p = Page(doc, rng)
    s = doc.seller
    bank = p.w("bank") + r"\\" + esc(s.bank)
    ids = p.seller_ids()
    cols = [esc(s.name) + r"\\" + esc(s.street) + r"\\" + esc(s.town),
            f"{p.w('phone')} {esc(s.phone)}" + r"\\" + esc(s.email) + r"\\" + esc(s.web),
            bank + (r"\\" + ids if ids else ""),
            r"\\".join(esc(x) for x in s.registry)]  # fmt: skip
    foot = r"\footnotesize " + "".join(
        r"\begin{minipage}[t]{0.24\textwidth}\raggedright " + c + r"\end{minipage}\hfill" for c in cols
    )
    buyer = (
        r"{\footnotesize\underline{"
        + esc(s.name)
        + r" \textperiodcentered{} "
        + esc(s.street)
        + r" \textperiodcentered{} "
        + esc(s.town)
        + r"}}\\[4pt]"
        + p.buyer_block()
    )
    body = [
        preamble(doc, extra=r"\setlength{\footskip}{60pt}"),
        r"\fancyhf{}\renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0.4pt}\fancyfoot[C]{"
        + foot
        + "}",
        r"\pagestyle{fancy}",
        r"\begin{document}",
        r"\hfill{\color{black!70}\Huge\bfseries "
        + esc(s.name.split()[0])
        + r"}{\Huge\color{black!40} "
        + esc(" ".join(s.name.split()[1:]))
        + r"}\par\vspace{2em}",
        r"\begin{minipage}[t]{0.55\textwidth}" + buyer + r"\end{minipage}\hfill",
        r"\begin{minipage}[t]{0.4\textwidth}" + facts_table(p, p.facts()) + r"\end{minipage}",
        r"\par\vspace{2em}{\Large\bfseries " + p.title() + r"}\par\medskip",
        p.items(hours=doc.hourly),
        p.totals(),
        p.vat_summary(),
        p.terms(),
        r"\end{document}",
    ]
    doc.shown |= {"vendor", "buyer"}
    return "\n".join(body)


def boxed(doc: Doc, rng: random.Random) -> str:
    """A boxed grid in the manner of the invoice packages: the facts in framed cells with the label above
    the value, ruled item table, a framed total."""
    p = Page(doc, rng)
    s = doc.seller
    rows = p.facts()
    grid = (
        r"\begin{tabular}{|"
        + "l|" * len(rows)
        + r"}\hline "
        + " & ".join(r"{\scriptsize " + label + "}" for label, _ in rows)
        + r"\\"
        + " & ".join(value for _, value in rows)
        + r"\\\hline\end{tabular}"
    )
    body = [
        preamble(doc),
        r"\pagestyle{empty}",
        r"\begin{document}",
        r"\begin{minipage}[t]{0.5\textwidth}{\large\bfseries "
        + esc(s.name)
        + r"}\\"
        + esc(s.street)
        + r"\\"
        + esc(s.town)
        + r"\\"
        + p.seller_ids()
        + r"\end{minipage}\hfill",
        r"\fbox{\begin{minipage}[t]{0.4\textwidth}{\small "
        + p.lab("buyer")
        + r"}\\"
        + p.buyer_block()
        + r"\end{minipage}}",
        r"\par\vspace{1.5em}{\LARGE " + p.title() + r"}\par\smallskip",
        (r"{\small " if len(rows) < 6 else r"{\scriptsize ") + grid + "}",
        r"\par\vspace{1em}",
        p.items(hours=doc.hourly, rule="hline", spec="|X|" + "r|" * (3 + (len(doc.vat) > 1))),
        p.totals(),
        p.vat_summary(),
        p.terms(),
        r"\end{document}",
    ]
    if doc.delivery is not None:
        body.insert(  # under the buyer's box, a line of its own
            5,
            r"\par\smallskip{\small "
            + p.lab("delivery")
            + " "
            + esc(doc.delivery.street)
            + ", "
            + esc(doc.delivery.town)
            + r"}\par",
        )
    doc.shown |= {"vendor", "buyer"}
    return "\n".join(body)


LAYOUTS: dict[str, Callable[[Doc, random.Random], str]] = {
    "letter": letter,
    "plain": plain,
    "twocol": twocol,
    "longlist": longlist,
    "credit": plain,
    "hours": hours,
    "smallcaps": smallcaps,
    "footcols": footcols,
    "boxed": boxed,
}
"""Layout name -> the function that writes its .tex ("credit" is a credit note in a drawn design)."""

KIND = {"credit": "credit", "hours": "hours", "longlist": "many"}

assert set(LABELS["title"]) == set(BABEL)
