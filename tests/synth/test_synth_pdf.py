"""The PDF renderer prints every value the truth holds, in every layout and locale, deterministically."""

from __future__ import annotations

import io
from dataclasses import replace

import pypdf
import pytest
from evals.synth.locales import pack_for
from evals.synth.model import SynthInvoice
from evals.synth.pdf import FONT_FILES, LAYOUT_SPECS, Renderer
from evals.synth.render import LAYOUTS, LOCALES, render_cii, render_facturx, render_pdf, truth
from evals.synth.samples import sample_credit_note, sample_invoice


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_there_are_at_least_fifteen_layouts_and_ten_locales() -> None:
    assert len(LAYOUTS) >= 15
    assert len(LOCALES) >= 10


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_prints_the_number_parties_and_amount_due(layout: str) -> None:
    locale = LOCALES[LAYOUTS.index(layout) % len(LOCALES)]
    invoice = sample_invoice(locale)
    text = _flat(_text(render_pdf(invoice, layout)))
    pack = pack_for(locale)
    assert invoice.number in text
    assert invoice.seller.name in text
    assert invoice.buyer.name in text
    assert pack.number(invoice.amount_due) in text
    assert pack.number(invoice.grand_total) in text


def test_a_long_invoice_carries_its_subtotal_to_the_next_page() -> None:
    invoice = sample_invoice("de-DE")
    invoice.lines = invoice.lines * 20
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(invoice, "din_classic")))
    assert len(reader.pages) > 1
    assert "Übertrag" in (reader.pages[1].extract_text() or "")
    assert pack_for("de-DE").number(invoice.amount_due) in _flat(_text(render_pdf(invoice, "din_classic")))


def test_a_credit_note_names_the_invoice_it_credits() -> None:
    invoice = sample_credit_note("fr-FR")
    text = _flat(_text(render_pdf(invoice, "condensed_grid")))
    assert invoice.preceding_invoice and invoice.preceding_invoice in text
    assert "-18,48" in text  # this layout prints credit amounts negative


def test_facturx_embeds_the_cii_as_factur_x_xml() -> None:
    invoice = sample_invoice("it-IT")
    reader = pypdf.PdfReader(io.BytesIO(render_facturx(invoice, "title_number")))
    assert reader.attachments["factur-x.xml"] == [render_cii(invoice)]
    assert "/AF" in reader.trailer["/Root"]


def test_without_a_text_layer_the_pages_are_images_only() -> None:
    data = render_pdf(sample_invoice("nl-NL"), "modern_bar", text_layer=False)
    assert _text(data).strip() == ""
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1


def test_rendering_is_deterministic_per_invoice_and_layout() -> None:
    invoice = sample_invoice("sv-SE")
    assert render_pdf(invoice, "nordic_clean") == render_pdf(invoice, "nordic_clean")
    assert render_facturx(invoice, "erp_mono") == render_facturx(invoice, "erp_mono")


def test_without_truetype_fonts_the_core_fonts_print_a_transliteration() -> None:
    invoice: SynthInvoice = sample_invoice("pl-PL")
    layout = replace(LAYOUT_SPECS["din_classic"], font="no-such-font")
    missing = {"": "missing.ttf", "B": "missing.ttf", "I": "missing.ttf"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(FONT_FILES, "no-such-font", missing)
        data = bytes(Renderer(invoice, layout).render().output())
    text = _flat(_text(data))
    assert invoice.number in text
    assert "Termin platnosci" in text or "Termin zaplaty" in text or "Platne do" in text


def test_truth_is_json_ready_with_positive_credit_amounts() -> None:
    import json

    record = truth(sample_credit_note())
    assert json.loads(json.dumps(record)) == record
    assert record["grand_total"] == "18.48"
    assert record["document_type"] == "credit_note"


@pytest.mark.parametrize("layout", LAYOUTS[:3])
def test_money_is_printed_in_the_invoices_currency_not_the_locales(layout: str) -> None:
    invoice = sample_invoice("en-GB")
    invoice.currency = "USD"
    text = _flat(_text(render_pdf(invoice, layout)))
    assert "£" not in text
    assert "$" in text or "USD" in text
