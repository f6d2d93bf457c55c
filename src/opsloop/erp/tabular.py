"""An export file read as the table its ERP or spreadsheet wrote: encoding, delimiter, header row,
numbers and dates in the writer's conventions, normalised to the documented export text (ISO dates,
`.` decimals) that the mirror writer reads.

Money is never guessed. A column's number convention (which of `.` and `,` is the decimal mark) and a
date column's order (day or month first) are decided from ALL its values; a column whose values allow
two readings that differ fails the whole file with a one-line reason naming the column and an example
(`ExportUnreadable`). A single value that no convention reads is a row error (that row is skipped).

This is not the invoice extraction's number reading: an export is one writer's table, so a column is
read as a whole and an undecidable column is refused, never read the likelier way.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from opsloop.errors import OpsloopError

HEADER_SEARCH_ROWS = 10
"""How many rows from the top may hold titles or blanks before the header row."""

DELIMITERS = (",", ";", "\t", "|")


class ExportUnreadable(OpsloopError):
    """A whole export file cannot be read safely (encoding, no header row, an undecidable column).
    Sync reports the one-line reason and leaves that record type in the mirror as it was."""

    hint = "Fix the export (or export it again) and run `opsloop sync` again; see docs/erp.md."

    def __init__(self, file: str, message: str) -> None:
        super().__init__(message)
        self.file = file


class Kind(Enum):
    TEXT = "text"
    NUMBER = "number"
    WHOLE = "whole"
    """A whole number (line numbers, days)."""
    PERCENT = "percent"
    """A number in percent that may carry a `%` sign (`19 %` is 19; a sheet's 19 % cell is 19)."""
    RATE = "rate"
    """A fraction that may be written in percent (`25 %` is 0.25; a sheet's 25 % cell is 0.25)."""
    DATE = "date"
    DATETIME = "datetime"


@dataclass
class Table:
    """Rows as export text by documented column name, with the line each came from."""

    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    row_errors: dict[int, str] = field(default_factory=dict)
    """Row index -> why a value of that row cannot be read (the row is reported, not applied)."""
    notes: list[str] = field(default_factory=list)
    """What the reader noticed and the user should know (encoding fallback, ignored columns)."""


@dataclass(frozen=True)
class SheetPercent:
    """A spreadsheet number cell formatted as a percentage: `value` is the fraction it holds (0.19)."""

    value: Decimal


Cell = str | int | float | Decimal | datetime | date | SheetPercent | None
"""A cell as read: text from a CSV, typed values from a spreadsheet."""


# --- encoding -------------------------------------------------------------------------------------


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The text of a CSV export and, when it was not UTF-8, a note saying how it was read.

    UTF-8 with or without a byte-order mark; UTF-16 (Excel's "Unicode text") by its byte-order mark or,
    without one, by its zero bytes; otherwise Windows-1252, the encoding Excel and most Western-European
    ERPs write "CSV" in."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), None
    else:
        head = data[:400]
        if head and head.count(0) * 3 >= len(head):  # ASCII text in UTF-16: every other byte is zero
            encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
            return _strict(data, encoding, name), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    return _strict(data, "cp1252", name), f"{name}: not UTF-8, read as Windows-1252"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ExportUnreadable(
            name,
            f"cannot be read as UTF-8, UTF-16 or Windows-1252 "
            f"(byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8 CSV",
        ) from error


# --- header ---------------------------------------------------------------------------------------


def fold_header(text: str) -> str:
    """A header as compared: lower case, runs of spaces, underscores, hyphens and dots as one `_`
    (`Vendor ERP ID`, `vendor-erp-id` and `VENDOR_ERP_ID` are all `vendor_erp_id`)."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"[\s_.\-]+", "_", folded).strip("_")


@cache
def _synonyms() -> dict[str, str]:
    """Folded header -> documented column, from lexicon/columns.toml."""
    path = Path(__file__).with_name("lexicon") / "columns.toml"
    table: dict[str, str] = {}
    if not path.is_file():
        return table
    for column, entry in tomllib.loads(path.read_text(encoding="utf-8")).items():
        if not isinstance(entry, dict):  # the file's version
            continue
        for header in entry.get("headers", []):
            folded = fold_header(header)
            if table.setdefault(folded, column) != column:  # a header naming two columns is no synonym
                raise ValueError(
                    f"lexicon/columns.toml: {header!r} is listed for {table[folded]} and {column}"
                )
    return table


def _column_of(header: str, columns: dict[str, Kind]) -> str | None:
    folded = fold_header(header)
    if folded in columns:
        return folded
    synonym = _synonyms().get(folded)
    return synonym if synonym in columns else None


def _header_score(cells: Sequence[Cell], columns: dict[str, Kind], required: Sequence[str]) -> int:
    """How many required columns this row names."""
    named = {_column_of(_text(cell), columns) for cell in cells}
    return sum(1 for column in required if column in named)


# --- reading --------------------------------------------------------------------------------------


def read_csv(data: bytes, name: str, columns: dict[str, Kind], required: Sequence[str]) -> Table:
    """A CSV export (any of `,` `;` tab `|`, decided by which one splits a row into the header)."""
    text, note = decode(data, name)
    delimiter: str | None = None
    first = text.split("\n", 1)[0].strip().lower()
    if first.startswith("sep=") and len(first) == 5:  # Excel's delimiter line
        delimiter = first[4]  # the line itself is skipped like a title row
    found: list[tuple[int, int, str]] = []
    best: tuple[int, list[str]] = (-1, [])
    for candidate in (delimiter,) if delimiter else DELIMITERS:
        for index, row in enumerate(_rows(text, candidate, name, limit=HEADER_SEARCH_ROWS)):
            score = _header_score(row[1], columns, required)
            if score > best[0]:
                best = (score, [_text(c) for c in row[1]])
            if score == len(required):
                found.append((index, -len(row[1]), candidate))
                break
    if not found:
        raise _no_header(name, required, columns, best[1])
    _, _, delimiter = min(found)
    table = _table(_rows(text, delimiter, name), name, columns, required, decimal_comma=delimiter == ";")
    if note:
        table.notes.insert(0, note)
    return table


def _rows(text: str, delimiter: str, name: str, limit: int | None = None) -> Iterator[tuple[int, list[Cell]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for count, row in enumerate(reader):
            if limit is not None and count >= limit:
                return
            yield reader.line_num, list(row)
    except csv.Error as error:
        raise ExportUnreadable(name, f"line {reader.line_num} is not CSV ({error})") from error


def read_xlsx(
    path: Path, columns: dict[str, Kind], required: Sequence[str], *, zone: ZoneInfo | None = None
) -> Table:
    """The first sheet of a workbook; numbers and dates are the cells' own values, a time without an
    offset the company's `zone`."""
    from openpyxl import load_workbook
    from openpyxl.utils.datetime import from_excel

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a damaged or mislabelled file: openpyxl raises many kinds
        raise ExportUnreadable(path.name, f"not a readable XLSX workbook ({type(error).__name__})") from error
    try:
        sheet = workbook.worksheets[0]
        epoch = workbook.epoch

        def serial(value: float) -> datetime | None:
            try:
                result = from_excel(value, epoch)
            except (ValueError, OverflowError):
                return None
            return result if isinstance(result, datetime) else None

        rows = [
            (number, [_sheet_cell(c) for c in raw]) for number, raw in enumerate(sheet.iter_rows(), start=1)
        ]
    finally:
        workbook.close()
    return _table(iter(rows), path.name, columns, required, decimal_comma=None, serial=serial, zone=zone)


def _sheet_cell(cell: Any) -> Cell:
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return SheetPercent(Decimal(_text(value)))
    return value  # type: ignore[no-any-return]


def _no_header(
    name: str, required: Sequence[str], columns: dict[str, Kind], best: list[str]
) -> ExportUnreadable:
    named = {_column_of(cell, columns) for cell in best}
    missing = [column for column in required if column not in named]
    return ExportUnreadable(
        name,
        f"no header row naming the required columns {', '.join(required)} in its first "
        f"{HEADER_SEARCH_ROWS} rows (the closest lacks {', '.join(missing)})",
    )


def _table(
    rows: Iterator[tuple[int, list[Cell]]],
    name: str,
    columns: dict[str, Kind],
    required: Sequence[str],
    *,
    decimal_comma: bool | None,
    serial: Any = None,
    zone: ZoneInfo | None = None,
) -> Table:
    """Rows after the header (the first row naming every required column), normalised per column; a
    totals row the export ends with is left out (and said)."""
    table = Table()
    header: list[str | None] | None = None
    closest: tuple[int, list[str]] = (-1, [])
    raw: list[list[Cell]] = []
    """Each row's cells as written (a totals row's label may stand in a column no export has)."""
    for count, (line, cells) in enumerate(rows):
        if header is None:
            if count >= HEADER_SEARCH_ROWS:
                break
            score = _header_score(cells, columns, required)
            if score == len(required):
                header = _header(cells, name, columns, table)
            elif score > closest[0]:
                closest = (score, [_text(cell) for cell in cells])
            continue
        if all(_text(cell) == "" for cell in cells):
            continue
        raw.append(cells)
        table.lines.append(line)
        if any(_text(cell) for cell in cells[len(header) :]):  # never shift a value into another column
            table.row_errors[len(table.rows)] = (
                f"{len(cells)} values for {len(header)} columns (a decimal comma in a comma-separated file?)"
            )
            table.rows.append({})  # its values decide no column's convention
            continue
        table.rows.append({column: cell for column, cell in zip(header, cells, strict=False) if column})  # type: ignore[misc]
    if header is None:
        raise _no_header(name, required, columns, closest[1])
    _drop_totals(table, raw, name, columns, required)
    named = list(dict.fromkeys(c for c in header if c))
    # one program in one locale wrote the whole file: where the number columns that show their decimal
    # mark all show the same one, it is the file's, and a column that does not show it is read with it
    own = {_own_mark([row.get(c) for row in table.rows], columns[c]) for c in named if columns[c] in _NUMBERS}
    own.discard(None)
    file_mark = next(iter(own)) if len(own) == 1 else None
    file_order = file_date_order(table, {c: columns[c] for c in named})
    for column in named:
        _normalise(table, name, column, columns[column], decimal_comma, serial, file_mark, file_order, zone)
    return table


@cache
def _total_words() -> frozenset[str]:
    """Folded labels of a totals or summary row, from lexicon/columns.toml (`[totals_row] words`)."""
    path = Path(__file__).with_name("lexicon") / "columns.toml"
    entry = tomllib.loads(path.read_text(encoding="utf-8")).get("totals_row", {}) if path.is_file() else {}
    return frozenset(fold_header(word) for word in entry.get("words", []))


def _total_label(cell: Cell) -> str | None:
    """The cell's text when it is a totals label (`Total`, `Summe:`, `Grand total`), else None."""
    text = _text(cell)
    return text if isinstance(cell, str) and fold_header(text.rstrip(":")) in _total_words() else None


def _drop_totals(
    table: Table, raw: list[list[Cell]], name: str, columns: dict[str, Kind], required: Sequence[str]
) -> None:
    """Leave out the totals or summary rows an export ends with: a row after the last record whose
    cells hold a totals label and whose key columns (the required ones that are no amount: ids,
    numbers of lines, dates) are empty or hold that label. Said once per row in the sync report; a row
    like it before a record is no totals row (it is read, and fails as any row missing its key)."""
    keys = [c for c in required if columns[c] not in (Kind.NUMBER, Kind.PERCENT, Kind.RATE)]
    while table.rows and len(table.rows) - 1 not in table.row_errors:
        row, cells = table.rows[-1], raw[len(table.rows) - 1]
        label = next((found for cell in cells if (found := _total_label(cell)) is not None), None)
        if label is None or any(_text(row.get(key)) not in ("", label) for key in keys):
            return
        table.rows.pop()
        line = table.lines.pop()
        table.notes.append(f"{name}: line {line} skipped, a totals row ({label!r}), not a record")


def _header(cells: Sequence[Cell], name: str, columns: dict[str, Kind], table: Table) -> list[str | None]:
    header: list[str | None] = []
    seen: dict[str, str] = {}
    ignored: list[str] = []
    for cell in cells:
        text = _text(cell)
        column = _column_of(text, columns)
        if column is not None and column in seen:
            raise ExportUnreadable(name, f"columns {seen[column]!r} and {text!r} are both {column!r}")
        if column is not None:
            seen[column] = text
        elif text:
            ignored.append(text)
        header.append(column)
    if ignored:
        table.notes.append(f"{name}: columns ignored (not export columns): {', '.join(ignored)}")
    return header


def _text(cell: Cell) -> str:
    """A cell as text: spreadsheet numbers keep their shortest exact form (1001.0 is "1001")."""
    if cell is None:
        return ""
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    if isinstance(cell, float):
        text = repr(cell)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(cell, Decimal):
        return format(cell, "f")
    if isinstance(cell, SheetPercent):
        return f"{format(cell.value * 100, 'f')} %"
    return str(cell).strip()


def _normalise(
    table: Table,
    name: str,
    column: str,
    kind: Kind,
    decimal_comma: bool | None,
    serial: Any,
    file_mark: str | None,
    file_order: str | None = None,
    zone: ZoneInfo | None = None,
) -> None:
    cells = [(index, row.get(column)) for index, row in enumerate(table.rows)]
    if kind in _NUMBERS:
        values = _numbers(cells, name, column, kind, decimal_comma, file_mark=file_mark)
    elif kind in (Kind.DATE, Kind.DATETIME):
        values = _dates(cells, name, column, kind, serial, file_order=file_order, zone=zone)
    else:
        values = {index: (_text(cell), None) for index, cell in cells}
    for index, (value, error) in values.items():
        table.rows[index][column] = value
        if error is not None and index not in table.row_errors:
            table.row_errors[index] = f"column {column!r}: {error}"


# --- numbers --------------------------------------------------------------------------------------

_NUMBERS = (Kind.NUMBER, Kind.WHOLE, Kind.PERCENT, Kind.RATE)
_SPACES = " \u00a0\u202f\u2009"
"""Thousands separators that are spaces: normal, no-break, narrow no-break, thin."""
_GROUPING = {".": ",'\u2019" + _SPACES, ",": ".'\u2019" + _SPACES}
"""For each decimal mark, the characters that may group its thousands (`1'234.56` is Swiss)."""
_CURRENCY = re.compile(r"^(?:[€$£¥]|[A-Z]{3}(?![A-Z]))\s*|\s*(?:[€$£¥]|(?<![A-Z])[A-Z]{3})$")
"""A currency sign or ISO 4217 code written beside an amount."""
_MARKER = re.compile(r"[€$£¥]|(?<![A-Z])[A-Z]{3}(?![A-Z])")
_SAME_CURRENCY = {"€": "EUR", "£": "GBP"}
_CORE = re.compile(r"[0-9][0-9.,'\u2019" + _SPACES + r"]*")


def _signed(text: str, kind: Kind) -> tuple[bool, str] | None:
    """(negative, the digits with their separators) of a written number, or None when it is not one.
    Negatives: `-1,00`, `1,00-` (ERPs put the sign last), `(1.00)` (accountants). A `%` sign is read
    only in a percent or rate column."""
    s = _CURRENCY.sub("", text.strip()).strip()
    if kind in (Kind.PERCENT, Kind.RATE) and s.endswith("%"):
        s = s[:-1].strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, _CURRENCY.sub("", s[1:-1].strip()).strip()
    if s[:1] in ("-", "+", "\u2212"):
        if negative:
            return None
        negative, s = s[0] != "+", _CURRENCY.sub("", s[1:].strip()).strip()
    elif s.endswith("-") and not negative:
        negative, s = True, s[:-1].strip()
    return (negative, s) if _CORE.fullmatch(s) else None


def _read(core: str, mark: str) -> Decimal | None:
    """`core` read with `mark` as its decimal mark, or None when it is not written that way."""
    whole, _, fraction = core.partition(mark)
    if mark in fraction or (fraction and not fraction.isdigit()) or (mark in core and not fraction):
        return None
    if not whole.isdigit():
        groups = [c for c in whole if not c.isdigit()]
        if not set(groups) <= set(_GROUPING[mark]) or len({" " if g in _SPACES else g for g in groups}) != 1:
            return None
        parts = re.split("[" + re.escape(_GROUPING[mark]) + "]", whole)
        if not (1 <= len(parts[0]) <= 3 and parts[0][0] != "0" and all(len(p) == 3 for p in parts[1:])):
            return None
        whole = "".join(parts)
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def _own_mark(cells: Sequence[Cell], kind: Kind) -> str | None:
    """The decimal mark a column's written values show (None when none, or both)."""
    marks = set()
    for cell in cells:
        signed = _signed(cell, kind) if isinstance(cell, str) else None
        readable = [] if signed is None else [m for m in (".", ",") if _read(signed[1], m) is not None]
        if len(readable) == 1:
            marks.add(readable[0])
    return marks.pop() if len(marks) == 1 else None


def _numbers(
    cells: Iterable[tuple[int, Cell]],
    name: str,
    column: str,
    kind: Kind,
    decimal_comma: bool | None,
    *,
    file_mark: str | None = None,
) -> dict[int, tuple[str, str | None]]:
    """Every value of one number column, read in the one convention its values allow; where they allow
    two, the convention the file's other number columns show, else the `;` file's decimal comma."""
    out: dict[int, tuple[str, str | None]] = {}
    written: dict[int, tuple[bool, str, str]] = {}
    decides: dict[str, str] = {}
    currencies: dict[str, str] = {}
    ambiguous: str | None = None
    for index, cell in cells:
        if isinstance(cell, SheetPercent):
            if kind not in (Kind.PERCENT, Kind.RATE):
                out[index] = (_text(cell), f"{_text(cell)!r} is a percentage, not a number")
            else:
                out[index] = (format(cell.value * 100 if kind is Kind.PERCENT else cell.value, "f"), None)
            continue
        if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
            out[index] = _number_text(Decimal(_text(cell)), kind, _text(cell))  # the sheet's own number
            continue
        text = _text(cell)
        if not text:
            out[index] = ("", None)
            continue
        signed = _signed(text, kind)
        readings = {} if signed is None else {m: _read(signed[1], m) for m in (".", ",")}
        readable = {mark: value for mark, value in readings.items() if value is not None}
        if signed is None or not readable:
            out[index] = (text, f"{text!r} is not a number")
            continue
        written[index] = (signed[0], signed[1], text)
        for marker in _MARKER.findall(text):
            currencies.setdefault(_SAME_CURRENCY.get(marker, marker), text)
        if len(readable) == 1:
            decides.setdefault(next(iter(readable)), text)
        elif len(set(readable.values())) > 1 and ambiguous is None:
            ambiguous = text
    if len(currencies) > 1:  # amounts in two currencies cannot be one column's numbers
        first, second = list(currencies.values())[:2]
        raise ExportUnreadable(name, f"column {column!r} mixes currencies ({first!r} and {second!r})")
    if len(decides) > 1:
        raise ExportUnreadable(
            name, f"column {column!r} mixes decimal marks ({decides['.']!r} and {decides[',']!r})"
        )
    if decides:
        mark = next(iter(decides))
    elif ambiguous is None:
        mark = "."  # every value reads the same either way
    elif file_mark is not None:
        mark = file_mark
    elif decimal_comma:
        mark = ","  # a `;`-delimited file is written where the comma is the decimal mark
    else:
        signed = _signed(ambiguous, kind)
        assert signed is not None
        raise ExportUnreadable(
            name,
            f"column {column!r}: {ambiguous!r} could be {_read(signed[1], '.')} or "
            f"{_read(signed[1], ',')} and no number in the file shows its decimal mark",
        )
    for index, (negative, core, text) in written.items():
        value = _read(core, mark)
        if value is None:  # unreachable in practice: every written value read with the decided mark
            out[index] = (text, f"{text!r} is not a number")
            continue
        if kind is Kind.RATE and text.rstrip().endswith("%"):
            value = value / 100  # `25 %` of a fraction column is 0.25
        out[index] = _number_text(-value if negative else value, kind, text)
    return out


def _number_text(value: Decimal, kind: Kind, text: str) -> tuple[str, str | None]:
    if kind is Kind.WHOLE and value != value.to_integral_value():
        return text, f"{text!r} is not a whole number"
    if kind is Kind.WHOLE:
        value = value.to_integral_value()
    return format(value, "f"), None


# --- dates ----------------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)")
"""Day first, always (German, Swiss, Nordic); the year in four digits or two."""
_SLASHED = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
"""Day or month first: decided per column (with a two-digit year after `-`, the year may come first)."""
_TIME = re.compile(
    r"[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?", re.IGNORECASE
)
TWO_DIGIT_YEAR_PIVOT = 69
"""A two-digit year below this is 20xx, from it 19xx (00–68: 2000–2068, 69–99: 1969–1999), as POSIX
`strptime` and Python's `%y` read it."""
_ORDER_NAMES = {"dmy": "day-first", "mdy": "month-first", "ymd": "year-first"}


def full_year(year: int) -> int:
    """A year as written: four digits as they are, two by `TWO_DIGIT_YEAR_PIVOT`."""
    if year >= 100:
        return year
    return 2000 + year if year < TWO_DIGIT_YEAR_PIVOT else 1900 + year


@dataclass(frozen=True)
class _Written:
    """A date as written: `(a, b, year)`; for slashed dates the fields in their written order, which
    order they are in (`orders`: day, month or year first) decided per column."""

    a: int
    b: int
    year: int
    slashed: bool
    clock: tuple[int, int, int, int] | None
    offset: str | None
    short: bool = False
    """The year was written in two digits."""
    dashed: bool = False

    def readings(self) -> dict[str, tuple[int, int, int]]:
        """(year, month, day) in each order the fields may be written in, for slashed dates; the one
        reading of any other."""
        if not self.slashed:
            return {"dmy": (full_year(self.year), self.b, self.a)}
        found = {}
        if 1 <= self.b <= 12 and 1 <= self.a <= 31:
            found["dmy"] = (full_year(self.year), self.b, self.a)
        if 1 <= self.a <= 12 and 1 <= self.b <= 31:
            found["mdy"] = (full_year(self.year), self.a, self.b)
        if self.short and self.dashed and 1 <= self.b <= 12 and 1 <= self.year <= 31:
            found["ymd"] = (full_year(self.a), self.b, self.year)  # `26-12-31`: 2026-12-31
        return found


def _parse_date(text: str, kind: Kind) -> _Written | None:
    for pattern in (_ISO, _COMPACT, _DOTTED, _SLASHED):
        match = pattern.match(text)
        if match is None:
            continue
        rest = text[match.end() :]
        clock: tuple[int, int, int, int] | None = None
        offset: str | None = None
        if rest:
            timed = _TIME.fullmatch(rest)
            if timed is None:
                continue
            hour, minute, second, fraction, offset = timed.groups()
            clock = (int(hour), int(minute), int(second or 0), int((fraction or "0").ljust(6, "0")))
            if kind is Kind.DATE and clock != (0, 0, 0, 0):
                return None
        groups = match.groups()
        if pattern in (_ISO, _COMPACT):
            return _Written(int(groups[2]), int(groups[1]), int(groups[0]), False, clock, offset)
        if pattern is _DOTTED:
            short = len(groups[2]) == 2
            return _Written(int(groups[0]), int(groups[1]), int(groups[2]), False, clock, offset, short)
        short = len(groups[3]) == 2
        dashed = groups[1] == "-"
        return _Written(int(groups[0]), int(groups[2]), int(groups[3]), True, clock, offset, short, dashed)
    return None


@dataclass
class _Order:
    """Which order a date column's slashed values are written in, as far as they show it."""

    left: set[str] | None = None
    """The orders every value allows (None: no value told)."""
    shown_by: str | None = None
    """The value that narrowed `left` last."""
    undecided: str | None = None
    """A value that reads as different dates in the orders left."""
    clash: str | None = None
    """Why the values allow no order at all (a one-line reason)."""


def _column_order(written: Iterable[tuple[_Written, str]]) -> _Order:
    """The orders a date column's slashed values all allow (each value allows those that read it as a
    date at all), and a value that still reads as two dates."""
    order = _Order()
    values = list(written)
    for parsed, text in values:
        allowed = set(parsed.readings()) if parsed.slashed else set()
        if not allowed:
            continue
        if order.left is None:
            order.left, order.shown_by = allowed, text
        elif not order.left & allowed:
            order.clash = (
                f"mixes {' or '.join(_ORDER_NAMES[o] for o in sorted(order.left))} ({order.shown_by!r}) and "
                f"{' or '.join(_ORDER_NAMES[o] for o in sorted(allowed))} ({text!r}) dates"
            )
            return order
        elif order.left - allowed:
            order.left, order.shown_by = order.left & allowed, text
    if order.left is not None and len(order.left) > 1:
        left = order.left
        for parsed, text in values:
            if parsed.slashed and len({v for o, v in parsed.readings().items() if o in left}) > 1:
                order.undecided = text
                break
    return order


def file_date_order(table: Table, columns: dict[str, Kind]) -> str | None:
    """The one order (day, month or year first) the file's date columns that show theirs all show:
    one program wrote the file, so it decides a column whose own values do not."""
    shown = set()
    for column, kind in columns.items():
        if kind not in (Kind.DATE, Kind.DATETIME):
            continue
        written = [
            (parsed, text)
            for text in (_text(row.get(column)) for row in table.rows if isinstance(row.get(column), str))
            if (parsed := _parse_date(text, kind)) is not None
        ]
        order = _column_order(written)
        if order.clash is None and order.left is not None and len(order.left) == 1:
            shown.add(next(iter(order.left)))
    return shown.pop() if len(shown) == 1 else None


def _dates(
    cells: Iterable[tuple[int, Cell]],
    name: str,
    column: str,
    kind: Kind,
    serial: Any,
    *,
    file_order: str | None = None,
    zone: ZoneInfo | None = None,
) -> dict[int, tuple[str, str | None]]:
    """Every value of one date column. Slashed dates (`03/04/26`) are read in the one order all the
    column's values allow; where they allow two, the order the file's other date columns show; else the
    file fails. A time without an offset in a workbook is read in `zone` (None: the row's error)."""
    out: dict[int, tuple[str, str | None]] = {}
    written: dict[int, tuple[_Written, str]] = {}
    for index, cell in cells:
        if isinstance(cell, int | float) and not isinstance(cell, bool) and serial is not None:
            cell = serial(cell)  # a spreadsheet date cell not formatted as a date: Excel's serial number
            if cell is None:
                out[index] = ("", "not a date")
                continue
        if isinstance(cell, datetime | date):
            out[index] = _date_cell(cell, kind, zone, workbook=True)
            continue
        text = _text(cell)
        if not text:
            out[index] = ("", None)
            continue
        parsed = _parse_date(text, kind)
        if parsed is None or (parsed.slashed and not parsed.readings()):
            out[index] = (
                text,
                f"{text!r} is not a date (2026-12-31, 31.12.2026, 31/12/2026, 31.12.26 or 20261231)",
            )
            continue
        written[index] = (parsed, text)
    order = _column_order(written.values())
    if order.clash is not None:
        raise ExportUnreadable(name, f"column {column!r} {order.clash}")
    chosen = next(iter(order.left)) if order.left is not None and len(order.left) == 1 else None
    if order.undecided is not None:
        assert order.left is not None
        if file_order in order.left:
            chosen = file_order
        else:
            parsed, text = next((p, t) for p, t in written.values() if t == order.undecided)
            shown = [
                date(*parsed.readings()[o]).isoformat() if _valid(parsed.readings()[o]) else "no date"
                for o in sorted(order.left)
            ]
            raise ExportUnreadable(
                name,
                f"column {column!r}: {order.undecided!r} could be {' or '.join(shown)} and no other date "
                "in the file shows which; export dates as 2026-12-31",
            )
    for index, (parsed, text) in written.items():
        readings = parsed.readings()
        ymd = readings.get(chosen) if chosen else None
        if ymd is None:  # every order left reads the value as the same date
            ymd = next((readings[o] for o in sorted(order.left or ()) if o in readings), None)
            ymd = ymd or next(iter(readings.values()))
        try:
            when = date(*ymd)
            stamp = None
            if parsed.clock is not None:
                hour, minute, second, micro = parsed.clock
                stamp = datetime.combine(when, time(hour, minute, second, micro))
        except ValueError:
            out[index] = (text, f"{text!r} is not a date")
            continue
        if kind is Kind.DATE or stamp is None:
            out[index] = (when.isoformat(), None)
            continue
        offset = parsed.offset or ""
        if offset.upper() in ("Z", "UTC"):
            offset = "+00:00"
        elif offset and ":" not in offset:
            offset = f"{offset[:3]}:{offset[3:]}"
        if not offset and serial is not None:  # a time written in a workbook without an offset
            out[index] = _date_cell(stamp, kind, zone, workbook=True)
            continue
        out[index] = (stamp.isoformat() + offset, None)
    return out


def _valid(ymd: tuple[int, int, int]) -> bool:
    try:
        date(*ymd)
    except ValueError:
        return False
    return True


def _date_cell(
    cell: datetime | date, kind: Kind, zone: ZoneInfo | None = None, *, workbook: bool = False
) -> tuple[str, str | None]:
    if kind is Kind.DATE and isinstance(cell, datetime):
        if cell.time() != time(0):
            return cell.isoformat(), f"{cell.isoformat()!r} is a time of day, not a date"
        return cell.date().isoformat(), None
    if kind is Kind.DATETIME and workbook and isinstance(cell, datetime) and cell.tzinfo is None:
        # a spreadsheet holds no UTC offset: the time is the company's (settings), where one is set
        if zone is None:
            return cell.isoformat(), (
                f"{cell.isoformat()!r} has no UTC offset (a workbook cell holds none): set "
                "OPSLOOP_ERP__TIMEZONE to the company's timezone (e.g. Europe/Berlin)"
            )
        early, late = cell.replace(tzinfo=zone), cell.replace(tzinfo=zone, fold=1)
        if early.utcoffset() != late.utcoffset():
            return cell.isoformat(), (
                f"{cell.isoformat()!r} falls in the hour the clocks change in {zone.key}: write it with "
                "its UTC offset"
            )
        return early.isoformat(), None
    return cell.isoformat(), None
