"""What one evals/synth11 document says and how its spreadsheet is set up. The content (parties, lines, taxes,
payments, dates) is drawn by evals/synth9's model; the spreadsheet's quirks are this generator's factors, each
drawn on its own per document and recorded in its truth (``_synth.factors``) and manifest row."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from evals.synth9.locales import LOCALES
from evals.synth9.model import Doc, draw_doc
from evals.synth11.words import SHEET

KINDS = ("erp_report", "erp_report", "erp_credit", "erp_partial", "acct_tax_invoice", "acct_balance")
"""evals/synth9 content kinds a one-page document draws (their totals are net + VAT per rate, less payments);
a two-page one draws erp_multipage."""

LCID: dict[str, str] = {
    "en-US": "409", "en-GB": "809", "en-AU": "C09", "en-IE": "1809", "en-CA": "1009", "de-DE": "407",
    "de-AT": "C07", "fr-FR": "40C", "fr-BE": "80C", "nl-NL": "413", "nl-BE": "813", "es-ES": "C0A",
    "it-IT": "410", "pt-PT": "816", "pt-BR": "416", "pl-PL": "415", "sv-SE": "41D", "da-DK": "406",
    "cs-CZ": "405", "fi-FI": "40B", "nb-NO": "414",
}  # fmt: skip
"""The Windows locale ids a number format names (``[$-407]``): Calc formats the cell in that locale."""

FACTORS: dict[str, tuple[str, ...]] = {
    "seller": ("title_cell", "header_footer", "logo_footer", "under_title"),
    # The seller's name: large and bold in a merged title cell; only in the sheet's page header and footer;
    # under a logo picture with the name only in the footer's legal line; smaller, under a big title word.
    "parties": ("from_billto", "seller_buyer", "side_by_side", "window", "seller_right"),
    # "From" above "Bill to"; "Seller" | "Buyer" captions in adjacent cells; two blocks side by side with no
    # captions; a sender line above the buyer's window address; the seller's block at the right.
    "numbers": ("locale", "symbol_tag", "accounting", "code_column"),
    # Amount formats: the locale's own ([$-407]#,##0.00 "€"); Excel's currency tag ([$€-407]), which keeps
    # the application's separators; accounting (the symbol at the cell's edge, apart); plain numbers with
    # the currency code in the column heading.
    "negative": ("minus", "parentheses", "red"),
    # How payments received print: -1.00, (1.00), red -1.00.
    "dates": ("numeric", "long", "iso"),
    # Date cells: the locale's numeric pattern, the month's name in the language, YYYY-MM-DD.
    "grid": ("plain", "gridlines", "borders", "shaded"),
    # Gridlines printed, cell borders on the table, a shaded header row.
    "cells": ("one_line", "wrapped", "merged"),
    # Descriptions wrapped in a narrow column, or merged across two columns.
    "hidden": ("none", "column", "rows"),
    # A hidden column (internal cost) or hidden rows (internal notes) Calc does not print.
    "sheets": ("one", "second_printed", "second_hidden"),
    # A second sheet (terms) printed after the invoice, or a hidden one with another invoice's figures.
    "page": ("portrait", "fit_width", "landscape", "two_pages"),
    # Every sheet is fitted to the page width; fit_width draws wider columns (Calc scales the sheet down),
    # landscape, two pages with the header row repeated (print titles).
    "formulas": ("formulas", "formulas", "values"),
    # Line amounts, sums, VAT and totals as formulas (ROUND, SUM, SUMIF) Calc computes, or as numbers.
}  # fmt: skip


@dataclass
class Doc11:
    doc: Doc
    layout: str
    factors: dict[str, str]
    words: dict[str, str]
    font: str
    values: dict[str, str] = field(default_factory=dict)
    """Distractors this generator adds: the bank's name, a register number, a hidden sheet's figures."""


def draw_factors(rng: random.Random) -> dict[str, str]:
    return {name: rng.choice(options) for name, options in FACTORS.items()}


def draw(layout: str, tag: str, rng: random.Random, force: dict[str, str] | None = None) -> Doc11:
    """One document; ``force`` sets some factors (tests), the rest drawn as always."""
    factors = {**draw_factors(rng), **(force or {})}
    kind = "erp_multipage" if factors["page"] == "two_pages" else rng.choice(KINDS)
    doc = draw_doc(kind, tag, rng)
    loc = LOCALES[tag]
    words = dict(SHEET[loc.lang])
    font = rng.choice(("Liberation Sans", "DejaVu Sans", "Liberation Serif", "Liberation Sans Narrow"))
    values = {
        "bank": words["bank_name"].format(city=doc.seller.city),
        "reg": f"{rng.randint(10000, 99999)}",
        "early_pct": str(rng.choice((2, 3))),
        "early_days": str(rng.choice((7, 10, 14))),
        "cost": str(rng.randint(40, 70)),
        "other_total": str(doc.grand_total * Decimal(rng.choice((2, 3))) + Decimal("11.90")),
    }
    return Doc11(doc=doc, layout=layout, factors=factors, words=words, font=font, values=values)
