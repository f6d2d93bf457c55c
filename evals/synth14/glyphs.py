"""PostScript glyph names for the characters evals/synth14's documents print: the Adobe Glyph List names the
URW base-35 fonts (Ghostscript's Helvetica, Times and Courier) carry, derived from each character's Unicode
name, so a document re-encodes its fonts with exactly the characters it uses (Ghostscript's pdfwrite then
writes a ToUnicode map from the names, and the text layer reads back)."""

from __future__ import annotations

import unicodedata

SPECIAL = {
    "ß": "germandbls", "æ": "ae", "Æ": "AE", "ø": "oslash", "Ø": "Oslash", "€": "Euro", "ı": "dotlessi",
    "İ": "Idotaccent", "–": "endash", "—": "emdash", "„": "quotedblbase", "“": "quotedblleft",
    "”": "quotedblright", "’": "quoteright", "‘": "quoteleft", "·": "periodcentered", "•": "bullet",
    "«": "guillemotleft", "»": "guillemotright", "°": "degree", "×": "multiply", "§": "section",
    "²": "twosuperior", "³": "threesuperior", "º": "ordmasculine", "ª": "ordfeminine", "£": "sterling",
    "\u00a0": "space", "œ": "oe", "Œ": "OE", "ł": "lslash", "Ł": "Lslash", "đ": "dcroat", "Đ": "Dcroat",
    "ș": "scommaaccent", "Ș": "Scommaaccent", "ț": "uni021B", "Ț": "uni021A","…": "ellipsis",
    "‚": "quotesinglbase", "¦": "brokenbar", "¬": "logicalnot", "'": "quotesingle", "`": "grave", "µ": "mu", "÷": "divide", "±": "plusminus",
}  # fmt: skip
ACCENTS = {
    "DIAERESIS": "dieresis", "ACUTE": "acute", "GRAVE": "grave", "CIRCUMFLEX": "circumflex", "TILDE": "tilde",
    "RING ABOVE": "ring", "CEDILLA": "cedilla", "CARON": "caron", "OGONEK": "ogonek", "DOUBLE ACUTE": "hungarumlaut",
    "BREVE": "breve", "DOT ABOVE": "dotaccent", "MACRON": "macron",
}  # fmt: skip


def glyph_name(char: str) -> str:
    """The glyph's PostScript name (``uniXXXX`` for one this table cannot name)."""
    if char in SPECIAL:
        return SPECIAL[char]
    name = unicodedata.name(char, "")
    for kind in ("SMALL", "CAPITAL"):
        head = f"LATIN {kind} LETTER "
        if name.startswith(head) and " WITH " in name:
            letter, accent = name[len(head) :].split(" WITH ", 1)
            if len(letter) == 1 and accent in ACCENTS:
                return (letter.lower() if kind == "SMALL" else letter) + ACCENTS[accent]
    return f"uni{ord(char):04X}"
