"""Two layouts of evals/synth22 typeset by groff (``groff -ms -t -Tpdf``): a business letter with the invoice
in a tbl table, and a boxed tbl form. troff sets the text itself — kerning, its own word spacing, a footer
drawn by the page trap — so the text layer is not fpdf2's.

groff's stock PDF fonts carry no Central European letters, so the descriptions of the URW base-35 faces
(Debian fonts-urw-base35) are made once a run with groff's afmtodit, with every glyph the fonts have."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from evals.synth22 import words as wd
from evals.synth22.layouts import FontsMissing, facts, flags, footer_texts, payment_texts
from evals.synth22.model import Doc

URW = Path("/usr/share/fonts/type1/urw-base35")
FONTS = {
    "HR": "NimbusSans-Regular",
    "HB": "NimbusSans-Bold",
    "TR": "NimbusRoman-Regular",
    "TB": "NimbusRoman-Bold",
}
EPOCH = "1767225600"  # 2026-01-01: the PDFs' dates, whatever the clock says


class GroffMissing(FontsMissing):
    """groff (with gropdf) or the URW fonts are not installed here."""


def find_groff() -> str | None:
    groff = shutil.which("groff")
    if groff is None or shutil.which("gropdf") is None or shutil.which("afmtodit") is None:
        return None
    if not all((URW / f"{name}.afm").is_file() for name in FONTS.values()):
        return None
    return groff


def font_dir() -> Path:
    """A font folder (``groff -F``) whose devpdf holds the URW faces with all their glyphs; made once."""
    system = Path(
        subprocess.run(["groff", "--version"], capture_output=True, text=True, check=False).stdout.split(
            "\n"
        )[0]
    )
    key = hashlib.sha256(f"{system}{sorted(FONTS.items())}".encode()).hexdigest()[:10]
    root = Path(tempfile.gettempdir()) / f"opsloop-synth22-groff-{key}"
    if (root / "devpdf" / "download").is_file():
        return root
    stock = next((p for p in Path("/usr/share/groff").glob("*/font/devpdf") if (p / "DESC").is_file()), None)
    if stock is None:
        raise GroffMissing("groff's devpdf fonts are missing (Debian groff)")
    work = Path(tempfile.mkdtemp(prefix="synth22-groff-"))
    dev = work / "devpdf"
    dev.mkdir()
    shutil.copy(stock / "DESC", dev / "DESC")
    for name, face in FONTS.items():
        subprocess.run(["afmtodit", "-e", str(stock / "enc" / "text.enc"), str(URW / f"{face}.afm"),
                        str(stock / "map" / "textmap"), name], cwd=dev, capture_output=True, check=True)  # fmt: skip
    (dev / "download").write_text("".join(f"\t{face}\t{URW / face}.t1\n" for face in FONTS.values()))
    try:
        work.rename(root)
    except OSError:  # another process made it first
        shutil.rmtree(work, ignore_errors=True)
    return root


def render(source: str) -> bytes:
    groff = find_groff()
    if groff is None:
        raise GroffMissing(
            "groff, gropdf or the URW fonts are not installed (run .ci/services.sh ensure_groff)"
        )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run([groff, "-F", str(font_dir()), "-k", "-ms", "-t", "-Tpdf", "-dpaper=a4", "-P-pa4"],
                            input=source.encode(), capture_output=True, env=env, timeout=60, check=False)  # fmt: skip
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF"):
        raise RuntimeError(f"groff failed: {result.stderr.decode(errors='replace')[-400:]!r}")
    return result.stdout


def esc(text: str) -> str:
    """``text`` safe in troff input: backslashes and straight quotes kept as printed, no request at a line
    start."""
    text = text.replace("\\", "\\e").replace("'", "\\(aq")
    return "\\&" + text if text[:1] in (".", "'") else text


def _preamble(doc: Doc, family: str, rng: random.Random) -> list[str]:
    size = rng.choice([9, 10, 10])
    doc.factors["font"] = f"groff {family}R"
    return [
        ".nr PO 2c", ".nr LL 17c", ".nr HM 1.5c", ".nr FM 3.2c", f".nr PS {size}", f".nr VS {size + 2}",
        ".pl 29.7c", ".po 2c", ".ll 17c", f".fam {family}", f".ps {size}", f".vs {size + 2}", ".nh",
        ".ds CH", ".ds LH", ".ds RH",  # no page-number header
    ]  # fmt: skip


def _footer(doc: Doc, f: dict[str, bool]) -> list[str]:
    """The bottom title of every page: the footer's three columns set at tab stops."""
    columns = footer_texts(doc, f)
    rows = [[c[i] if i < len(c) else "" for c in columns] for i in range(max(len(c) for c in columns))]
    lines = [".de BT", ".ev 1", ".ps 7", ".vs 9", ".ta 5.6c 11.8c", ".nf", "\\D'l 17c 0'", ".sp 0.3"]
    lines += ["\t".join(esc(cell) for cell in row) for row in rows]
    return [*lines, ".fi", ".ev", ".."]


def _items(doc: Doc, keys: Sequence[str], box: str) -> list[str]:
    """The item table: a header row, a row a line, then the totals right-aligned under it (tbl spans)."""
    heads = {"item": doc.word("item"), "qty": doc.word("qty"), "unit": doc.word("unit"), "price": doc.word("price"),
             "amount": doc.word("amount"), "article": doc.word("article"), "vat": "%"}  # fmt: skip
    cells: dict[str, Callable[..., str]] = {
        "item": lambda line: line.name, "qty": lambda line: doc.qty(line.qty), "unit": lambda line: line.unit,
        "price": lambda line: doc.num(line.price), "amount": lambda line: doc.num(line.total),
        "article": lambda line: line.article, "vat": lambda line: line.rate.replace(".", doc.style[1]),
    }  # fmt: skip
    align = {"item": "lx", "qty": "r", "unit": "l", "price": "r", "amount": "r", "article": "l", "vat": "r"}
    n = len(keys)
    out = [
        ".TS H",
        f"{box} tab(\t);",
        " ".join("lB" if k in ("item", "article", "unit") else "rB" for k in keys),
    ]
    out.append(" ".join(align[k] for k in keys) + ".")
    out.append("\t".join(esc(heads[k]) for k in keys))
    out.append("_")
    out.append(".TH")
    for line in doc.lines:
        out.append("\t".join(esc(cells[k](line)) for k in keys))
    out.append("_")
    out.append(".T&")
    out.append(" ".join(["r"] + ["s"] * (n - 2) + ["r"]) + ".")
    out.append(f"{esc(doc.word('net'))}\t{esc(doc.num(doc.net))}")
    for rate, (base, tax) in doc.vat.items():
        label = doc.word("vat", rate=doc.rate(rate)) + (f" ({doc.num(base)})" if len(doc.vat) > 1 else "")
        out.append(f"{esc(label)}\t{esc(doc.num(tax))}")
    out.append(".T&")
    out.append(" ".join(["rB"] + ["s"] * (n - 2) + ["rB"]) + ".")
    out.append(f"{esc(doc.word('total'))}\t{esc(doc.money(doc.total))}")
    if doc.paid:
        out.append(f"{esc(doc.word('paid'))}\t{esc(doc.num(-doc.paid))}")
        out.append(f"{esc(doc.word('balance'))}\t{esc(doc.money(doc.due_amount))}")
    out.append(".TE")
    return out


def _prose(doc: Doc, f: dict[str, bool], *, bank: bool) -> list[str]:
    """The payment sentences (layouts.payment_texts), a paragraph each."""
    return [part for text in payment_texts(doc, f, bank=bank) for part in (".LP", esc(text))]


def letter(doc: Doc, rng: random.Random) -> str:
    """A business letter: the letterhead right, a small return line over the buyer's address, the place and
    date, the invoice as the subject, the lines and totals in one tbl table, the payment terms and the bank in
    sentences, a signature."""
    f = flags(doc, rng)
    p = doc.seller
    src = _preamble(doc, rng.choice(["H", "T"]), rng) + _footer(doc, f)
    src += [
        ".nf",
        ".rj 4",
        f"\\s+6\\fB{esc(p.name)}\\fP\\s0",
        esc(p.street),
        esc(p.town),
        esc(p.email),
    ]
    src += [".sp 1.2c", f"\\s-3{esc(p.name)} \\(bu {esc(p.street)} \\(bu {esc(p.town)}\\s0", ".sp 0.3"]
    src += [f"\\fB{esc(doc.buyer.name)}\\fP", esc(doc.buyer.street), esc(doc.buyer.town)]
    if doc.reverse:
        src.append(esc(doc.buyer.vat_printed))
    src += [".sp 1", ".rj 1", esc(f"{p.city}, {doc.date(doc.issued)}"), ".sp 1"]
    pairs = facts(doc, f)[2:]  # the number is the subject, the date stands above
    src.append(f"\\s+3\\fB{esc(doc.word('title'))} {esc(doc.number)}\\fP\\s0")
    if pairs:
        src += [".sp 0.4", ".ta 5c"] + [f"{esc(label)}:\t{esc(value)}" for label, value in pairs]
    src += [".fi", ".sp 1"]
    keys = ["item", "qty", "unit", "price", "amount"] if rng.random() < 0.6 else ["article", "item", "qty", "price",
                                                                                   "vat", "amount"]  # fmt: skip
    src += _items(doc, keys, rng.choice(["box", "center", "doublebox"]))
    src += _prose(doc, f, bank=rng.random() < 0.5)
    given, family = wd.PERSONS[doc.lang]
    person = f"{rng.choice(given)} {rng.choice(family)}"
    src += [".sp 1.5", ".nf", person, esc(p.name), ".fi"]
    return "\n".join(src) + "\n"


def grid(doc: Doc, rng: random.Random) -> str:
    """A boxed form: the parties side by side, the reference facts in a grid of cells with the label above or
    under the value, the lines in an allbox table."""
    f = flags(doc, rng)
    p = doc.seller
    src = _preamble(doc, rng.choice(["H", "H", "T"]), rng) + _footer(doc, f)
    src += [".nf", f"\\s+8\\fB{esc(doc.word('title'))}\\fP\\s0", ".fi", ".sp 0.5"]
    src += [
        ".TS",
        "box tab(\t);",
        "lB | lB",
        "l | l.",
        f"{esc(doc.word('seller'))}\t{esc(doc.word('buyer'))}",
    ]
    src += [f"{esc(p.name)}\t{esc(doc.buyer.name)}", f"{esc(p.street)}\t{esc(doc.buyer.street)}",
            f"{esc(p.town)}\t{esc(doc.buyer.town)}"]  # fmt: skip
    if doc.reverse:
        src.append(f"{esc(p.vat_printed)}\t{esc(doc.buyer.vat_printed)}")
    src += [".TE", ".sp 0.5"]
    pairs = facts(doc, f, note=rng.random() < 0.3)
    under = rng.random() < 0.5
    doc.factors["label_under"] = str(under).lower()
    labels = "\t".join(f"\\s-2{esc(label)}\\s0" for label, _ in pairs)
    values = "\t".join(f"\\fB{esc(value)}\\fP" for _, value in pairs)
    src += [".TS", "allbox tab(\t);", " ".join(["l"] * len(pairs)) + "."]
    src += [values, labels] if under else [labels, values]
    src += [".TE", ".sp 0.5"]
    keys = ["article", "item", "qty", "unit", "price", "amount"] if rng.random() < 0.5 else ["item", "qty", "unit",
                                                                                             "price", "vat", "amount"]  # fmt: skip
    src += _items(doc, keys, "allbox")
    src += _prose(doc, f, bank=False)
    return "\n".join(src) + "\n"


TROFF: dict[str, Callable[[Doc, random.Random], str]] = {"troff_letter": letter, "troff_grid": grid}
