"""Strips of totals with one tax per VAT rate side by side (session 25), each case a document of our own:
the net's label closing on its own tax word or on a word that denies the tax ("Total sin IVA", "Veroton")
before the first rate's column, labels the layout set a single space apart, and amounts a character or two
off their labels' columns; the amounts over their labels or under them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.domain.invoices import InvoiceExtraction
from opsloop.extract import extract_invoice
from opsloop.extract.rules.layout import Line, split_cells
from opsloop.extract.rules.lexicon import labels_of
from opsloop.extract.rules.totals import role_hits


def _read(text: str) -> InvoiceExtraction:
    parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
    return extract_invoice(parsed, engine="rules", text_only=True)


def _strip(labels: list[str], amounts: list[str], gap: int = 4) -> tuple[str, str]:
    """A strip's two lines: each column as wide as its label or amount, the amount centred over its label."""
    label_line, amount_line = " " * 20, " " * 20
    for label, amount in zip(labels, amounts, strict=True):
        width = max(len(label), len(amount))
        label_line += label.ljust(width) + " " * gap
        amount_line += amount.center(width) + " " * gap
    return label_line.rstrip(), amount_line.rstrip()


# three rows at three rates: nets 1 200,00 (20 %), 450,00 (10 %), 80,00 (5 %): tax 240,00 + 45,00 + 4,00
_ROWS = (
    "Pos  Item                         Qty     Price    Rate        Amount\n"
    "1    Steel brackets                30     40,00    20 %      1 200,00\n"
    "2    Transport                      1    450,00    10 %        450,00\n"
    "3    Printed manuals               10      8,00     5 %         80,00\n\n"
)
_AMOUNTS = ["1 730,00 €", "240,00 €", "45,00 €", "4,00 €", "2 019,00 €"]
_WANT = (Decimal("1730.00"), Decimal("289.00"), Decimal("2019.00"))


def _document(head: str, first: str, second: str) -> str:
    return f"Harju Tarvikud OU\nPikk 12\n10123 Tallinn\n\n{head}\n\n" + _ROWS + f"{first}\n{second}\n"


@pytest.mark.parametrize("over", [True, False], ids=["amounts over labels", "labels over amounts"])
@pytest.mark.parametrize(
    ("head", "labels"),
    [
        # the net's label closes on the tax's own word ("... sin IVA"), a column gap before "IVA 20 %"
        (
            "FACTURA\nNúmero de factura: F-2026-311",
            ["Total sin IVA", "IVA 20 %", "IVA 10 %", "IVA 5 %", "Total"],
        ),
        (
            "FACTURĂ\nNumăr factură: RO-4471",
            ["Total fără TVA", "TVA 20 %", "TVA 10 %", "TVA 5 %", "Total de plată"],
        ),
        ("СЧЁТ\nСчёт № 5512", ["Итого без НДС", "НДС 20 %", "НДС 10 %", "НДС 5 %", "Всего к оплате"]),
    ],
)
def test_a_strip_of_totals_with_a_tax_per_rate_reads_the_net_the_taxes_summed_and_the_total(
    head: str, labels: list[str], over: bool
) -> None:
    # GIVEN a strip of totals (net, one tax per rate, total) under the item table, in one of several languages
    label_line, amount_line = _strip(labels, _AMOUNTS)
    first, second = (amount_line, label_line) if over else (label_line, amount_line)
    # WHEN it is read  THEN the net and the total are their columns' and the tax is the three rates' sum
    got = _read(_document(head, first, second))
    assert (got.subtotal, got.tax_total, got.total) == _WANT


@pytest.mark.parametrize(
    ("head", "labels"),
    [
        # labels of two words or more set a single space apart, the total's after a column gap
        (
            "RĒĶINS\nRēķina Nr. LV-2209",
            "Summa bez PVN PVN summa 20 % PVN summa 10 % PVN summa 5 %    Kopā apmaksai",
        ),
        (
            "FAKTURA\nFaktura nr FV/2026/118",
            "Wartość netto Kwota VAT 20 % Kwota VAT 10 % Kwota VAT 5 %    Razem brutto",
        ),
        # some columns' gaps kept, others lost: the rates' taxes in one cell, or the last rate's tax and the total
        ("ARVE\nArve number: 88120", "Summa km-ta    KM 20 % KM 10 % KM 5 %    Kokku koos KM-ga"),
        ("RAČUN\nBroj računa: 2026-0412", "Osnovica    PDV 20 %    PDV 10 %    PDV 5 % Ukupno za platiti"),
    ],
)
def test_labels_set_a_single_space_apart_each_read_the_amount_over_it(head: str, labels: str) -> None:
    # GIVEN the amounts over labels the layout set a single space apart, each amount over its own label
    starts = [hit.start for hit in _starts(labels)]
    amount_line = ""
    for start, amount in zip(starts, _AMOUNTS, strict=True):
        amount_line = amount_line.ljust(start + 1) + amount
    got = _read(_document(head, amount_line, labels))
    assert (got.subtotal, got.tax_total, got.total) == _WANT


def _starts(labels: str) -> list[object]:
    """The strip's five labels where the packs find them (the longest label at each place, left to right)."""
    hits = sorted(
        labels_of(("subtotal", "tax", "total", "amount_due"), labels),
        key=lambda h: (h.start, h.start - h.end),
    )
    kept = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    assert len(kept) == len(_AMOUNTS)
    return kept


def test_amounts_a_character_off_their_labels_columns_are_still_theirs() -> None:
    # GIVEN amounts a space apart, wider than their labels, the last ending a character short of its label's
    # column (each line of the strip set at its own width)
    labels = "                         Net total      VAT 20 %      VAT 10 %      VAT 5 %       Invoice total"
    amounts = " ".join(a.replace("€", "EUR") for a in _AMOUNTS).rjust(labels.index("Invoice") - 1)
    got = _read(_document("INVOICE\nInvoice No.: 2026-4410", amounts, labels))
    assert (got.subtotal, got.tax_total, got.total) == _WANT


@pytest.mark.parametrize(
    ("labels", "kinds"),
    [
        ("Veroton  ALV 24 %  ALV 14 %  Yhteensä", ["subtotal", "tax", "tax", "total"]),
        ("Summa km-ta  KM 22 %  KM 9 %  Kokku", ["subtotal", "tax", "tax", "total"]),
        # a rate closes its label's column, a single space before the next label: another rate's tax or a
        # label of its own words
        ("Summa km-ta  KM 22 % KM 9 %  Kokku", ["subtotal", "tax", "tax", "total"]),
        ("Osnovica  PDV 25 % PDV 13 % Ukupno za platiti", ["subtotal", "tax", "tax", "amount_due"]),
        # (a guard: the rate's base in brackets after it is part of the tax's label, no column of its own)
        ("DPH 21 % (Základ daně 7 056,60)     1 481,89", ["tax"]),
    ],
)
def test_each_column_of_a_strip_of_labels_is_a_label_of_its_own(labels: str, kinds: list[str]) -> None:
    # GIVEN a strip's labels, the net's one that is or ends in a word denying the tax ("veroton": untaxed,
    # "km-ta": VAT-less) before the first rate's tax label  THEN each label is read, a column of its own
    line = Line(page=1, index=0, text=labels, cells=split_cells(labels))
    assert [hit.kind for hit in role_hits(line)] == kinds


def test_a_total_amount_reaching_into_the_last_rates_column_is_still_the_totals() -> None:
    # GIVEN a strip whose net's label ends in a word denying the tax, the total's amount set a space after the
    # last rate's, reaching under that rate's label
    labels = (
        "                    Summa käibemaksuta  Käibemaks 20 %  Käibemaks 10 %  Käibemaks 5 %  Arve kokku"
    )
    amounts = "                         1 730,00          240,00          45,00        4,00 2 019,00 €"
    got = _read(_document("ARVE\nArve number: 88120", amounts, labels))
    assert (got.subtotal, got.tax_total, got.total) == _WANT


@pytest.mark.parametrize(
    ("seller", "word", "want"),
    [
        ("Тракия Инженеринг ЕООД\nул. Гурко 7\n4000 Пловдив\nДДС № BG 204118837", "евро", "EUR"),
        ("ТОВ «Подільські Вироби»\nвул. Соборна 12\n21000 Вінниця\nІПН 402817731218", "євро", "EUR"),
    ],
    ids=["bg", "uk"],
)
def test_the_euro_written_out_in_cyrillic_names_the_currency(seller: str, word: str, want: str) -> None:
    # GIVEN amounts followed by the currency's name in Cyrillic ("евро", "євро"), the seller's country another
    # currency's  THEN the written-out euro names the currency
    text = (
        f"{seller}\n\nФактура № 1120\n\n"
        f" Описание                    Количество        Цена         Сума\n"
        f" Монтаж                               2       250,00 {word}      500,00 {word}\n\n"
        f"                                     Общо:            500,00 {word}\n"
    )
    assert _read(text).currency == want


_MALAY_ITEMS = (
    "INVOIS\nNo. Invois: INV-7781\nTarikh: 12/03/2026\n\n"
    " Perihal                         Kuan.       Harga        Jumlah\n"
    " Khidmat pemasangan                  2      150.00        300.00\n\n"
    "                                   Jumlah Kecil:      RM300.00\n"
    "                                   SST 8%:             RM24.00\n"
    "                                   Jumlah:            RM324.00\n"
)


@pytest.mark.parametrize(
    ("parties", "vendor", "buyer"),
    [
        # "Daripada" (from) over the seller's block, the customer's caption beside it
        (
            " Daripada                                   Pelanggan\n"
            " Perniagaan Bunga Raya Sdn Bhd              Anggun Logistik Berhad\n"
            " 12, Jalan Meru                             7, Jalan Klang Lama\n"
            " 41050 Klang                                58000 Kuala Lumpur\n\n",
            "Perniagaan Bunga Raya Sdn Bhd",
            "Anggun Logistik Berhad",
        ),
        # "Kepada:" (to) before the buyer's name and address on one line, under the seller's
        (
            "Pembekal: Cahaya Timur Sdn Bhd\n12, Jalan Meru, 41050 Klang\n"
            "Kepada: Anggun Logistik Berhad, 7, Jalan Klang Lama, 58000 Kuala Lumpur\n\n",
            "Cahaya Timur Sdn Bhd",
            "Anggun Logistik Berhad",
        ),
        # "Dibilkan Kepada" (billed to) and the name on one line, no colon
        (
            " Cahaya Timur Sdn Bhd\n 12, Jalan Meru\n 41050 Klang\n\nDibilkan Kepada Anggun Logistik Berhad\n",
            "Cahaya Timur Sdn Bhd",
            "Anggun Logistik Berhad",
        ),
    ],
    ids=["daripada caption", "kepada inline", "dibilkan kepada"],
)
def test_malay_party_captions_from_and_to_are_no_names(parties: str, vendor: str, buyer: str) -> None:
    got = _read(parties + _MALAY_ITEMS)
    assert (got.vendor.name, got.buyer.name if got.buyer else None) == (vendor, buyer)


@pytest.mark.parametrize(
    "sentence",
    [
        "Счёт подлежит к оплате в течение 10\nкалендарных дней с даты выставления.",
        "Сума до сплати перераховується протягом 10\nбанківських днів.",
        "Balance due to us by transfer within 10\nworking days of this invoice.",
    ],
    ids=["ru", "uk", "en"],
)
def test_a_whole_number_in_a_sentence_after_an_amount_label_is_no_amount_due(sentence: str) -> None:
    # GIVEN a closing sentence that names the amount due and a term in days, the days on its next line
    text = (
        "Harbour Tools Ltd\n1 Dock Road\nHull HU1 2AA\n\nINVOICE\nInvoice No.: 2026-0731\n\n"
        " Description                          Qty        Price        Amount\n"
        " Site survey                            2        40.00         80.00\n\n"
        "                                 Subtotal                      80.00\n"
        "                                 VAT 20%                       16.00\n"
        "                                 Total                         96.00\n\n" + sentence + "\n"
    )
    # THEN the term's number is no amount: the amount due is the total's
    assert _read(text).amount_due == Decimal("96.00")


@pytest.mark.parametrize(
    ("title", "line", "number"),
    [
        ("PVM SĄSKAITA FAKTŪRA", "Numeris:          A-5512", "A-5512"),
        ("RĒĶINS", "Numurs:           2026/118", "2026/118"),
        ("RAČUN", "Broj:             118-1-1", "118-1-1"),
        ("RAČUN", "Številka:         2026-118", "2026-118"),
        ("INVOIS", "Nombor:           INV-7781", "INV-7781"),
        # a Russian title "invoice for payment" before the number's mark (N for №)
        ("", "Счёт на оплату N 5512-26", "5512-26"),
    ],
)
def test_a_bare_number_word_with_its_colon_or_an_invoice_for_payment_title_labels_the_number(
    title: str, line: str, number: str
) -> None:
    text = (
        "Baltic Fittings\nPort Street 4\n10115 Riga\n\n" + title + "\n" + line + "\n\n"
        " Description                          Qty        Price        Amount\n"
        " Site survey                            2        40.00         80.00\n\n"
        "                                 Total                         80.00\n"
    )
    assert _read(text).invoice_number == number
