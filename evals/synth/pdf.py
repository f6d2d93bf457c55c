"""Printed invoices: one layout engine, many vendor layouts (``LAYOUT_SPECS``), every locale in locales.py.

A layout is a set of choices real vendors make differently: where the sender and the buyer stand, how
the meta data (number, dates, references) is set (label: value pairs, a row of labels over values,
labels above values, the number in the title line), which columns the line table has and in which
order, how totals, taxes, bank details and the footer are printed. Within a layout, the wording of
every label, the date pattern and small details are drawn from a random generator seeded by the
invoice and the layout, so a rendering is deterministic and a data set still sees every wording.

Fonts: DejaVu and Liberation TrueType files where the system has them (Debian's fonts-dejavu-core /
fonts-liberation); otherwise the PDF core fonts, with characters outside Windows-1252 transliterated.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from evals.synth.locales import BANKS, LocalePack, pack_for
from evals.synth.model import AllowanceCharge, Line, Party, SynthInvoice, TaxSubtotal
from fpdf import FPDF

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_FILES: dict[str, dict[str, str]] = {
    "dejavu-sans": {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"},
    "dejavu-condensed": {
        "": "DejaVuSansCondensed.ttf",
        "B": "DejaVuSansCondensed-Bold.ttf",
        "I": "DejaVuSansCondensed-Oblique.ttf",
    },
    "dejavu-serif": {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf", "I": "DejaVuSerif-Italic.ttf"},
    "dejavu-mono": {
        "": "DejaVuSansMono.ttf",
        "B": "DejaVuSansMono-Bold.ttf",
        "I": "DejaVuSansMono-Oblique.ttf",
    },
    "liberation-sans": {
        "": "LiberationSans-Regular.ttf",
        "B": "LiberationSans-Bold.ttf",
        "I": "LiberationSans-Italic.ttf",
    },
    "liberation-serif": {
        "": "LiberationSerif-Regular.ttf",
        "B": "LiberationSerif-Bold.ttf",
        "I": "LiberationSerif-Italic.ttf",
    },
    "liberation-narrow": {
        "": "LiberationSansNarrow-Regular.ttf",
        "B": "LiberationSansNarrow-Bold.ttf",
        "I": "LiberationSansNarrow-Italic.ttf",
    },
    "liberation-mono": {
        "": "LiberationMono-Regular.ttf",
        "B": "LiberationMono-Bold.ttf",
        "I": "LiberationMono-Italic.ttf",
    },
}
CORE_FALLBACK = {"serif": "Times", "mono": "Courier"}

GREY = (105, 105, 105)
BLACK = (0, 0, 0)
WHITE = (255, 255, 255)


def _font_path(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


def fonts_available(family: str) -> bool:
    return all(_font_path(f) is not None for f in FONT_FILES[family].values())


_TRANSLIT = str.maketrans(
    {
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ő": "o", "ű": "u", "Ő": "O", "Ű": "U",
        "\u202f": " ", "\u2009": " ", "≤": "<=", "≥": ">=", "−": "-", "…": "...",
    }
)  # fmt: skip


def latin(text: str) -> str:
    """Text the Windows-1252 core fonts can show: diacritics they lack are dropped, not the letters."""
    text = text.translate(_TRANSLIT)
    try:
        text.encode("cp1252")
        return text
    except UnicodeEncodeError:
        out = []
        for char in text:
            try:
                char.encode("cp1252")
                out.append(char)
            except UnicodeEncodeError:
                base = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore").decode("cp1252")
                out.append(base or "?")
        return "".join(out)


# ------------------------------------------------------------------------------------------------ layouts

Column = str
"""pos, sku, buyer_sku, desc, qty, unit, qty_unit, price, discount, vat, amount."""

NUMERIC = {"qty", "qty_unit", "price", "discount", "vat", "amount"}


@dataclass(frozen=True)
class Layout:
    name: str
    font: str = "dejavu-sans"
    core: str = "Helvetica"
    size: float = 9.0
    page: str = "A4"
    letterhead: str = "logo_left"
    """logo_left | logo_right | centered | bar | initials | plain | brand"""
    contact: str = "right"
    """Where the sender's contact lines stand beside the letterhead: right | below | footer."""
    address_side: str = "left"
    sender_line: bool = True
    recipient_label: bool = False
    meta: str = "pairs_right"
    """pairs_right | pairs_below | row_table | labels_above | title_line"""
    label_colon: bool = True
    title: str = "big"
    """big | bold | boxed | caps"""
    columns: tuple[Column, ...] = ("pos", "sku", "desc", "qty", "unit", "price", "amount")
    table: str = "lines"
    """lines | grid | zebra | plain | header_fill"""
    repeat_header: bool = True
    carry: bool = True
    totals: str = "right"
    """right | boxed | wide | tax_table"""
    table_money: str = "plain"
    totals_money: str = "symbol"
    currency_hint: str = "none"
    """How a layout with plain amounts names the currency: meta | total_label | amounts_in | none."""
    footer: str = "columns"
    """columns | line | none"""
    prose: bool = False
    """Payment instructions as a sentence naming the IBAN."""
    bank_in_body: bool = False
    greeting: bool = False
    accent: tuple[int, int, int] = (30, 60, 110)
    credit_negative: bool = False
    qty_fixed: int | None = None
    iban_spaced: bool = True
    buyer_vat: bool = False
    customer_no: bool = True
    tax_detail: bool = True
    """Per-rate tax lines name their base ("MwSt. 19 % auf 118,51")."""
    signature: bool = False
    notes_box: bool = False
    row_gap: float = 1.2


LAYOUT_SPECS: dict[str, Layout] = {
    spec.name: spec
    for spec in (
        Layout("din_classic"),
        Layout(
            "din_right_meta_table",
            letterhead="logo_right",
            contact="below",
            meta="row_table",
            columns=("pos", "desc", "qty", "unit", "price", "vat", "amount"),
            table="grid",
            totals="boxed",
            font="liberation-sans",
            currency_hint="total_label",
            totals_money="plain",
        ),
        Layout(
            "modern_bar",
            letterhead="bar",
            contact="footer",
            meta="labels_above",
            label_colon=False,
            columns=("desc", "qty", "price", "vat", "amount"),
            table="zebra",
            totals="wide",
            accent=(0, 110, 120),
            prose=True,
            footer="line",
            table_money="symbol",
        ),
        Layout(
            "centered_serif",
            font="dejavu-serif",
            core="Times",
            letterhead="centered",
            contact="below",
            sender_line=False,
            recipient_label=True,
            meta="pairs_below",
            columns=("pos", "desc", "qty_unit", "price", "amount"),
            table="plain",
            totals="right",
            greeting=True,
            signature=True,
            footer="line",
        ),
        Layout(
            "erp_mono",
            font="dejavu-mono",
            core="Courier",
            size=8.0,
            letterhead="plain",
            contact="below",
            sender_line=False,
            meta="pairs_right",
            title="caps",
            columns=("pos", "sku", "buyer_sku", "desc", "qty", "unit", "price", "discount", "amount"),
            table="plain",
            totals="wide",
            totals_money="plain",
            currency_hint="meta",
            footer="none",
            bank_in_body=True,
            qty_fixed=3,
            iban_spaced=False,
        ),
        Layout(
            "initials_box",
            letterhead="initials",
            contact="right",
            address_side="right",
            meta="pairs_right",
            columns=("pos", "sku", "desc", "qty", "unit", "price", "discount", "amount"),
            table="header_fill",
            totals="tax_table",
            accent=(140, 30, 40),
            buyer_vat=True,
        ),
        Layout(
            "narrow_dense",
            font="liberation-narrow",
            size=8.5,
            letterhead="logo_left",
            contact="right",
            meta="row_table",
            columns=("pos", "sku", "buyer_sku", "desc", "qty", "unit", "price", "vat", "amount"),
            table="grid",
            totals="right",
            carry=True,
            prose=True,
            footer="columns",
        ),
        Layout(
            "title_number",
            letterhead="brand",
            contact="right",
            meta="title_line",
            columns=("sku", "desc", "qty", "price", "amount"),
            table="lines",
            totals="right",
            table_money="symbol",
            prose=True,
            footer="columns",
            tax_detail=False,
        ),
        Layout(
            "us_statement",
            font="liberation-sans",
            page="Letter",
            letterhead="logo_left",
            contact="below",
            sender_line=False,
            recipient_label=True,
            address_side="left",
            meta="pairs_right",
            columns=("sku", "desc", "qty", "price", "amount"),
            table="header_fill",
            totals="boxed",
            table_money="symbol",
            footer="line",
            accent=(20, 40, 90),
            customer_no=True,
        ),
        Layout(
            "condensed_grid",
            font="dejavu-condensed",
            letterhead="logo_right",
            contact="right",
            address_side="left",
            meta="labels_above",
            label_colon=False,
            columns=("pos", "buyer_sku", "sku", "desc", "qty_unit", "price", "discount", "vat", "amount"),
            table="grid",
            totals="tax_table",
            repeat_header=True,
            carry=False,
            credit_negative=True,
        ),
        Layout(
            "letter_serif_right",
            font="liberation-serif",
            core="Times",
            letterhead="logo_right",
            contact="below",
            address_side="left",
            recipient_label=True,
            meta="pairs_below",
            label_colon=True,
            columns=("pos", "desc", "qty", "unit", "price", "vat", "amount"),
            table="lines",
            totals="right",
            greeting=True,
            signature=True,
            prose=True,
            footer="columns",
            notes_box=True,
        ),
        Layout(
            "sidebar_meta_left",
            letterhead="bar",
            contact="below",
            address_side="right",
            meta="pairs_right",
            columns=("pos", "desc", "qty", "unit", "price", "amount"),
            table="zebra",
            totals="boxed",
            accent=(80, 40, 120),
            currency_hint="amounts_in",
            totals_money="plain",
            footer="columns",
        ),
        Layout(
            "minimal_no_lines",
            font="liberation-sans",
            letterhead="plain",
            contact="right",
            sender_line=False,
            meta="labels_above",
            label_colon=False,
            title="bold",
            columns=("desc", "qty", "unit", "price", "vat", "amount"),
            table="plain",
            totals="wide",
            footer="line",
            repeat_header=False,
            carry=False,
            prose=True,
            iban_spaced=False,
        ),
        Layout(
            "boxed_header_table",
            letterhead="logo_left",
            contact="footer",
            meta="row_table",
            title="boxed",
            columns=("pos", "sku", "desc", "qty", "unit", "price", "discount", "vat", "amount"),
            table="header_fill",
            totals="tax_table",
            accent=(60, 60, 60),
            table_money="plain",
            totals_money="code",
            footer="columns",
            buyer_vat=True,
            notes_box=True,
        ),
        Layout(
            "wholesale_buyer_sku",
            font="dejavu-condensed",
            size=8.5,
            letterhead="brand",
            contact="below",
            meta="pairs_right",
            columns=("pos", "buyer_sku", "desc", "qty", "unit", "price", "amount"),
            table="lines",
            totals="right",
            footer="columns",
            prose=True,
            bank_in_body=True,
            customer_no=True,
            qty_fixed=2,
        ),
        Layout(
            "service_hours",
            font="liberation-serif",
            core="Times",
            letterhead="initials",
            contact="right",
            meta="title_line",
            columns=("desc", "qty_unit", "price", "vat", "amount"),
            table="zebra",
            totals="boxed",
            greeting=True,
            signature=True,
            accent=(0, 90, 60),
            footer="line",
            customer_no=False,
        ),
        Layout(
            "mono_right_address",
            font="liberation-mono",
            core="Courier",
            size=8.0,
            letterhead="plain",
            contact="below",
            address_side="right",
            sender_line=True,
            meta="pairs_below",
            title="caps",
            columns=("pos", "sku", "desc", "qty", "price", "vat", "amount"),
            table="plain",
            totals="wide",
            footer="none",
            bank_in_body=True,
            prose=True,
            credit_negative=True,
        ),
        Layout(
            "nordic_clean",
            font="dejavu-sans",
            size=8.5,
            letterhead="logo_left",
            contact="right",
            meta="labels_above",
            label_colon=False,
            columns=("sku", "desc", "qty", "unit", "price", "discount", "amount"),
            table="lines",
            totals="right",
            totals_money="code",
            footer="columns",
            accent=(10, 10, 10),
        ),
    )
}
LAYOUTS: tuple[str, ...] = tuple(LAYOUT_SPECS)


# ------------------------------------------------------------------------------------------------ engine


def created_at(invoice: SynthInvoice) -> datetime:
    """A fixed creation date: the invoice date, 09:00 UTC+1."""
    return datetime.combine(invoice.issue_date, time(9, 0), tzinfo=timezone(timedelta(hours=1)))


class _PDF(FPDF):
    def __init__(self, page: str, footer: Callable[[], None]) -> None:
        super().__init__(orientation="P", unit="mm", format="Letter" if page == "Letter" else "A4")
        self._footer_fn = footer
        self.set_auto_page_break(auto=False)
        self.alias_nb_pages("{nb}")

    def footer(self) -> None:
        self._footer_fn()


def _seed(invoice: SynthInvoice, layout: str) -> int:
    key = f"{invoice.number}|{invoice.seller.name}|{invoice.issue_date}|{layout}|{invoice.locale}"
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")


def spaced_iban(iban: str) -> str:
    compact = iban.replace(" ", "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def slug(name: str) -> str:
    base = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in "".join(c if c.isalnum() else " " for c in base).split() if len(w) > 1]
    return "-".join(words[:2]) or "firma"


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    bold: bool = False
    size: float | None = None


class Renderer:
    """One rendering of one invoice in one layout."""

    def __init__(self, invoice: SynthInvoice, layout: Layout, template_seed: int | None = None) -> None:
        self.inv = invoice
        self.pack: LocalePack = pack_for(invoice.locale, invoice.currency)
        self.rng = random.Random(_seed(invoice, layout.name) if template_seed is None else template_seed)
        self.template_seed = template_seed
        self.choices: dict[str, int] = {}
        self.ttf = fonts_available(layout.font)
        self.L = layout
        self.date_pattern = self.rng.randrange(len(self.pack.dates))
        self.unit_choice = self.rng.randrange(3)
        self.pdf = _PDF(layout.page, self.draw_footer)
        self.pdf.core_fonts_encoding = "windows-1252"  # what latin() writes for the core fonts (€ included)
        self.pdf.set_creation_date(created_at(invoice))
        self.pdf.set_producer("opsloop evals/synth")
        self.pdf.set_creator("opsloop evals/synth")
        self.pdf.set_margins(20, 15, 15)
        if self.ttf:
            for style, file in FONT_FILES[layout.font].items():
                path = _font_path(file)
                assert path is not None
                self.pdf.add_font("body", style, str(path))
            self.pdf.add_font("body", "BI", str(_font_path(FONT_FILES[layout.font]["B"])))
        self.family = "body" if self.ttf else layout.core
        self.left = 20.0
        self.right = self.pdf.w - 15.0
        self.footer_height = {"columns": 22.0, "line": 14.0, "none": 10.0}[layout.footer]
        self.bottom = self.pdf.h - self.footer_height - 6
        self.directors = self._directors()
        self.bank = self.rng.choice(BANKS.get(invoice.seller.country, BANKS["DE"]))
        self.customer_no = self._customer_no()
        self.web = f"www.{slug(invoice.seller.name)}.{invoice.seller.country.lower()}"
        self.carried = Decimal(0)
        self.sign = (
            Decimal(-1) if invoice.doc_type == "credit_note" and layout.credit_negative else Decimal(1)
        )
        self.table_size = layout.size
        self._widths: dict[Column, float] | None = None

    # ---------------------------------------------------------------- small helpers

    def lab(self, key: str, colon: bool | None = None) -> str:
        if key not in self.choices:
            if self.template_seed is None:
                self.choices[key] = self.rng.randrange(12)
            else:  # one wording per label and template, whatever the document prints before it
                digest = hashlib.sha256(f"{self.template_seed}|{key}".encode()).digest()
                self.choices[key] = int.from_bytes(digest[:4], "big") % 12
        text = self.pack.label(key, self.choices[key])
        use_colon = self.L.label_colon if colon is None else colon
        return f"{text}:" if use_colon and not text.endswith(":") else text

    def t(self, text: str) -> str:
        return text if self.ttf else latin(text)

    def font(self, size: float | None = None, style: str = "") -> None:
        self.pdf.set_font(self.family, style, size or self.L.size)

    def width(self, text: str, size: float | None = None, style: str = "") -> float:
        self.font(size, style)
        return float(self.pdf.get_string_width(self.t(text)))

    def put(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float | None = None,
        style: str = "",
        align: str = "L",
        w: float | None = None,
        color: tuple[int, int, int] = BLACK,
        h: float | None = None,
    ) -> float:
        """One line of text at (x, y) (top), aligned inside width ``w``; returns the line height."""
        self.font(size, style)
        self.pdf.set_text_color(*color)
        line_h = h or (size or self.L.size) * 0.45
        text = self.t(text)
        width = w if w is not None else self.pdf.get_string_width(text) + 1
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, line_h, text, align=align)
        self.pdf.set_text_color(*BLACK)
        return line_h

    def wrap(self, text: str, width: float, size: float | None = None, style: str = "") -> list[str]:
        self.font(size, style)
        out: list[str] = []
        for paragraph in text.split("\n"):
            lines = self.pdf.multi_cell(width, 4, self.t(paragraph), dry_run=True, output="LINES", padding=0)
            out.extend(str(line) for line in lines) if isinstance(lines, list) else out.append(paragraph)
        return out

    def block(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        *,
        size: float | None = None,
        style: str = "",
        align: str = "L",
        w: float = 80,
        color: tuple[int, int, int] = BLACK,
        leading: float = 1.0,
    ) -> float:
        """Lines stacked from (x, y); returns the y below the last."""
        step = (size or self.L.size) * 0.45 * leading
        for line in lines:
            self.put(x, y, line, size=size, style=style, align=align, w=w, color=color, h=step)
            y += step
        return y

    def money(self, value: Decimal, style: str | None = None) -> str:
        return self.pack.money(value * self.sign, style or self.L.totals_money)

    def table_money(self, value: Decimal) -> str:
        return self.pack.money(value * self.sign, self.L.table_money)

    def date(self, value: object) -> str:
        from datetime import date as date_type

        assert isinstance(value, date_type)
        return self.pack.date(value, self.date_pattern)

    def iban(self) -> str:
        iban = self.inv.seller.iban or ""
        return spaced_iban(iban) if self.L.iban_spaced else iban

    def _directors(self) -> list[str]:
        if not self.pack.surnames:
            return []
        count = 1 + self.rng.randrange(2)
        return [
            f"{self.rng.choice(self.pack.first_names)} {self.rng.choice(self.pack.surnames)}"
            for _ in range(count)
        ]

    def _customer_no(self) -> str:
        digits = "".join(str(self.rng.randrange(10)) for _ in range(5 + self.rng.randrange(3)))
        return self.rng.choice(("", "K", "D", "C-")) + digits

    def city_line(self, party: Party, *, foreign_prefix: bool = False) -> str:
        if party.country == "US":
            return f"{party.city} {party.postcode}"
        if party.country == "GB":
            return f"{party.city} {party.postcode}"
        prefix = f"{party.country}-" if foreign_prefix else ""
        return f"{prefix}{party.postcode} {party.city}"

    # ---------------------------------------------------------------- document parts

    def title_text(self) -> str:
        if self.inv.doc_type == "credit_note":
            key = "credit_note"
        elif self.inv.preceding_invoice:
            key = "corrected"
        else:
            key = "invoice"
        text = self.lab(key, colon=False)
        return text.upper() if self.L.title == "caps" else text

    def number_label(self) -> str:
        return self.lab("credit_number" if self.inv.doc_type == "credit_note" else "number")

    def meta_items(self) -> list[tuple[str, str]]:
        inv = self.inv
        items: list[tuple[str, str]] = []
        if self.L.meta != "title_line":
            items.append((self.number_label(), inv.number))
            items.append((self.lab("date"), self.date(inv.issue_date)))
        if self.L.customer_no:
            items.append((self.lab("customer"), self.customer_no))
        if inv.po_numbers:
            items.append((self.lab("po"), inv.po_print or ", ".join(inv.po_numbers)))
        if inv.delivery_note:
            items.append((self.lab("delivery_note"), inv.delivery_note))
        if inv.preceding_invoice:
            items.append((self.lab("refers_to"), inv.preceding_invoice))
        if inv.due_date:
            items.append((self.lab("due"), self.date(inv.due_date)))
        if self.L.buyer_vat and inv.buyer.vat_id:
            items.append((self.lab("buyer_vat_id"), inv.buyer.vat_id))
        if self.L.currency_hint == "meta":
            items.append((self.lab("currency"), inv.currency))
        if self.rng.random() < 0.3 and len(items) > 3:
            # some vendors put the date first
            items[0], items[1] = items[1], items[0]
        return items

    def contact_lines(self) -> list[str]:
        s = self.inv.seller
        lines = [s.street, self.city_line(s)]
        if s.phone:
            lines.append(f"{self.lab('phone', colon=False)} {s.phone}")
        if s.email:
            lines.append(f"{self.lab('email', colon=False)} {s.email}")
        lines.append(self.web)
        if s.vat_id and self.rng.random() < 0.5:
            lines.append(f"{self.lab('vat_id', colon=False)} {s.vat_id}")
        return lines

    def letterhead(self) -> float:
        L, s, acc = self.L, self.inv.seller, self.L.accent
        top = 15.0
        name = s.name
        brand = _brand(name)
        if L.letterhead == "bar":
            self.pdf.set_fill_color(*acc)
            self.pdf.rect(0, 0, self.pdf.w, 24, style="F")
            self.put(self.left, 7, name, size=18, style="B", color=WHITE)
            y = 30.0
            if L.contact == "below":
                y = self.block(
                    self.left, 27, [" · ".join(self.contact_lines()[:4])], size=7, color=GREY, w=180
                )
            return max(y, 32.0)
        if L.letterhead == "logo_left":
            self.put(self.left, top, name, size=20, style="B", color=acc)
            y = top + 10
        elif L.letterhead == "brand":
            self.put(self.left, top, brand.upper(), size=26, style="B", color=acc)
            self.put(self.left, top + 11, name, size=7.5, color=GREY)
            y = top + 16
        elif L.letterhead == "logo_right":
            self.put(self.right - 120, top, name, size=18, style="B", align="R", w=120, color=acc)
            y = top + 9
        elif L.letterhead == "centered":
            self.put(self.left, top, name, size=17, style="B", align="C", w=self.right - self.left)
            line = " · ".join([s.street, self.city_line(s)] + ([s.phone] if s.phone else []))
            self.put(self.left, top + 8, line, size=7.5, align="C", w=self.right - self.left, color=GREY)
            self.pdf.set_draw_color(*GREY)
            self.pdf.line(self.left, top + 13, self.right, top + 13)
            return top + 17
        elif L.letterhead == "initials":
            initials = "".join(w[0] for w in brand.split()[:2]).upper() or brand[:2].upper()
            self.pdf.set_fill_color(*acc)
            self.pdf.rect(self.left, top, 16, 16, style="F")
            self.put(self.left, top + 4, initials, size=15, style="B", align="C", w=16, color=WHITE)
            self.put(self.left + 20, top + 2, name, size=14, style="B")
            y = top + 19
        else:  # plain
            self.put(self.left, top, name, size=11, style="B")
            y = top + 6
        if L.contact == "right" and L.letterhead != "logo_right":
            align_x = self.right - 70
            self.block(align_x, top, self.contact_lines(), size=7.5, align="R", w=70, color=GREY)
        elif L.contact in ("below", "right"):
            aligned = "R" if L.letterhead == "logo_right" else "L"
            x = self.right - 120 if aligned == "R" else self.left
            y = self.block(x, y, self.contact_lines()[:4], size=7.5, align=aligned, w=120, color=GREY) + 1
        return max(y, 30.0)

    def addresses(self, y: float) -> float:
        L, b, s = self.L, self.inv.buyer, self.inv.seller
        window_y = max(y + 4, 45.0)
        x = self.left if L.address_side == "left" else 118.0
        if L.sender_line:
            line = f"{s.name} · {s.street} · {self.city_line(s)}"
            self.put(x, window_y, line, size=6.5, w=85, color=GREY)
            self.pdf.set_draw_color(*GREY)
            self.pdf.line(x, window_y + 3.2, x + min(85, self.width(line, 6.5) + 1), window_y + 3.2)
            window_y += 6
        if L.recipient_label:
            self.put(x, window_y, self.lab("recipient"), size=7.5, style="B", color=GREY)
            window_y += 4.5
        foreign = b.country != s.country
        lines = [
            b.name,
            b.street,
            self.city_line(b, foreign_prefix=foreign and b.country not in ("US", "GB")),
        ]
        if foreign and b.country in ("US", "GB"):
            lines.append({"US": "USA", "GB": "United Kingdom"}[b.country])
        end = self.block(x, window_y, lines, size=self.L.size + 1, w=85, leading=1.05)
        if L.buyer_vat and b.vat_id and L.meta != "pairs_right":
            end = self.block(x, end + 1, [f"{self.lab('buyer_vat_id')} {b.vat_id}"], size=7.5, w=85)
        return end

    def meta_block(self, y_addr_top: float, y_addr_end: float) -> float:
        """The number, dates and references; returns the y below both the addresses and the meta block."""
        L, items = self.L, self.meta_items()
        if L.meta == "pairs_right":
            x = 118.0 if L.address_side == "left" else self.left
            width = self.right - x if L.address_side == "left" else 85.0
            yy = y_addr_top + 2
            label_w = max(self.width(label, L.size) for label, _ in items) + 3
            value_w = width - label_w
            for label, value in items:
                self.put(x, yy, label, w=label_w)
                self.put(x + label_w, yy, value, w=value_w, style="B" if label == items[0][0] else "")
                yy += L.size * 0.5
            return max(yy, y_addr_end) + 8
        y = max(y_addr_end, y_addr_top + 20) + 8
        if L.meta == "pairs_below":
            half = (self.right - self.left) / 2
            label_w = max(self.width(label, L.size) for label, _ in items) + 3
            for index, (label, value) in enumerate(items):
                col, row = index % 2, index // 2
                x = self.left + col * half
                self.put(x, y + row * 5, label, w=label_w, color=GREY)
                self.put(x + label_w, y + row * 5, value, w=half - label_w - 2)
            return y + ((len(items) + 1) // 2) * 5 + 4
        if L.meta == "row_table":
            per_row = 5 if len(items) > 4 else len(items)
            cell_w = (self.right - self.left) / per_row
            self.pdf.set_draw_color(*GREY)
            for start in range(0, len(items), per_row):
                chunk = items[start : start + per_row]
                self.pdf.set_fill_color(235, 235, 235)
                for i, (label, _) in enumerate(chunk):
                    x = self.left + i * cell_w
                    self.pdf.rect(x, y, cell_w, 5, style="DF")
                    self.put(x + 1, y + 0.8, label.rstrip(":"), size=7, w=cell_w - 2, color=GREY)
                for i, (_, value) in enumerate(chunk):
                    x = self.left + i * cell_w
                    self.pdf.rect(x, y + 5, cell_w, 6)
                    self.put(x + 1, y + 6.3, value, size=L.size, w=cell_w - 2)
                y += 13
            return y + 3
        if L.meta == "labels_above":
            per_row = 4
            cell_w = (self.right - self.left) / per_row
            for start in range(0, len(items), per_row):
                for i, (label, value) in enumerate(items[start : start + per_row]):
                    x = self.left + i * cell_w
                    self.put(x, y, label, size=7, color=GREY, w=cell_w - 2)
                    self.put(x, y + 3.6, value, style="B", w=cell_w - 2)
                y += 10
            return y + 2
        # title_line: the number and date stand in the title; the rest as pairs below it
        label_w = max((self.width(label, L.size) for label, _ in items), default=0) + 3
        for label, value in items:
            self.put(self.left, y, label, w=label_w, color=GREY)
            self.put(self.left + label_w, y, value, w=90)
            y += 4.6
        return y + 4

    def title_block(self, y: float) -> float:
        L, text = self.L, self.title_text()
        if L.meta == "title_line":
            of_date = self.lab("of_date", colon=False)
            number_word = self.number_label().rstrip(":")
            text = f"{number_word} {self.inv.number} {of_date} {self.date(self.inv.issue_date)}"
            if self.rng.random() < 0.5:
                text = f"{self.title_text()} {self.inv.number} {of_date} {self.date(self.inv.issue_date)}"
            self.put(self.left, y, text, size=13, style="B")
            return y + 9
        if L.title == "boxed":
            self.pdf.set_fill_color(*L.accent)
            self.pdf.rect(self.left, y, self.right - self.left, 8, style="F")
            self.put(self.left + 2, y + 1.5, text, size=12, style="B", color=WHITE)
            return y + 11
        size = {"big": 18.0, "bold": 12.0, "caps": 13.0}.get(L.title, 14.0)
        self.put(self.left, y, text, size=size, style="B", color=L.accent if L.title == "big" else BLACK)
        return y + size * 0.45 + 4

    def pre_table(self, y: float) -> float:
        if self.inv.preceding_invoice and self.L.meta in ("labels_above", "row_table", "title_line"):
            pass  # already among the meta items
        if self.L.greeting and self.pack.greeting:
            lines = self.wrap(self.rng.choice(self.pack.greeting), self.right - self.left)
            y = self.block(self.left, y, lines) + 3
        if self.L.currency_hint == "amounts_in":
            self.put(self.left, y, self.lab("amounts_in", colon=False).format(c=self.inv.currency), size=7.5)
            y += 5
        return y

    # ---------------------------------------------------------------- table

    def column_widths(self) -> dict[Column, float]:
        """Each column as wide as its widest cell or header word; the description takes the rest. When
        that leaves the description too little room, the table's font shrinks (down to 6.5 pt)."""
        if self._widths is not None:
            return self._widths
        lines = list(enumerate(self.inv.lines, start=1))
        while True:
            size = self.table_size
            widths: dict[Column, float] = {}
            all_cells = [self.line_cells(i, line) for i, line in lines]
            for c in self.L.columns:
                if c == "desc":
                    continue
                words = self.header_label(c).split()
                head = max(self.width(w, size - 0.5, "B") for w in words) if words else 0.0
                content = max((self.width(cells[c], size) for cells in all_cells), default=0.0)
                widths[c] = max(head + 1.5, content, 6.0) + 3
            rest = (self.right - self.left) - sum(widths.values())
            if rest >= 45 or size <= 6.5:
                widths["desc"] = max(rest, 20.0)
                self._widths = widths
                return widths
            self.table_size = size - 0.5

    def header_label(self, column: Column) -> str:
        key = {"qty_unit": "qty", "vat": "vat_rate"}.get(column, column)
        text = self.lab(key, colon=False)
        if column == "amount" and self.L.currency_hint == "total_label":
            text = f"{text} {self.inv.currency}"
        return text

    def draw_header(self, y: float) -> float:
        L, widths = self.L, self.column_widths()
        size = self.table_size - 0.5
        heights = [len(self.wrap(self.header_label(c), widths[c] - 1, size, "B")) for c in L.columns]
        h = max(heights) * size * 0.45 + 2.5
        if L.table == "header_fill":
            self.pdf.set_fill_color(*L.accent)
            self.pdf.rect(self.left, y, self.right - self.left, h, style="F")
        elif L.table == "zebra":
            self.pdf.set_fill_color(225, 225, 225)
            self.pdf.rect(self.left, y, self.right - self.left, h, style="F")
        x = self.left
        color = WHITE if L.table == "header_fill" else BLACK
        for c in L.columns:
            lines = self.wrap(self.header_label(c), widths[c] - 1, size, "B")
            self.block(x + 1, y + 1.2, lines, size=size, style="B", w=widths[c] - 2,
                       align="R" if c in NUMERIC else "L", color=color)  # fmt: skip
            if L.table == "grid":
                self.pdf.set_draw_color(*GREY)
                self.pdf.rect(x, y, widths[c], h)
            x += widths[c]
        if L.table in ("lines", "plain"):
            self.pdf.set_draw_color(*BLACK)
            self.pdf.line(self.left, y + h, self.right, y + h)
        return y + h + 1

    def line_cells(self, index: int, line: Line) -> dict[Column, str]:
        pack, L = self.pack, self.L
        unit = pack.unit(line.unit, self.unit_choice)
        qty = pack.quantity(line.quantity, fixed=L.qty_fixed)
        places = line.unit_price_decimals
        if places is None:
            exponent = line.unit_price.normalize().as_tuple().exponent
            places = max(2, -exponent if isinstance(exponent, int) else 2)
        percents = [
            ac.percent for ac in line.allowances_charges if not ac.is_charge and ac.percent is not None
        ]
        price = pack.number(line.unit_price * self.sign if L.credit_negative else line.unit_price, places)
        if L.table_money == "symbol":
            price = pack.money(line.unit_price, "symbol", places)
        return {
            "pos": line.position or str(index),
            "sku": line.seller_sku or "",
            "buyer_sku": line.buyer_sku or "",
            "qty": qty,
            "unit": unit,
            "qty_unit": f"{qty} {unit}",
            "price": price,
            "discount": pack.rate(percents[0]) if percents else "",
            "vat": pack.rate(line.tax_rate),
            "amount": self.table_money(line.net),
        }

    def description_lines(self, line: Line, width: float) -> list[str]:
        L = self.L
        text = line.description
        extra = []
        if line.seller_sku and "sku" not in L.columns:
            extra.append(f"{self.lab('sku')} {line.seller_sku}")
        if line.buyer_sku and "buyer_sku" not in L.columns:
            extra.append(f"{self.lab('buyer_sku')} {line.buyer_sku}")
        lines = self.wrap(text, width - 2, self.table_size)
        return lines + [part for e in extra for part in self.wrap(e, width - 2, self.table_size)]

    def sub_rows(self, line: Line) -> list[str]:
        """Allowances/charges the table's columns cannot show (with their amount in the text, never in
        the amount column, which holds the line's net), and the line's note."""
        rows: list[str] = []
        for ac in line.allowances_charges:
            if not ac.is_charge and ac.percent is not None and "discount" in self.L.columns:
                continue
            percent = f" {self.pack.rate(ac.percent)}" if ac.percent is not None else ""
            signed = ac.amount if ac.is_charge else -ac.amount
            rows.append(f"{ac.reason}{percent} ({self.pack.number(signed * self.sign)})")
        if line.note:
            rows.append(line.note)
        return rows

    def table(self, y: float) -> float:
        L, widths = self.L, self.column_widths()
        y = self.draw_header(y)
        size = self.table_size
        step = size * 0.45
        for index, line in enumerate(self.inv.lines, start=1):
            cells = self.line_cells(index, line)
            desc = self.description_lines(line, widths["desc"])
            subs = self.sub_rows(line)
            height = len(desc) * step + len(subs) * step + L.row_gap * 2
            if y + height > self.bottom - (8 if L.carry else 0):
                y = self.page_break(y)
            if L.table == "zebra" and index % 2 == 0:
                self.pdf.set_fill_color(244, 244, 244)
                self.pdf.rect(self.left, y, self.right - self.left, height, style="F")
            x = self.left
            for c in L.columns:
                if c == "desc":
                    self.block(x + 1, y + L.row_gap, desc, size=size, w=widths[c] - 2)
                    for n, text in enumerate(subs):
                        yy = y + L.row_gap + (len(desc) + n) * step
                        self.put(x + 3, yy, text, size=size - 1, style="I", w=widths[c] - 4, color=GREY)
                else:
                    align = "R" if c in NUMERIC else "L"
                    self.put(x + 1, y + L.row_gap, cells[c], size=size, w=widths[c] - 2, align=align)
                if L.table == "grid":
                    self.pdf.set_draw_color(*GREY)
                    self.pdf.rect(x, y, widths[c], height)
                x += widths[c]
            y += height
            self.carried += line.net
            if L.table == "lines":
                self.pdf.set_draw_color(200, 200, 200)
                self.pdf.line(self.left, y, self.right, y)
        self.pdf.set_draw_color(*BLACK)
        self.pdf.line(self.left, y + 0.5, self.right, y + 0.5)
        return y + 4

    def carry_row(self, y: float, key: str) -> float:
        label = self.lab(key, colon=False).format(p=self.pdf.page_no() - (1 if key == "brought" else 0))
        self.put(self.left + 1, y + 1, label, style="B")
        self.put(self.right - 40, y + 1, self.table_money(self.carried), style="B", w=39, align="R")
        return y + self.L.size * 0.45 + 3

    def page_break(self, y: float) -> float:
        if self.L.carry and self.carried:
            self.carry_row(y, "carried")
        self.pdf.add_page()
        y = self.continuation_header()
        if self.L.repeat_header:
            y = self.draw_header(y)
        if self.L.carry and self.carried:
            y = self.carry_row(y, "brought")
        return y

    def continuation_header(self) -> float:
        label = self.lab("continued", colon=False)
        text = f"{self.title_text()} {self.inv.number} – {label}"
        self.put(self.left, 15, self.inv.seller.name, size=8, color=GREY)
        self.put(self.left, 20, text, size=10, style="B")
        return 28.0

    # ---------------------------------------------------------------- totals

    def tax_label(self, t: TaxSubtotal) -> str:
        tax, rate = self.lab("tax", colon=False), self.pack.rate(t.rate)
        if self.L.tax_detail:
            base = self.pack.number(t.base * self.sign)
            return self.lab("tax_on", colon=False).format(tax=tax, rate=rate, base=base)
        return f"{tax} {rate}"

    def total_rows(self) -> list[Row]:
        inv, L = self.inv, self.L
        rows: list[Row] = []
        header_acs: list[AllowanceCharge] = list(inv.allowances_charges)
        if header_acs or self.rng.random() < 0.4:
            rows.append(Row(self.lab("subtotal"), self.money(inv.line_total)))
        for ac in header_acs:
            signed = ac.amount if ac.is_charge else -ac.amount
            percent = f" {self.pack.rate(ac.percent)}" if ac.percent is not None else ""
            rows.append(Row(f"{ac.reason}{percent}", self.money(signed)))
        rows.append(Row(self.lab("net"), self.money(inv.net_total)))
        if L.totals != "tax_table":
            for t in inv.tax_subtotals:
                rows.append(Row(self.tax_label(t), self.money(t.tax)))
        total_label = self.lab("total")
        if L.currency_hint == "total_label":
            total_label = f"{total_label.rstrip(':')} {inv.currency}" + (":" if L.label_colon else "")
        rows.append(Row(total_label, self.money(inv.grand_total), bold=not inv.prepaid, size=L.size + 1))
        if inv.prepaid:
            rows.append(Row(self.lab("prepaid"), self.money(-inv.prepaid)))
            rows.append(Row(self.lab("amount_due"), self.money(inv.amount_due), bold=True, size=L.size + 1))
        return rows

    def tax_table(self, y: float) -> float:
        """A small table of the taxes per rate: rate, base, tax (some vendors add the gross)."""
        headers = [
            self.lab("vat_rate", colon=False),
            self.lab("net", colon=False),
            self.lab("tax", colon=False),
        ]
        widths = (22.0, 30.0, 26.0)
        x = self.left
        for head, w in zip(headers, widths, strict=True):
            self.put(x, y, head, size=7.5, style="B", w=w - 1, align="R" if x > self.left else "L")
            x += w
        y += 4.5
        for t in self.inv.tax_subtotals:
            x = self.left
            cells = (
                self.pack.rate(t.rate),
                self.pack.number(t.base * self.sign),
                self.pack.number(t.tax * self.sign),
            )
            for cell, w in zip(cells, widths, strict=True):
                self.put(x, y, cell, size=8, w=w - 1, align="R" if x > self.left else "L")
                x += w
            y += 4.2
        return y

    def totals(self, y: float) -> float:
        L, rows = self.L, self.total_rows()
        needed = len(rows) * 5.5 + 6 + 4.5 * len(self.inv.tax_subtotals)
        if y + needed > self.bottom:
            if L.carry and self.carried:
                self.carry_row(y, "carried")
            self.pdf.add_page()
            y = self.continuation_header()
        top = y
        if L.totals == "wide":
            label_x, label_w = self.left, 120.0
        elif L.totals == "tax_table":
            self.tax_table(y)
            label_x, label_w = 112.0, 50.0
        else:
            label_x, label_w = 105.0, 60.0
        value_w = self.right - label_x - label_w
        for row in rows:
            size = row.size or L.size
            if row.bold and L.totals in ("boxed", "right", "tax_table"):
                self.pdf.set_draw_color(*BLACK)
                self.pdf.line(label_x, y - 0.6, self.right, y - 0.6)
            if row.bold and L.totals == "boxed":
                self.pdf.set_fill_color(230, 230, 230)
                self.pdf.rect(label_x, y - 0.5, self.right - label_x, size * 0.45 + 1.6, style="F")
            self.put(label_x + 1, y, row.label, size=size, style="B" if row.bold else "", w=label_w)
            self.put(label_x + label_w, y, row.value, size=size, style="B" if row.bold else "", w=value_w - 1,
                     align="R")  # fmt: skip
            y += size * 0.45 + 1.6
        if L.totals == "boxed":
            self.pdf.set_draw_color(*GREY)
            self.pdf.rect(label_x, top - 1.5, self.right - label_x, y - top + 1.5)
        if L.totals == "tax_table":
            y = max(y, top + 4.5 + 4.2 * len(self.inv.tax_subtotals))
        return y + 4

    # ---------------------------------------------------------------- after the totals

    def prose_text(self) -> str:
        inv, pack = self.inv, self.pack
        values = {
            "amount": self.pack.money(inv.amount_due, "symbol"),
            "iban": self.iban(),
            "bic": inv.seller.bic or "",
            "number": inv.number,
            "seller": inv.seller.name,
            "bank": self.bank,
            "vs": "".join(c for c in inv.number if c.isdigit())[-10:],
            "due": self.date(inv.due_date) if inv.due_date else "",
        }
        templates = pack.prose if inv.due_date else pack.prose_no_due
        if not inv.seller.bic:
            templates = tuple(t for t in templates if "{bic}" not in t) or pack.prose_no_due
        return self.rng.choice(templates).format(**values)

    def text_paragraph(self, y: float, text: str, *, size: float | None = None, style: str = "") -> float:
        lines = self.wrap(text, self.right - self.left, size, style)
        needed = len(lines) * (size or self.L.size) * 0.45 + 2
        if y + needed > self.bottom:
            self.pdf.add_page()
            y = self.continuation_header()
        return self.block(self.left, y, lines, size=size, style=style, w=self.right - self.left) + 1.5

    def after_totals(self, y: float) -> float:
        inv, L = self.inv, self.L
        for t in inv.tax_subtotals:
            if t.exemption_reason:
                y = self.text_paragraph(y, t.exemption_reason, size=L.size - 0.5, style="I")
        if inv.payment_terms:
            y = self.text_paragraph(y, f"{self.lab('terms')} {inv.payment_terms}")
        if L.prose and inv.seller.iban:
            y = self.text_paragraph(y + 1, self.prose_text())
        if L.bank_in_body and inv.seller.iban:
            line = f"{self.lab('bank')} {self.bank} · IBAN {self.iban()}"
            if inv.seller.bic:
                line += f" · BIC {inv.seller.bic}"
            y = self.text_paragraph(y, line)
        if L.footer == "none":
            legal = [inv.seller.name] + [x for x in (inv.seller.registration,) if x]
            if inv.seller.vat_id:
                legal.append(f"{self.lab('vat_id')} {inv.seller.vat_id}")
            y = self.text_paragraph(y, " · ".join(legal), size=L.size - 1)
        if inv.notes:
            if L.notes_box:
                y = self.text_paragraph(y + 1, self.lab("notes"), style="B")
            for note in inv.notes:
                y = self.text_paragraph(y, note)
        if self.pack.extras and self.rng.random() < 0.7:
            y = self.text_paragraph(y + 1, self.rng.choice(self.pack.extras), size=L.size - 0.5)
        if L.signature:
            y = self.text_paragraph(y + 2, self.lab("regards", colon=False))
            y = self.text_paragraph(y + 4, self.inv.seller.name, style="B")
        return y

    # ---------------------------------------------------------------- footer

    def footer_columns(self) -> list[list[str]]:
        s, pack = self.inv.seller, self.pack
        columns = [[s.name, s.street, self.city_line(s)]]
        contact = []
        if s.phone:
            contact.append(f"{self.lab('phone')} {s.phone}")
        if s.email:
            contact.append(f"{self.lab('email')} {s.email}")
        contact.append(self.web)
        columns.append(contact)
        if s.iban and not self.L.bank_in_body:
            bank = [self.bank, f"IBAN {self.iban()}"]
            if s.bic:
                bank.append(f"BIC {s.bic}")
            columns.append(bank)
        legal = []
        if s.registration:
            legal.append(s.registration)
        if s.vat_id:
            legal.append(f"{self.lab('vat_id')} {s.vat_id}")
        if self.directors:
            legal.append(f"{self.lab('directors')} {', '.join(self.directors)}")
        columns.append(legal)
        _ = pack
        return columns

    def draw_footer(self) -> None:
        L = self.L
        page = self.lab("page", colon=False).format(p=self.pdf.page_no(), n="{nb}")
        top = self.pdf.h - self.footer_height - 2
        if L.footer == "columns":
            self.pdf.set_draw_color(*GREY)
            self.pdf.line(self.left, top, self.right, top)
            columns = self.footer_columns()
            width = (self.right - self.left) / len(columns)
            for i, col in enumerate(columns):
                lines: list[str] = []
                for entry in col:
                    lines.extend(self.wrap(entry, width - 3, 6.5))
                self.block(self.left + i * width, top + 2, lines, size=6.5, w=width - 2, color=GREY)
            self.put(self.right - 40, self.pdf.h - 8, page, size=7, w=40, align="R", color=GREY)
        elif L.footer == "line":
            parts = [p for col in self.footer_columns() for p in col]
            text = " · ".join(parts)
            lines = self.wrap(text, self.right - self.left, 6.5)
            self.block(self.left, top + 1, lines, size=6.5, w=self.right - self.left, align="C", color=GREY)
            self.put(self.right - 40, self.pdf.h - 7, page, size=7, w=40, align="R", color=GREY)
        else:
            self.put(self.left, self.pdf.h - 10, page, size=7, w=self.right - self.left, align="C")

    # ---------------------------------------------------------------- the whole document

    def render(self) -> FPDF:
        self.pdf.add_page()
        y = self.letterhead()
        address_top = max(y + 4, 45.0)
        address_end = self.addresses(y)
        y = self.meta_block(address_top, address_end)
        y = self.title_block(y)
        y = self.pre_table(y)
        y = self.table(y)
        y = self.totals(y)
        self.after_totals(y)
        title = f"{self.title_text()} {self.inv.number}"
        self.pdf.set_title(self.t(title))
        self.pdf.set_author(self.t(self.inv.seller.name))
        self.pdf.set_subject(self.t(f"{title} – {self.inv.buyer.name}"))
        return self.pdf


_LEGAL_WORDS = {
    "gmbh", "ag", "kg", "co.", "ltd", "ltd.", "inc.", "inc", "llc", "plc", "b.v.", "bv", "n.v.", "aps", "a/s",
    "s.a.", "s.a.s.", "sas", "sarl", "s.a.r.l.", "s.l.", "s.r.l.", "srl", "s.p.a.", "lda.", "lda", "sp.", "z",
    "o.o.", "ab", "s.r.o.", "a.s.", "&", "e.k.", "gmbh & co. kg", "sa", "spa", "corp.", "limited", "oy",
}  # fmt: skip


def _brand(name: str) -> str:
    """A logo's short form of a company name: its words before the legal form, at most two."""
    words = [w for w in name.replace(",", " ").split() if w.lower() not in _LEGAL_WORDS]
    return " ".join(words[:2]) or name


def render_layout(invoice: SynthInvoice, layout: str, template_seed: int | None = None) -> FPDF:
    """The unsaved FPDF of ``invoice`` in ``layout`` (render.py adds attachments and writes bytes).
    The renderer's choices (label wordings, date format, bank, …) are drawn per document, or, with
    ``template_seed``, once per template: one vendor printing all its invoices the same way."""
    try:
        spec = LAYOUT_SPECS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}") from None
    return Renderer(invoice, spec, template_seed).render()


def with_font(layout: str, font: str) -> Layout:
    """A layout with another font family (tests that run without the TrueType fonts use it)."""
    return replace(LAYOUT_SPECS[layout], font=font)
