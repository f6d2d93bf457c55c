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


def read_xlsx(path: Path, columns: dict[str, Kind], required: Sequence[str]) -> Table:
    """The first sheet of a workbook; numbers and dates are the cells' own values."""
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
    return _table(iter(rows), path.name, columns, required, decimal_comma=None, serial=serial)


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
) -> Table:
    """Rows after the header (the first row naming every required column), normalised per column."""
    table = Table()
    header: list[str | None] | None = None
    closest: tuple[int, list[str]] = (-1, [])
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
    named = list(dict.fromkeys(c for c in header if c))
    # one program in one locale wrote the whole file: where the number columns that show their decimal
    # mark all show the same one, it is the file's, and a column that does not show it is read with it
    own = {_own_mark([row.get(c) for row in table.rows], columns[c]) for c in named if columns[c] in _NUMBERS}
    own.discard(None)
    file_mark = next(iter(own)) if len(own) == 1 else None
    for column in named:
        _normalise(table, name, column, columns[column], decimal_comma, serial, file_mark)
    return table


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
) -> None:
    cells = [(index, row.get(column)) for index, row in enumerate(table.rows)]
    if kind in _NUMBERS:
        values = _numbers(cells, name, column, kind, decimal_comma, file_mark=file_mark)
    elif kind in (Kind.DATE, Kind.DATETIME):
        values = _dates(cells, name, column, kind, serial)
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
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
"""Day first, always (German, Swiss, Nordic)."""
_SLASHED = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4})")
"""Day or month first: decided per column."""
_TIME = re.compile(
    r"[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?", re.IGNORECASE
)


@dataclass(frozen=True)
class _Written:
    """A date as written: `(a, b, year)` where the order of a and b is unknown for slashed dates."""

    a: int
    b: int
    year: int
    slashed: bool
    clock: tuple[int, int, int, int] | None
    offset: str | None


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
            return _Written(int(groups[0]), int(groups[1]), int(groups[2]), False, clock, offset)
        return _Written(int(groups[0]), int(groups[2]), int(groups[3]), True, clock, offset)
    return None


def _dates(
    cells: Iterable[tuple[int, Cell]], name: str, column: str, kind: Kind, serial: Any
) -> dict[int, tuple[str, str | None]]:
    out: dict[int, tuple[str, str | None]] = {}
    written: dict[int, tuple[_Written, str]] = {}
    day_first: str | None = None
    month_first: str | None = None
    undecided: str | None = None
    for index, cell in cells:
        if isinstance(cell, int | float) and not isinstance(cell, bool) and serial is not None:
            cell = serial(cell)  # a spreadsheet date cell not formatted as a date: Excel's serial number
            if cell is None:
                out[index] = ("", "not a date")
                continue
        if isinstance(cell, datetime | date):
            out[index] = _date_cell(cell, kind)
            continue
        text = _text(cell)
        if not text:
            out[index] = ("", None)
            continue
        parsed = _parse_date(text, kind)
        if parsed is None:
            out[index] = (text, f"{text!r} is not a date (2026-12-31, 31.12.2026, 31/12/2026 or 20261231)")
            continue
        written[index] = (parsed, text)
        if parsed.slashed and parsed.a > 12 >= parsed.b:
            day_first = day_first or text
        elif parsed.slashed and parsed.b > 12 >= parsed.a:
            month_first = month_first or text
        elif parsed.slashed and parsed.a != parsed.b and undecided is None:
            undecided = text
    if day_first and month_first:
        raise ExportUnreadable(
            name, f"column {column!r} mixes day-first ({day_first!r}) and month-first ({month_first!r}) dates"
        )
    if undecided and not (day_first or month_first):
        raise ExportUnreadable(
            name,
            f"column {column!r}: {undecided!r} could be day/month or month/day and no value of the "
            "column has a day above 12; export dates as 2026-12-31",
        )
    for index, (parsed, text) in written.items():
        day, month = (parsed.b, parsed.a) if parsed.slashed and month_first else (parsed.a, parsed.b)
        try:
            when = date(parsed.year, month, day)
            if parsed.clock is not None:
                hour, minute, second, micro = parsed.clock
                stamp = datetime.combine(when, time(hour, minute, second, micro))
        except ValueError:
            out[index] = (text, f"{text!r} is not a date")
            continue
        if kind is Kind.DATE or parsed.clock is None:
            out[index] = (when.isoformat(), None)
        else:
            offset = parsed.offset or ""
            if offset.upper() in ("Z", "UTC"):
                offset = "+00:00"
            elif offset and ":" not in offset:
                offset = f"{offset[:3]}:{offset[3:]}"
            out[index] = (stamp.isoformat() + offset, None)
    return out


def _date_cell(cell: datetime | date, kind: Kind) -> tuple[str, str | None]:
    if kind is Kind.DATE and isinstance(cell, datetime):
        if cell.time() != time(0):
            return cell.isoformat(), f"{cell.isoformat()!r} is a time of day, not a date"
        return cell.date().isoformat(), None
    return cell.isoformat(), None
