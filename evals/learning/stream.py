"""Streams of invoices from one vendor at a time: the same seller, layout, locale, customer, item
catalogue, numbering and payment terms; each document a new number, date, lines and amounts.

Built from evals/synth (the generator's parties, items and arithmetic; the renderers' 18 layouts x 15
locales), seeded: the same seed gives the same streams. Nothing of opsloop's is imported here.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from evals.synth.generate import NUMBER_FORMATS, _fill, lines_for, po_number, random_invoice
from evals.synth.locales import LOCALES, pack_for
from evals.synth.model import Line, Party, SynthInvoice
from evals.synth.pdf import LAYOUTS

D = Decimal


@dataclass(frozen=True)
class Vendor:
    key: str
    """The vendor's id in the generated ERP (V-<seed>-<n>)."""
    seller: Party
    buyer: Party
    locale: str
    layout: str
    catalogue: tuple[Line, ...]
    exemption_reasons: dict[str, str]
    number_format: str
    terms_days: int
    template_seed: int
    """The renderer's choices (label wordings, date format, bank) fixed for the vendor's template."""


@dataclass(frozen=True)
class Document:
    vendor: Vendor
    index: int
    """0-based position in the vendor's stream."""
    invoice: SynthInvoice


def _letters(rng: random.Random, pattern: str) -> str:
    """The numbering pattern with its letters drawn once: a vendor's prefix stays (FK25-…, FK25-…)."""
    return "".join(rng.choice(string.ascii_uppercase) if c == "A" else c for c in pattern)


def _vendor(rng: random.Random, key: str, locale: str, layout: str) -> Vendor:
    template = random_invoice(rng, locale)
    pack = pack_for(locale)
    rates = tuple(sorted({line.tax_rate for line in template.lines}, reverse=True)) or (D(0),)
    category = template.lines[0].tax_category if template.lines else "S"
    catalogue = tuple(lines_for(rng, pack.language, rates, category, rng.randrange(4, 9)))
    return Vendor(
        key=key,
        seller=template.seller,
        buyer=template.buyer,
        exemption_reasons=dict(template.exemption_reasons),
        locale=locale,
        layout=layout,
        catalogue=catalogue,
        number_format=_letters(rng, rng.choice(NUMBER_FORMATS)),
        terms_days=rng.choice((14, 30, 30, 45, 60)),
        template_seed=rng.randrange(2**32),
    )


def _document(rng: random.Random, vendor: Vendor, index: int, issue: date) -> SynthInvoice:
    base = random_invoice(rng, vendor.locale)
    count = min(len(vendor.catalogue), rng.choice((1, 2, 2, 3, 3, 4, 5)))
    lines = []
    for position, item in enumerate(rng.sample(list(vendor.catalogue), count), start=1):
        quantity = D(rng.choice((1, 2, 3, 4, 5, 6, 10, 12, 20, 24, 25, 50)))
        lines.append(replace(item, quantity=quantity, position=str(position), allowances_charges=()))
    number = _fill(
        rng,
        vendor.number_format.format(y=issue.year, yy=f"{issue.year % 100:02d}", m=f"{issue.month:02d}"),
    )
    po, printed = po_number(rng) if rng.random() < 0.7 else (None, None)
    return replace(
        base,
        doc_type="invoice",
        number=number,
        issue_date=issue,
        due_date=issue + timedelta(days=vendor.terms_days),
        seller=vendor.seller,
        buyer=vendor.buyer,
        lines=lines,
        po_numbers=[po] if po else [],
        po_print=printed,
        preceding_invoice=None,
        allowances_charges=[],
        prepaid=D(0),
        locale=vendor.locale,
        exemption_reasons=dict(vendor.exemption_reasons),  # type: ignore[arg-type]
    )


def build_streams(seed: int, vendors: int, documents: int) -> list[list[Document]]:
    """`vendors` streams of `documents` invoices each; vendor n gets locale n and a layout drawn from
    the 18 (every locale and layout appear once `vendors` reaches their number)."""
    rng = random.Random(seed)
    layouts = list(LAYOUTS)
    rng.shuffle(layouts)
    streams: list[list[Document]] = []
    for n in range(vendors):
        locale = LOCALES[n % len(LOCALES)]
        layout = layouts[n % len(layouts)]
        vendor = _vendor(rng, f"V-{seed}-{n:03d}", locale, layout)
        start = date(2025, 1, 6) + timedelta(days=rng.randrange(0, 300))
        stream = []
        for index in range(documents):
            issue = start + timedelta(days=index * rng.randrange(9, 35))
            stream.append(Document(vendor, index, _document(rng, vendor, index, issue)))
        streams.append(stream)
    return streams
