"""Hand-written SynthInvoices that exercise every part of the model (tests and smoke runs use them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from evals.synth.model import AllowanceCharge, Line, Party, SynthInvoice

D = Decimal

SELLER_DE = Party(
    name="Brenner Werkzeugbau GmbH",
    street="Industriestraße 14",
    postcode="73430",
    city="Aalen",
    country="DE",
    vat_id="DE136695976",
    iban="DE89370400440532013000",
    bic="COBADEFFXXX",
    email="rechnung@brenner-werkzeugbau.de",
    phone="+49 7361 55210",
    registration="HRB 724519 Amtsgericht Ulm",
)
BUYER_DE = Party(
    name="Lindqvist Maschinen AG",
    street="Hafenweg 3",
    postcode="20457",
    city="Hamburg",
    country="DE",
    vat_id="DE811569869",
)


def sample_invoice(locale: str = "de-DE") -> SynthInvoice:
    """A two-rate invoice with line and header allowances/charges, a prepayment, notes and PO references."""
    return SynthInvoice(
        doc_type="invoice",
        number="RE-2025-04417",
        issue_date=date(2025, 3, 14),
        due_date=date(2025, 4, 13),
        currency="EUR",
        seller=SELLER_DE,
        buyer=BUYER_DE,
        po_numbers=["4500012345"],
        po_print="4500 012 345",
        delivery_note="LS-88231",
        lines=[
            Line(
                description="Spannzange ER32 Ø 12 mm\nDIN 6499 B, Rundlauf ≤ 5 µm",
                quantity=D("4"),
                unit_price=D("18.4750"),
                tax_rate=D("19"),
                seller_sku="SZ-ER32-12",
                buyer_sku="M-100234",
                position="10",
                po_line_ref="10",
                unit_price_decimals=4,
                allowances_charges=(
                    AllowanceCharge(
                        is_charge=False,
                        amount=D("7.39"),
                        reason="Rabatt",
                        reason_code="95",
                        percent=D("10"),
                        base=D("73.90"),
                    ),
                ),
            ),
            Line(
                description="Fachbuch Zerspanungstechnik",
                quantity=D("2"),
                unit_price=D("39.90"),
                tax_rate=D("7"),
                seller_sku="BU-7781",
                position="20",
                po_line_ref="20",
            ),
            Line(
                description="Schneidöl, Kanister",
                quantity=D("12.5"),
                unit_price=D("3.20"),
                tax_rate=D("19"),
                unit="LTR",
                seller_sku="OEL-5L",
                position="30",
            ),
        ],
        allowances_charges=[
            AllowanceCharge(
                is_charge=True, amount=D("12.00"), reason="Fracht", reason_code="FC", tax_rate=D("19")
            ),
            AllowanceCharge(
                is_charge=False, amount=D("5.00"), reason="Treuerabatt", reason_code="95", tax_rate=D("7")
            ),
        ],
        notes=["Lieferung gemäß Rahmenvertrag 2025.", "Bitte geben Sie bei Zahlung die Rechnungsnummer an."],
        payment_terms="Zahlbar innerhalb von 30 Tagen ohne Abzug.",
        prepaid=D("50.00"),
        locale=locale,
    )


def sample_credit_note(locale: str = "de-DE") -> SynthInvoice:
    """A reverse-charge credit note naming the invoice it credits."""
    return SynthInvoice(
        doc_type="credit_note",
        number="GS-2025-0031",
        issue_date=date(2025, 3, 20),
        currency="EUR",
        seller=SELLER_DE,
        buyer=Party(
            name="Van Dijk Techniek B.V.",
            street="Kanaalweg 88",
            postcode="3526 KM",
            city="Utrecht",
            country="NL",
            vat_id="NL004495445B01",
        ),
        preceding_invoice="RE-2025-04417",
        lines=[
            Line(
                description="Rücksendung Spannzange ER32",
                quantity=D("1"),
                unit_price=D("18.48"),
                tax_rate=D("0"),
                tax_category="AE",
                seller_sku="SZ-ER32-12",
            )
        ],
        exemption_reasons={"AE": "Steuerschuldnerschaft des Leistungsempfängers"},
        locale=locale,
    )
