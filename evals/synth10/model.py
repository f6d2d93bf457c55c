"""What one evals/synth10 document says and how its producer emits it. The content (parties, lines, taxes,
payments, dates) is drawn by evals/synth9's model; the emission quirks are this generator's factors, each
drawn on its own per document and recorded in its truth (``_synth.factors``) and manifest row."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from evals.synth9.locales import LOCALES
from evals.synth9.model import Doc, draw_doc
from evals.synth10.words import EXTRA, PEOPLE, PROVIDERS

KINDS = ("erp_report", "erp_credit", "erp_partial", "acct_tax_invoice", "acct_balance", "shop_order",
         "multicurrency")  # fmt: skip
"""evals/synth9 content kinds a single-page document draws; a multi-page one draws erp_multipage."""

FACTORS: dict[str, tuple[str, ...]] = {
    "order": ("natural", "footer_first", "right_first", "table_by_column", "bottom_up"),
    # The order text objects come in the content stream (not the order they read in).
    "letterhead": ("inline", "form_first", "form_last"),
    # The seller's header and footer: in the content, or stationery (a Form XObject on every page)
    # drawn before or after the ERP's content.
    "words": ("spaces", "tj_gaps", "per_word", "per_glyph"),
    # How a string becomes operators: space glyphs, TJ kerning gaps, one Tm per word, one Tm per glyph.
    "heading": ("plain", "tc_spaced", "space_spaced", "scaled"),
    # The title (and the seller's name in the letterhead): letter-spaced by Tc or by spaces, or Tz-scaled.
    "emphasis": ("none", "fake_bold", "shadow"),
    # Bold made by drawing a run twice a fraction of a point apart, or a grey shadow under it.
    "wordmark": ("none", "two_runs"),
    # The seller's name in the letterhead set in two faces and colours with no space between the runs.
    "rotated": ("none", "margin_line", "stamp", "both"),
    # A register line set vertically in the margin; a rotated stamp (PAID, COPY, DUPLICATE).
    "hidden": ("none", "ocr_layer", "white_text", "instruction"),
    # Invisible (Tr 3) copies of the page's text; white text with other figures; a small-print sentence
    # asking to pay another amount to another IBAN.
    "numbers": ("locale", "nnbsp_groups", "code_after", "leaders", "trailing_minus", "parentheses", "u2212"),
    # Amounts: narrow no-break-space groups, the currency code after the amount, dotted leaders, and how
    # negative amounts (credits, payments, discounts) are signed.
    "glyphs": ("plain", "ligatures", "soft_hyphens", "nbsp_names"),
    # Ligature glyphs (ﬁ ﬂ with ToUnicode), soft hyphens inside long words, no-break spaces inside names.
    "pages": ("one", "one", "one", "multi"),
    # Multi-page: 26-38 lines, the header repeated, totals carried forward, totals on the last page only.
}  # fmt: skip


@dataclass
class Doc10:
    doc: Doc
    layout: str
    factors: dict[str, str]
    extra: dict[str, str]
    family: str
    values: dict[str, str] = field(default_factory=dict)
    """Distractors this generator adds: a bank's name, a provider, a register line, a contradicting IBAN."""


def draw_factors(rng: random.Random) -> dict[str, str]:
    return {name: rng.choice(options) for name, options in FACTORS.items()}


def draw(layout: str, tag: str, rng: random.Random, force: dict[str, str] | None = None) -> Doc10:
    """One document; ``force`` sets some factors (tests), the rest drawn as always."""
    factors = {**draw_factors(rng), **(force or {})}
    kind = "erp_multipage" if factors["pages"] == "multi" else rng.choice(KINDS)
    doc = draw_doc(kind, tag, rng)
    loc = LOCALES[tag]
    extra = dict(EXTRA[loc.lang])
    family = rng.choice(("DejaVu Sans", "Liberation Sans", "Liberation Serif", "DejaVu Serif"))
    from evals.synth7.ids import draw_iban

    other = draw_iban(loc.country, rng) or draw_iban("DE", rng) or ""
    values = {
        "bank": extra["bank_name"].format(city=doc.seller.city),
        "provider": rng.choice(PROVIDERS),
        "person": rng.choice(PEOPLE),
        "reg": f"{rng.randint(10000, 99999)}",
        "other_iban": other,
        "other_amount": str(doc.grand_total * Decimal(rng.choice((2, 3, 10))) + Decimal("17.30")),
        "stamp": rng.choice(extra["stamps"].split("|")),
    }
    return Doc10(doc=doc, layout=layout, factors=factors, extra=extra, family=family, values=values)
