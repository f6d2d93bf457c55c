"""The fourteenth invoice generator (evals/synth14, bills and statements as document-composition systems
print them: hand-written PostScript → Ghostscript): the same seed gives the same documents, the sums and the
account add up in Decimal, ids check, every layout, language and factor value comes up and is recorded, the
text layer of a few documents shows every scored truth (non-ASCII letters of every language included), and
the eval knows the generator as a development source. Tests that print PDFs skip with one line when
Ghostscript is missing here, and fail instead where OPSLOOP_REQUIRE_GHOSTSCRIPT=1 (CI installs it:
.ci/services.sh ensure_ghostscript)."""

from __future__ import annotations

import json
import os
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth14.dataset import (
    TAGS,
    find_gs,
    implied,
    make,
    missing,
    page_text,
    plan,
    printed,
    render,
    truth,
    write_dataset,
)
from evals.synth14.layouts import LAYOUTS
from evals.synth14.model import FACTORS, draw, iban_check, reference
from evals.synth14.postscript import Sheet
from evals.synth14.words import ITEMS, LANGS, items
from stdnum import iban as iban_module


def _gs() -> str:
    found = find_gs()
    if found is None:
        reason = "Ghostscript (gs) is not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_GHOSTSCRIPT"):
            pytest.fail(f"OPSLOOP_REQUIRE_GHOSTSCRIPT is set but {reason}")
        pytest.skip(reason)
    return found


def test_at_least_15_layouts_and_15_languages_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 15 and len(TAGS) >= 15
    assert {"en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs", "fi", "hu", "ro", "tr"} <= set(
        TAGS
    )
    assert set(plan(len(LAYOUTS) * len(TAGS), 3)) == {(layout, tag) for layout in LAYOUTS for tag in TAGS}


def test_every_language_has_every_word_and_every_item() -> None:
    keys = set(LANGS["en"])
    for lang, words in LANGS.items():
        assert keys == set(words), (lang, keys ^ set(words))
    item_keys = set(items("en"))
    assert set(ITEMS) == set(LANGS)
    for lang in LANGS:
        assert set(items(lang)) == item_keys, lang


def test_the_same_seed_gives_the_same_document_and_another_seed_another() -> None:
    for index, (layout, lang) in enumerate(plan(17, 7)):
        first, again, other = (make(layout, lang, random.Random(f"synth14:{s}:{index}")) for s in (7, 7, 8))
        assert truth(first[0]) == truth(again[0]) and first[0].factors == again[0].factors
        assert first[1].postscript() == again[1].postscript()
        assert truth(first[0]) != truth(other[0])


def test_the_sums_and_the_account_add_up_in_decimal_and_ids_check() -> None:
    kinds = set()
    for index in range(240):
        d = draw(TAGS[index % len(TAGS)], random.Random(f"synth14:5:{index}"))
        for line in d.lines:
            assert line.net == (line.quantity * line.price).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert d.net == sum((line.net for line in d.lines), Decimal(0))
        assert d.total == d.net + d.tax > 0
        record = truth(d)
        assert Decimal(record["grand_total"]) == d.total
        due = Decimal(record["due_payable"])
        assert due == d.previous - d.payments + d.total > 0
        account = d.factors["account"]
        kinds.add(account)
        assert (due == d.total) == (account in ("none", "settled")), (account, due, d.total)
        assert (due > d.total) == (account == "arrears") and (due < d.total) == (account == "credit")
        assert d.start <= d.end and record["invoice_date"] != record["billing_period"][0]
        if d.seller.iban:
            assert (
                iban_module.is_valid(d.seller.iban)
                and iban_check(d.seller.iban[:2], d.seller.iban[4:]) == d.seller.iban[2:4]
            )
        assert record["seller_name"] == d.seller.name and (d.brand is None or d.brand != d.seller.name)
    assert kinds == {"none", "settled", "arrears", "credit"}


def test_payment_references_carry_their_check_digits() -> None:
    rng = random.Random(1)
    belgian = reference("nl", rng)
    digits = re.sub(r"\D", "", belgian)
    assert re.fullmatch(r"\+\+\+\d{3}/\d{4}/\d{5}\+\+\+", belgian)
    assert (int(digits[:10]) % 97 or 97) == int(digits[10:])
    creditor = reference("de", rng).replace(" ", "")
    assert (
        creditor.startswith("RF")
        and int("".join(str(int(c, 36)) for c in creditor[4:] + creditor[:4])) % 97 == 1
    )
    finnish = reference("fi", rng).replace(" ", "")
    weights = sum(int(c) * (7, 3, 1)[i % 3] for i, c in enumerate(reversed(finnish[:-1])))
    assert (10 - weights % 10) % 10 == int(finnish[-1])


def test_every_factor_value_comes_up() -> None:
    seen: dict[str, set[str]] = {name: set() for name in FACTORS}
    for index in range(400):
        d = draw(TAGS[index % len(TAGS)], random.Random(f"synth14:11:{index}"))
        for name in FACTORS:
            seen[name].add(d.factors[name])
    assert seen == {name: set(values) for name, values in FACTORS.items()}


def test_a_shared_sign_leaves_the_currency_implied_unless_a_slip_or_code_prints_it() -> None:
    d = draw("sv", random.Random("k"), {"currency_sign": "sign", "slip": "detach"})
    assert implied(d) == ["currency"] and "currency" not in printed(d)
    d = draw("sv", random.Random("k"), {"currency_sign": "sign", "slip": "giro"})
    assert implied(d) == []
    d = draw("tr", random.Random("k"), {"currency_sign": "sign"})
    assert implied(d) == [] and printed(d)["currency"] == ("TRY", "TL")


def test_the_postscript_re_encodes_exactly_the_characters_a_document_uses() -> None:
    sheet = Sheet("a4", "helvetica")
    sheet.text(50, 50, "Zażółć (gęślą) jaźń \\ O'Brien", 10)
    program = sheet.postscript()
    assert "/zdotaccent" in program and "/quotesingle" in program and "/adieresis" not in program
    assert "\\(g" in program and "\\\\" in program and all(ord(c) < 127 for c in program)


def test_a_set_is_written_twice_alike_and_every_truth_is_on_its_pages(tmp_path: Path) -> None:
    _gs()
    rows = write_dataset(tmp_path / "s", 6, 14143)
    again = write_dataset(tmp_path / "t", 6, 14143)
    assert rows == again
    for row in rows:
        assert row["not_on_page"] == [], row
        record = json.loads((tmp_path / "s" / row["document"]).with_suffix(".json").read_text("utf-8"))
        assert record["_synth"]["factors"] == row["factors"]
        assert set(FACTORS) | {"seller_place", "layout", "pages"} == set(row["factors"])
        assert page_text((tmp_path / "s" / row["document"]).read_bytes()) == page_text(
            (tmp_path / "t" / row["document"]).read_bytes()
        )


def test_every_language_reads_back_and_a_long_statement_carries_its_subtotal_forward(tmp_path: Path) -> None:
    gs = _gs()
    carried: list[str] = []
    for index, lang in enumerate(TAGS):
        layout = ("statement_long", "qr_part", "listing", "us_stub")[index % 4]
        d, sheet = make(
            layout,
            lang,
            random.Random(f"synth14:case:{index}"),
            {"placement": ("strings", "words")[index % 2]},
        )
        pdf = tmp_path / f"c{index}.pdf"
        render(sheet.postscript(), pdf, gs)
        text = page_text(pdf.read_bytes())
        assert missing(d, text) == [], (lang, layout, missing(d, text))
        assert d.buyer.name in text and d.seller.street in text, lang
        folded = text.casefold()
        if (
            d.w["cf"].casefold() in folded
        ):  # the table broke: page two opens with the subtotal brought forward
            assert d.w["bf"].format(p=1).casefold() in folded and len(sheet.pages) >= 2
            carried.append(lang)
        if layout == "qr_part":
            assert d.reference in text and d.w["payment_part"].casefold() in folded
    assert len(carried) >= 2, carried


def test_the_eval_knows_the_generator_as_a_development_source_with_factors() -> None:
    generator = BY_KEY["synth14"]
    assert generator.package == "evals.synth14" and generator.seed == 14143 and generator.role == DEVELOPMENT
    assert generator.ordinal == "fourteenth" and "PostScript" in generator.producer
    assert {"vendor", "invoice_number", "total", "amount_due"} <= set(generator.factor_fields)
