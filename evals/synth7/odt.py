"""A small ODT writer over odfpy: page size and margins, header and footer, paragraph styles with tab
stops (dot leaders), tables with or without borders, frames (text boxes) and page breaks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from odf.draw import Frame, TextBox
from odf.opendocument import OpenDocumentText
from odf.style import (
    FontFace,
    Footer,
    GraphicProperties,
    Header,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TabStop,
    TabStops,
    TextProperties,
)
from odf.table import Table, TableColumn, TableRow
from odf.table import TableCell as Cell
from odf.text import LineBreak, P, S, Tab

Tabs = tuple[tuple[float, str, bool], ...]
"""(position cm, 'left' | 'right' | 'center', dot leader)."""


class Odt:
    def __init__(self, width: float, height: float, margin: float, font: str, size: float = 9.5) -> None:
        self.doc = OpenDocumentText()
        self.font, self.size = font, size
        for name in {font, "Liberation Mono"}:
            self.doc.fontfacedecls.addElement(
                FontFace(name=name, fontfamily=f"'{name}'", fontpitch="variable")
            )
        layout = PageLayout(name="PL")
        layout.addElement(PageLayoutProperties(pagewidth=f"{width}cm", pageheight=f"{height}cm",
                                               margintop=f"{margin}cm", marginbottom=f"{margin}cm",
                                               marginleft=f"{margin}cm", marginright=f"{margin}cm"))  # fmt: skip
        self.doc.automaticstyles.addElement(layout)
        self.master = MasterPage(name="Standard", pagelayoutname=layout)
        self.doc.masterstyles.addElement(self.master)
        self.width = width - 2 * margin
        self._styles: dict[tuple[Any, ...], Style] = {}
        self._n = 0
        self._anchor: P | None = None

    def _name(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def pstyle(self, size: float | None = None, bold: bool = False, align: str = "start", tabs: Tabs = (),
               mono: bool = False, after: float = 0.05, brk: bool = False, italic: bool = False) -> Style:  # fmt: skip
        key = ("p", size, bold, align, tabs, mono, after, brk, italic)
        if key not in self._styles:
            style = Style(name=self._name("P"), family="paragraph")
            props = ParagraphProperties(textalign=align, marginbottom=f"{after}cm", margintop="0cm",
                                        **({"breakbefore": "page"} if brk else {}))  # fmt: skip
            if tabs:
                stops = TabStops()
                for position, kind, leader in tabs:
                    extra = {"leaderstyle": "dotted", "leadertext": "."} if leader else {}
                    stops.addElement(TabStop(position=f"{position}cm", type=kind, **extra))
                props.addElement(stops)
            style.addElement(props)
            style.addElement(TextProperties(fontname="Liberation Mono" if mono else self.font,
                                            fontsize=f"{size or self.size}pt", fontweight="bold" if bold else "normal",
                                            fontstyle="italic" if italic else "normal"))  # fmt: skip
            self.doc.automaticstyles.addElement(style)
            self._styles[key] = style
        return self._styles[key]

    def para(self, text: str = "", **style: Any) -> P:
        """A paragraph; ``\\t`` is a tab, ``\\n`` a line break, runs of spaces are kept."""
        p = P(stylename=self.pstyle(**style))
        for k, line in enumerate(text.split("\n")):
            if k:
                p.addElement(LineBreak())
            for j, piece in enumerate(line.split("\t")):
                if j:
                    p.addElement(Tab())
                _add_text(p, piece)
        return p

    def add(self, text: str = "", **style: Any) -> P:
        p = self.para(text, **style)
        self.doc.text.addElement(p)
        if self._anchor is None:
            self._anchor = p
        return p

    def header(self, lines: list[tuple[str, dict[str, Any]]]) -> None:
        block = Header()
        for text, style in lines:
            block.addElement(self.para(text, **style))
        self.master.addElement(block)

    def footer(
        self, lines: list[tuple[str, dict[str, Any]]] | None = None, table: Table | None = None
    ) -> None:
        block = Footer()
        if table is not None:
            block.addElement(table)
        for text, style in lines or []:
            block.addElement(self.para(text, **style))
        self.master.addElement(block)

    def table(self, rows: list[list[str]], widths: list[float], *, borders: str = "all", bold_first: bool = True,
              aligns: str = "", size: float | None = None, bold_rows: tuple[int, ...] = (), mono: bool = False,
              add: bool = True) -> Table:  # fmt: skip
        """``borders``: all, none, header (a rule under the first row), box (outer frame only)."""
        name = self._name("T")
        total = sum(widths)
        tstyle = Style(name=name, family="table")
        tstyle.addElement(TableProperties(width=f"{total}cm", align="left"))
        self.doc.automaticstyles.addElement(tstyle)
        table = Table(name=name, stylename=tstyle)
        for k, width in enumerate(widths):
            cstyle = Style(name=f"{name}c{k}", family="table-column")
            cstyle.addElement(TableColumnProperties(columnwidth=f"{width}cm"))
            self.doc.automaticstyles.addElement(cstyle)
            table.addElement(TableColumn(stylename=cstyle))
        line = "0.5pt solid #000000"
        for r, row in enumerate(rows):
            tr = TableRow()
            for c, text in enumerate(row):
                props: dict[str, str] = {"padding": "0.06cm"}
                if borders == "all":
                    props["border"] = line
                elif borders == "header" and r == 0:
                    props["borderbottom"] = line
                elif borders == "box":
                    props["borderleft"] = line if c == 0 else "none"
                    props["borderright"] = line if c == len(row) - 1 else "none"
                    props["bordertop"] = line if r == 0 else "none"
                    props["borderbottom"] = line if r == len(rows) - 1 else "none"
                key = ("cell", tuple(sorted(props.items())))
                if key not in self._styles:
                    cs = Style(name=self._name("C"), family="table-cell")
                    cs.addElement(TableCellProperties(**props))
                    self.doc.automaticstyles.addElement(cs)
                    self._styles[key] = cs
                cell = Cell(stylename=self._styles[key], valuetype="string")
                align = {"r": "end", "c": "center"}.get(aligns[c] if c < len(aligns) else "l", "start")
                bold = (bold_first and r == 0) or r in bold_rows
                cell.addElement(self.para(text, size=size, bold=bold, align=align, mono=mono, after=0))
                tr.addElement(cell)
            table.addElement(tr)
        if add:
            self.doc.text.addElement(table)
        return table

    def frame(self, x: float, y: float, width: float, height: float, lines: list[tuple[str, dict[str, Any]]],
              border: bool = False) -> None:  # fmt: skip
        """A text box at (x, y) cm from the first paragraph of the body (added first if none)."""
        if self._anchor is None:
            self.add("")
        assert self._anchor is not None
        key = ("frame", border)
        if key not in self._styles:
            style = Style(name=self._name("F"), family="graphic")
            style.addElement(GraphicProperties(border="0.5pt solid #000000" if border else "none", padding="0.15cm",
                                               verticalpos="from-top", verticalrel="paragraph",
                                               horizontalpos="from-left", horizontalrel="paragraph",
                                               wrap="none", runthrough="foreground", fill="none",
                                               backgroundcolor="transparent"))  # fmt: skip
            self.doc.automaticstyles.addElement(style)
            self._styles[key] = style
        frame = Frame(stylename=self._styles[key], width=f"{width}cm", height=f"{height}cm",
                      anchortype="paragraph", x=f"{x}cm", y=f"{y}cm", name=self._name("Fr"))  # fmt: skip
        box = TextBox()
        for text, style in lines:
            box.addElement(self.para(text, **style))
        frame.addElement(box)
        self._anchor.addElement(frame)

    def save(self, path: Path) -> None:
        self.doc.save(str(path))


def _add_text(p: P, text: str) -> None:
    """Text with runs of spaces kept (ODF collapses them unless written as text:s)."""
    run = ""
    k = 0
    while k < len(text):
        if text[k] == " " and k + 1 < len(text) and text[k + 1] == " ":
            j = k
            while j < len(text) and text[j] == " ":
                j += 1
            if run:
                p.addText(run + " ")
                run = ""
            else:
                p.addText(" ")
            p.addElement(S(c=j - k - 1))
            k = j
            continue
        run += text[k]
        k += 1
    if run:
        p.addText(run)
