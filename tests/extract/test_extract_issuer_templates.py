"""GIVEN opt-in issuer templates (data files) WHEN a document is extracted THEN a template applies
only to the issuer it matches (all keywords, or a VAT id), overrides just the fields it names, and a
broken template is refused with its name and the reason."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.errors import ConfigError
from opsloop.extract import extract_invoice
from opsloop.extract.rules.engine import extract_rules
from opsloop.extract.rules.issuers import IssuerTemplate, load_template, load_templates
from opsloop.settings import Settings

HOTEL = "Harbour View Stays Pvt. Ltd.\nBooking ID: HV99812\nCheck-in 03/04/2024\nTotal payable Rs 4,200.00\n"
TEMPLATE = {
    "issuer": "Harbour View",
    "keywords": ["Harbour View", "Booking ID"],
    "fields": {"invoice_number": r"Booking ID\s*:\s*([A-Z0-9]+)", "invoice_date": r"Check-in\s+(\S+)"},
    "static": {"vendor.name": "Harbour View", "currency": "INR"},
}


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])


def test_without_a_template_the_generic_engine_reads_no_issuer_label() -> None:
    # GIVEN an issuer's own number label WHEN the generic engine reads it THEN it is not a number label
    assert extract_rules(_doc(HOTEL)).invoice_number != "HV99812"


def test_a_matching_template_overrides_only_the_fields_it_names() -> None:
    template = IssuerTemplate.model_validate(TEMPLATE)
    result = extract_rules(_doc(HOTEL), templates=[template])
    assert result.invoice_number == "HV99812"
    assert result.invoice_date == date(2024, 4, 3)
    assert (result.vendor.name, result.currency) == ("Harbour View", "INR")
    assert result.total == Decimal("4200.00")  # not named by the template: the engine's reading
    assert "issuer template 'Harbour View'" in (result.fields["invoice_number"].reason or "")


def test_a_template_whose_keywords_are_not_all_printed_does_not_apply() -> None:
    template = IssuerTemplate.model_validate(TEMPLATE)
    other = HOTEL.replace("Harbour View", "Seaside")
    result = extract_rules(_doc(other), templates=[template])
    assert result.invoice_number != "HV99812" and result.vendor.name != "Harbour View"


def test_a_template_matched_by_vat_id_applies_without_keywords() -> None:
    template = IssuerTemplate.model_validate(
        {"issuer": "Muster", "vat_ids": ["DE 136 695 976"], "static": {"vendor.name": "Muster Handel"}}
    )
    result = extract_rules(_doc("Irgendwer\nUSt-IdNr. DE136695976\nSumme 10,00\n"), templates=[template])
    assert result.vendor.name == "Muster Handel"


def test_templates_are_loaded_from_the_configured_folder_only(tmp_path: Path) -> None:
    (tmp_path / "harbour.json").write_text(json.dumps(TEMPLATE), encoding="utf-8")
    settings = Settings(extract={"issuer_templates": tmp_path})  # type: ignore[arg-type]
    assert extract_invoice(_doc(HOTEL), engine="rules", settings=settings).invoice_number == "HV99812"
    assert load_templates(None) == ()
    assert load_templates(tmp_path / "absent") == ()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "harbour.json"),
        (json.dumps({"issuer": "X", "fields": {"colour": "x"}}), "unknown field"),
        (json.dumps({"issuer": "X", "fields": {"invoice_number": "(unclosed"}}), "invoice_number"),
    ],
)
def test_a_broken_template_is_refused_with_its_name_and_reason(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "harbour.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_template(path)
    assert "harbour.json" in caught.value.message and reason in caught.value.message
