"""Opt-in issuer templates: one issuer's quirks as data, applied only to that issuer's documents.

The generic engine holds no knowledge of any issuer. Where one issuer prints a field in a way no
general rule reads (an own label for the invoice number, a trading name that is printed nowhere as a
name), a template file says so, the way invoice2data's templates do: it is matched by keywords that
must all occur in the text (or by one of its VAT ids), and only then its field patterns (a regular
expression whose first group is the value) and fixed values override what the engine read.

A template is a JSON file in the folder named by ``OPSLOOP_EXTRACT__ISSUER_TEMPLATES``::

    {"issuer": "Example Hotels", "keywords": ["Example Hotels", "Booking ID"],
     "vat_ids": ["DE123456789"],
     "fields": {"invoice_number": "Booking ID\\\\s*:?\\\\s*([A-Z0-9]+)"},
     "static": {"vendor.name": "Example Hotels"},
     "options": {"day_first": true, "decimal": ","}}

The package ships none: templates describe a deployment's own suppliers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from opsloop.domain.invoices import InvoiceExtraction
from opsloop.errors import ConfigError
from opsloop.extract.evidence import found
from opsloop.extract.rules.dates import find_dates, parse_date_fallback
from opsloop.extract.rules.numbers import parse_number

TEXT_FIELDS: tuple[str, ...] = (
    "invoice_number",
    "currency",
    "vendor.name",
    "vendor.vat_id",
    "vendor.iban",
    "buyer.name",
)
DATE_FIELDS: tuple[str, ...] = ("invoice_date", "due_date")
AMOUNT_FIELDS: tuple[str, ...] = ("total", "subtotal", "tax_total", "amount_due")
TEMPLATE_FIELDS: tuple[str, ...] = TEXT_FIELDS + DATE_FIELDS + AMOUNT_FIELDS
TEMPLATE_CONFIDENCE = 0.95
"""Confidence of a value an issuer template read: a person wrote the rule for this issuer."""


class TemplateOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    day_first: bool = True
    """Numeric dates of this issuer print the day first."""
    decimal: str | None = None
    """The issuer's decimal separator ("," or "."), when its amounts are ambiguous."""
    language: str = "en"
    """The language its month names are printed in (for the date reader's fallback)."""


class IssuerTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    issuer: str = Field(min_length=1)
    keywords: list[str] = Field(default_factory=list)
    """Every keyword must occur in the text (case-insensitive) for the template to apply."""
    vat_ids: list[str] = Field(default_factory=list)
    """Any of these VAT ids in the text applies the template (keywords are then not needed)."""
    fields: dict[str, str] = Field(default_factory=dict)
    """Field name -> regular expression; its first group (or the whole match) is the value."""
    static: dict[str, str] = Field(default_factory=dict)
    """Field name -> fixed value (the issuer's name as the ERP knows it, its currency)."""
    options: TemplateOptions = Field(default_factory=TemplateOptions)
    source: str = ""
    """The file the template was read from (set by the loader)."""

    @field_validator("fields", "static")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(TEMPLATE_FIELDS))
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(unknown)}; known: {', '.join(TEMPLATE_FIELDS)}")
        return value

    @field_validator("fields")
    @classmethod
    def _patterns_compile(cls, value: dict[str, str]) -> dict[str, str]:
        for name, pattern in value.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"field {name}: {exc}") from exc
        return value

    def matches(self, text: str, vat_ids: Sequence[str] = ()) -> bool:
        """Whether this template applies: one of its VAT ids was read, or all its keywords occur."""
        wanted = {_compact(v) for v in self.vat_ids}
        if wanted and wanted & {_compact(v) for v in vat_ids}:
            return True
        lowered = text.lower()
        return bool(self.keywords) and all(keyword.lower() in lowered for keyword in self.keywords)


def _compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value).upper()


def load_template(path: Path) -> IssuerTemplate:
    """One template file; a file that is no valid template raises ConfigError naming it and why."""
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
        template = IssuerTemplate.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise ConfigError(f"Issuer template {path.name} cannot be used: {where}: {error['msg']}") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"Issuer template {path.name} cannot be used: {exc}") from exc
    return template.model_copy(update={"source": path.name})


@lru_cache(maxsize=8)
def _load_folder(folder: str, stamp: tuple[tuple[str, float], ...]) -> tuple[IssuerTemplate, ...]:
    return tuple(load_template(Path(folder) / name) for name, _ in stamp)


def load_templates(folder: Path | None) -> tuple[IssuerTemplate, ...]:
    """Every ``*.json`` template in ``folder`` (none when it is None or absent), read once per change."""
    if folder is None or not folder.is_dir():
        return ()
    stamp = tuple(sorted((p.name, p.stat().st_mtime) for p in folder.glob("*.json")))
    return _load_folder(str(folder), stamp)


def _value(match: re.Match[str]) -> str:
    return (match.group(1) if match.re.groups else match.group(0)).strip()


def _set(result: InvoiceExtraction, name: str, raw: str, template: IssuerTemplate, span: str) -> bool:
    options = template.options
    value: str | date | Decimal | None
    if name in DATE_FIELDS:
        dates = find_dates(raw, day_first=options.day_first)
        value = (
            dates[0].value
            if dates
            else parse_date_fallback(raw, language=options.language, day_first=options.day_first)
        )
    elif name in AMOUNT_FIELDS:
        value = parse_number(raw, decimal_hint=options.decimal)
    else:
        value = raw
    if value is None or value == "":
        return False
    if "." in name:
        party, attribute = name.split(".", 1)
        setattr(getattr(result, party), attribute, value)
    else:
        setattr(result, name, value)
    result.fields[name] = found(
        span,
        confidence=TEMPLATE_CONFIDENCE,
        reason=f"issuer template '{template.issuer}' ({template.source})",
    )
    return True


def apply_templates(
    result: InvoiceExtraction, text: str, templates: Sequence[IssuerTemplate]
) -> list[IssuerTemplate]:
    """Apply every template that matches the document (in file order, a later one overriding an
    earlier one field by field); returns those applied. Fields a template does not name keep the
    engine's reading."""
    vat_ids = [v for v in (result.vendor.vat_id,) if v]
    applied: list[IssuerTemplate] = []
    for template in templates:
        if not template.matches(text, vat_ids):
            continue
        applied.append(template)
        for name, value in template.static.items():
            _set(result, name, value, template, value)
        for name, pattern in template.fields.items():
            match = re.search(pattern, text, re.IGNORECASE | re.MULTILINE)
            if match is not None:
                _set(result, name, _value(match), template, match.group(0))
    return applied
