"""The invoice generators the eval scores besides evals/synth, one row each: where the generator lives, its
seed, what prints its PDFs, and what its sets are worth as "documents nobody tuned on".

A row gives the eval its options (``--<key> DIR``, ``--generate-<key> N``, ``--<key>-seed S``), its source
prefix (``<key>:<set folder>``) and its cache (``var/evals/<package's last part>``). Adding a generator is
adding a row: its package's ``dataset`` module writes a set (``write_dataset(folder, count, seed)`` → rows
with ``not_on_page``) and, when ``fingerprinted``, names its code (``fingerprint()``), so a changed
generator writes a new set.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEVELOPMENT = "development"
"""A development source: written to find misses; they are listed, read and fixed (main table)."""
TUNED = "tuned"
"""Held out once; its misses were read and fixed since: a development source, still reported apart."""
HELDOUT = "heldout"
"""The held-out source: nobody tunes on it; its misses are counted, not listed (evals/README.md)."""

HELDOUT_NOTE = "never tuned on — do not tune on it (evals/README.md, held-out source)"
TUNED_HELDOUT_NOTE = (
    "tuned on since its misses were read — a development source now, reported apart (evals/README.md)"
)


PARTY_AND_MONEY_FIELDS = (
    "vendor",
    "buyer",
    "invoice_number",
    "invoice_date",
    "due_date",
    "total",
    "amount_due",
    "currency",
    "vendor_vat_id",
    "vendor_iban",
)
"""The fields most generators' per-factor tables show (the parties, the money, the payee's ids)."""


@dataclass(frozen=True)
class Generator:
    key: str
    """The source family ("heldout5"), its options and its prefix."""
    package: str
    """The generator's package ("evals.synth6")."""
    seed: int
    """The eval's seed (training uses other seeds: evals/train_fields.py)."""
    ordinal: str
    """Which generator it is ("sixth"), for the lines the eval prints."""
    producer: str
    """What prints its PDFs."""
    role: str
    """DEVELOPMENT, TUNED or HELDOUT."""
    refusal: str = "dataset:LibreOfficeMissing"
    """``module:Exception`` (module inside the package) raised when the set cannot be written here."""
    fingerprinted: bool = True
    requires: str | None = None
    """``module:function`` returning None when a program the generator needs is missing (checked before
    any folder is written), with ``requires_hint`` saying how to get it."""
    requires_hint: str = ""
    factor_fields: tuple[str, ...] = ("vendor", "buyer")
    """The fields the eval prints per factor of the set (a generator that records ``_synth.factors``)."""

    @property
    def prefix(self) -> str:
        return f"{self.key}:"

    @property
    def cache(self) -> Path:
        return Path("var/evals") / self.package.rsplit(".", 1)[-1]

    @property
    def heldout(self) -> bool:
        """Reported apart, misses counted and not listed unless asked for."""
        return self.role in (TUNED, HELDOUT)

    def describe(self) -> str:
        worth = {
            DEVELOPMENT: "a development source",
            TUNED: "held out until its misses were read, tuned on since",
            HELDOUT: "the held-out source: never tune on it",
        }[self.role]
        return f"a set of the {self.ordinal} generator (python -m {self.package}, {self.producer}); {worth}"

    def _attribute(self, spec: str) -> Any:
        module, name = spec.split(":")
        return getattr(importlib.import_module(f"{self.package}.{module}"), name)

    def write_set(self, count: int, seed: int | None = None, cache: Path | None = None) -> Path | None:
        """The set for (count, seed), written once under the cache; None, with a line saying why, when it
        cannot be written here (a dev dependency, a program or fonts missing)."""
        seed = self.seed if seed is None else seed
        if self.requires is not None and self._attribute(self.requires)() is None:
            print(f"{self.key}: skipped — {self.requires_hint}", file=sys.stderr)
            return None
        try:
            dataset = importlib.import_module(f"{self.package}.dataset")
            refusal: type[Exception] = self._attribute(self.refusal)
        except ImportError as error:  # the producer's Python package is a dev dependency
            print(f"{self.key}: skipped — {error} (pip install -e '.[dev]')", file=sys.stderr)
            return None
        name = f"pdf-s{seed}-n{count}" + (f"-{dataset.fingerprint()}" if self.fingerprinted else "")
        folder = (cache or self.cache) / name
        if (folder / "manifest.jsonl").is_file():
            return folder
        print(f"generating {count} invoices ({self.package}, seed {seed}) into {folder} …", file=sys.stderr)
        try:
            rows = dataset.write_dataset(folder, count, seed)
        except refusal as error:
            print(f"{self.key}: skipped — {error}", file=sys.stderr)
            return None
        gaps = sum(1 for row in rows if row["not_on_page"])
        if gaps:
            print(f"{self.key}: {gaps} documents print a truth value the text layer does not show "
                  f"({folder / 'manifest.jsonl'}: not_on_page)", file=sys.stderr)  # fmt: skip
        return folder


GENERATORS: tuple[Generator, ...] = (
    Generator("synth7", "evals.synth7", 7079, "seventh", "LibreOffice Writer from ODT (odfpy)", DEVELOPMENT),
    Generator(
        "synth8",
        "evals.synth8",
        8089,
        "eighth",
        "Typst with system fonts (the parties' presentation drawn as factors)",
        DEVELOPMENT,
        refusal="dataset:TypstMissing",
    ),
    Generator(
        "synth9",
        "evals.synth9",
        9091,
        "ninth",
        "wkhtmltopdf (invoicing-software pages)",
        DEVELOPMENT,
        refusal="dataset:WkhtmltopdfMissing",
    ),
    Generator(
        "synth10",
        "evals.synth10",
        10103,
        "tenth",
        "ReportLab canvas with hand-written text operators (producers' emission quirks drawn as factors)",
        DEVELOPMENT,
        refusal="dataset:FontsMissing",
        factor_fields=(
            "vendor",
            "buyer",
            "invoice_number",
            "invoice_date",
            "total",
            "amount_due",
            "vendor_iban",
        ),
    ),
    Generator(
        "synth11",
        "evals.synth11",
        11113,
        "eleventh",
        "LibreOffice Calc from .xlsx (openpyxl; the spreadsheet's quirks drawn as factors)",
        DEVELOPMENT,
        factor_fields=(
            "vendor",
            "buyer",
            "invoice_number",
            "invoice_date",
            "due_date",
            "total",
            "amount_due",
        ),
    ),
    Generator(
        "synth12",
        "evals.synth12",
        12127,
        "twelfth",
        "ReportLab canvas (invoices people type themselves: persons and trade names as sellers, forms of "
        "address, attention lines, made-up ids, withholding, deposits, prose terms drawn as factors)",
        DEVELOPMENT,
        refusal="dataset:FontsMissing",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth13",
        "evals.synth13",
        13127,
        "thirteenth",
        "python-docx → LibreOffice Writer (word-processor templates: headers and footers, tables with and "
        "without borders, tab stops with dot leaders, letter-spaced and small-capital names, letters drawn "
        "as factors)",
        DEVELOPMENT,
        factor_fields=(
            "vendor",
            "buyer",
            "invoice_number",
            "invoice_date",
            "due_date",
            "total",
            "currency",
            "vendor_vat_id",
            "vendor_iban",
        ),
    ),
    Generator(
        "synth14",
        "evals.synth14",
        14143,
        "fourteenth",
        "hand-written PostScript → Ghostscript (bills and statements of billing runs: utilities, telecom, "
        "subscriptions, insurers, hotels, car rental, forwarders, law firms, public bodies; billing periods, "
        "account summaries, remittance slips, brands beside legal entities drawn as factors)",
        DEVELOPMENT,
        refusal="dataset:GhostscriptMissing",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth15",
        "evals.synth15",
        15157,
        "fifteenth",
        "HTML → headless Chromium (web-shop order confirmations, receipts of software and payment services, "
        "marketplace invoices naming the seller, hosting, travel and event invoices, invoices pasted into "
        "mail; printed from the browser with its own header and footer, or from a mail client's print view "
        "with forwarded and quoted messages, drawn as factors)",
        DEVELOPMENT,
        refusal="dataset:ChromiumMissing",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth16",
        "evals.synth16",
        16163,
        "sixteenth",
        "scans read by Tesseract (evals/synth14's and evals/synth5's documents in English, German, French and "
        "Dutch rendered to page images — resolution, turn, specks, blur, JPEG quality drawn as factors — under "
        "Tesseract's invisible text layer, OCR errors and all)",
        DEVELOPMENT,
        refusal="dataset:ScannerMissing",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth17",
        "evals.synth17",
        17171,
        "seventeenth",
        "HTML → headless Chromium (small businesses' invoices written by an outsider to the extractor: software "
        "receipts, a craftsman's letterhead, two-column B2B, credit notes, part-paid invoices, multi-page item "
        "lists, till receipts with VAT included, US-style invoices, boxed forms, the seller only in the footer; "
        "eleven languages)",
        DEVELOPMENT,
        refusal="dataset:ChromiumMissing",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth18",
        "evals.synth18",
        18181,
        "eighteenth",
        "ReportLab canvas and tables (invoices written by an outsider to the extractor: an accountant package's "
        "boxed header grid, a wholesaler's article lines with units and discounts, a telecom or utility bill with "
        "a balance brought forward, a spreadsheet-made invoice, a self-employed person's letter, credit notes, "
        "instalments, export invoices with Incoterms and two currencies; nine languages)",
        DEVELOPMENT,
        refusal="dataset:FontsMissing",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth19",
        "evals.synth19",
        19191,
        "nineteenth",
        "Typst (invoices written by an outsider to the extractor in the eleven core languages: factored invoices "
        "with a remit-to notice, a seller named only in a logo line and the footer, separate invoice and delivery "
        "addresses, boxed reference fields, multi-page invoices with carried-forward subtotals, early-payment "
        "discounts, deposits deducted, VAT summaries, amounts in words, credit notes, a freelancer's letter, "
        "proformas)",
        DEVELOPMENT,
        refusal="dataset:TypstMissing",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth20",
        "evals.synth20",
        20202,
        "twentieth",
        "LibreOffice from office documents (written by an outsider to the extractor: spreadsheet invoices from "
        ".xlsx — logo cell, merged cells, gridlines, formulas, locale number formats, a VAT summary, deposits, "
        "proformas, multi-page lists carried forward under a repeated page header — and word-processor invoices "
        "from .docx — letterheads in the page header, footers with bank and registration, tab stops, frames, a "
        "freelancer's letter, a factoring notice, credit notes referencing the invoice; eleven languages)",
        DEVELOPMENT,
        refusal="dataset:LibreOfficeMissing",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth21",
        "evals.synth21",
        21211,
        "twenty-first",
        "LaTeX / pdfTeX (written by an outsider to the extractor in the eleven core languages: KOMA-Script "
        "scrlttr2 letters with a return line and a reference line, tabularx articles, minipage headers, multi-page "
        "lists with carried-forward subtotals, credit notes, a freelancer's hours, small capitals and "
        "letter-spacing, footer columns with bank, VAT id and registry, a boxed grid; ligatures, hyphenation)",
        DEVELOPMENT,
        refusal="dataset:TexMissing",
        requires="dataset:find_tex",
        requires_hint="no pdflatex to typeset the set (run .ci/services.sh ensure_texlive)",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth22",
        "evals.synth22",
        22223,
        "twenty-second",
        "fpdf2 and groff (written by an outsider to the extractor in fourteen languages — the eleven core ones, "
        "Finnish, Hungarian and Romanian: a packing slip and the invoice on one sheet, a freelancer's hours and rates "
        "with a mileage line, a wholesaler's prices per 100 or 1000 units, a collective invoice grouped under "
        "delivery notes with subtotals, decimal quantities with units, a foreign-currency invoice with the exchange "
        "rate and the VAT in the home currency, a seller named only in the logo line and the bank footer, labels "
        "under their values, totals on page two after a carried-forward line, a cash-discount line; a troff "
        "business letter and a boxed tbl form typeset by groff -Tpdf)",
        DEVELOPMENT,
        refusal="dataset:FontsMissing",
        requires="dataset:find_fonts",
        requires_hint="no DejaVu / Liberation fonts, groff or URW fonts to print the set (run .ci/services.sh "
        "ensure_libreoffice and ensure_groff)",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth23",
        "evals.synth23",
        23231,
        "twenty-third",
        "WeasyPrint from HTML and CSS (written by an outsider to the extractor in fourteen languages the others hardly "
        "print — Russian, Ukrainian, Bulgarian, Greek, Estonian, Latvian, Lithuanian, Slovenian, Slovak, Croatian, "
        "Catalan, Icelandic, Malay, Turkish: one column, a two-column header, labels under values, a boxed grid, a "
        "letterhead with the company's data in the footer, a statement of deliveries with an advance deducted, a "
        "bilingual form, a narrow receipt, a payment box above the title; genitive month names, local tax ids and "
        "bank codes)",
        DEVELOPMENT,
        refusal="dataset:WeasyPrintMissing",
        requires="dataset:find_weasyprint",
        requires_hint="no WeasyPrint or DejaVu / Liberation fonts to print the set (pip install -e '.[dev]'; run "
        ".ci/services.sh ensure_libreoffice)",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth24",
        "evals.synth24",
        24241,
        "twenty-fourth",
        "PDFKit pages run by Node (written by an outsider to the extractor as an accounts-payable clerk receives "
        "invoices in fifteen languages — en, de, fr, nl, es, it, pt, pl, sv, da, cs, ro, hu, fi, nb — with each "
        "country's conventions: legal mentions, tax and registry ids with valid check digits, national payment "
        "references and slips (OCR, KID, viitenumero, FI-kort, structured communication, a Swiss QR-bill, a "
        "GiroCode), local number and date forms; a DIN 5008 letter, seller and buyer side by side, a French page of "
        "mentions, an Italian boxed grid, a Nordic invoice over a giro, a remittance tear-off, a multi-page list "
        "carried forward, a coloured band, labels under values, an accountant's ledger, a freelancer's letter, a "
        "form of ruled boxes)",
        DEVELOPMENT,
        refusal="dataset:PdfkitMissing",
        requires="dataset:find_pdfkit",
        requires_hint="no Node, PDFKit or DejaVu / Liberation fonts to print the set (run .ci/services.sh "
        "ensure_pdfkit)",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "synth25",
        "evals.synth25",
        25251,
        "twenty-fifth",
        "LuaLaTeX with OpenType fonts through fontspec (written by an outsider to the extractor in the eleven core "
        "languages as small businesses print invoices: a letterhead, a coloured band, a seller named only in the "
        "header and footer, From / To side by side, a boxed grid, a freelancer's letter, a list carried forward "
        "over pages, a till receipt, a VAT summary table, labels under values, credit notes, a sidebar holding the "
        "seller, a centred title holding the number; discounts, shipping, several VAT rates, deposits)",
        DEVELOPMENT,
        refusal="dataset:LuaTexMissing",
        requires="dataset:find_lualatex",
        requires_hint="no lualatex to typeset the set (run .ci/services.sh ensure_lualatex)",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "erp1",
        "evals.erp1",
        1201,
        "Tryton-printed",
        "Tryton 8.2's invoice report (relatorio → LibreOffice)",
        DEVELOPMENT,
        refusal="dataset:TrytonMissing",
        requires="dataset:find_tryton",
        requires_hint="no Tryton virtualenv or LibreOffice to print the set (run .ci/tryton/install.sh)",
        factor_fields=(
            "vendor",
            "buyer",
            "invoice_number",
            "invoice_date",
            "due_date",
            "total",
            "vendor_vat_id",
        ),
    ),
    Generator(
        "einv",
        "evals.einvoices",
        1616,
        "e-invoice",
        "no printer: UBL 2.1 Invoice/CreditNote (Peppol BIS 3, XRechnung-UBL) and FatturaPA v1.2 XML written "
        "with lxml, read by the e-invoice reader; score.py checks every field exactly",
        DEVELOPMENT,
        refusal="dataset:GeneratorUnavailable",
        factor_fields=PARTY_AND_MONEY_FIELDS,
    ),
    Generator(
        "heldout",
        "evals.synth2",
        2025,
        "second",
        "headless Chromium",
        TUNED,
        refusal="browser:BrowserError",
        fingerprinted=False,
        requires="browser:find_chromium",
        requires_hint="no Chromium to print the held-out set (install chromium or set OPSLOOP_SYNTH2_CHROMIUM)",
    ),
    Generator("heldout2", "evals.synth3", 3031, "third", "ReportLab", TUNED, refusal="sheet:FontsMissing"),
    Generator("heldout3", "evals.synth4", 4049, "fourth", "Typst", TUNED, refusal="dataset:TypstMissing"),
    Generator(
        "heldout4", "evals.synth5", 5051, "fifth", "WeasyPrint", TUNED, refusal="dataset:WeasyPrintMissing"
    ),
    Generator("heldout5", "evals.synth6", 6067, "sixth", "LibreOffice Writer from .docx", HELDOUT),
)
"""In the order the eval scores and prints them: development sources first, then the held-out ones."""

BY_KEY = {generator.key: generator for generator in GENERATORS}


def generator_of(source: str) -> Generator | None:
    """The generator whose set a source (``heldout5:pdf-s6067-n150-…``) is, if any."""
    return BY_KEY.get(source.split(":", 1)[0]) if ":" in source else None


def heldout_note(source: str) -> str:
    """What a held-out set's figures are worth: synth2's to synth5's sets have all been tuned on."""
    generator = generator_of(source)
    return TUNED_HELDOUT_NOTE if generator is not None and generator.role == TUNED else HELDOUT_NOTE
