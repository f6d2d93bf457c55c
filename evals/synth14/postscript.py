"""A document-composition system's output, by hand: PostScript pages where every string is placed at
absolute coordinates in one of Ghostscript's standard fonts (Helvetica, Times, Courier, Helvetica Narrow),
re-encoded with exactly the characters the document uses (glyphs.py), with rules, shaded boxes and dashed
cut lines. ``Sheet.postscript()`` gives the program Ghostscript's ps2pdf prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from evals.synth14.glyphs import glyph_name

PAPER = {"a4": (595.0, 842.0), "letter": (612.0, 792.0)}
FAMILIES = {
    "helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica", "Helvetica-Bold"),
    "times": ("Times-Roman", "Times-Bold", "Times-Roman", "Times-Bold"),
    "courier": ("Courier", "Courier-Bold", "Courier", "Courier-Bold"),
    "mixed": ("Times-Roman", "Times-Bold", "Helvetica", "Helvetica-Bold"),
    "narrow": ("Helvetica-Narrow", "Helvetica-Narrow-Bold", "Helvetica", "Helvetica-Bold"),
}
"""Per family: body, body bold, heading, heading bold."""
WIDTH = {"Courier": 0.6, "Times": 0.47, "Helvetica-Narrow": 0.43, "Helvetica": 0.53}
"""Rough average advance per point of size (for layout decisions only; alignment is done by PostScript)."""
QUOTES = "'`"
"""ASCII characters StandardEncoding draws as other glyphs (quoteright, quoteleft): re-encoded like the rest."""


@dataclass
class Op:
    kind: str
    args: tuple[object, ...]


@dataclass
class Sheet:
    """Pages of placed strings; y counts from the top of the page, as a designer measures."""

    paper: str
    family: str
    words: bool = False
    """Emit one show per word (composition systems that place words), not one per string."""
    pages: list[list[Op]] = field(default_factory=lambda: [[]])

    @property
    def width(self) -> float:
        return PAPER[self.paper][0]

    @property
    def height(self) -> float:
        return PAPER[self.paper][1]

    def font(self, bold: bool = False, heading: bool = False) -> str:
        return FAMILIES[self.family][(2 if heading else 0) + (1 if bold else 0)]

    def measure(self, text: str, size: float, bold: bool = False, heading: bool = False) -> float:
        name = self.font(bold, heading)
        unit = next(value for key, value in WIDTH.items() if name.startswith(key))
        return len(text) * size * unit * (1.06 if bold else 1.0)

    def new_page(self) -> None:
        self.pages.append([])

    def text(self, x: float, y: float, text: str, size: float, *, bold: bool = False, heading: bool = False,
             align: str = "l", gray: float = 0.0) -> None:  # fmt: skip
        if text:
            self.pages[-1].append(Op("text", (x, y, text, size, self.font(bold, heading), align, gray)))

    def rule(
        self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6, dash: bool = False
    ) -> None:
        self.pages[-1].append(Op("rule", (x1, y1, x2, y2, width, dash)))

    def box(
        self, x: float, y: float, w: float, h: float, *, fill: float | None = None, stroke: bool = True
    ) -> None:
        self.pages[-1].append(Op("box", (x, y, w, h, fill, stroke)))

    def postscript(self) -> str:
        """The PostScript program: the fonts re-encoded with the document's characters, then each page."""
        chars = sorted({c for page in self.pages for op in page if op.kind == "text" for c in str(op.args[2])
                        if ord(c) > 126 or c in QUOTES})  # fmt: skip
        if len(chars) > 128:
            raise ValueError("more than 128 characters outside ASCII in one document")
        code = {c: 128 + i for i, c in enumerate(chars)}
        fonts = sorted({str(op.args[4]) for page in self.pages for op in page if op.kind == "text"})
        w, h = self.width, self.height
        out = [
            "%!PS-Adobe-3.0",
            f"%%BoundingBox: 0 0 {int(w)} {int(h)}",
            f"%%Pages: {len(self.pages)}",
            "%%EndComments",
            "/reenc { exch findfont dup length dict begin { 1 index /FID ne { def } { pop pop } ifelse } forall",
            "  /Encoding exch def currentdict end definefont pop } bind def",
            "/Vec StandardEncoding 256 array copy def",
        ]
        if chars:
            out.append("Vec 128 [ " + " ".join("/" + glyph_name(c) for c in chars) + " ] putinterval")
        for name in fonts:
            out.append(f"/{name}-X /{name} Vec reenc")
        out += [
            "/L { moveto show } bind def",
            "/R { moveto dup stringwidth pop neg 0 rmoveto show } bind def",
            "/C { moveto dup stringwidth pop 2 div neg 0 rmoveto show } bind def",
            "/WS { { show ( ) stringwidth pop 0 rmoveto } forall } bind def",
            "/WL { moveto WS } bind def",
            "/WR { moveto exch stringwidth pop neg 0 rmoveto WS } bind def",
            "/WC { moveto exch stringwidth pop 2 div neg 0 rmoveto WS } bind def",
            "%%EndProlog",
        ]
        for number, page in enumerate(self.pages, 1):
            out += [f"%%Page: {number} {number}", f"<< /PageSize [{w:g} {h:g}] >> setpagedevice"]
            current = None
            for op in page:
                if op.kind == "text":
                    x, y, text, size, name, align, gray = op.args
                    if (name, size, gray) != current:
                        out.append(f"/{name}-X findfont {size} scalefont setfont {gray} setgray")
                        current = (name, size, gray)
                    py = h - float(y)  # type: ignore[arg-type]
                    parts = str(text).split(" ")
                    if self.words and len(parts) > 1:
                        array = "[" + " ".join(_ps(p, code) for p in parts if p) + "]"
                        verb = {"l": "WL", "r": "WR", "c": "WC"}[str(align)]
                        lead = "" if align == "l" else _ps(str(text), code) + " "
                        out.append(f"{lead}{array} {x:.2f} {py:.2f} {verb}")
                    else:
                        verb = {"l": "L", "r": "R", "c": "C"}[str(align)]
                        out.append(f"{_ps(str(text), code)} {x:.2f} {py:.2f} {verb}")
                elif op.kind == "rule":
                    x1, y1, x2, y2, width, dash = op.args
                    out.append(f"gsave {width} setlinewidth {'[3 2] 0 setdash ' if dash else ''}0 setgray "
                               f"{x1:.2f} {h - float(y1):.2f} moveto {x2:.2f} {h - float(y2):.2f} lineto stroke grestore")  # type: ignore[arg-type]  # fmt: skip
                else:
                    x, y, bw, bh, fill, stroke = op.args
                    top = h - float(y) - float(bh)  # type: ignore[arg-type]
                    path = f"{x:.2f} {top:.2f} {bw:.2f} {bh:.2f} rectpath"
                    if fill is not None:
                        out.append(f"gsave {fill} setgray newpath {path} fill grestore")
                    if stroke:
                        out.append(f"gsave 0.5 setlinewidth 0 setgray newpath {path} stroke grestore")
                    current = None if fill is not None else current
            out.append("showpage")
        out.insert(
            out.index("%%EndProlog"),
            "/rectpath { 4 2 roll moveto 1 index 0 rlineto 0 exch rlineto neg 0 rlineto closepath } bind def",
        )
        out.append("%%EOF")
        return "\n".join(out) + "\n"


def _ps(text: str, code: dict[str, int]) -> str:
    """A PostScript string literal: parentheses and backslashes escaped, other characters by their code."""
    out = []
    for char in text:
        if char in "()\\":
            out.append("\\" + char)
        elif ord(char) > 126 or char in QUOTES:
            out.append(f"\\{code[char]:03o}")
        elif ord(char) < 32:
            out.append(" ")
        else:
            out.append(char)
    return "(" + "".join(out) + ")"
