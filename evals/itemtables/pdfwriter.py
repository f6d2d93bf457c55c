"""A small PDF writer of our own: pages of absolute text and rules in the standard 14 fonts (WinAnsiEncoding).

No PDF library writes these files: objects, content streams and the cross-reference table are written here,
as the simplest report writers of accounting packages do. Text is set per string (``Tj``) or with the words'
gaps as ``TJ`` displacements and no space characters (``gaps="tj"``), a quirk of some producers. Widths for
alignment come from the fonts' AFM metrics (ReportLab's tables, read only for measuring).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Times-Roman", "F4": "Times-Bold",
         "F5": "Courier", "F6": "Courier-Bold"}  # fmt: skip
FACES = {"helvetica": ("F1", "F2"), "times": ("F3", "F4"), "courier": ("F5", "F6")}


def width(text: str, font: str, size: float) -> float:
    """The printed width of ``text`` in the standard font ``font`` (a resource name, F1…F6)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, FONTS[font], size))


def _literal(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


@dataclass
class Page:
    width: float
    height: float
    ops: list[bytes] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, font: str, size: float, *, gaps: str = "tj0") -> None:
        """``text`` with its left end at (x, y); ``gaps="tj"`` sets the words apart by displacements."""
        if not text:
            return
        if gaps == "tj" and " " in text:
            space = -width(" ", font, 1000) if font not in ("F5", "F6") else -600.0
            parts = [_literal(w) for w in text.split(" ")]
            body = f" {space:.0f} ".encode().join(parts)
            show = b"[" + body + b"] TJ"
        else:
            show = _literal(text) + b" Tj"
        self.ops.append(f"BT /{font} {size:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ".encode() + show + b" ET")

    def right(self, x: float, y: float, text: str, font: str, size: float, *, gaps: str = "tj0") -> None:
        self.text(x - width(text, font, size), y, text, font, size, gaps=gaps)

    def line(self, x0: float, y0: float, x1: float, y1: float, weight: float = 0.4) -> None:
        self.ops.append(f"{weight:g} w {x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S".encode())

    def box(self, x: float, y: float, w: float, h: float, grey: float) -> None:
        self.ops.append(f"q {grey:g} g {x:.2f} {y:.2f} {w:.2f} {h:.2f} re f Q".encode())


def write(pages: list[Page], *, title: str = "") -> bytes:
    """The PDF file of ``pages`` (content streams deflated)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled below
    tree = add(b"")
    font_ids = {
        name: add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>".encode())
        for name, base in FONTS.items()
    }
    resources = " ".join(f"/{name} {oid} 0 R" for name, oid in font_ids.items())
    kids = []
    for page in pages:
        data = zlib.compress(b"\n".join(page.ops))
        stream = add(
            f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"
        )
        kids.append(add((f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {page.width:g} {page.height:g}] "
                         f"/Resources << /Font << {resources} >> >> /Contents {stream} 0 R >>").encode()))  # fmt: skip
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objects[tree - 1] = (
        f"<< /Type /Pages /Count {len(kids)} /Kids [{' '.join(f'{k} 0 R' for k in kids)}] >>".encode()
    )
    info = add(
        b"<< /Producer " + _literal("opsloop evals.itemtables") + b" /Title " + _literal(title) + b" >>"
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
