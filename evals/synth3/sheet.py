"""What a page prints, in a document's own wording: blocks of text (parties, header facts, line rows,
totals, payment details, notes) that the layouts arrange, and the fonts they use (TrueType, so every
language's letters are in the text layer)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from evals.synth3.identifiers import grouped
from evals.synth3.invoice import Invoice, Party
from evals.synth3.wording import Wording

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FAMILIES = {
    "dejavu": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "dejavu_serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "dejavu_condensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "dejavu_mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "liberation": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation_serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "liberation_narrow": ("LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf"),
    "liberation_mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
}


class FontsMissing(RuntimeError):
    """No TrueType fonts: install fonts-dejavu-core (or fonts-liberation)."""


def _find(name: str) -> Path | None:
    return next((d / name for d in FONT_DIRS if (d / name).is_file()), None)


@cache
def available_families() -> tuple[str, ...]:
    return tuple(f for f, files in FAMILIES.items() if all(_find(n) for n in files))


@cache
def register(family: str) -> tuple[str, str]:
    """The family's (regular, bold) ReportLab font names, registered once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if family not in available_families():
        raise FontsMissing(
            f"font family {family!r} not installed (apt-get install fonts-dejavu-core fonts-liberation)"
        )
    names = []
    for suffix, file in zip(("", "-Bold"), FAMILIES[family], strict=True):
        path = _find(file)
        assert path is not None
        pdfmetrics.registerFont(TTFont(f"S3{family}{suffix}", str(path)))
        names.append(f"S3{family}{suffix}")
    return names[0], names[1]


def pick_family(rng: random.Random, preferred: tuple[str, ...]) -> str:
    options = [f for f in preferred if f in available_families()] or list(available_families())
    if not options:
        raise FontsMissing("no TrueType fonts found (apt-get install fonts-dejavu-core fonts-liberation)")
    return rng.choice(options)


@dataclass
class Sheet:
    invoice: Invoice
    w: Wording
    rng: random.Random
    layout: str
    family: str
    negative: bool = False
    """Credit notes: amounts printed with a minus sign."""
    iban_grouped: bool = True
    font: str = field(init=False)
    bold: str = field(init=False)

    def __post_init__(self) -> None:
        self.font, self.bold = register(self.family)

    # ---- values as printed
    def money(self, value: Decimal) -> str:
        return self.w.money(value, negative=self.negative and value != 0)

    def amount(self, value: Decimal) -> str:
        """A bare amount (table cells): the number only."""
        text = self.w.number(value)
        return f"-{text}" if self.negative and value != 0 else text

    def date(self, value: date) -> str:
        return self.w.date(value)

    @property
    def iban(self) -> str | None:
        iban = self.invoice.seller.iban
        if not iban:
            return None
        return grouped(iban) if self.iban_grouped else iban

    # ---- blocks
    def title(self) -> str:
        return self.w.label("credit_note" if self.invoice.credit else "invoice")

    def number_label(self) -> str:
        return self.w.label("credit_number" if self.invoice.credit else "number")

    def meta(self, *, short: bool = False) -> list[tuple[str, str]]:
        inv, w = self.invoice, self.w
        rows = [(self.number_label(), inv.number), (w.label("date"), self.date(inv.issue))]
        if inv.due:
            rows.append((w.label("due_date"), self.date(inv.due)))
        if inv.preceding:
            rows.append((w.label("original_invoice"), inv.preceding))
        if inv.po:
            rows.append((w.label("po"), inv.po))
        if self.needs_currency():
            rows.append((w.label("currency"), inv.currency))
        if short:
            return rows
        if inv.customer_no:
            rows.append((w.label("customer_no"), inv.customer_no))
        if inv.delivery:
            rows.append((w.label("delivery_date"), self.date(inv.delivery)))
        if inv.delivery_note:
            rows.append((w.label("delivery_note"), inv.delivery_note))
        return rows

    def address(self, party: Party, *, name: bool = True) -> list[str]:
        lines = [party.name] if name else []
        lines.append(party.street)
        foreign = party.country != self.invoice.seller.country
        lines.append(
            f"{party.country}-{party.city_line}"
            if foreign and party.country not in ("GB", "US", "IE")
            else party.city_line
        )
        if foreign and party.country in ("GB", "US", "IE"):
            lines.append({"GB": "United Kingdom", "US": "USA", "IE": "Ireland"}[party.country])
        return lines

    def ids(self, party: Party) -> list[str]:
        out = []
        if party.vat_id:
            out.append(f"{self.w.label('vat_id')}: {party.vat_id}")
        if party.tax_no:
            out.append(f"{self.w.label('tax_no')}: {party.tax_no}")
        return out

    def contact(self, party: Party) -> list[str]:
        return [
            f"{self.w.label('phone')} {party.phone}",
            f"{self.w.label('email')} {party.email}",
            str(party.web),
        ]

    def bank(self) -> list[str]:
        seller, w = self.invoice.seller, self.w
        out = [f"{w.label('bank')}: {seller.bank}"]
        if seller.iban:
            out += [f"{w.label('iban')}: {self.iban}", f"{w.label('bic')}: {seller.bic}"]
        else:
            out += [
                f"{w.label('account_no') if w.has('account_no') else 'Account'}: {self.rng.randint(10**9, 10**10 - 1)}",
                f"{w.label('routing_no') if w.has('routing_no') else 'Routing'}: {seller.bic}",
            ]
        return out

    def columns(self, kind: str) -> list[str]:
        """Line-table columns: pos, sku, text, qty, unit, price, disc, rate, net."""
        inv = self.invoice
        disc = any(line.discount for line in inv.lines)
        rates = len({line.rate for line in inv.lines}) > 1
        if kind == "wide":
            cols = ["pos", "sku", "text", "qty", "unit", "price", "disc", "rate", "net"]
        elif kind == "compact":
            cols = ["text", "qty", "price", "net"]
        elif kind == "vat":
            cols = ["sku", "text", "qty", "unit", "price", "rate", "net"]
        else:
            cols = ["pos", "text", "qty", "unit", "price", "net"]
            if rates:
                cols.insert(5, "rate")
        if disc and "disc" not in cols:
            cols.insert(cols.index("net"), "disc")
        return cols

    def header(self, cols: list[str]) -> list[str]:
        keys = {
            "pos": "pos",
            "sku": "item_no",
            "text": "description",
            "qty": "qty",
            "unit": "unit",
            "price": "unit_price",
            "disc": "discount",
            "rate": "vat_rate",
            "net": "amount",
        }
        return [self.w.label(keys[c]) for c in cols]

    def row(self, line: object, cols: list[str]) -> list[str]:
        from evals.synth3.invoice import Line

        assert isinstance(line, Line)
        w = self.w
        cells = {
            "pos": str(line.pos),
            "sku": line.sku or "—",
            "text": line.text,
            "qty": w.quantity(line.quantity),
            "unit": w.unit(line.unit),
            "price": w.price(line.price),
            "disc": f"{w.rate(line.discount)} %" if line.discount else "",
            "rate": f"{w.rate(line.rate)} %",
            "net": self.amount(line.net),
        }
        return [cells[c] for c in cols]

    def tax_label(self, rate: Decimal) -> str:
        if self.invoice.sales_tax and self.w.has("sales_tax"):
            return self.w.label("sales_tax", rate=self.w.rate(rate))
        return self.w.label("vat", rate=self.w.rate(rate))

    def totals(self, *, money: bool = True) -> list[tuple[str, str, bool]]:
        """(label, value, emphasised) from the lines' sum to the amount due."""
        inv, w = self.invoice, self.w
        fmt = self.money if money else self.amount
        rows: list[tuple[str, str, bool]] = []
        if inv.allowance or inv.freight:
            rows.append((w.label("subtotal"), fmt(inv.line_total), False))
            if inv.allowance:
                rows.append(
                    (f"{w.label('allowance')} {w.rate(inv.allowance_pct)} %", fmt(-inv.allowance), False)
                )
            if inv.freight:
                rows.append((w.label("freight"), fmt(inv.freight), False))
        rows.append((w.label("net_total"), fmt(inv.net_total), False))
        for tax in inv.taxes:
            if not (inv.sales_tax and tax.rate == 0):  # untaxed US lines print no sales-tax row
                rows.append((self.tax_label(tax.rate), fmt(tax.tax), False))
        if len(inv.taxes) > 1:
            rows.append((w.label("vat_total"), fmt(inv.tax_total), False))
        total_label = w.label("credit_total") if inv.credit and self.rng.random() < 0.5 else w.label("total")
        rows.append((total_label, self.money(inv.grand_total), True))
        if inv.prepaid:
            rows.append((w.label("prepaid"), fmt(-inv.prepaid), False))
            rows.append((w.label("amount_due"), self.money(inv.amount_due), True))
        return rows

    def needs_currency(self) -> bool:
        """Money written with "kr" or ":-" alone: the page names its currency once."""
        printed = self.w.money(Decimal(1))
        return self.invoice.currency not in printed and not any(s in printed for s in ("€", "£", "$", "zł"))

    def currency_note(self) -> str:
        return f"{self.w.label('currency')}: {self.invoice.currency}"

    def notes(self) -> list[str]:
        inv, w = self.invoice, self.w
        out = []
        if inv.exemption in ("reverse_charge", "intra_eu"):
            out.append(w.phrase(inv.exemption))
        if inv.credit:
            out.append(w.phrase("credit_reason"))
        elif inv.due:
            out.append(
                w.phrase(
                    "pay_by", amount=self.money(inv.amount_due), due=self.date(inv.due), number=inv.number
                )
            )
        else:
            out.append(w.phrase("pay_within", days=inv.terms_days))
        if self.rng.random() < 0.5:
            out.append(w.phrase("thanks"))
        return out
