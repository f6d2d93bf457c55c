"""The export reader's number column rule on its own: one convention from all of a column's values."""

from __future__ import annotations

import pytest

from opsloop.erp.tabular import Kind, _numbers

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("values", "comma", "expected"),
    [
        (["1.234,56", "1.234"], False, ["1234.56", "1234"]),  # the column shows `,` as its mark
        (["1,234.56", "1,234"], False, ["1234.56", "1234"]),
        (["1'234.50", "-1'000"], False, ["1234.50", "-1000"]),
        (["0.125", "1,234"], False, ["0.125", "1234"]),  # 0.125 cannot be a thousands group
        (["€ 1.234,56", "1,00-", "(3,50)", "EUR -2,00"], False, ["1234.56", "-1.00", "-3.50", "-2.00"]),
        ([f"1{NBSP}234", "12"], False, ["1234", "12"]),  # grouping only: the same under both marks
        (["1,234"], True, ["1.234"]),
    ],
)
def test_a_number_column_is_read_in_the_one_convention_all_its_values_allow(
    values: list[str], comma: bool, expected: list[str]
) -> None:
    read = _numbers(enumerate(values), "x.csv", "amount", Kind.NUMBER, comma)
    assert [read[i] for i in range(len(values))] == [(value, None) for value in expected]


def test_the_column_lexicon_names_no_documented_column_for_another() -> None:
    # a synonym that is itself an export column of some file would take that column from it
    from opsloop.erp.folder import export_columns
    from opsloop.erp.records import RecordType
    from opsloop.erp.tabular import _synonyms

    documented = {column for rt in RecordType for column in export_columns(rt)[0]}
    assert _synonyms() and not set(_synonyms()) & documented
    assert set(_synonyms().values()) <= documented


def test_a_column_with_amounts_in_two_currencies_fails() -> None:
    from opsloop.erp.tabular import ExportUnreadable

    assert _numbers(enumerate(["€ 1,50", "2,00 EUR"]), "x.csv", "amount", Kind.NUMBER, True)[1] == (
        "2.00",
        None,
    )
    with pytest.raises(ExportUnreadable, match="mixes currencies"):
        _numbers(enumerate(["EUR 1,50", "CHF 2,00"]), "x.csv", "amount", Kind.NUMBER, True)


def test_encodings_are_told_by_their_bytes() -> None:
    from opsloop.erp.tabular import ExportUnreadable, decode

    text = "sku;name\r\nD-1;Größe\r\n"
    assert decode(text.encode("utf-16-le"), "x.csv") == (text, None)  # no byte-order mark
    assert decode(text.encode("utf-16"), "x.csv") == (text, None)
    assert decode(text.encode("utf-8-sig"), "x.csv") == (text, None)
    assert decode(text.encode("cp1252"), "x.csv") == (text, "x.csv: not UTF-8, read as Windows-1252")
    with pytest.raises(ExportUnreadable, match="byte 0x81"):  # undefined in Windows-1252
        decode(b"sku;name\r\nD-1;\x81\xff\r\n", "x.csv")
