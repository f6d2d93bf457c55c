"""Read a PDF: every page's words with their boxes and font sizes (PDFium), the layout text built
from them, and the e-invoice XML the PDF may carry (pypdf).

PDFium (pypdfium2) reads the text layer with positions; pypdf opens the file first (its errors say
why a file is refused), reads the attachments, and stays the fallback for a page or a file PDFium
cannot read (then the page has pypdf's layout text and no word boxes).
"""

from __future__ import annotations

import ctypes
import io
import logging
import math
import re
import struct
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Any, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from lxml import etree
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from opsloop.domain.documents import DocumentKind, EmbeddedFile, PageText, ParsedDocument, Word
from opsloop.errors import RejectedInput
from opsloop.ingest.layout import layout_text, page_lines

EINVOICE_NAMES = frozenset(
    {"factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd-invoice.xml".lower(), "ubl.xml"}
)
"""Attachment names the e-invoice standards prescribe (compared case-insensitively)."""

EINVOICE_ROOTS = frozenset({"CrossIndustryInvoice", "CrossIndustryDocument", "Invoice", "CreditNote"})

_LOG = logging.getLogger(__name__)
for _noisy in ("pypdf", "pypdf._reader", "pypdf._page", "pypdf.generic"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


def _xml_root_name(data: bytes) -> str | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return etree.QName(root).localname


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 always decodes


def _attachments(reader: PdfReader) -> list[EmbeddedFile]:
    found: list[EmbeddedFile] = []
    try:
        attachments: dict[str, Any] = dict(reader.attachments)
    except Exception as error:  # a broken name tree must not lose the page text
        _LOG.debug("attachments unreadable: %s", error)
        return found
    for name, contents in attachments.items():
        if not name.lower().endswith(".xml"):
            continue
        blobs = contents if isinstance(contents, list) else [contents]
        for blob in blobs:
            if not isinstance(blob, bytes):
                continue
            known = name.lower() in EINVOICE_NAMES
            if known or _xml_root_name(blob) in EINVOICE_ROOTS:
                found.append(EmbeddedFile(name=name, content=_decode(blob)))
    # the standard names first: they are the invoice, other XML may be an appendix
    found.sort(key=lambda e: e.name.lower() not in EINVOICE_NAMES)
    return found


def _plain_text(page: Any) -> str:
    try:
        return str(page.extract_text() or "")
    except Exception:
        return ""


def _page_text(page: Any) -> str:
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception as error:  # one broken page must not lose the others
        _LOG.debug("layout extraction failed: %s", error)
        text = _plain_text(page)
    if not str(text or "").strip():
        # layout mode gives up silently on some content streams (unbalanced q/Q inside a form
        # XObject): an empty page is then not a scan, the plain reading order still has the text
        text = _plain_text(page)
    return _clean(str(text or ""))


PDFIUM_LOCK = threading.Lock()
"""PDFium is not thread-safe: one call into it at a time in this process (reading and rendering)."""

WORD_GAP = 1.0
"""Two characters further apart than this many ems are two words even where the PDF prints no space
between them (text placed by position, one glyph run per table cell)."""
GENERATED_SPACE_GAP = 0.13
"""PDFium puts a space of its own where one glyph run ends and the next begins; it separates two
words only where the gap is this many ems or more (a space is about a quarter em; kerned or justified
text is split into runs inside a word, a tenth of an em apart)."""
_HYPHEN_MARKS = {"\x02": "-", "\ufffe": "-"}
"""PDFium's mark for a hyphen at the end of a line: the hyphen as printed."""
SOFT_HYPHEN = "\u00ad"
"""Where a word may be broken: inside a word it prints nothing (no letter of the word); at a word's end
(the word broken at the line's end) it is the hyphen printed there."""
_MARKS = frozenset([*(char for char in map(chr, range(0x10000)) if char.isspace()), "\x00", *_HYPHEN_MARKS])
"""The characters the reader reads otherwise than a letter: white space (``str.isspace``; none lies
outside the basic plane), NUL, and PDFium's hyphen marks. One set lookup tells a letter from these."""


def _unchecked(function: Any, restype: Any) -> Any:
    """A PDFium function called without ctypes' argument checks: the same C function, its result
    type kept. pypdfium2 declares each function's argument types, and ctypes then checks and converts
    every argument of every call, which costs more than PDFium's own work in the per-character
    calls; the reader passes exactly the types the function takes (the text page's own pointer, a
    Python int for an index, ``ctypes.byref`` of a structure). Declared as a Python-API function, the
    call keeps the GIL: these calls take well under a microsecond, less than releasing and taking the
    GIL back around each would, and PDFium is called under PDFIUM_LOCK whatever the GIL does."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:  # pragma: no cover - a loaded library's function has an address
        return function
    return ctypes.PYFUNCTYPE(restype)(address)


_LOOSE_CHAR_BOX = _unchecked(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_IS_GENERATED = _unchecked(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_GET_UNICODE = _unchecked(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_FONT_SIZE = _unchecked(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_GET_MATRIX = _unchecked(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
_TEXT_OBJECT = _unchecked(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_OBJECT_FILL = _unchecked(pdfium_c.FPDFPageObj_GetFillColor, ctypes.c_int)
_RENDER_MODE = _unchecked(pdfium_c.FPDFTextObj_GetTextRenderMode, ctypes.c_int)

_RECT_FLOATS = struct.Struct("=4f")
"""An FS_RECTF as it lies in memory: four C floats, left, top, right, bottom."""

_Char = tuple[float, float]
"""Where a character starts in the page's displayed frame: x0, y0 (top). All a run keeps of its
characters (whether the run is set top to bottom, `_vertical`, and which way it runs, `_turn`, read
that alone): its words carry their own text, boxes and first index."""


class _Frame:
    """PDF user space (origin bottom-left, unrotated) to the displayed page: origin at the crop box's
    top-left corner, y growing down, the page's /Rotate applied."""

    def __init__(self, page: pdfium.PdfPage, turn: int = 0) -> None:
        self.left, self.bottom, right, self.top = page.get_bbox()  # crop box within media box, as inherited
        self.width, self.height = right - self.left, self.top - self.bottom
        self.rotation = (page.get_rotation() + turn) % 360
        rotated = self.rotation in (90, 270)
        self.shown_width = self.height if rotated else self.width
        self.shown_height = self.width if rotated else self.height

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        u0, u1 = left - self.left, right - self.left
        v0, v1 = self.top - top, self.top - bottom
        if self.rotation == 90:
            return self.height - v1, u0, self.height - v0, u1
        if self.rotation == 180:
            return self.width - u1, self.height - v1, self.width - u0, self.height - v0
        if self.rotation == 270:
            return v0, self.width - u1, v1, self.width - u0
        return u0, v0, u1, v1


_Box = tuple[str, float, float, float, float, int]
"""A word as read: text, x0, y0 (top), x1, y1 (bottom), PDFium index of its first character."""
_Run = tuple[list[_Char], list[_Box], float]
"""A run of characters as read: its characters, its words, and its first character's font size."""


def _runs(
    textpage: pdfium.PdfTextPage, frame: _Frame, count: int, text: str, matrix: _Matrix
) -> tuple[list[_Run], bool]:
    """The page's runs of characters as they are seen (`_all_runs`), and whether they are an OCR layer: text
    in render mode 3 (invisible, as an OCR layer lies under a scan) only where the page shows no other text,
    white text only on a filled shape or a picture (white on a white page is not seen: it supplies no value);
    none set at a slant (a stamp across the figures: "PAID", "COPY")."""
    layer: list[bool] = []
    runs = list(_seen_runs(textpage, frame, count, text, matrix, layer))
    return runs, bool(layer)


def _seen_runs(
    textpage: pdfium.PdfTextPage, frame: _Frame, count: int, text: str, matrix: _Matrix, layer: list[bool]
) -> Iterator[_Run]:
    """The runs `_runs` reads; ``layer`` gains True where they are the invisible text of a page showing none."""
    invisible: list[_Run] = []
    shown = False
    pending: _Run | None = None  # the last run seen, held while a run not seen may come after it
    dropped = False
    for run, words, em, ink in _all_runs(textpage, frame, count, text, matrix, _Ink(textpage, frame)):
        if ink == _SEEN:
            shown = True
            if pending is not None:
                if dropped and _continues(pending, words[0]):
                    # a figure a stamp's letters were read into the middle of: one word again
                    joined = _joined(pending[1][-1], words[0])
                    pending = (pending[0] + run, [*pending[1][:-1], joined, *words[1:]], pending[2])
                    dropped = False
                    continue
                yield pending
            pending, dropped = (run, words, em), False
        else:
            dropped = True
            if ink == _INVISIBLE:
                invisible.append((run, words, em))
    if pending is not None:
        yield pending
    if not shown:
        layer.extend([True] if invisible else [])
        yield from invisible


def _joined(head: _Box, tail: _Box) -> _Box:
    """One word of ``head`` and the ``tail`` read after it: their texts run on, their boxes' union, the
    first character's index ``head``'s."""
    return (head[0] + tail[0], min(head[1], tail[1]), min(head[2], tail[2]),
            max(head[3], tail[3]), max(head[4], tail[4]), head[5])  # fmt: skip


def _slanted(matrix: Any) -> bool:
    """Whether an FS_MATRIX turns text by an angle between _SLANT_LOW's and _SLANT_HIGH's."""
    return bool(matrix.b and matrix.a and _SLANT_LOW < abs(matrix.b / matrix.a) < _SLANT_HIGH)


def _continues(before: _Run, word: _Box) -> bool:
    """Whether a word goes on where the run before it ended: on its line, no gap between them."""
    last = before[1][-1]
    height = min(last[4] - last[2], word[4] - word[2])
    gap = word[1] - last[3]
    return abs((word[2] + word[4]) - (last[2] + last[4])) < height and -0.1 * height < gap < 0.1 * height


_SEEN, _INVISIBLE, _WHITE, _SLANTED = 0, 1, 2, 3
_SLANT_LOW, _SLANT_HIGH = math.tan(math.radians(10)), math.tan(math.radians(80))
"""Text set at an angle between these (a stamp, a watermark across the page) is no line of the page; a
scan's few degrees of skew, and text turned a quarter (a margin note, a turned page), are."""


class _Ink:
    """Whether a character is seen: its text object's render mode, its fill colour, what lies under it."""

    def __init__(self, textpage: pdfium.PdfTextPage, frame: _Frame) -> None:
        self.handle = textpage.raw
        self.page = textpage.page
        self.frame = frame
        self.rgba = (ctypes.c_uint * 4)()
        self.refs = [ctypes.byref(self.rgba, 4 * i) for i in range(4)]
        self.grounds: list[tuple[float, float, float, float]] | None = None
        self.matrix = pdfium_c.FS_MATRIX()

    def __call__(self, index: int, x: float, y: float) -> int:
        """What the character at ``index``, its box's centre at (x, y), shows (`kind`, `ground`)."""
        kind = self.kind(_TEXT_OBJECT(self.handle, index), index)
        return kind if kind != _WHITE else self.ground(x, y)

    def kind(self, obj: int | None, index: int) -> int:
        """What a text object shows: _SEEN, _INVISIBLE, _SLANTED (its character at ``index`` is set at a
        slant), or _WHITE (seen only on a ground: `ground`)."""
        if not obj:
            return _SEEN
        matrix = self.matrix
        if _GET_MATRIX(self.handle, index, ctypes.byref(matrix)) and _slanted(matrix):
            return _SLANTED
        pointer = ctypes.c_void_p(obj)
        if _RENDER_MODE(pointer) in _HIDDEN_MODES:
            return _INVISIBLE
        rgba = self.rgba
        if (
            _OBJECT_FILL(pointer, *self.refs)
            and rgba[0] >= _WHITE_LEVEL
            and min(rgba[1], rgba[2]) >= _WHITE_LEVEL
        ):
            return _WHITE
        return _SEEN

    def ground(self, x: float, y: float) -> int:
        """_SEEN for white text at (x, y) on a filled shape or a picture, else _WHITE."""
        if self.grounds is None:
            self.grounds = self._filled()
        return _SEEN if any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in self.grounds) else _WHITE

    def _filled(self) -> list[tuple[float, float, float, float]]:
        """The page's pictures and shapes filled in a colour that is not white, as boxes in the frame."""
        out = []
        mode, stroke = ctypes.c_int(), ctypes.c_int()
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        kinds = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE)
        for obj in self.page.get_objects(filter=kinds):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke)):
                    continue
                if mode.value == 0 or not pdfium_c.FPDFPageObj_GetFillColor(
                    obj.raw, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
                ):
                    continue
                if a.value == 0 or min(r.value, g.value, b.value) >= _WHITE_LEVEL:
                    continue
            left, bottom, right, top = obj.get_bounds()
            out.append(self.frame.box(left, bottom, right, top))
        return out


_WHITE_LEVEL = 245
"""A fill this close to white (each of red, green, blue, 0-255) is white."""
_HIDDEN_MODES = (3, 7)
"""Text render modes that paint nothing: invisible, and invisible added to the clipping path."""


def _all_runs(
    textpage: pdfium.PdfTextPage, frame: _Frame, count: int, text: str, matrix: _Matrix, ink: _Ink
) -> Iterator[tuple[list[_Char], list[_Box], float, int]]:
    """The page's characters in PDFium's reading order, in runs between the spaces the PDF prints
    (a space PDFium generated is kept as a mark on the next character), each run split into words
    as it is read: a new word where the next character jumps back, up or down, or leaves a gap (a
    smaller one after a space PDFium generated), gaps measured in the run's font size (its first
    character's; else that character's height). ``text`` is the page's text as PDFium gives it,
    ``count`` its number of characters, ``matrix`` where font sizes are read through."""
    handle = textpage.raw
    paired = len(text) == count
    units = text if paired else None  # else surrogate pairs: read code unit by code unit
    rect = pdfium_c.FS_RECTF()
    rect_at = ctypes.byref(rect)  # (one reference, made once: ctypes would make one per call)
    # the box's four floats read in one call (four field reads cost more)
    read_rect, rect_bytes = _RECT_FLOATS.unpack_from, memoryview(rect).cast("B")
    char_box, unicode, generated = _LOOSE_CHAR_BOX, _GET_UNICODE, _IS_GENERATED
    hyphens, marks = _HYPHEN_MARKS, _MARKS
    upright = frame.rotation == 0
    left, top = frame.left, frame.top
    run: list[_Char] = []
    append = run.append
    words: list[_Box] = []
    spaced = False
    # the word being read and the previous character's box (set at each run's first character)
    em = generated_gap = word_gap = 0.0
    seen = kind = _SEEN
    last_object: int | None = 0
    text_object = _TEXT_OBJECT
    x0 = y0 = x1 = y1 = p_left = p_top = p_right = p_bottom = 0.0
    p_char = ""
    p_index = 0
    word_chars: list[str] = []
    word_index = 0
    chars = units if units is not None else (chr(unicode(handle, index)) for index in range(count))
    broken = False  # a line break PDFium generated came after the last character
    c_height = 0.0  # (the last character's height: the next one's p_height)
    for index, char in enumerate(chars):
        if char in marks:  # (rare: most characters are letters, read on below)
            if char in hyphens:
                if not char_box(handle, index, rect_at):
                    continue
                char = hyphens[char]
            else:  # white space, NUL
                if char == " " and generated(handle, index) == 1:
                    spaced = True
                elif (char == "\r" or char == "\n") and run and generated(handle, index) == 1:
                    broken = True  # (the next character's place decides: a new line, or the same word)
                elif run:
                    words.append((_text(word_chars, paired), x0, y0, x1, y1, word_index))
                    yield run, words, em, seen
                    run, words = [], []
                    append = run.append
                continue
        elif not char_box(handle, index, rect_at):
            continue
        r_left, r_top, r_right, r_bottom = read_rect(rect_bytes)
        if upright:
            c_left, c_top = r_left - left, top - r_top
            c_right, c_bottom = r_right - left, top - r_bottom
        else:
            c_left, c_top, c_right, c_bottom = frame.box(r_left, r_bottom, r_right, r_top)
        if char == p_char and run and _overprinted(c_left, c_top, p_left, p_top, p_right, p_bottom):
            continue  # the same glyph drawn again a little off (fake bold, a shadow): read once
        if broken:
            # a line break PDFium generated ends the run where the next character is set apart (lower,
            # back, beyond a space's gap); one between neighbours on a line (text drawn glyph by glyph)
            # is read as a space PDFium generated
            broken = False
            if run:
                height = max(c_bottom - c_top, p_bottom - p_top, 1e-3)
                if (
                    abs((c_top + c_bottom) - (p_top + p_bottom)) > height
                    or c_left < p_left - 0.5 * height
                    or c_left - p_right > generated_gap
                ):
                    words.append((_text(word_chars, paired), x0, y0, x1, y1, word_index))
                    yield run, words, em, seen
                    run, words = [], []
                    append = run.append
                else:
                    spaced = True
        # (p_height is p_bottom - p_top, kept from the last character's turn)
        height = c_bottom - c_top
        p_height = c_height
        c_height = height
        if (
            run
            and (height > 2 * p_height or p_height > 2 * height)
            and c_left + c_left < p_left + p_right
            and ink(index, (c_left + c_right) / 2, (c_top + c_bottom) / 2) != seen
        ):
            # a character twice the size of the last or half, set back over it and seen otherwise: a
            # stamp's letter over a figure, or the figure going on after it — a run of its own
            words.append((_text(word_chars, paired), x0, y0, x1, y1, word_index))
            yield run, words, em, seen
            run, words = [], []
            append = run.append
        if run:
            if p_height > height:  # (the larger of the two heights, at least 1e-3: max() costs a call)
                height = p_height
            if height < 1e-3:
                height = 1e-3
            if (
                abs((c_top + c_bottom) - (p_top + p_bottom)) > height
                or c_left < p_left - 0.5 * height  # (a ligature's letters share one box)
                or c_left - p_right > (generated_gap if spaced else word_gap)
                or (
                    c_left < p_right - 0.5 * height
                    and _set_over(handle, index, p_index, char, c_left, p_left)
                )
            ):
                words.append((_text(word_chars, paired), x0, y0, x1, y1, word_index))
                if spaced:  # a word after a space PDFium generated: of another text object?
                    obj = text_object(handle, index)
                    if obj != last_object:
                        last_object, kind = obj, ink.kind(obj, index)
                    look = (
                        kind if kind != _WHITE else ink.ground((c_left + c_right) / 2, (c_top + c_bottom) / 2)
                    )
                else:
                    look = seen
                if look != seen:
                    # seen otherwise (an invisible copy beside the text): a run of its own
                    yield run, words, em, seen
                    run, words = [], []
                    append = run.append
                else:
                    word_chars = [char]
                    x0, y0, x1, y1, word_index = c_left, c_top, c_right, c_bottom, index
            else:
                word_chars.append(char)
                if c_left < x0:
                    x0 = c_left
                if c_top < y0:
                    y0 = c_top
                if c_right > x1:
                    x1 = c_right
                if c_bottom > y1:
                    y1 = c_bottom
        if not run:
            obj = text_object(handle, index)
            if obj != last_object:  # (what an object shows is read once: a line's runs share one)
                last_object, kind = obj, ink.kind(obj, index)
            seen = kind if kind != _WHITE else ink.ground((c_left + c_right) / 2, (c_top + c_bottom) / 2)
            em = _font_size(handle, index, matrix)
            scale = em if em > 0 else c_bottom - c_top
            generated_gap, word_gap = GENERATED_SPACE_GAP * scale, WORD_GAP * scale
            word_chars = [char]
            x0, y0, x1, y1, word_index = c_left, c_top, c_right, c_bottom, index
        append((c_left, c_top))
        # (one name at a time: five names at once build and unpack a tuple)
        p_left = c_left
        p_top = c_top
        p_right = c_right
        p_bottom = c_bottom
        p_char = char
        p_index = index
        spaced = False
    if run:
        words.append((_text(word_chars, paired), x0, y0, x1, y1, word_index))
        yield run, words, em, seen


def _set_over(handle: Any, index: int, p_index: int, char: str, c_left: float, p_left: float) -> bool:
    """Whether a character set back over the last one by more than half an em is the start of another
    text: a string of its own (another text object) placed where the text before it overflowed its
    column ("4700001694" running into the next cell's "10. Mai 2026"), not a letter of the same word.
    Kerning never sets a letter back that far; a ligature's letters share one box, and an accent set
    over its letter is a combining mark of the same string."""
    if abs(c_left - p_left) < 0.01 or unicodedata.combining(char):
        return False
    return bool(_TEXT_OBJECT(handle, index) != _TEXT_OBJECT(handle, p_index))


def _overprinted(
    c_left: float, c_top: float, p_left: float, p_top: float, p_right: float, p_bottom: float
) -> bool:
    """Whether a character equal to the previous one is that glyph printed again: moved, but by less than
    half its width and height (fake bold draws a run two or three times a fraction of a point apart; a
    shadow, a point off). A ligature's letters share one box, unmoved: those are letters, not reprints."""
    dx, dy = abs(c_left - p_left), abs(c_top - p_top)
    return dx + dy > 0.01 and dx < 0.5 * (p_right - p_left) and dy < 0.5 * (p_bottom - p_top)


def _vertical(run: list[_Char]) -> bool:
    """Text set top to bottom (a margin note turned 90 degrees): each character under the last."""
    first, second = run[0], run[1]
    if abs(second[1] - first[1]) <= abs(second[0] - first[0]):
        return False  # the usual case, settled by the first step
    steps = [(abs(b[0] - a[0]), abs(b[1] - a[1])) for a, b in pairwise(run)]
    return sum(dy > dx for dx, dy in steps) * 2 > len(steps)


def _text(chars: list[str], paired: bool) -> str:
    text = "".join(chars)
    if SOFT_HYPHEN in text:  # (rare) a hyphenation point inside the word: none; at its end: the hyphen
        text = text[:-1].replace(SOFT_HYPHEN, "") + ("-" if text[-1] == SOFT_HYPHEN else text[-1])
    if paired:
        return text
    # code units read one by one: pair the surrogates again, drop a broken one
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


_MATRIX_FLOATS = struct.Struct("=6f")
"""An FS_MATRIX as it lies in memory: six C floats, a, b, c, d, e, f."""


class _Matrix:
    """An FS_MATRIX to read characters' matrices into, with one reference to it and a view of its
    floats, made once per page (ctypes would make a reference per call, and its field reads cost more
    than one unpack of the six floats)."""

    __slots__ = ("at", "matrix", "view")

    def __init__(self) -> None:
        self.matrix = pdfium_c.FS_MATRIX()
        self.at = ctypes.byref(self.matrix)
        self.view = memoryview(self.matrix).cast("B")


def _font_size(handle: Any, index: int, matrix: _Matrix | None = None) -> float:
    """The size a character is printed at, in points: the font size scaled by the text and
    graphics matrices (a PDF may set 1 pt type and scale it up). ``matrix``: where to read the
    matrix (one per page, made once), else one is made."""
    size = float(_FONT_SIZE(handle, index))
    if matrix is None:
        matrix = _Matrix()
    if _GET_MATRIX(handle, index, matrix.at):
        _, _, c, d, _, _ = _MATRIX_FLOATS.unpack_from(matrix.view)
        size *= math.hypot(c, d)
    return size


def read_page_words(page: pdfium.PdfPage, number: int) -> tuple[list[Word], float, float, int, bool]:
    """One page's words with their boxes (the displayed frame, in points) and font sizes, the frame's
    width and height, how far it is turned from the page as displayed (degrees clockwise: 0, but
    for a page whose text runs top to bottom as displayed, read in the frame where it runs left to
    right), and whether the words are an OCR layer (invisible text on a page showing none: a scan an
    OCR engine gave a text layer). Text set vertically on a page of horizontal text is left out: it is
    no line of the page."""
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = pdfium_c.FPDFText_CountChars(handle)
        text = textpage.get_text_range() if count > 0 else ""
        matrix = _Matrix()
        frame = _Frame(page)
        runs, ocr_layer = _runs(textpage, frame, count, text, matrix)
        vertical = [len(run) > 1 and _vertical(run) for run, _, _ in runs]
        turn = _turn([run for run, _, _ in runs], vertical)
        if turn:
            frame = _Frame(page, turn)
            runs, ocr_layer = _runs(textpage, frame, count, text, matrix)
            vertical = [len(run) > 1 and _vertical(run) for run, _, _ in runs]
        words = _words(handle, runs, vertical, number, matrix)
    finally:
        textpage.close()
    return words, round(frame.shown_width, 2), round(frame.shown_height, 2), turn, ocr_layer


def _turn(runs: list[list[_Char]], vertical: list[bool]) -> int:
    """0 when most of the text runs left to right; else the turn that makes it: 270 for text running
    down the page as displayed, 90 for text running up. ``vertical``: whether each run is set top to
    bottom (`_vertical`)."""
    standing = [run for run, turned in zip(runs, vertical, strict=True) if turned]
    if sum(map(len, standing)) * 2 <= sum(map(len, runs)):
        return 0
    down = sum(1 if run[-1][1] > run[0][1] else -1 for run in standing)
    return 270 if down > 0 else 90


_LEADER = re.compile(r"\.{4,}|…{2,}")
"""A dot leader: the dots a word processor prints to lead the eye across a tab (``Total ....... 12.00``)."""


def _unleader(run: list[_Char], split: list[_Box]) -> list[_Box]:
    """The run's words with their dot leaders taken out: the leader is the gap a tab leaves, not text,
    so ``EUR.......67.380,87`` is the two words ``EUR`` and ``67.380,87``, each with its own box (from its
    characters' positions). A run whose words do not map one character to one (surrogates) is kept."""
    if sum(len(box[0]) for box in split) != len(run):
        return split
    out: list[_Box] = []
    offset = 0
    for box in split:
        text, x0, y0, x1, y1, index = box
        if "...." not in text and "……" not in text:
            out.append(box)
            offset += len(text)
            continue
        start = 0
        for leader in _LEADER.finditer(text):
            if leader.start() > start:
                right = run[offset + leader.start()][0]
                out.append(
                    (
                        text[start : leader.start()],
                        run[offset + start][0] if start else x0,
                        y0,
                        right,
                        y1,
                        index + start,
                    )
                )
            start = leader.end()
        if start < len(text):
            out.append((text[start:], run[offset + start][0], y0, x1, y1, index + start))
        offset += len(text)
    return out


TRACKED_MIN_LETTERS = 4
"""Single letters in a row that are read as letter-spaced text ("H A R B O U R L I N E"), not as words: no
language writes four one-letter words running."""
TRACKED_MAX_GAP = 1.6
"""The widest gap, in the letters' heights, between two neighbours of letter-spaced text (tracking is a
fraction of an em; between two words it is set on both sides of a space)."""
TRACKED_SPACE_GAP = 0.15
"""How much wider than the gap between its letters, in the letters' heights, the gap between two
letter-spaced words is (a space, about a quarter em, is set on the tracking)."""


def _untracked(runs: list[_Run]) -> list[_Run]:
    """The runs with letter-spaced text joined again: a letterhead or a title set with wide tracking
    ("H A R B O U R L I N E   T R A D I N G") is read by PDFium as one letter per word. A stretch of words
    of one or two characters (a kerned pair, "LT") on one line, each a small gap from the next, at least
    TRACKED_MIN_LETTERS letters and most words single letters, is letter-spaced text: its letters are
    joined within each run (a space the PDF prints parts two words) up to a gap a space wider than most of
    the stretch's letters are apart."""
    flat = [(r, k) for r, (_, split, _) in enumerate(runs) for k in range(len(split))]
    joins: dict[tuple[int, int], float] = {}
    """(run, word) of each letter of letter-spaced text: the widest gap that joins it to the letter before."""
    last: tuple[_Box, float] | None = None  # the last letter of the last letter-spaced stretch, its reach
    i = 0
    while i < len(flat):
        j = i + 1
        box = runs[flat[i][0]][1][flat[i][1]]
        if len(box[0]) > 2:
            i = j  # (a word opens no stretch of letters)
            continue
        while j < len(flat):
            after = runs[flat[j][0]][1][flat[j][1]]
            height = max(after[4] - after[2], box[4] - box[2], 1e-3)
            if (
                len(after[0]) > 2
                or abs((after[2] + after[4]) - (box[2] + box[4])) > height
                or not 0 <= after[1] - box[3] <= TRACKED_MAX_GAP * height
            ):
                break
            box = after
            j += 1
        stretch = [runs[r][1][k] for r, k in flat[i:j]]
        if _tracked_tail(stretch, last):
            # a short word letter-spaced as the stretch before it on the line, a word's space apart ("A L V O R A D A
            # L D A", a legal form after the name): letter-spaced text too, though it has fewer letters
            assert last is not None
            joins.update((key, last[1]) for key in flat[i + 1 : j])
            last = (stretch[-1], last[1])
            i = j
            continue
        if (
            len(stretch) < TRACKED_MIN_LETTERS
            or sum(len(box[0]) == 1 for box in stretch) * 4 < len(stretch) * 3
            or sum(box[0].isalpha() for box in stretch) < TRACKED_MIN_LETTERS
        ):
            i += 1
            continue
        gaps = sorted(b[1] - a[3] for a, b in pairwise(stretch))
        height = max(max(box[4] - box[2] for box in stretch), 1e-3)
        widest = (
            gaps[len(gaps) // 4] + TRACKED_SPACE_GAP * height
        )  # (the lower quartile: word gaps do not move it)
        joins.update((key, widest) for key in flat[i + 1 : j])
        last = (stretch[-1], widest)
        i = j
    if not joins:
        return runs
    out: list[_Run] = []
    for r, (run, split, em) in enumerate(runs):
        words: list[_Box] = []
        for k, word in enumerate(split):
            reach = joins.get((r, k))
            if words and reach is not None and word[1] - words[-1][3] <= reach:
                words[-1] = _joined(words[-1], word)
            else:
                words.append(word)
        out.append((run, words, em))
    return out


TRACKED_WORD_GAP = 3.0
"""The widest gap, in the letters' heights, between a letter-spaced word and a short one after it on the line."""


def _tracked_tail(stretch: Sequence[_Box], last: tuple[_Box, float] | None) -> bool:
    """Whether ``stretch`` (two letters at least, single letters all but its closing stop) follows the
    letter-spaced stretch ending in ``last`` on its line, a word's gap after it, its letters no further apart
    than that stretch's (``last``'s reach)."""
    if last is None or len(stretch) < 2:
        return False
    box, reach = last
    first = stretch[0]
    height = max(box[4] - box[2], 1e-3)
    if abs((first[2] + first[4]) - (box[2] + box[4])) > height:
        return False
    if not reach < first[1] - box[3] <= TRACKED_WORD_GAP * height:
        return False
    letters = [b for b in stretch if b[0] not in (".", ",")]
    return (
        len(letters) >= 2
        and all(len(b[0]) == 1 and b[0].isalpha() for b in letters)
        and all(b[1] - a[3] <= reach for a, b in pairwise(stretch))
    )


def _words(handle: Any, runs: list[_Run], vertical: list[bool], number: int, matrix: _Matrix) -> list[Word]:
    # (only a page with that many words of one or two letters may hold letter-spaced text)
    if (
        sum(len(box[0]) <= 2 and box[0].isalpha() for _, split, _ in runs for box in split)
        >= TRACKED_MIN_LETTERS
    ):
        runs = _untracked(runs)
    words: list[Word] = []
    append = words.append
    validate = Word.__pydantic_validator__.validate_python
    # the words of a line share their tops and bottoms, and most words a few font sizes: each such
    # value is rounded once per page (round() to two places costs more than validating the word);
    # a zero is rounded every time (0.0 and -0.0 are one key but round to two values)
    rounded: dict[float, float] = {}
    known = rounded.get
    # (`_font_size` read in place: a call per word costs more than its two reads)
    font_size, get_matrix, matrix_at, matrix_view = _FONT_SIZE, _GET_MATRIX, matrix.at, matrix.view
    read_matrix, hypot = _MATRIX_FLOATS.unpack_from, math.hypot
    for (run, split, em), turned in zip(runs, vertical, strict=True):
        if turned:
            continue
        first = split[0][5]  # (the run's first character opens its first word)
        if any("...." in box[0] or "……" in box[0] for box in split):
            split = _unleader(run, split)
        for text, x0, y0, x1, y1, index in split:
            if index == first:
                size = em
            else:
                size = float(font_size(handle, index))
                if get_matrix(handle, index, matrix_at):
                    _, _, c, d, _, _ = read_matrix(matrix_view)
                    size *= hypot(c, d)
            top, bottom, points = known(y0), known(y1), known(size)
            if top is None or not y0:
                top = rounded[y0] = round(y0, 2)
            if bottom is None or not y1:
                bottom = rounded[y1] = round(y1, 2)
            if points is None or not size:
                points = rounded[size] = round(size, 2)
            # (pydantic-core's validation of these plain values is twice as fast as model_construct,
            # and called on a dict it skips the model's Python __init__: what Word(...) does, faster)
            append(
                validate(
                    {
                        "text": text if text.isascii() else _clean(text),
                        "x0": round(x0, 2),
                        "y0": top,
                        "x1": round(x1, 2),
                        "y1": bottom,
                        "font_size": points if size > 0 else None,
                        "page": number,
                        "confidence": None,
                        "line": None,
                    }
                )
            )
    return words


def _open_pdfium(data: bytes) -> pdfium.PdfDocument | None:
    """The document opened by PDFium; None when PDFium cannot open it (pypdf may still). Raises
    RejectedInput for a password PDFium asks for or a security handler it does not support."""
    try:
        with PDFIUM_LOCK:
            return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise RejectedInput("password_protected", "The PDF needs a password to open.") from error
        if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise RejectedInput("encrypted", f"The PDF is encrypted and cannot be read: {error}") from error
        _LOG.debug("PDFium cannot open the PDF: %s", error)
        return None
    except Exception as error:  # pypdf may read what PDFium refuses
        _LOG.debug("PDFium cannot open the PDF: %s", error)
        return None


def _open_pypdf(data: bytes) -> PdfReader:
    """The document opened by pypdf, decrypted with the empty password where it is encrypted.
    Raises RejectedInput with code encrypted, password_protected or unreadable."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise RejectedInput("password_protected", "The PDF needs a password to open.")
            except RejectedInput:
                raise
            except Exception as error:
                raise RejectedInput(
                    "encrypted", f"The PDF is encrypted and cannot be read: {error}"
                ) from error
        len(reader.pages)  # the page tree must be readable
    except RejectedInput:
        raise
    except FileNotDecryptedError as error:
        raise RejectedInput("password_protected", "The PDF needs a password to open.") from error
    except (PdfReadError, Exception) as error:
        raise RejectedInput(
            "unreadable", "The PDF is damaged and cannot be read (ask the sender for a new copy)."
        ) from error
    return reader


def _pdfium_page(document: pdfium.PdfDocument, index: int) -> PageText | None:
    """Page ``index`` (0-based) read by PDFium, or None when PDFium fails on it or finds no words."""
    try:
        with PDFIUM_LOCK:
            if index >= len(document):
                return None
            page = document[index]
            try:
                words, width, height, turned, ocr_layer = read_page_words(page, index + 1)
            finally:
                page.close()
    except Exception as error:  # one broken page must not lose the others
        _LOG.debug("PDFium cannot read page %d: %s", index + 1, error)
        return None
    if not words:
        return None
    source: Literal["text_layer", "ocr_layer"] = "ocr_layer" if ocr_layer else "text_layer"
    page = PageText(
        number=index + 1, text="", width=width, height=height, rotation=turned, words=words, source=source
    )
    page.text = layout_text(page_lines(page))
    return page


def _clean(text: str) -> str:
    # lone surrogates (broken ToUnicode maps) would break every JSON writer downstream
    return text.encode("utf-8", "replace").decode("utf-8")


def _cut_words(page: PageText, keep: int) -> PageText:
    """`page` with its first `keep` words only (in reading order), its text laid out anew."""
    cut = page.model_copy(update={"words": page.words[: max(0, keep)], "text": ""})
    cut.text = layout_text(page_lines(cut))
    return cut


def read_pdf(
    data: bytes, *, max_pages: int = 200, attachments: bool = True, max_words: int | None = None
) -> ParsedDocument:
    """Read a PDF's pages (1-based numbers; words with their boxes, and the layout text built from
    them) and its embedded e-invoice XML (``attachments=False``: the text only, for a caller that
    would ignore the attachment anyway). With ``max_words``, reading stops where the words read
    reach it (that page cut there, its text laid out from the words kept; the pages left are counted
    in ``truncated_pages``, like those past ``max_pages``): words cost memory in every stage after this.

    PDFium reads the pages; pypdf reads the attachments, and the pages PDFium cannot read or finds
    no words on (their text then has no word boxes). Raises RejectedInput with code encrypted,
    password_protected, zero_pages or unreadable; never anything else for a strange PDF.
    """
    document = _open_pdfium(data)
    reader: PdfReader | None = None
    files = 1  # attachments the document may carry (PDFium counts them; pypdf reads them)
    try:
        if document is None:
            reader = _open_pypdf(data)
            page_count = len(reader.pages)
        else:
            with PDFIUM_LOCK:
                page_count = len(document)
                files = document.count_attachments() if attachments else 0
        if page_count == 0:
            raise RejectedInput("zero_pages", "The PDF has no pages.")
        pages: list[PageText] = []
        words = 0
        try:
            for index in range(min(page_count, max_pages)):
                if max_words is not None and words >= max_words:
                    break
                page = _pdfium_page(document, index) if document is not None else None
                if page is None:  # no words by PDFium (a scan, a page it cannot read): pypdf's text
                    reader = reader or _open_pypdf(data)
                    text = _page_text(reader.pages[index]) if index < len(reader.pages) else ""
                    page = PageText(number=index + 1, text=text)
                if max_words is not None and len(page.words) > max_words - words:
                    page = _cut_words(page, max_words - words)
                pages.append(page)
                words += len(page.words) if page.words else len(page.text.split())
        except FileNotDecryptedError as error:
            raise RejectedInput("password_protected", "The PDF needs a password to open.") from error
        except RejectedInput:
            if not pages:
                raise
        except Exception as error:
            if not pages:
                raise RejectedInput(
                    "unreadable", "The PDF's pages are damaged and cannot be read."
                ) from error
    finally:
        if document is not None:
            with PDFIUM_LOCK:
                document.close()
    embedded: list[EmbeddedFile] = []
    if attachments and files:
        try:
            embedded = _attachments(reader or _open_pypdf(data))
        except RejectedInput as error:  # the pages were read: an unreadable attachment tree loses nothing
            _LOG.debug("attachments unreadable: %s", error)
    return ParsedDocument(
        kind=DocumentKind.PDF,
        pages=pages,
        embedded=embedded,
        truncated_pages=max(0, page_count - len(pages)),
    )
