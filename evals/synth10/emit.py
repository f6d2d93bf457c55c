"""The low-level PDF writer of evals/synth10: every text operator written by hand into a ReportLab canvas's
content stream (``BT … ET`` with ``Tm``, ``Tf``, ``Tc``, ``Tz``, ``Tr``, ``TJ``), with embedded TrueType
subsets (ReportLab writes their ToUnicode maps). How a run of text becomes operators is the document's
``words`` factor: whole strings with space glyphs, ``TJ`` arrays whose word gaps are kerning (no space
glyph), one ``Tm`` per word, or one ``Tm`` per glyph — the ways report engines and converters emit text."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FAMILIES: dict[str, dict[str, str]] = {
    "DejaVu Sans": {"r": "DejaVuSans.ttf", "b": "DejaVuSans-Bold.ttf", "l": "DejaVuSans-ExtraLight.ttf"},
    "Liberation Sans": {"r": "LiberationSans-Regular.ttf", "b": "LiberationSans-Bold.ttf",
                        "l": "LiberationSans-Italic.ttf"},
    "Liberation Serif": {"r": "LiberationSerif-Regular.ttf", "b": "LiberationSerif-Bold.ttf",
                         "l": "LiberationSerif-Italic.ttf"},
    "DejaVu Serif": {"r": "DejaVuSerif.ttf", "b": "DejaVuSerif-Bold.ttf", "l": "DejaVuSerif-Italic.ttf"},
}  # fmt: skip


class FontsMissing(RuntimeError):
    """The TrueType fonts the generator embeds (DejaVu, Liberation) are not installed here."""


def _find(name: str) -> Path | None:
    for root in FONT_DIRS:
        if root.is_dir():
            for path in sorted(root.rglob(name)):
                return path
    return None


def register(family: str) -> dict[str, str]:
    """ReportLab names of the family's regular, bold and light faces (registered once)."""
    names = {}
    for style, file in FAMILIES[family].items():
        name = f"s10-{family.replace(' ', '')}-{style}"
        if name not in pdfmetrics.getRegisteredFontNames():
            path = _find(file)
            if path is None:
                raise FontsMissing(f"font {file} not found (Debian: fonts-dejavu-core, fonts-liberation2)")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        names[style] = name
    return names


@dataclass
class Run:
    """One string on the page: where, in what face and size, aligned how, and what it is (its role)."""

    x: float
    y: float
    text: str
    size: float = 9.0
    face: str = "r"
    align: str = "l"
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    role: str = ""
    """title, seller, total, amount, label, para, wordmark … (the factors that apply to some roles read it)."""
    col: int = -1
    """The table column of a cell (-1: not a cell)."""
    angle: float = 0.0
    render: int = 0
    """Text render mode: 0 fill, 3 invisible (an OCR layer)."""
    tc: float = 0.0
    tz: float = 100.0
    parts: list[tuple[str, str, tuple[float, float, float]]] = field(default_factory=list)
    """A run set in several faces with no space between them (a wordmark): (text, face, colour)."""


class Writer:
    """Writes runs into the canvas's current content stream (a page or a form) as the ``words`` factor says."""

    def __init__(self, canvas: Any, faces: dict[str, str], words: str, ligatures: bool) -> None:
        self.canvas = canvas
        self.faces = faces
        self.words = words
        self.ligatures = ligatures

    def width(self, text: str, face: str, size: float, tc: float = 0.0, tz: float = 100.0) -> float:
        text = text.replace("\u00ad", "")  # a soft hyphen is written invisibly and takes no room (_show)
        return (pdfmetrics.stringWidth(text, self.faces[face], size) + tc * len(text)) * tz / 100

    def _shape(self, text: str, face: str) -> str:
        """Ligature glyphs where the face has them (ReportLab's ToUnicode maps each to its code point)."""
        if not self.ligatures:
            return text
        glyphs = pdfmetrics.getFont(self.faces[face]).face.charToGlyph
        for letters, ligature in (("ffi", "\ufb03"), ("fi", "\ufb01"), ("fl", "\ufb02"), ("ff", "\ufb00")):
            if ord(ligature) in glyphs:
                text = text.replace(letters, ligature)
        return text

    def _strings(self, text: str, face: str, size: float, current: list[Any]) -> list[str]:
        """``(…)`` operands for ``text``, switching subsets with ``Tf`` where the font's subset changes."""
        font = pdfmetrics.getFont(self.faces[face])
        doc = self.canvas._doc
        out: list[str] = []
        for subset, data in font.splitString(text, doc):
            name = font.getSubsetInternalName(subset, doc)
            if current[0] != (name, size):
                out.append(f"\x00{name} {size:g} Tf")
                current[0] = (name, size)
            out.append("(" + self.canvas._escape(data) + ")")
        return out

    def _show(
        self, pieces: list[str | float], face: str, size: float, current: list[Any], render: int = 0
    ) -> list[str]:
        """One TJ/Tj sequence: strings and kerning numbers (thousandths of an em, positive moves left). A
        soft hyphen is written in render mode 3 and kerned back over its own width: in the text, not seen."""
        ops: list[str] = []
        array: list[str] = []
        split: list[str | float] = []
        for piece in pieces:
            if isinstance(piece, str) and "\u00ad" in piece:
                for k, part in enumerate(piece.split("\u00ad")):
                    if k:
                        split.append("\u00ad")
                    if part:
                        split.append(part)
            else:
                split.append(piece)
        for piece in split:
            if isinstance(piece, float):
                array.append(f"{piece:.0f}")
                continue
            if piece == "\u00ad":
                if array:
                    ops.append(f"[{' '.join(array)}] TJ")
                    array = []
                back = pdfmetrics.stringWidth(piece, self.faces[face], 1000)
                operands = self._strings(piece, face, size, current)
                ops.extend(o[1:] for o in operands if o.startswith("\x00"))
                shy = [o for o in operands if not o.startswith("\x00")]
                ops += ["3 Tr", f"[{shy[0]} {back:.0f}] TJ", f"{render} Tr"]
                continue
            for operand in self._strings(piece, face, size, current):
                if operand.startswith("\x00"):
                    if array:
                        ops.append(f"[{' '.join(array)}] TJ")
                        array = []
                    ops.append(operand[1:])
                else:
                    array.append(operand)
        if array:
            ops.append(f"({array[0][1:-1]}) Tj" if len(array) == 1 else f"[{' '.join(array)}] TJ")
        return ops

    def _matrix(self, x: float, y: float, angle: float) -> str:
        if not angle:
            return f"1 0 0 1 {x:.2f} {y:.2f} Tm"
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        return f"{c:.4f} {s:.4f} {-s:.4f} {c:.4f} {x:.2f} {y:.2f} Tm"

    def run(self, run: Run, dx: float = 0.0, dy: float = 0.0, color: tuple[float, float, float] | None = None,
            render: int | None = None) -> None:  # fmt: skip
        """Write one run (offset by dx, dy: a fake-bold or shadow copy; ``color``/``render`` override)."""
        parts = run.parts or [(run.text, run.face, run.color)]
        parts = [(self._shape(t, f), f, c) for t, f, c in parts]
        total = sum(self.width(t, f, run.size, run.tc, run.tz) for t, f, _ in parts)
        x = run.x - (total if run.align == "r" else total / 2 if run.align == "c" else 0.0)
        x += dx
        y = run.y + dy
        c, s = math.cos(math.radians(run.angle)), math.sin(math.radians(run.angle))
        mode = render if render is not None else run.render
        ops = ["BT", f"{mode} Tr"]
        if run.tc:
            ops.append(f"{run.tc:g} Tc")
        if run.tz != 100:
            ops.append(f"{run.tz:g} Tz")
        current: list[Any] = [None]
        advance = 0.0
        for text, face, colour in parts:
            rgb = color if color is not None else colour
            ops.append(f"{rgb[0]:.3f} {rgb[1]:.3f} {rgb[2]:.3f} rg")
            size = run.size
            space = self.width(" ", face, size)
            if self.words == "spaces" or run.tc or run.angle:
                ops.append(self._matrix(x + advance * c, y + advance * s, run.angle))
                ops.extend(self._show([text], face, size, current, mode))
                advance += self.width(text, face, size, run.tc, run.tz)
            elif self.words == "tj_gaps":
                pieces: list[str | float] = []
                for i, word in enumerate(text.split(" ")):
                    if i:
                        pieces.append(-space * 1000 / size * 1.15)
                    pieces.append(word)
                ops.append(self._matrix(x + advance * c, y + advance * s, run.angle))
                ops.extend(self._show(pieces, face, size, current, mode))
                advance += self.width(text, face, size, 0, run.tz) + text.count(" ") * space * 0.15
            elif self.words == "per_word":
                for i, word in enumerate(text.split(" ")):
                    if i:
                        advance += space * 1.1 * run.tz / 100
                    if word:
                        ops.append(self._matrix(x + advance, y, 0))
                        ops.extend(self._show([word], face, size, current, mode))
                    advance += self.width(word, face, size, 0, run.tz)
            else:  # per_glyph
                for char in text:
                    if char != " ":
                        ops.append(self._matrix(x + advance, y, 0))
                        ops.extend(self._show([char], face, size, current, mode))
                    advance += self.width(char, face, size, 0, run.tz)
        if run.tc:
            ops.append("0 Tc")
        if run.tz != 100:
            ops.append("100 Tz")
        ops.append("ET")
        self.canvas._code.append("\n".join(ops))
