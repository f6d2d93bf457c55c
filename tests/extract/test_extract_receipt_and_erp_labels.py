"""GIVEN the labels till receipts, ERP print-outs and word-processor invoices print in each language —
a receipt's number, the invoice and delivery address blocks, the buyer's tax id, a page's carried sum,
item-code and position columns — WHEN the lexicon looks them up THEN each is found as its kind (and so
is never read as a value)."""

import pytest

from opsloop.extract.rules.lexicon import find_labels

LABELS = [
    # a till receipt's number
    ("invoice_number", "Bonnummer"), ("invoice_number", "Bon-Nr."), ("invoice_number", "Nr paragonu"),
    ("invoice_number", "Kvittonr"), ("invoice_number", "Číslo účtenky"), ("invoice_number", "Kuitti nro"),
    ("invoice_number", "Kvitteringsnr."), ("invoice_number", "Nyugtaszám"), ("invoice_number", "Fiş No"),
    # the invoice and delivery address blocks of an ERP print-out
    ("buyer_section", "Intestatario"), ("buyer_section", "Destinazione merce"),
    ("buyer_section", "Indirizzo di consegna"), ("buyer_section", "Dirección de facturación"),
    ("buyer_section", "Dirección de entrega"), ("buyer_section", "Morada de faturação"),
    ("buyer_section", "Morada de entrega"), ("buyer_section", "Místo dodání"),
    # the buyer's own tax id
    ("buyer_vat_label", "NIP nabywcy"), ("buyer_vat_label", "Asiakkaan Y-tunnus"),
    ("buyer_vat_label", "Deres org.nr."), ("buyer_vat_label", "Vevő adószáma"),
    # a page's running sum
    ("carry_forward", "Att transportera"), ("carry_forward", "Overføres"), ("carry_forward", "Átvitel"),
    ("carry_forward", "Önceki sayfadan nakil"),
    # item-code, description and position columns
    ("col_sku", "Artikelnr."), ("col_sku", "Artikel-Nr."), ("col_description", "Specifikation"),
    ("col_position", "Lin."), ("col_position", "Poř."), ("col_position", "Ssz."),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "text"), LABELS)
def test_the_label_is_found_as_its_kind(kind: str, text: str) -> None:
    assert find_labels(kind, text), (kind, text)
