"""Pages written with pydyf, WeasyPrint's low-level PDF writer used here on its own (no layout engine): absolute
text in the standard 14 fonts (WinAnsiEncoding) and rules. No other generator writes its PDFs this way.
Widths for alignment come from the fonts' AFM metrics (ReportLab's tables, read only for measuring)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Times-Roman", "F4": "Times-Bold"}
FACES = {"helvetica": ("F1", "F2"), "times": ("F3", "F4")}


def width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, FONTS[font], size))


def _literal(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


@dataclass
class Page:
    ops: list[tuple[str, tuple[object, ...]]] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, font: str, size: float) -> None:
        if text:
            self.ops.append(("text", (x, y, text, font, size)))

    def right(self, x: float, y: float, text: str, font: str, size: float) -> None:
        self.text(x - width(text, font, size), y, text, font, size)

    def centre(self, x: float, y: float, text: str, font: str, size: float) -> None:
        self.text(x - width(text, font, size) / 2, y, text, font, size)

    def line(self, x0: float, y0: float, x1: float, y1: float, weight: float = 0.5) -> None:
        self.ops.append(("line", (x0, y0, x1, y1, weight)))


def write(pages: list[Page], title: str) -> bytes:
    import pydyf

    pdf = pydyf.PDF()
    fonts = pydyf.Dictionary()
    for name, base in FONTS.items():
        font = pydyf.Dictionary(
            {"Type": "/Font", "Subtype": "/Type1", "BaseFont": f"/{base}", "Encoding": "/WinAnsiEncoding"}
        )
        pdf.add_object(font)
        fonts[name] = font.reference
    resources = pydyf.Dictionary({"Font": fonts})
    pdf.add_object(resources)
    for page in pages:
        stream = pydyf.Stream(compress=True)
        for kind, args in page.ops:
            if kind == "text":
                x, y, text, font, size = args
                stream.begin_text()
                stream.set_font_size(font, size)
                stream.set_text_matrix(1, 0, 0, 1, x, y)
                stream.show_text(_literal(str(text)))
                stream.end_text()
            else:
                x0, y0, x1, y1, weight = args
                stream.set_line_width(weight)
                stream.move_to(x0, y0)
                stream.line_to(x1, y1)
                stream.stroke()
        pdf.add_object(stream)
        pdf_page = pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array([0, 0, 595, 842]),
                "Contents": stream.reference,
                "Resources": resources.reference,
            }
        )
        pdf.add_page(pdf_page)
    pdf.info["Producer"] = pydyf.String("opsloop evals.parties (pydyf)")
    pdf.info["Title"] = pydyf.String(title)
    out = io.BytesIO()
    pdf.write(out)
    return out.getvalue()
