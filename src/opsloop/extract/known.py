"""Vendors the ERP mirror knows: a VAT id or IBAN found in the text identifies one with certainty."""

from __future__ import annotations

from pydantic import BaseModel


class KnownVendor(BaseModel):
    erp_id: str
    name: str
    vat_id: str | None = None
    iban: str | None = None


def _norm(value: str | None) -> str:
    return "".join((value or "").split()).upper().replace(".", "").replace("-", "")
