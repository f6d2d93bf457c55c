"""The fifteenth invoice generator (evals/synth15, invoices and receipts printed from a web browser with its
own header and footer, and from mail clients' print views): the same seed gives the same documents, the sums
add up in Decimal (net or gross prices), paid receipts owe 0.00, every layout, language and factor value comes
up and is recorded, the browser's header and footer and the mail header block reach the text layer beside
every scored truth, and the eval knows the generator as a development source. Tests that print PDFs skip with
one line when Chromium is missing here, and fail instead where OPSLOOP_REQUIRE_CHROMIUM=1."""

from __future__ import annotations

import json
import os
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from evals.invoices.generators import BY_KEY, DEVELOPMENT
from evals.synth15.dataset import (
    TAGS,
    Printer,
    find_chromium,
    implied,
    make,
    missing,
    page_text,
    plan,
    printed,
    truth,
    write_dataset,
)
from evals.synth15.layouts import LAYOUTS, print_templates
from evals.synth15.model import FACTORS, draw
from evals.synth15.words import LANGS, WORDS
from stdnum import iban as iban_module


def _chromium() -> None:
    if find_chromium() is None:
        reason = "Chromium is not installed here"
        if os.environ.get("OPSLOOP_REQUIRE_CHROMIUM"):
            pytest.fail(f"OPSLOOP_REQUIRE_CHROMIUM is set but {reason}")
        pytest.skip(reason)


def test_at_least_15_layouts_and_12_languages_and_the_plan_reaches_every_pair() -> None:
    assert len(LAYOUTS) >= 15 and len(TAGS) >= 12
    assert {"en", "de", "fr", "nl", "es", "it", "pt", "pl", "sv", "da", "cs", "fi", "hu", "ro", "tr"} <= set(
        TAGS
    )
    assert set(plan(len(LAYOUTS) * len(TAGS), 3)) == {(layout, tag) for layout in LAYOUTS for tag in TAGS}


def test_every_language_has_every_word() -> None:
    keys = set(WORDS["en"])
    for lang, words in WORDS.items():
        assert keys == set(words), (lang, keys ^ set(words))
        assert len(words["products"]) >= 4 and len(words["weekdays"]) == 7


def test_the_same_seed_gives_the_same_document_and_another_seed_another() -> None:
    for index, (layout, lang) in enumerate(plan(20, 7)):
        first, again, other = (make(layout, lang, random.Random(f"synth15:{s}:{index}")) for s in (7, 7, 8))
        assert truth(first[0]) == truth(again[0]) and first[0].factors == again[0].factors
        assert first[1:] == again[1:]
        assert truth(first[0]) != truth(other[0])


def test_the_sums_add_up_in_decimal_and_a_paid_receipt_owes_nothing() -> None:
    kinds = set()
    for index in range(320):
        layout = sorted(LAYOUTS)[index % len(LAYOUTS)]
        d = draw(TAGS[index % len(TAGS)], layout, random.Random(f"synth15:5:{index}"))
        for line in d.lines:
            assert line.net == (line.quantity * line.price).quantize(Decimal("0.01"), ROUND_HALF_UP)
        record = truth(d)
        total, tax, net = (Decimal(record[k]) for k in ("grand_total", "tax_total", "tax_basis_total"))
        assert total == net + tax > 0
        if d.gross:  # the lines carry the VAT: they add up to the total, which includes it
            assert sum((line.net for line in d.lines), Decimal(0)) == total
            assert tax == (total * d.vat_rate / (100 + d.vat_rate)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        else:
            assert sum((line.net for line in d.lines), Decimal(0)) == net
        due = Decimal(record["due_payable"])
        assert (due == 0) == d.paid and (due == total) == (not d.paid)
        assert (record["due_date"] is None) == d.paid
        assert record["order_date"] < record["invoice_date"] < record["printed_at"]
        kinds.add(d.factors["paid"])
        if d.seller.iban:
            assert iban_module.is_valid(d.seller.iban)
        assert record["seller_name"] == d.seller.name
        assert d.brand is None or d.brand != d.seller.name
        assert d.platform is None or d.platform not in d.seller.name
    assert kinds == {"no", "due0", "stamp"}


def test_every_factor_value_comes_up() -> None:
    seen: dict[str, set[str]] = {name: set() for name in FACTORS}
    for index in range(480):
        layout = sorted(LAYOUTS)[index % len(LAYOUTS)]
        d = draw(TAGS[index % len(TAGS)], layout, random.Random(f"synth15:11:{index}"))
        for name in FACTORS:
            seen[name].add(d.factors[name])
    expected = {name: set(values) for name, values in FACTORS.items()}
    expected["mail_client"].add("none")  # the browser frame prints no mail
    assert seen == expected


def test_a_shared_sign_leaves_the_currency_implied_and_a_stamp_the_amount_due() -> None:
    d = draw("sv", "hosting", random.Random("k"), {"currency_sign": "sign", "paid": "no"})
    assert implied(d) == ["currency"] and "currency" not in printed(d)
    d = draw("tr", "hosting", random.Random("k"), {"currency_sign": "sign", "paid": "stamp"})
    assert implied(d) == ["amount_due"] and printed(d)["currency"] == ("TRY", "TL")


def test_the_browser_header_and_footer_carry_the_print_date_the_url_and_the_page_counter() -> None:
    d, _, url, _ = make("shop_account", "de", random.Random("h"), {"frame": "browser"})
    header, footer = print_templates(d, url)
    assert d.stamp(d.printed_at) in header and 'class="title"' in header
    assert url in footer and 'class="pageNumber"' in footer and 'class="totalPages"' in footer
    assert d.printed_at.date() > d.issue and url.startswith("https://")


def test_a_set_is_written_twice_alike_and_every_truth_is_on_its_pages(tmp_path: Path) -> None:
    _chromium()
    rows = write_dataset(tmp_path / "s", 6, 15157)
    again = write_dataset(tmp_path / "t", 6, 15157)
    assert rows == again
    for row in rows:
        assert row["not_on_page"] == [], row
        record = json.loads((tmp_path / "s" / row["document"]).with_suffix(".json").read_text("utf-8"))
        assert record["_synth"]["factors"] == row["factors"]
        assert set(FACTORS) | {"layout"} == set(row["factors"])


def test_every_language_and_frame_reads_back_with_the_browser_and_mail_furniture(tmp_path: Path) -> None:
    _chromium()
    frames = ("browser", "mail", "forward", "reply")
    layouts = sorted(LAYOUTS)
    with Printer() as browser:
        for index, lang in enumerate(TAGS):
            frame = frames[index % 4]
            layout = layouts[index % len(layouts)]
            d, html, url, _ = make(layout, lang, random.Random(f"synth15:case:{index}"), {"frame": frame})
            page = tmp_path / f"c{index}.html"
            page.write_text(html, "utf-8")
            header, footer = print_templates(d, url) if d.factors["header_footer"] == "on" else (None, None)
            text = page_text(browser.print_with(page, d.factors["paper"], header, footer))
            assert missing(d, text) == [], (lang, layout, missing(d, text))
            w = LANGS[lang]
            if header is not None:
                assert d.stamp(d.printed_at) in text and url in text and "1/1" in text.replace(" ", "")
            if d.factors["frame"] != "browser":
                assert d.buyer_mail in text
                assert d.factors["mail_client"] == "webmail" or str(w["m_from"]) in text
            if d.factors["frame"] == "forward":
                assert str(w["forwarded"]).strip("- ") in text


def test_the_eval_knows_the_generator_as_a_development_source_with_factors() -> None:
    generator = BY_KEY["synth15"]
    assert generator.package == "evals.synth15" and generator.seed == 15157 and generator.role == DEVELOPMENT
    assert generator.ordinal == "fifteenth" and "Chromium" in generator.producer
    assert {"vendor", "invoice_number", "total", "amount_due"} <= set(generator.factor_fields)
