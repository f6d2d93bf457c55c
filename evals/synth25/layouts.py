"""The LaTeX sources of evals/synth25's layouts, typeset by LuaLaTeX with OpenType fonts (fontspec): each
function takes the drawn document and returns the whole source. Thirteen layouts: a classic letterhead, a
coloured band, a seller named only in the header and the footer, From / To side by side, a boxed grid, a
freelancer's letter, a multi-page list carried forward, a till receipt, a VAT summary table, labels under
their values, a credit note, a sidebar holding the seller, a centred title with the number in its line."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from evals.synth25.model import COUNTRY_NAME, Doc, day, money, number
from evals.synth25.words import LETTER

FONTS = {
    "dejavu-sans": "\\setmainfont{DejaVu Sans}",
    "dejavu-serif": "\\setmainfont{DejaVu Serif}",
    "liberation-sans": "\\setmainfont{Liberation Sans}",
    "liberation-serif": "\\setmainfont{Liberation Serif}",
    "latin-modern": "\\setmainfont{lmroman10-regular.otf}[BoldFont=lmroman10-bold.otf,ItalicFont=lmroman10-italic.otf]",
    "dejavu-condensed": "\\setmainfont{DejaVu Sans Condensed}",
}


def esc(text: str) -> str:
    out = []
    for c in text:
        if c in "&%$#_{}":
            out.append("\\" + c)
        elif c == "\\":
            out.append("\\textbackslash{}")
        elif c == "~":
            out.append("\\textasciitilde{}")
        elif c == "^":
            out.append("\\textasciicircum{}")
        else:
            out.append(c)
    return "".join(out)


class Page:
    """What a layout needs to write the document: its words, values in the country's forms, and the
    blocks most layouts share."""

    def __init__(self, doc: Doc, rng: random.Random) -> None:
        self.doc, self.rng = doc, rng
        self.colon = ":" if doc.factors.get("colon") == "yes" else ""

    def w(self, key: str) -> str:
        return esc(self.doc.words[key])

    def lc(self, key: str) -> str:
        return self.w(key) + self.colon

    def m(self, value: Decimal) -> str:
        return esc(money(value, self.doc.currency, self.doc.money_style))

    def n(self, value: Decimal) -> str:
        return esc(number(value, self.doc.money_style))

    def d(self, date: object) -> str:
        return esc(day(date, self.doc.date_style, self.doc.lang))  # type: ignore[arg-type]

    @property
    def comma(self) -> bool:
        return not self.doc.money_style.startswith("comma")

    def qty(self, value: Decimal) -> str:
        text = f"{value.normalize():f}"
        return text.replace(".", ",") if self.comma else text

    def rate(self, rate: str) -> str:
        text = rate.replace(".", ",") if self.comma else rate
        return text + ("\\,\\%" if self.doc.lang in ("de", "fr", "cs", "pl", "sv", "da") else "\\%")

    @property
    def code_head(self) -> str:
        """The currency in a column head when amounts print without it."""
        return f" ({self.doc.currency})" if self.doc.money_style.endswith("plain") else ""

    # -- the facts --------------------------------------------------------------------------------
    def facts(self) -> list[tuple[str, str]]:
        doc, out = self.doc, []
        out.append((self.w("number"), esc(doc.number)))
        out.append((self.w("date"), self.d(doc.issued)))
        if doc.flags["due"] and doc.due is not None and not doc.credit:
            out.append((self.w("due"), self.d(doc.due)))
            doc.shown.add("due_date")
        if doc.flags["customer"]:
            out.append((self.w("customer"), esc(doc.customer_no)))
        if doc.flags["order"]:
            out.append((self.w("order"), esc(doc.order_no)))
            doc.shown.add("po_number")
        if doc.credit:
            out.append((self.w("refers"), esc(doc.preceding)))
        return out

    def facts_table(self, align: str = "ll") -> str:
        rows = "\n".join(f"{k}{self.colon} & {v}\\\\" for k, v in self.facts())
        return f"\\begin{{tabular}}{{@{{}}{align}@{{}}}}\n{rows}\n\\end{{tabular}}"

    # -- the parties ------------------------------------------------------------------------------
    def address(self, party: object, *, country: bool = False, bold: bool = True) -> str:
        p = party  # a Party
        name = f"\\textbf{{{esc(p.name)}}}" if bold else esc(p.name)  # type: ignore[attr-defined]
        lines = [name, esc(p.street), f"{esc(p.postcode)} {esc(p.city)}"]  # type: ignore[attr-defined]
        if country or p.country != self.doc.country:  # type: ignore[attr-defined]
            lines.append(esc(COUNTRY_NAME[p.country]))  # type: ignore[attr-defined]
        return "\\\\\n".join(lines)

    def vat_line(self) -> str:
        if not self.doc.flags["vat"]:
            return ""
        self.doc.shown.add("vendor_vat_id")
        return f"{self.lc('vat')} {esc(self.doc.seller.vat_printed)}"

    def bank_lines(self) -> list[str]:
        if not self.doc.flags["iban"]:
            return []
        self.doc.shown.add("vendor_iban")
        out = [f"{self.lc('iban')} {esc(self.doc.seller.iban_printed)}"]
        if self.doc.flags["bic"]:
            out.append(f"{self.lc('bic')} {esc(self.doc.seller.bic)}")
        return out

    def buyer_vat(self) -> str:
        if self.doc.buyer.country != self.doc.country or self.doc.flags["buyer_vat"]:
            return f"\\\\ {self.lc('vat')} {esc(self.doc.buyer.vat_printed)}"
        return ""

    # -- items and totals ------------------------------------------------------------------------
    def items(self, lines: list | None = None, *, rules: str = "booktabs", zebra: bool = False, head: bool = True,
              before: str = "", after: str = "") -> str:  # fmt: skip
        """The item table; ``before`` / ``after``: a row under the head and one closing the table."""
        doc = self.doc
        lines = doc.lines if lines is None else lines
        rated = len(doc.groups) > 1
        spec = "@{}X r r" + (" r" if rated else "") + " r@{}"
        if rules == "grid":
            spec = "|X|r|r|" + ("r|" if rated else "") + "r|"
        heads = [self.w("desc"), self.w("qty"), self.w("price") + self.code_head]
        if rated:
            heads.append(self.w("rate"))
        heads.append(self.w("amount") + self.code_head)
        top = "\\toprule" if rules == "booktabs" else "\\hline"
        mid = "\\midrule" if rules == "booktabs" else "\\hline"
        bottom = "\\bottomrule" if rules == "booktabs" else "\\hline"
        out = [f"\\begin{{tabularx}}{{\\linewidth}}{{{spec}}}", top]
        if head:
            out.append(" & ".join(f"\\textbf{{{h}}}" for h in heads) + "\\\\")
            out.append(mid)
        if before:
            out.append(before)
        for i, line in enumerate(lines):
            cells = [esc(line.name), self.qty(line.qty), self.n(line.price)]
            if rated:
                cells.append(self.rate(line.rate))
            cells.append(self.n(line.total))
            row = " & ".join(cells) + "\\\\"
            if zebra and i % 2 == 0:
                row = "\\rowcolor{black!6}" + row
            out.append(row + ("\\hline" if rules == "grid" else ""))
        if after:
            out.append(after)
        if rules != "grid":
            out.append(bottom)
        out.append("\\end{tabularx}")
        return "\n".join(out)

    def totals(self, frac: str = "0.55", *, summary: bool = False) -> str:
        width = f"{frac}\\linewidth"
        doc, rows = self.doc, []
        if doc.discount or doc.shipping:
            rows.append((self.w("subtotal"), self.m(doc.subtotal)))
        if doc.discount:
            pct = self.qty(doc.discount_pct or Decimal(0))
            rows.append((f"{self.w('discount')} {pct}\\,\\%", "-" + self.m(doc.discount)))
        if doc.shipping:
            rows.append((self.w("shipping"), self.m(doc.shipping)))
        rows.append((self.w("net"), self.m(doc.net)))
        if not summary:
            for rate, (_, _, base, vat) in doc.groups.items():
                label = f"{self.w('tax')} {self.rate(rate)}"
                if len(doc.groups) > 1 and self.rng.random() < 0.5:
                    label += f" ({self.n(base)})"
                rows.append((label, self.m(vat)))
        else:
            rows.append((self.w("tax"), self.m(doc.tax)))
        rows.append((f"\\textbf{{{self.w('total')}{self.code_head}}}", f"\\textbf{{{self.m(doc.total)}}}"))
        if doc.paid:
            rows.append((self.w("paid"), "-" + self.m(doc.paid)))
            rows.append((f"\\textbf{{{self.w('topay')}}}", f"\\textbf{{{self.m(doc.due_amount)}}}"))
        body = "\n".join(f"{k}{self.colon} & {v}\\\\" for k, v in rows)
        return (f"\\hfill\\begin{{tabularx}}{{{width}}}{{@{{}}X r@{{}}}}\n\\midrule\n{body}\n\\bottomrule\n"
                "\\end{tabularx}\n")  # fmt: skip

    def summary_table(self) -> str:
        doc = self.doc
        rows = "\n".join(
            f"{self.rate(r)} & {self.n(base)} & {self.n(vat)} & {self.n(base + vat)}\\\\"
            for r, (_, _, base, vat) in doc.groups.items()
        )
        return (f"\\textbf{{{self.w('summary')}}}\\par\n\\begin{{tabular}}{{@{{}}lrrr@{{}}}}\\toprule\n"
                f"{self.w('rate')} & {self.w('base')} & {self.w('tax')} & {self.w('total')}\\\\\\midrule\n{rows}\n"
                "\\bottomrule\\end{tabular}\n")  # fmt: skip

    def title(self) -> str:
        return self.w("credit") if self.doc.credit else self.w("title")

    def logo(self) -> str:
        """The seller's name as a logo: spaced capitals, a coloured word, or bold."""
        name = esc(self.doc.seller.name)
        style = self.doc.factors["logo"]
        if style == "caps":
            return f"{{\\LARGE\\addfontfeatures{{LetterSpace=8}}\\MakeUppercase{{{name}}}}}"
        if style == "colour":
            return f"{{\\color{{brand}}\\Huge\\bfseries {name}}}"
        return f"{{\\Large\\bfseries {name}}}"

    def footer_columns(self) -> str:
        s, doc = self.doc.seller, self.doc
        first = f"{esc(s.name)}\\\\{esc(s.street)}\\\\{esc(s.postcode)} {esc(s.city)}"
        second = "\\\\".join(x for x in [self.vat_line(), f"{self.lc('tel')} {esc(s.phone)}"] if x)
        third = "\\\\".join(self.bank_lines()) or f"{self.lc('company')} {esc(doc.customer_no)}"
        return (
            "{\\scriptsize\\begin{tabular}[t]{@{}l@{}}" + first + "\\end{tabular}\\hfill"
            "\\begin{tabular}[t]{@{}l@{}}" + second + "\\end{tabular}\\hfill"
            "\\begin{tabular}[t]{@{}l@{}}" + third + "\\end{tabular}}"
        )


def preamble(doc: Doc, page: str = "a4paper", margin: str = "2cm", cls: str = "article") -> str:
    return f"""\\documentclass[{page},10pt]{{{cls}}}
\\usepackage{{fontspec}}
{FONTS[doc.factors["font"]]}
\\usepackage[{page},margin={margin}{",top=3cm,bottom=3.2cm" if doc.factors.get("frame") else ""}]{{geometry}}
\\usepackage[table]{{xcolor}}
\\usepackage{{tabularx,booktabs,array,fancyhdr,multicol}}
\\definecolor{{brand}}{{HTML}}{{{doc.factors["colour"]}}}
\\hyphenpenalty=10000 \\exhyphenpenalty=10000 \\sloppy
\\setlength{{\\parindent}}{{0pt}}
\\pagestyle{{empty}}
\\pdfvariable suppressoptionalinfo 1023
"""


def _bank_block(p: Page) -> str:
    lines = p.bank_lines()
    if not lines:
        return ""
    return f"\\par\\medskip\\textbf{{{p.w('bank')}}}\\\\\n" + "\\\\\n".join(lines) + "\n"


def classic(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    vat = p.vat_line()
    brvat = ("\\\\ " + vat) if vat else ""
    return (
        preamble(doc)
        + f"""\\begin{{document}}
\\begin{{minipage}}[t]{{0.55\\linewidth}}{p.logo()}\\\\[2pt]
{{\\small {esc(s.street)} · {esc(s.postcode)} {esc(s.city)}\\\\ {p.lc("tel")} {esc(s.phone)}{brvat}}}
\\end{{minipage}}\\hfill
\\begin{{minipage}}[t]{{0.4\\linewidth}}\\raggedleft{{\\huge {p.title()}}}\\\\[6pt]
{p.facts_table("lr")}
\\end{{minipage}}

\\vspace{{1.2cm}}
{{\\footnotesize {p.w("to")}}}\\\\
{p.address(doc.buyer)}{p.buyer_vat()}

\\vspace{{1cm}}
{p.items()}

\\medskip
{p.totals()}
{_bank_block(p)}
\\vfill
\\centering\\small {esc(LETTER[doc.lang]["thanks"])}
\\end{{document}}
"""
    )


def band(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    facts = p.facts()
    heads = " & ".join(f"{{\\footnotesize\\color{{black!60}}{k}}}" for k, _ in facts)
    values = " & ".join(v for _, v in facts)
    vat = p.vat_line()
    return (
        preamble(doc, margin="1.6cm")
        + f"""\\begin{{document}}
\\noindent\\colorbox{{brand}}{{\\parbox{{\\dimexpr\\linewidth-2\\fboxsep}}{{\\vspace{{6pt}}\\color{{white}}
{{\\LARGE\\bfseries {esc(s.name)}}}\\hfill{{\\Large {p.title()}}}\\\\
{{\\small {esc(s.street)}, {esc(s.postcode)} {esc(s.city)}{" · " + vat if vat else ""}}}\\vspace{{6pt}}}}}}

\\vspace{{8mm}}
\\begin{{tabular}}{{@{{}}{"l" * len(facts)}@{{}}}}
{heads}\\\\
{values}\\\\
\\end{{tabular}}

\\vspace{{8mm}}
{{\\color{{brand}}\\bfseries {p.w("to")}}}\\\\
{p.address(doc.buyer)}{p.buyer_vat()}

\\vspace{{8mm}}
{p.items(zebra=True)}

\\medskip
{p.totals()}
{_bank_block(p)}
\\end{{document}}
"""
    )


def footer_seller(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    rows = "\n".join(f"{k}\\dotfill{{}} {v}\\\\" for k, v in p.facts())
    footer = p.footer_columns()
    return (
        preamble(doc)
        + f"""\\fancypagestyle{{sheet}}{{\\fancyhf{{}}\\renewcommand{{\\headrulewidth}}{{0pt}}
\\fancyhead[R]{{{p.logo()}}}\\fancyfoot[C]{{{footer}}}\\renewcommand{{\\footrulewidth}}{{0.4pt}}}}
\\setlength{{\\headheight}}{{28pt}}\\setlength{{\\footskip}}{{40pt}}
\\begin{{document}}\\thispagestyle{{sheet}}\\pagestyle{{sheet}}
\\vspace*{{1cm}}
\\begin{{minipage}}[t]{{0.5\\linewidth}}
{p.address(doc.buyer)}{p.buyer_vat()}
\\end{{minipage}}\\hfill
\\begin{{minipage}}[t]{{0.38\\linewidth}}
{rows}
\\end{{minipage}}

\\vspace{{1cm}}
{{\\LARGE\\bfseries {p.title()}}}

\\medskip
{p.items()}

\\medskip
{p.totals()}
\\end{{document}}
"""
    )


def sidebyside(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    vat = p.vat_line()
    brvat = ("\\\\ " + vat) if vat else ""
    facts = " \\quad·\\quad ".join(f"{k}{p.colon} \\textbf{{{v}}}" for k, v in p.facts())
    return (
        preamble(doc)
        + f"""\\begin{{document}}
{{\\huge\\bfseries {p.title()}}}

\\vspace{{4mm}}
{facts}

\\vspace{{8mm}}
\\begin{{minipage}}[t]{{0.47\\linewidth}}
{{\\footnotesize\\scshape {p.w("from")}}}\\\\[2pt]
{p.address(s)}{brvat}\\\\ {p.lc("tel")} {esc(s.phone)}
\\end{{minipage}}\\hfill
\\begin{{minipage}}[t]{{0.47\\linewidth}}
{{\\footnotesize\\scshape {p.w("to")}}}\\\\[2pt]
{p.address(doc.buyer)}{p.buyer_vat()}
\\end{{minipage}}

\\vspace{{8mm}}
{p.items(rules="lines")}

\\medskip
{p.totals()}
{_bank_block(p)}
\\end{{document}}
"""
    )


def boxed(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    facts = p.facts()
    grid = "\\hline\n" + "\n".join(f"{k} & {v}\\\\\\hline" for k, v in facts)
    vat = p.vat_line()
    brvat = ("\\\\ " + vat) if vat else ""
    bank = p.bank_lines()
    bankbox = ("\\par\\medskip\\fbox{\\parbox{0.6\\linewidth}{" + "\\\\ ".join(bank) + "}}") if bank else ""
    return (
        preamble(doc, margin="1.5cm")
        + f"""\\begin{{document}}
\\fbox{{\\parbox{{0.45\\linewidth}}{{{p.address(s)}{brvat}}}}}\\hfill
\\fbox{{\\parbox{{0.45\\linewidth}}{{\\footnotesize {p.w("to")}\\\\ \\normalsize {p.address(doc.buyer)}{p.buyer_vat()}}}}}

\\vspace{{6mm}}
\\begin{{center}}{{\\Large\\bfseries {p.title()}}}\\end{{center}}
\\begin{{tabular}}{{|l|l|}}
{grid}
\\end{{tabular}}

\\vspace{{6mm}}
{p.items(rules="grid")}

\\medskip
{p.totals("0.5")}
{bankbox}
\\end{{document}}
"""
    )


def letter(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    text = LETTER[doc.lang]
    doc.flags["iban"] = True
    p.bank_lines()  # the IBAN stands in the sentence
    pay = text["pay"].format(amount=p.m(doc.due_amount), due=p.d(doc.due), iban=esc(s.iban_printed),
                                  number=esc(doc.number))  # fmt: skip
    doc.shown.add("due_date")
    vat = p.vat_line()
    subject = f"{p.title()} {p.w('number') if rng.random() < 0.5 else ''} {esc(doc.number)}"
    extra = "".join(f"\\\\\n{k}{p.colon} {v}" for k, v in p.facts()[2:])
    return (
        preamble(doc, margin="2.5cm")
        + f"""\\begin{{document}}
{{\\footnotesize\\underline{{{esc(s.owner)} · {esc(s.street)} · {esc(s.postcode)} {esc(s.city)}}}}}\\\\[4pt]
{p.address(doc.buyer, bold=False)}{p.buyer_vat()}

\\vspace{{1cm}}
\\hfill {esc(s.city)}, {p.d(doc.issued)}

\\vspace{{8mm}}
\\textbf{{{subject}}}{extra}

\\medskip
{esc(text["hello"])}\\\\
{esc(text["body"])}

\\medskip
{p.items(rules="lines")}

\\medskip
{p.totals()}

\\medskip
{pay}

\\medskip
{esc(text["bye"])}\\\\[8mm]
{esc(s.owner)}\\\\
{{\\small {esc(s.name)}{" · " + vat if vat else ""}}}
\\end{{document}}
"""
    )


def longlist(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    first, per = 14, 26
    chunks = [doc.lines[:first]] + [doc.lines[i : i + per] for i in range(first, len(doc.lines), per)]
    pages = len(chunks)
    cols = 4 + (len(doc.groups) > 1)
    parts = []
    running = Decimal("0")
    for index, chunk in enumerate(chunks):
        body = (f"{{\\small {esc(s.name)} · {p.w('number')} {esc(doc.number)}\\hfill "
                f"{p.w('page')} {index + 1} {p.w('of')} {pages}}}\\par\\hrule\\medskip\n")  # fmt: skip
        if index == 0:
            vat = p.vat_line()
            sep = " · " + vat if vat else ""
            body += (f"{p.logo()}\\\\{{\\small {esc(s.street)}, {esc(s.postcode)} {esc(s.city)}{sep}}}\n\n"
                     f"\\vspace{{6mm}}\n\\begin{{minipage}}[t]{{0.5\\linewidth}}{p.address(doc.buyer)}{p.buyer_vat()}"
                     f"\\end{{minipage}}\\hfill\\begin{{minipage}}[t]{{0.4\\linewidth}}{{\\Large {p.title()}}}\\\\ "
                     f"{p.facts_table()}\\end{{minipage}}\n\n\\vspace{{6mm}}\n")  # fmt: skip
        before = (
            f"\\multicolumn{{{cols - 1}}}{{@{{}}l}}{{{p.w('brought')}}} & {p.n(running)}\\\\\\midrule"
            if index
            else ""
        )
        running += sum((line.total for line in chunk), Decimal("0"))
        after = (
            ""
            if index == pages - 1
            else f"\\midrule\\multicolumn{{{cols - 1}}}{{@{{}}l}}{{{p.w('carried')}}} & {p.n(running)}\\\\"
        )
        body += p.items(chunk, before=before, after=after)
        if index == pages - 1:
            body += f"\n\n\\medskip\n{p.totals()}\n{_bank_block(p)}"
        parts.append(body)
    return (
        preamble(doc, margin="1.8cm")
        + "\\begin{document}\n"
        + "\n\\newpage\n".join(parts)
        + "\n\\end{document}\n"
    )


def receipt(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    vat = p.vat_line()
    brvat = ("\\\\ " + vat) if vat else ""
    rows = "\n".join(
        f"\\multicolumn{{2}}{{@{{}}l@{{}}}}{{{esc(line.name)}}}\\\\ {p.qty(line.qty)} × {p.n(line.price)} & {p.n(line.total)}\\\\"
        for line in doc.lines
    )
    facts = "\\\\".join(f"{k}{p.colon} {v}" for k, v in p.facts())
    height = 16 + 1.2 * len(doc.lines) + 2 * len(doc.groups)
    return (
        preamble(doc, page=f"paperwidth=80mm,paperheight={height:.0f}cm", margin="4mm")
        + f"""\\begin{{document}}
\\footnotesize
\\begin{{center}}{{\\normalsize\\bfseries {esc(s.name)}}}\\\\ {esc(s.street)}\\\\ {esc(s.postcode)} {esc(s.city)}\\\\
{p.lc("tel")} {esc(s.phone)}{brvat}\\\\[4pt]
\\textbf{{{p.title()}}}\\end{{center}}
{facts}\\\\[2pt]
{p.w("to")}{p.colon} {esc(doc.buyer.name)}\\\\
\\rule{{\\linewidth}}{{0.4pt}}
\\begin{{tabularx}}{{\\linewidth}}{{@{{}}X r@{{}}}}
{rows}
\\end{{tabularx}}
\\rule{{\\linewidth}}{{0.4pt}}
{p.totals("1")}
{_bank_block(p)}
\\end{{document}}
"""
    )


def vatsummary(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    vat = p.vat_line()
    brvat = ("\\\\ " + vat) if vat else ""
    return (
        preamble(doc)
        + f"""\\begin{{document}}
\\begin{{minipage}}[t]{{0.6\\linewidth}}{p.logo()}\\end{{minipage}}\\hfill
\\begin{{minipage}}[t]{{0.35\\linewidth}}\\small\\raggedleft {esc(s.street)}\\\\ {esc(s.postcode)} {esc(s.city)}\\\\
{p.lc("tel")} {esc(s.phone)}{brvat}\\end{{minipage}}

\\vspace{{1cm}}
\\begin{{minipage}}[t]{{0.5\\linewidth}}{p.address(doc.buyer)}{p.buyer_vat()}\\end{{minipage}}\\hfill
\\begin{{minipage}}[t]{{0.4\\linewidth}}{{\\Large\\bfseries {p.title()}}}\\\\[4pt]{p.facts_table()}\\end{{minipage}}

\\vspace{{8mm}}
{p.items()}

\\medskip
\\begin{{minipage}}[t]{{0.48\\linewidth}}{p.summary_table()}\\end{{minipage}}\\hfill
\\begin{{minipage}}[t]{{0.48\\linewidth}}{p.totals("1", summary=True)}\\end{{minipage}}
{_bank_block(p)}
\\end{{document}}
"""
    )


def labels_under(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    facts = p.facts()
    cells = " & ".join(f"\\textbf{{{v}}}\\newline{{\\scriptsize\\color{{black!55}}{k}}}" for k, v in facts)
    spec = "|".join(["X"] * len(facts))
    footline = " \\quad ".join([x for x in [p.vat_line()] if x] + p.bank_lines())
    return (
        preamble(doc)
        + f"""\\begin{{document}}
\\begin{{center}}{p.logo()}\\\\ {{\\small {esc(s.street)} | {esc(s.postcode)} {esc(s.city)} | {esc(s.phone)}}}\\end{{center}}

\\vspace{{6mm}}
{p.address(doc.buyer)}{p.buyer_vat()}

\\vspace{{8mm}}
{{\\Large {p.title()}}}\\par\\medskip
\\begin{{tabularx}}{{\\linewidth}}{{{spec}}}
{cells}
\\end{{tabularx}}

\\vspace{{6mm}}
{p.items()}

\\medskip
{p.totals()}

\\vfill
{{\\footnotesize {footline}}}
\\end{{document}}
"""
    )


def credit(doc: Doc, rng: random.Random) -> str:
    design = doc.factors.get("design", "classic")
    return {"classic": classic, "sidebyside": sidebyside, "footer_seller": footer_seller, "boxed": boxed}[
        design
    ](doc, rng)


def sidebar(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    vat = p.vat_line()
    bank = "\\\\[2pt]".join(p.bank_lines())
    facts = "\\\\[3pt]".join(f"{{\\scriptsize {k}}}\\\\ {v}" for k, v in p.facts())
    head = f"{{\\color{{brand}}\\large\\bfseries {esc(s.name)}}}\\\\[4pt]\n{esc(s.street)}\\\\ {esc(s.postcode)} {esc(s.city)}"
    blocks = "\\\\[6pt]\n".join(x for x in [head + f"\\\\ {esc(s.phone)}", vat, facts, bank] if x)
    return (
        preamble(doc, margin="1.5cm")
        + f"""\\begin{{document}}
\\begin{{minipage}}[t]{{0.27\\linewidth}}\\small\\raggedright
{blocks}
\\end{{minipage}}\\hfill\\vrule\\hfill
\\begin{{minipage}}[t]{{0.68\\linewidth}}
{p.address(doc.buyer)}{p.buyer_vat()}

\\vspace{{1cm}}
{{\\LARGE {p.title()}}}

\\medskip
{p.items()}

\\medskip
{p.totals()}
\\end{{minipage}}
\\end{{document}}
"""
    )


def titled(doc: Doc, rng: random.Random) -> str:
    p = Page(doc, rng)
    s = doc.seller
    vat = p.vat_line()
    rest = [(k, v) for k, v in p.facts()[2:]]
    extra = ("\\\\\n" + " \\qquad ".join(f"{k}{p.colon} {v}" for k, v in rest)) if rest else ""
    return (
        preamble(doc, margin="2.2cm")
        + f"""\\begin{{document}}
{p.address(doc.buyer)}{p.buyer_vat()}

\\vspace{{1.5cm}}
\\begin{{center}}
{{\\LARGE\\bfseries {p.title()} {p.w("number")} {esc(doc.number)}}}\\\\[4pt]
{p.w("date")}{p.colon} {p.d(doc.issued)}{extra}
\\end{{center}}

\\medskip
{p.items(rules="lines")}

\\medskip
{p.totals()}
{_bank_block(p)}
\\vfill
\\hfill\\begin{{tabular}}{{@{{}}l@{{}}}}{p.logo()}\\\\ {esc(s.street)}, {esc(s.postcode)} {esc(s.city)}\\\\ {vat}\\end{{tabular}}
\\end{{document}}
"""
    )


LAYOUTS: dict[str, Callable[[Doc, random.Random], str]] = {
    "classic": classic,
    "band": band,
    "footer_seller": footer_seller,
    "sidebyside": sidebyside,
    "boxed": boxed,
    "letter": letter,
    "longlist": longlist,
    "receipt": receipt,
    "vatsummary": vatsummary,
    "labels_under": labels_under,
    "credit": credit,
    "sidebar": sidebar,
    "titled": titled,
}
KIND = {"credit": "credit", "longlist": "many"}
