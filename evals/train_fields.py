"""Train the learned field scorer (opsloop/extract/scorer/field_model.json) reproducibly, and print its
leave-one-source-out figures beside the hand rules', with the calibration error of every field's
confidence on sources held out of both the model and the calibration.

    python -m evals.train_fields [--data ../shared/data/invoices] [--synth-count 270]
        [--generated-count 150] [--seed 7] [--exclude-source S]
        [--out src/opsloop/extract/scorer/field_model.json] [--report PATH]

Data (twenty-five sources): the development files (invoice2data's PDFs, the ZUGFeRD PDFs read as text only,
the SROIE receipt texts), invoices generated here from evals/synth (random parties, numbers, dates and
amounts printed in every layout and locale of evals/synth), and sets of the other generators
(evals/synth2: HTML printed by headless Chromium; evals/synth3: ReportLab; evals/synth4: Typst;
evals/synth5: WeasyPrint; evals/synth7: LibreOffice from ODT; evals/synth8: Typst, the parties as factors; evals/synth9: wkhtmltopdf; evals/synth10: hand-written text operators; evals/synth11: LibreOffice Calc from .xlsx;
evals/synth12: ReportLab, invoices people type themselves; evals/synth13: python-docx printed by LibreOffice
Writer, word-processor templates; evals/synth14: PostScript printed by Ghostscript, bills and statements of
document-composition systems; evals/synth15: HTML printed by headless Chromium with its print header and
footer, or from a mail client's print view: web-shop, software and marketplace invoices and receipts; evals/synth17:
HTML printed by headless Chromium, small businesses' invoices written by an outsider to the extractor; evals/synth18:
ReportLab, another outsider's: accountants' packages, wholesalers, utility bills, instalments, export invoices; evals/synth19:
Typst, a third outsider's, eleven core languages: factoring notices, seller only in a logo line and footer, labels under
values, carried-forward subtotals; evals/synth20: LibreOffice from .xlsx and .docx, a fourth outsider's office
documents; evals/synth21: LaTeX / pdfTeX letters and articles; evals/synth22: fpdf2 and groff, packing slips,
hours, prices per 100, collective invoices; evals/synth23: WeasyPrint, fourteen languages the others hardly
print — Cyrillic, Greek, Baltic, Turkish, Malay; evals/synth24: PDFKit run by Node, fifteen countries' conventions; evals/synth25: LuaLaTeX with OpenType fonts, small businesses' invoices in eleven languages),
written once under var/train with the
training seed (never the eval's seeds: synth 101, synth2 2025, synth3 3031, synth4 4049, synth5 5051, synth7 7079, synth8 8089, synth9 9091, synth10 10103, synth11 11113, synth12 12127, synth13 13127, synth14 14143, synth15 15157, synth17 17171, synth18 18181, synth19 19191, synth20 20202, synth21 21211, synth22 22223, synth23 23231, synth24 24241, synth25 25251) and read as the eval reads them (the PDF's text layer). A generator that
cannot run here (no Chromium) is left out and said. Each candidate the engine proposes is labelled by
comparing its value with the truth, with this script's own small normalisers (nothing of opsloop's
parsing decides what is true; an item table is read right when the eval's line F1, evals.invoices.run,
is 1.0). Features name no vendor and no document's wording (see
opsloop.extract.scorer.candidates and opsloop.extract.scorer.kinds). Every calibrator (headline and rule
fields) is fitted on the eval's own judgement of right (`eval_right`: evals.invoices.run's strict name
tokens, a tax id's letters and digits, amounts to the cent), so a field's confidence is the probability
that the eval counts its value right; the scorer's ranking labels stay this script's looser ones.

Per headline field: a logistic regression (scikit-learn, deterministic solver) over the candidates.
Where the hand rules beat the model on leave-one-source-out, the field keeps the rules' choice
(``mode: rules``) and the model only calibrates its confidence. The confidence: a logistic calibrator
over the choice's features (score, margin, agreement with the rules, number of candidates and, unless
``-4``, the rules' own confidence), as it is (Platt) or through an isotonic map, fitted on
leave-one-source-out predictions (each source scored by a model that never saw it), or through a
robust map (``robust``: few bins, each bin's rate moved towards a low quantile of the sources' rates,
each source one vote, so that a big easy source does not set the curve and a bin one source reads
worse is lowered towards it: the probability on a source never seen); each field keeps
the method whose mean ECE over held-out sources is lowest, where a held-out source s is calibrated by
a calibrator fitted on the other sources' predictions from models that saw neither s nor them (nested
leave-one-source-out: s is out of both the model and the calibration).

Per headline field, a per-document combination of the two choices is scored out of sample too
(`held_out_combination`): where the model's best candidate and the rules' choice differ, the one the
evidence favours, ``evidence`` (the higher of the two choices' calibrated probabilities; the rules'
own confidence carries the kind of evidence they read the value from) or ``switch`` (a logistic
regression over both choices' features, fitted on the other sources' documents where exactly one of
the two is right); a field ships it (``mode: combined``) where it raises the mean of the sources by
COMBINE_MARGIN and lowers no source beyond noise (`COMBINE_Z`, a paired sign test). `--combination-only`
prints these figures alone (the deciders fitted on the other sources' held-out documents, not nested:
25 fits a field instead of 326) and writes no model.

Fields the hand rules alone read (VAT id, IBAN, buyer, PO numbers, subtotal, tax, amount due, document
type, the item table): a table of the probability that the value is right per evidence kind
(opsloop.extract.scorer.kinds), shrunk towards coarser kinds (``table-robust``: each kind's rate moved
towards a low quantile of its rate per source), or the isotonic (``robust-4``: robust) map of the rules'
fixed confidence, whichever has the lower mean ECE on held-out sources (`steadiest`).

`--exclude-source` trains without one source (the eval then loads that file with
OPSLOOP_EXTRACT__FIELD_MODEL). Same data and seed: the same file, byte for byte, for any ``--jobs``.
Each source's featurised documents are kept under var/train/features, named by a key of the engine's
files, this script's labelling code and the documents (`engine_key`, `features_key`): a rerun on the
same engine reads them back (35 s for the 4,117 documents) instead of featurising again (~45 min on the
loaded 2-core machine, reading included). Each headline field's candidates are one matrix that every
leave-one-source-out fold slices (`Candidates`); the fields are fitted side by side in ``--jobs``
processes with numerical libraries on one thread: 20.5 min on that machine in session 25 (6 fields ×
326 fits).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import pickle
import random
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import numpy as np

FIELDS = ("vendor", "invoice_number", "invoice_date", "due_date", "total", "currency")
SOURCES = (
    "invoice2data",
    "zugferd",
    "sroie",
    "synth",
    "synth2",
    "synth3",
    "synth4",
    "synth5",
    "synth7",
    "synth8",
    "synth9",
    "synth10",
    "synth11",
    "synth12",
    "synth13",
    "synth14",
    "synth15",
    "synth17",
    "synth18",
    "synth19",
    "synth20",
    "synth21",
    "synth22",
    "synth23",
    "synth24",
    "synth25",
)
GENERATED = (
    "synth",
    "synth2",
    "synth3",
    "synth4",
    "synth5",
    "synth7",
    "synth8",
    "synth9",
    "synth10",
    "synth11",
    "synth12",
    "synth13",
    "synth14",
    "synth15",
    "synth17",
    "synth18",
    "synth19",
    "synth20",
    "synth21",
    "synth22",
    "synth23",
    "synth24",
    "synth25",
)
"""Sources whose truth says a due date is absent when none is printed."""
TRAIN_SETS = Path("var/train")
"""Where the other generators' training sets are written (once per generator version, count and seed)."""
CALIBRATION_METHODS = (
    "platt",
    "isotonic",
    "platt-4",
    "isotonic-4",
    "platt+e",
    "isotonic+e",
    "robust",
    "robust-4",
    "robust+e",
)
"""How a field's confidence is read from its choice: a logistic calibrator over the choice's features
whose output is the probability (Platt scaling), or goes through an isotonic map fitted on it; over
all five features, or (``-4``) without the rules' own confidence. Each field keeps the one whose mean
ECE on sources held out of both the model and the calibration is lowest. ``isotonic-4`` is how the
model was calibrated before. ``+e``: over the five and the corroboration of the chosen value (how many
independent signals agree with it, `opsloop.extract.scorer.model.EVIDENCE_SIGNALS`), for the fields that
list such signals."""
TABLE_STRENGTH = 10.0
"""Pseudo-documents of the coarser kind's rate each evidence kind's rate is shrunk towards."""
RULE_METHODS = {"table": TABLE_STRENGTH, "table-strong": 4 * TABLE_STRENGTH}
"""Evidence tables a rule field may get (name: shrinkage strength); beside them ``isotonic-4``, the
isotonic map of the rules' fixed confidence (as before). Each field keeps the one whose mean ECE on
held-out sources is lowest, unless a near one holds its worst held-out source better (`steadiest`)."""
HAND_MARGIN = 0.01
"""A rule field keeps the rules' fixed confidence (no map) only where it beats every fit by this much
in mean held-out ECE: a fitted probability is the default, a hand-set number the exception."""
SELECT_TOLERANCE = 0.005
"""Mean held-out ECEs this close are a tie between a rule field's methods, broken by a worst source
better by more than SELECT_WORST_SHARE of it ..."""
SELECT_WORST_SHARE = 0.1
"""... (a held-out source's ECE is noisy in proportion to its size: 0.006 on 0.239 is no gain)."""
TABLE_MIN_WEIGHT = 3.0
"""An evidence kind seen less than this (in source-balanced documents) falls back to its coarser kind."""
DEFAULT_OUT = Path("src/opsloop/extract/scorer/field_model.json")
DEFAULT_REPORT = Path("evals/reports/field_model.json")
MODEL_MARGIN = 0.01
"""How much better (mean leave-one-source-out accuracy) the model must be to replace the rules' choice.
A point: at +0.004 the invoice-number model lost 13 points to the rules on evals/synth2, a source
outside its training (0.84 against 0.97)."""
VENDOR_RATIO = 92.0
"""A vendor candidate is the truth when the names, case and punctuation folded, are this alike (a
missing space or period, not another word)."""


# ---- truth normalisers (this script's own) ---------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_LEGAL_WORDS = frozenset(
    [
        "gmbh",
        "ag",
        "kg",
        "co",
        "ohg",
        "ug",
        "mbh",
        "sarl",
        "sas",
        "sa",
        "eurl",
        "srl",
        "spa",
        "sl",
        "bv",
        "nv",
        "vof",
        "ltd",
        "limited",
        "inc",
        "llc",
        "llp",
        "plc",
        "corp",
        "pvt",
        "private",
        "lda",
        "ab",
        "as",
        "aps",
        "sro",
        "sdn",
        "bhd",
        "berhad",
    ]
)
"""Legal-form words left out when a name is compared: a truth may carry the form or not."""


def norm_name(text: str | None) -> str:
    words = re.sub(r"[^\w]+", " ", _fold(text or "").lower().replace(".", "")).split()
    kept = [w for w in words if w not in _LEGAL_WORDS]
    return " ".join(kept or words)


def norm_id(text: str | None) -> str:
    return re.sub(r"[\s#]", "", text or "").upper()


def to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    text = re.sub(r"[^\d.,-]", "", str(value))
    if "," in text and "." in text:
        text = (
            text.replace(",", "")
            if text.rfind(".") > text.rfind(",")
            else text.replace(".", "").replace(",", ".")
        )
    elif "," in text:
        text = text.replace(",", ".") if len(text.rsplit(",", 1)[1]) == 2 else text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def to_date(value: Any) -> date | None:
    """ISO dates, and receipts' printed dates (day first; 2-digit years are 20xx)."""
    if not value:
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = re.search(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        try:
            return date(year, month, day)
        except ValueError:
            return None
    match = re.search(r"(\d{1,2})\s*([A-Za-z]{3})[A-Za-z]*\s*(\d{4})", text)
    if match and match.group(2).lower() in _MONTHS:
        try:
            return date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
        except ValueError:
            return None
    return None


def same_value(field_name: str, value: Any, truth: Any) -> bool:
    if truth is None or value is None:
        return False
    if isinstance(truth, (list, tuple)):  # names a truth accepts alike (a trade name and its owner)
        return any(same_value(field_name, value, one) for one in truth)
    if field_name == "vendor":
        from rapidfuzz import fuzz

        left, right = norm_name(str(value)), norm_name(str(truth))
        return bool(left) and (left == right or fuzz.ratio(left, right) >= VENDOR_RATIO)
    if field_name == "invoice_number":
        return norm_id(str(value)) == norm_id(str(truth))
    if field_name in ("invoice_date", "due_date"):
        return value == truth
    if field_name == "total":
        return isinstance(value, Decimal) and abs(abs(value) - abs(truth)) < Decimal("0.005")
    return str(value) == str(truth)


OTHER_FIELDS = (
    "subtotal",
    "tax_total",
    "amount_due",
    "buyer.name",
    "po_numbers",
    "document_type",
    "vendor.vat_id",
    "vendor.iban",
    "vendor.address",
    "lines",
)
"""Fields the hand rules alone read: the model maps their confidence to a probability (``lines``: that
every row of the item table is read)."""


def other_truth(gt: dict[str, Any]) -> dict[str, Any]:
    """The truth of the other fields in the ZUGFeRD projection (the generated set uses the same names)."""
    from evals.invoices.cases import true_address

    type_code = str(gt.get("type_code") or "")
    return {
        "subtotal": to_decimal(gt.get("tax_basis_total")),
        "tax_total": to_decimal(gt.get("tax_total")),
        "amount_due": to_decimal(gt.get("due_payable")),
        "buyer.name": gt.get("buyer_name"),
        "po_numbers": gt.get("po_numbers") or ([gt["po_number"]] if gt.get("po_number") else None),
        "document_type": ("credit_note" if type_code == "381" else "invoice") if type_code else None,
        "vendor.vat_id": gt.get("seller_vat_id"),
        "vendor.iban": gt.get("seller_iban"),
        "vendor.address": true_address(gt.get("seller")),
        "lines": [
            {"name": line.get("name") or "", "amounts": [line["line_total"]]}
            for line in gt.get("line_items") or []
            if line.get("line_total") is not None
        ]
        or None,
    }


EVAL_NAMES = {
    "buyer.name": "buyer",
    "po_numbers": "po_number",
    "vendor.vat_id": "vendor_vat_id",
    "vendor.iban": "vendor_iban",
    "vendor.address": "vendor_address",
}
"""The eval's names of the fields whose names differ here."""


def eval_right(name: str, value: Any, truth: Any, *, credit: bool) -> bool:
    """Whether a value is right as the eval counts it (evals.invoices.run: strict name tokens, a tax id's
    letters and digits, amounts to the cent): what a field's confidence is the probability of, so every
    calibrator is fitted on these labels (the scorer's own ranking labels stay the looser ones above)."""
    from evals.invoices.run import compare, line_f1

    if truth is None or value is None or value == [] or truth == "" or truth == []:
        return False
    if name == "lines":
        return line_f1(list(value), truth, credit=credit) == 1.0
    wanted = truth if name != "po_numbers" or isinstance(truth, list) else [truth]
    return compare(EVAL_NAMES.get(name, name), value, wanted, credit=credit)


# ---- documents -------------------------------------------------------------------------------------


@dataclass
class Doc:
    source: str
    name: str
    weight: float
    truth: dict[str, Any]
    parsed: Any
    group: str = ""
    rules: dict[str, Any] = field(default_factory=dict)
    candidates: dict[str, list[tuple[dict[str, float], bool, bool]]] = field(default_factory=dict)
    """field -> [(features, is_true, is_rules_choice)]"""
    others: dict[str, tuple[float, bool, str]] = field(default_factory=dict)
    """Other field -> (the hand rules' confidence, their value is right, its evidence kind), where
    both are known."""
    rules_confidence: dict[str, float] = field(default_factory=dict)
    """Headline field -> the confidence the hand rules gave their reading (0: none)."""
    strict: dict[str, list[bool]] = field(default_factory=dict)
    """Headline field -> per candidate, whether its value is right as the eval counts it (`eval_right`):
    the calibrators' labels."""
    rules_strict: dict[str, bool] = field(default_factory=dict)
    """Headline field -> whether the hand rules' value is right as the eval counts it."""
    unscored: frozenset[str] = frozenset()
    """Fields whose truth the eval does not score (`truth_notes`): unknown here, never "not printed"."""

    @property
    def credit(self) -> bool:
        return self.truth.get("document_type") == "credit_note"


def _read_pdf(pdf: Path | bytes) -> Any:
    """A PDF (a file, or a generated one's bytes) read as the eval reads it: its text layer."""
    if isinstance(pdf, bytes):
        from opsloop.ingest.readers.pdf import read_pdf

        return read_pdf(pdf)
    from opsloop.extract import parse_file

    return parse_file(pdf, attachments=False)


_TRUTH_KINDS = {"invoice_date": to_date, "due_date": to_date, "total": to_decimal}


def truth_notes(source: str, item: str, mode: str, truth: dict[str, Any]) -> frozenset[str]:
    """Apply the eval's named truth notes (evals.invoices.cases.TRUTH_NOTES: a template's brand or title
    as the issuer, a number the template cuts, XML dates the page does not print) to a development
    document's ``truth``, read in the eval's ``mode``: the labels are the truth the eval scores. Returns
    the fields left unscored."""
    from evals.invoices.cases import TRUTH_NOTES

    names = {eval_name: name for name, eval_name in EVAL_NAMES.items()}
    unscored = set()
    for note in TRUTH_NOTES:
        if note.source != source or note.item != item or (note.mode and note.mode != mode):
            continue
        name = names.get(note.field, note.field)
        if note.action == "replace":
            truth[name] = _TRUTH_KINDS.get(name, lambda value: value)(note.value)
        else:
            truth[name] = None
            unscored.add(name)
    return frozenset(unscored)


def load_invoice2data(root: Path) -> list[Doc]:
    docs = []
    for pdf in sorted((root / "invoice2data" / "compare").glob("*.pdf")):
        raw = json.loads(pdf.with_suffix(".json").read_text())
        item = raw[0] if isinstance(raw, list) else raw
        truth = {
            "vendor": item.get("issuer"),
            "invoice_number": item.get("invoice_number"),
            "invoice_date": to_date(item.get("date")),
            "due_date": to_date(item.get("date_due")),
            "total": to_decimal(item.get("amount")),
            "currency": item.get("currency"),
        }
        # read from the text layer alone (no OCR of a page's images, unlike the eval's "text" mode)
        unscored = truth_notes("invoice2data", pdf.stem, "text-layer", truth)
        docs.append(Doc("invoice2data", pdf.stem, 1.0, truth, pdf, unscored=unscored))
    return docs


def load_zugferd(root: Path) -> list[Doc]:
    docs = []
    folder = root / "zugferd_corpus"
    for pdf in sorted(folder.glob("*.pdf")):
        meta = pdf.with_suffix(".json")
        if not meta.exists():
            continue
        raw = json.loads(meta.read_text())
        gt = raw.get("ground_truth", {})
        truth = {
            "vendor": gt.get("seller_name"),
            "invoice_number": gt.get("invoice_number"),
            "invoice_date": to_date(gt.get("invoice_date")),
            "due_date": to_date(gt.get("due_date")),
            "total": to_decimal(gt.get("grand_total")),
            "currency": gt.get("currency"),
            **other_truth(gt),
        }
        # read from the text layer, as the eval's text-only mode reads it
        unscored = truth_notes("zugferd", pdf.stem, "text-only", truth)
        group = str(raw.get("dup_group", pdf.stem))
        docs.append(Doc("zugferd", pdf.stem, 1.0, truth, pdf, group=group, unscored=unscored))
    sizes: dict[str, int] = defaultdict(int)
    for doc in docs:
        sizes[doc.group] += 1
    for doc in docs:
        doc.weight = 1.0 / sizes[doc.group]
    return docs


def load_sroie(root: Path) -> list[Doc]:
    from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument

    docs = []
    path = root / "sroie_text" / "items.jsonl"
    if not path.exists():
        return docs
    for number, line in enumerate(path.read_text().splitlines()):
        row = json.loads(line)
        text = row["text"] if isinstance(row["text"], str) else "\n".join(row["text"])
        gt = row.get("ground_truth", {})
        truth = {
            "vendor": gt.get("company"),
            "invoice_date": to_date(gt.get("date")),
            "total": to_decimal(gt.get("total")),
        }
        parsed = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=text)])
        docs.append(Doc("sroie", str(row.get("id", number)), 1.0, truth, parsed))
    return docs


def synth_docs(count: int, seed: int) -> list[Doc]:
    """Invoices from evals/synth's generator (random parties of 15 countries, lines, taxes, references)
    printed in its layouts and locales, as `python -m evals.synth.generate` writes them (another seed
    than the eval's generated set)."""
    from evals.synth.generate import random_invoice
    from evals.synth.locales import LOCALES
    from evals.synth.pdf import LAYOUTS
    from evals.synth.render import render_pdf
    from evals.synth.truth import truth as synth_truth

    rng = random.Random(seed)
    docs = []
    for index in range(count):
        locale = LOCALES[index % len(LOCALES)]
        layout = LAYOUTS[(index // len(LOCALES) + index) % len(LAYOUTS)]
        invoice = random_invoice(rng, locale)
        try:
            data = render_pdf(invoice, layout)
        except Exception as exc:  # a layout that cannot print this invoice: skipped and said
            print(f"synth {index}: {layout}/{locale} not rendered ({type(exc).__name__})", file=sys.stderr)
            continue
        gt = synth_truth(invoice)
        truth = {
            "vendor": gt["seller_name"],
            "invoice_number": gt["invoice_number"],
            "invoice_date": to_date(gt["invoice_date"]),
            "due_date": to_date(gt["due_date"]),
            "total": to_decimal(gt["grand_total"]),
            "currency": gt["currency"],
            **other_truth(gt),
        }
        docs.append(Doc("synth", f"{index:04d}-{layout}-{locale}", 1.0, truth, data))
    return docs


def generated_set(generator: str, count: int, seed: int) -> Path | None:
    """The folder of another generator's training set, written first where it is not yet (None, with
    a line saying why, where the generator cannot run here)."""
    import importlib

    dataset = importlib.import_module(f"evals.{generator}.dataset")
    tag = f"-{dataset.fingerprint()}" if hasattr(dataset, "fingerprint") else ""
    folder = TRAIN_SETS / f"{generator}-s{seed}-n{count}{tag}"
    if not (folder / "manifest.jsonl").is_file():
        print(
            f"generating {count} invoices (evals/{generator}, seed {seed}) into {folder} …", file=sys.stderr
        )
        try:
            dataset.write_dataset(folder, count, seed)
        except Exception as exc:  # no browser, fonts or compiler here: trained without this source
            print(f"{generator}: skipped — {type(exc).__name__}: {exc}", file=sys.stderr)
            return None
    return folder


def generated_docs(generator: str, count: int, seed: int) -> list[Doc]:
    """A set of another generator (evals/synth2: HTML printed by headless Chromium; evals/synth3:
    ReportLab; evals/synth4: Typst; evals/synth5: WeasyPrint; evals/synth7: LibreOffice; evals/synth8: Typst; evals/synth9: wkhtmltopdf; evals/synth10: text operators) written once under var/train (the folder name carries the
    generator's fingerprint where it has one) and read as the eval reads it: the PDF's text layer, the
    truth from each document's JSON. Empty (with a line saying why) where the generator cannot run."""
    folder = generated_set(generator, count, seed)
    if folder is None:
        return []
    docs = []
    for truth_path in sorted(folder.glob("*.json")):
        pdf = truth_path.with_suffix(".pdf")
        if not pdf.exists():
            continue
        gt = json.loads(truth_path.read_text("utf-8"))
        truth = {
            "vendor": gt.get("seller_name"),
            "invoice_number": gt.get("invoice_number"),
            "invoice_date": to_date(gt.get("invoice_date")),
            "due_date": to_date(gt.get("due_date")),
            "total": to_decimal(gt.get("grand_total")),
            "currency": gt.get("currency"),
            **other_truth(gt),
        }
        docs.append(Doc(generator, truth_path.stem, 1.0, truth, pdf))
    return docs


# ---- candidates and labels -------------------------------------------------------------------------


def featurise(doc: Doc) -> None:
    from opsloop.extract.rules.engine import extract_rules
    from opsloop.extract.rules.layout import document_lines
    from opsloop.extract.scorer.choose import EVIDENCE_NAMES, candidates_for
    from opsloop.extract.scorer.kinds import evidence_kinds

    if isinstance(doc.parsed, (Path, bytes)):
        doc.parsed = _read_pdf(doc.parsed)
    rules = extract_rules(doc.parsed)
    lines = document_lines(doc.parsed)
    kinds = evidence_kinds(rules, lines)
    for name in FIELDS:
        evidence = rules.fields.get(EVIDENCE_NAMES.get(name, name))
        doc.rules_confidence[name] = evidence.confidence if evidence is not None else 0.0
    doc.rules = {
        "vendor": rules.vendor.name,
        "invoice_number": rules.invoice_number,
        "invoice_date": rules.invoice_date,
        "due_date": rules.due_date,
        "total": rules.total,
        "currency": rules.currency,
    }
    values = {
        "subtotal": rules.subtotal,
        "tax_total": rules.tax_total,
        "amount_due": rules.amount_due,
        "buyer.name": rules.buyer.name,
        "po_numbers": rules.po_numbers,
        "document_type": rules.document_type.value,
        "vendor.vat_id": rules.vendor.vat_id,
        "vendor.iban": rules.vendor.iban,
        "vendor.address": rules.vendor.address,
        "lines": rules.lines,
    }
    for name in OTHER_FIELDS:
        evidence = rules.fields.get(name)
        if doc.truth.get(name) is not None and evidence is not None and evidence.confidence > 0:
            doc.others[name] = (
                evidence.confidence,
                eval_right(name, values[name], doc.truth[name], credit=doc.credit),
                kinds[name],
            )
    cands = candidates_for(doc.parsed, rules, lines)
    for name in FIELDS:
        truth = doc.truth.get(name)
        doc.candidates[name] = [
            (c.features, same_value(name, c.value, truth), c.features.get("is_rules_choice", 0.0) > 0)
            for c in cands.get(name, [])
        ]
        doc.strict[name] = [eval_right(name, c.value, truth, credit=doc.credit) for c in cands.get(name, [])]
        doc.rules_strict[name] = eval_right(name, doc.rules[name], truth, credit=doc.credit)
    doc.parsed = None  # free the pages


def has_truth(doc: Doc, name: str) -> bool:
    return doc.truth.get(name) is not None


def knows_absence(doc: Doc, name: str) -> bool:
    """Whether a missing truth means the field is not printed (zugferd and synth state due dates)."""
    return (
        name == "due_date"
        and doc.source in ("zugferd", *GENERATED)
        and doc.truth.get(name) is None
        and name not in doc.unscored
    )


# ---- training ---------------------------------------------------------------------------------------


def source_weights(docs: list[Doc]) -> dict[str, float]:
    """Each source weighs as much in all as the others (SROIE's 626 receipts do not drown the rest)."""
    totals: dict[str, float] = defaultdict(float)
    for doc in docs:
        totals[doc.source] += doc.weight
    return {source: 100.0 / total for source, total in totals.items() if total}


def feature_names(docs: list[Doc], name: str) -> list[str]:
    names: set[str] = set()
    for doc in docs:
        for feats, _, _ in doc.candidates.get(name, []):
            names.update(feats)
    return sorted(names)


class Candidates:
    """One headline field's candidates of every document as one matrix, built once (a row per
    candidate, a column per feature any document has, each row's fitting label and sample weight):
    every fold's fit and every scoring slices it instead of turning the documents into rows again.
    A slice holds the very rows and values the per-document lists gave, so each fit is the same."""

    def __init__(self, docs: list[Doc], name: str) -> None:
        self.name = name
        self.names = feature_names(docs, name)
        column = {n: i for i, n in enumerate(self.names)}
        counts = [len(d.candidates.get(name, [])) for d in docs]
        self.start = [0, *np.cumsum(counts, dtype=np.int64).tolist()]
        self.index = {id(d): i for i, d in enumerate(docs)}
        self.matrix = np.zeros((self.start[-1], len(self.names)))
        self.source_names: dict[str, set[str]] = defaultdict(set)
        weights = source_weights(docs)
        labels, sample, usable, sources = [], [], [], []
        row = 0
        for doc in docs:
            cands = doc.candidates.get(name, [])
            known = has_truth(doc, name) or knows_absence(doc, name)
            # the truth not among the candidates: nothing to learn about ranking there
            use = known and not (has_truth(doc, name) and not any(y for _, y, _ in cands))
            per = doc.weight * weights[doc.source] / len(cands) ** 0.5 if cands else 0.0
            for feats, y, _ in cands:
                for key, value in feats.items():
                    self.matrix[row, column[key]] = value
                self.source_names[doc.source].update(feats)
                labels.append(1 if y else 0)
                sample.append(per * (3.0 if y else 1.0))
                usable.append(use)
                sources.append(doc.source)
                row += 1
        self.labels = np.array(labels, dtype=np.int64)
        self.sample = np.array(sample, dtype=np.float64)
        self.usable = np.array(usable, dtype=bool)
        self.codes = {source: code for code, source in enumerate(dict.fromkeys(sources))}
        self.row_source = np.array([self.codes[source] for source in sources], dtype=np.int64)
        self.views: dict[tuple[str, ...], np.ndarray] = {tuple(self.names): self.matrix}

    def feature_names(self, excluded: frozenset[str]) -> list[str]:
        """`feature_names` of the documents of every source but ``excluded``."""
        kept = [names for source, names in self.source_names.items() if source not in excluded]
        return sorted(set().union(*kept))

    def fit(self, excluded: frozenset[str], seed: int) -> Fitted:
        """The field's scorer fitted on every source but ``excluded`` (`fit`)."""
        from sklearn.linear_model import LogisticRegression

        names = self.feature_names(excluded)
        out = [self.codes[source] for source in excluded if source in self.codes]
        rows = self.usable & ~np.isin(self.row_source, out)
        labels = self.labels[rows]
        if not labels.size or labels.min() == labels.max():
            return names, np.zeros(len(names)), -5.0
        columns = [self.names.index(n) for n in names]
        matrix = np.ascontiguousarray(self.matrix[np.ix_(np.flatnonzero(rows), columns)])
        model = LogisticRegression(C=1.0, max_iter=5000, random_state=seed)
        model.fit(matrix, labels, sample_weight=self.sample[rows])
        return names, model.coef_[0], float(model.intercept_[0])

    def rows(self, doc: Doc, names: list[str]) -> np.ndarray | None:
        """``doc``'s candidates over ``names`` (None: a document this matrix does not hold)."""
        at = self.index.get(id(doc))
        if at is None:
            return None
        key = tuple(names)
        if key not in self.views:
            columns = [self.names.index(n) for n in names]
            self.views[key] = np.ascontiguousarray(self.matrix[:, columns])
        return self.views[key][self.start[at] : self.start[at + 1]]


_CANDIDATES: dict[str, Candidates] = {}
"""The matrices of the documents being trained on, per headline field (`train_field` builds them)."""


def fit(docs: list[Doc], name: str, seed: int) -> tuple[list[str], np.ndarray, float]:
    return Candidates(docs, name).fit(frozenset(), seed)


def _scores(doc: Doc, name: str, names: list[str], coef: np.ndarray, bias: float) -> np.ndarray:
    table = _CANDIDATES.get(name)
    matrix = table.rows(doc, names) if table is not None else None
    if matrix is None:
        cands = doc.candidates.get(name, [])
        matrix = np.array([[f.get(n, 0.0) for n in names] for f, _, _ in cands])
    return 1.0 / (1.0 + np.exp(-(matrix @ coef + bias)))


def predict(
    doc: Doc, name: str, names: list[str], coef: np.ndarray, bias: float
) -> tuple[float, bool, bool] | None:
    """(best score, the best is right, the rules' choice is right) for one document, None without candidates."""
    cands = doc.candidates.get(name, [])
    if not cands:
        return None
    scores = _scores(doc, name, names, coef, bias)
    best = int(scores.argmax())
    return float(scores[best]), cands[best][1], any(y and r for _, y, r in cands)


def choice_features(
    doc: Doc, name: str, names: list[str], coef: np.ndarray, bias: float, rules_mode: bool
) -> tuple[list[float], bool, bool]:
    """The calibration features of the choice a mode makes (the product computes the same: the
    chosen score, its margin, agreement with the rules, the number of candidates, the rules' own
    confidence and how many independent signals corroborate the chosen value), whether that choice is
    right (the scorer's labels) and whether it is right as the eval counts it (the calibrators')."""
    from opsloop.extract.scorer.model import EVIDENCE_SIGNALS, calibration_features, corroboration

    own = doc.rules_confidence.get(name, 0.0)
    cands = doc.candidates.get(name, [])
    strict = doc.strict.get(name, [False] * len(cands))
    signals = EVIDENCE_SIGNALS.get(name, ())
    if not cands:
        none = calibration_features(0.0, None, True, 0, own, 0.0)
        if rules_mode:
            return none, rules_right(doc, name), doc.rules_strict.get(name, False)
        return none, False, False
    scores = _scores(doc, name, names, coef, bias)
    if rules_mode:
        ruled = [i for i, (_, _, r) in enumerate(cands) if r]
        if not ruled:
            none = calibration_features(0.0, None, True, 0, own, 0.0)
            return none, rules_right(doc, name), doc.rules_strict.get(name, False)
        chosen = ruled[0]
    else:
        chosen = int(scores.argmax())
    others = [float(v) for i, v in enumerate(scores) if i != chosen]
    features = calibration_features(
        float(scores[chosen]),
        max(others) if others else None,
        cands[chosen][2],
        len(cands),
        own,
        corroboration(signals, cands[chosen][0]),
    )
    if rules_mode:
        return features, rules_right(doc, name), doc.rules_strict.get(name, False)
    return features, cands[chosen][1], strict[chosen]


def rules_right(doc: Doc, name: str) -> bool:
    return same_value(name, doc.rules.get(name), doc.truth.get(name))


@dataclass
class Outcome:
    source: str
    weight: float
    model_right: bool
    rules_right: bool
    model_features: list[float]
    rules_features: list[float]
    model_ok: bool = False
    """The model's choice is right as the eval counts it (the calibrators' label)."""
    rules_ok: bool = False
    """The rules' choice is right as the eval counts it."""
    rules_none: bool = False
    """The hand rules read no value (the combination's `abstain_floor` applies)."""

    def ok(self, mode: str) -> bool:
        return self.model_ok if mode == "model" else self.rules_ok


Fitted = tuple[list[str], np.ndarray, float]


class Fits:
    """The field's scorer fitted without some sources, each fit made once (a nested fold without
    sources {s, t} serves both s and t)."""

    def __init__(self, docs: list[Doc], name: str, seed: int) -> None:
        self.docs, self.name, self.seed = docs, name, seed
        self.cache: dict[frozenset[str], Fitted] = {}
        self.table = _CANDIDATES.get(name) or Candidates(docs, name)

    def without(self, *sources: str) -> Fitted:
        key = frozenset(sources)
        if key not in self.cache:
            self.cache[key] = self.table.fit(key, self.seed)
        return self.cache[key]


def score_source(docs: list[Doc], name: str, fitted: Fitted, source: str) -> list[Outcome]:
    """The documents of one source scored by a model fitted without it."""
    names, coef, bias = fitted
    outcomes = []
    for doc in docs:
        if doc.source != source or not has_truth(doc, name):
            continue
        model_features, model_right, model_ok = choice_features(doc, name, names, coef, bias, False)
        rules_features, _, rules_ok = choice_features(doc, name, names, coef, bias, True)
        outcomes.append(
            Outcome(
                source,
                doc.weight,
                model_right,
                rules_right(doc, name),
                model_features,
                rules_features,
                model_ok,
                rules_ok,
                doc.rules.get(name) is None,
            )
        )
    return outcomes


def fit_calibrator(
    rows: list[list[float]],
    rights: list[bool],
    weights: list[float],
    seed: int,
    method: str = "isotonic",
    sources: list[str] | None = None,
) -> tuple[list[float], list[float], list[float]]:
    """A logistic calibrator over the choice's features (Platt scaling), then, for ``isotonic``, an
    isotonic map of its output (``platt``: the identity), for ``robust``, the `robust_map` of it over
    the documents' ``sources``: (calibrator weights + bias, map x, map y)."""
    from sklearn.linear_model import LogisticRegression

    if len(set(rights)) < 2:
        value = 1.0 if rights and rights[0] else 0.0
        return [], [0.0, 1.0], [value, value]
    model = LogisticRegression(C=1.0, max_iter=5000, random_state=seed)
    model.fit(np.array(rows), np.array(rights, dtype=int), sample_weight=np.array(weights))
    calibrator = [*round_list(model.coef_[0]), round(float(model.intercept_[0]), 6)]
    if method.startswith("platt"):
        return calibrator, [0.0, 1.0], [0.0, 1.0]
    raw = [_apply_calibrator(calibrator, row) for row in rows]
    if method.startswith("robust"):
        xs, ys = robust_map(raw, rights, weights, sources or ["all"] * len(raw))
    else:
        xs, ys = isotonic(raw, rights, weights)
    return calibrator, xs, ys


ROBUST_BINS = 6
"""The robust map's bins (of equal source-balanced mass): few, so each holds several sources."""
ROBUST_MIN_DOCS = 5
"""A source speaks in a bin where it has at least this many documents there."""
ROBUST_QUANTILE = 0.25
"""The robust map's rate in a bin: this quantile of the rates of the sources speaking there (each
source one vote), blended with the pooled rate by ROBUST_BLEND: a bin one source contradicts is
lowered towards it, and a big easy source does not set the curve."""
ROBUST_BLEND = 0.5
"""The share of the sources' quantile in a robust rate (the rest: the pooled rate)."""


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    at = q * (len(ordered) - 1)
    low = int(np.floor(at))
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def _pav(values: list[float], masses: list[float]) -> list[float]:
    """The non-decreasing sequence nearest ``values`` (weighted by ``masses``): pool adjacent violators."""
    blocks: list[list[float]] = []  # [value, mass, count]
    for value, mass in zip(values, masses, strict=True):
        blocks.append([value, mass, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, m2, c2 = blocks.pop()
            v1, m1, c1 = blocks.pop()
            total = m1 + m2
            blocks.append([(v1 * m1 + v2 * m2) / total if total else (v1 + v2) / 2, total, c1 + c2])
    out: list[float] = []
    for value, _, count in blocks:
        out.extend([value] * int(count))
    return out


def robust_map(
    raw: list[float],
    rights: list[bool],
    weights: list[float],
    sources: list[str],
    bins: int | None = None,
    quantile: float | None = None,
) -> tuple[list[float], list[float]]:
    """A monotone map from the calibrator's output to the probability that holds on a source never
    seen: the outputs cut into ``bins`` bins of equal mass (ties kept together), each bin's rate the
    pooled rate blended (ROBUST_BLEND) with the ``quantile`` of the rates of the sources with
    ROBUST_MIN_DOCS documents in it (each source one vote, its rate shrunk towards the pooled one by
    TABLE_STRENGTH pseudo-documents), made non-decreasing; the map runs through each bin's
    mean output (flat beyond the first and the last)."""
    bins = ROBUST_BINS if bins is None else bins
    quantile = ROBUST_QUANTILE if quantile is None else quantile
    order = sorted(range(len(raw)), key=lambda i: raw[i])
    total = sum(weights[i] for i in order)
    if not total:
        return [0.0, 1.0], [0.0, 0.0]
    groups: list[list[int]] = [[]]
    mass = 0.0
    for at, i in enumerate(order):
        groups[-1].append(i)
        mass += weights[i]
        tie = at + 1 < len(order) and raw[order[at + 1]] == raw[i]
        if not tie and mass >= total * len(groups) / bins and at + 1 < len(order):
            groups.append([])
    groups = [g for g in groups if g]
    centres, rates, masses = [], [], []
    for group in groups:
        w = sum(weights[i] for i in group)
        if not w:
            continue
        pooled = sum(weights[i] for i in group if rights[i]) / w
        per: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for i in group:
            cell = per[sources[i]]
            cell[0] += 1
            cell[1] += 1 if rights[i] else 0
        votes = [
            (hits + TABLE_STRENGTH * pooled) / (count + TABLE_STRENGTH)
            for count, hits in per.values()
            if count >= ROBUST_MIN_DOCS
        ]
        rate = (1 - ROBUST_BLEND) * pooled + ROBUST_BLEND * _quantile(votes, quantile) if votes else pooled
        centres.append(sum(raw[i] * weights[i] for i in group) / w)
        rates.append(rate)
        masses.append(w)
    rates = _pav(rates, masses)
    xs, ys = [], []
    for x, y in zip(centres, rates, strict=True):
        if xs and x <= xs[-1]:
            continue
        xs.append(x)
        ys.append(y)
    if xs[0] > 0.0:
        xs, ys = [0.0, *xs], [ys[0], *ys]
    if xs[-1] < 1.0:
        xs, ys = [*xs, 1.0], [*ys, ys[-1]]
    return xs, ys


def _apply_calibrator(calibrator: list[float], row: list[float]) -> float:
    *w, b = calibrator
    return float(1.0 / (1.0 + np.exp(-(float(np.dot(w, row)) + b))))


def calibrated(calibrator: list[float], xs: list[float], ys: list[float], row: list[float]) -> float:
    raw = _apply_calibrator(calibrator, row) if calibrator else float(1.0 / (1.0 + np.exp(-row[0] * 12.0)))
    return float(np.interp(raw, xs, ys))


def accuracy(outcomes: list[Outcome], source: str, rules: bool) -> float | None:
    chosen = [o for o in outcomes if o.source == source]
    total = sum(o.weight for o in chosen)
    if not total:
        return None
    return sum(o.weight for o in chosen if (o.rules_right if rules else o.model_right)) / total


def isotonic(
    scores: list[float], rights: list[bool], weights: list[float]
) -> tuple[list[float], list[float]]:
    from sklearn.isotonic import IsotonicRegression

    if len(set(rights)) < 2:
        value = 1.0 if rights and rights[0] else 0.0
        return [0.0, 1.0], [value, value]
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, increasing=True, out_of_bounds="clip")
    iso.fit(np.array(scores), np.array(rights, dtype=float), sample_weight=np.array(weights))
    xs = [float(x) for x in iso.X_thresholds_]
    ys = [float(y) for y in iso.y_thresholds_]
    if xs[0] > 0.0:
        xs, ys = [0.0, *xs], [ys[0], *ys]
    if xs[-1] < 1.0:
        xs, ys = [*xs, 1.0], [*ys, ys[-1]]
    return xs, ys


def ece(probabilities: list[float], rights: list[bool], weights: list[float], bins: int = 10) -> float:
    total = sum(weights)
    if not total:
        return 0.0
    error = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probabilities) if low <= p < high or (b == bins - 1 and p == 1.0)]
        w = sum(weights[i] for i in idx)
        if not w:
            continue
        mean_p = sum(probabilities[i] * weights[i] for i in idx) / w
        mean_y = sum(weights[i] for i in idx if rights[i]) / w
        error += w / total * abs(mean_p - mean_y)
    return error


def due_threshold(docs: list[Doc], names: list[str], coef: np.ndarray, bias: float) -> float:
    """The best score under which no due date is printed: the accuracy-maximising cut over the
    documents whose truth says whether there is one."""
    points: list[tuple[float, bool, bool, float]] = []  # score, has truth, best right, weight
    for doc in docs:
        if not (has_truth(doc, "due_date") or knows_absence(doc, "due_date")):
            continue
        predicted = predict(doc, "due_date", names, coef, bias)
        score, right = (predicted[0], predicted[1]) if predicted else (0.0, False)
        points.append((score, has_truth(doc, "due_date"), right, doc.weight))
    best_cut, best_acc = 0.0, -1.0
    for cut in sorted({round(p[0], 4) for p in points} | {0.0}):
        acc = sum(w for s, t, r, w in points if (s >= cut and t and r) or (s < cut and not t))
        if acc > best_acc + 1e-9:
            best_cut, best_acc = cut, acc
    return best_cut


def round_list(values: Any, digits: int = 6) -> list[float]:
    return [round(float(v), digits) for v in values]


BEFORE = "isotonic-4"
"""The calibration the model shipped with before more sources: score, margin, agreement and count
through a logistic calibrator and an isotonic map (no rules' confidence)."""


def _calibration_rows(outcomes: list[Outcome], mode: str, method: str) -> list[list[float]]:
    rows = [o.model_features if mode == "model" else o.rules_features for o in outcomes]
    return [row[: 4 if method.endswith("-4") else 6 if method.endswith("+e") else 5] for row in rows]


def _methods(name: str) -> tuple[str, ...]:
    """The calibration methods tried for a field: with the corroboration only where it lists signals."""
    from opsloop.extract.scorer.model import EVIDENCE_SIGNALS

    return tuple(m for m in CALIBRATION_METHODS if not m.endswith("+e") or name in EVIDENCE_SIGNALS)


def _base(method: str) -> str:
    return method.removesuffix("-4").removesuffix("+e")


def held_out_calibration(
    docs: list[Doc],
    name: str,
    fits: Fits,
    sources: list[str],
    held_scored: dict[str, list[Outcome]],
    mode: str,
    by_source: dict[str, float],
    seed: int,
) -> dict[str, dict[str, float]]:
    """ECE per calibration method and held-out source s, s held out of both the model and the
    calibration: the calibrator is fitted on the other sources' documents, each scored by a model
    fitted without it and without s; s is scored by the model fitted without s. ``all``: the pooled
    held-out predictions of every source (each source weighing alike)."""
    figures: dict[str, dict[str, float]] = {m: {} for m in _methods(name)}
    pooled: dict[str, tuple[list[float], list[bool], list[float]]] = {m: ([], [], []) for m in figures}
    for held in sources:
        calibration = [
            o for t in sources if t != held for o in score_source(docs, name, fits.without(held, t), t)
        ]
        mine = held_scored[held]
        if not calibration or not mine:
            continue
        rights = [o.ok(mode) for o in calibration]
        weights = [o.weight * by_source.get(o.source, 1.0) for o in calibration]
        mine_rights = [o.ok(mode) for o in mine]
        mine_weights = [o.weight for o in mine]
        for method in figures:
            calibrator, xs, ys = fit_calibrator(
                _calibration_rows(calibration, mode, method),
                rights,
                weights,
                seed,
                _base(method),
                [o.source for o in calibration],
            )
            probs = [calibrated(calibrator, xs, ys, row) for row in _calibration_rows(mine, mode, method)]
            figures[method][held] = ece(probs, mine_rights, mine_weights)
            pooled[method][0].extend(probs)
            pooled[method][1].extend(mine_rights)
            pooled[method][2].extend(w * by_source.get(held, 1.0) for w in mine_weights)
    for method, (probs, rights, weights) in pooled.items():
        figures[method]["all"] = ece(probs, rights, weights)
    return figures


COMBINE_METHOD = "platt"
"""The calibrators a per-document combination compares: the rules' choice and the model's, each read by
a logistic calibrator over its own choice's features (the model's score of the candidate, its margin,
agreement, the number of candidates and the rules' own confidence, which carries the kind of evidence
they read the value from: a label of the field, a fallback, nothing)."""
COMBINE_Z = 1.96
"""A held-out source's accuracy is lowered by the combination beyond noise where the documents it turns
wrong outnumber those it turns right by more than this many standard deviations of that difference
(a paired sign test over the documents the two choices read differently)."""


COMBINATIONS = ("evidence", "switch")
"""The per-document combinations `held_out_combination` scores: ``evidence``, the choice whose calibrated
probability of being right is higher (each `COMBINE_METHOD`); ``switch``, a logistic regression over both
choices' features fitted on the documents of the other sources where exactly one of the two is right."""


def combine_calibrators(
    outcomes: list[Outcome], weights: list[float], seed: int
) -> dict[str, tuple[list[float], list[float], list[float]]]:
    """The `COMBINE_METHOD` calibrator of each choice (model, rules) fitted on ``outcomes``."""
    return {
        mode: fit_calibrator(
            _calibration_rows(outcomes, mode, COMBINE_METHOD),
            [o.ok(mode) for o in outcomes],
            weights,
            seed,
            COMBINE_METHOD,
        )
        for mode in ("model", "rules")
    }


def _has_candidates(outcome: Outcome) -> bool:
    """Whether the model had a candidate to choose (its count feature); without one the product keeps
    the rules' reading whatever the mode."""
    return outcome.model_features[3] > 0


def _switch_rows(outcomes: list[Outcome]) -> list[list[float]]:
    return [
        m + r
        for m, r in zip(
            _calibration_rows(outcomes, "model", COMBINE_METHOD),
            _calibration_rows(outcomes, "rules", COMBINE_METHOD),
            strict=True,
        )
    ]


def held_out_combination(
    docs: list[Doc],
    name: str,
    fits: Fits,
    sources: list[str],
    held_scored: dict[str, list[Outcome]],
    by_source: dict[str, float],
    seed: int,
    shipped: str,
    nested: bool = True,
) -> dict[str, dict[str, dict[str, Any]]]:
    """Per-document choices between the rules' value and the model's by evidence (`COMBINATIONS`),
    scored out of sample: on each held-out source s the model is fitted without s, and what decides
    between the two (calibrators, the switch) is fitted on the other sources' documents scored by
    models that saw neither s nor them (the nested folds of `held_out_calibration`). Per combination
    and source: its accuracy, the documents it reads right and wrong against the ``shipped`` choice,
    whether that loss is beyond noise (`COMBINE_Z`), and the ECE of the chosen choice's probability.
    ``nested=False`` (`--combination-only`): the deciders are fitted on the other sources' documents as
    scored by the models fitted without each of them (which saw s): 25 fits a field instead of 326."""
    out: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in COMBINATIONS}
    for held in sources:
        mine = held_scored[held]
        if not mine:
            continue
        calibration = [
            o
            for t in sources
            if t != held
            for o in (score_source(docs, name, fits.without(held, t), t) if nested else held_scored[t])
        ]
        weights = [o.weight * by_source.get(o.source, 1.0) for o in calibration]
        fitted = combine_calibrators(calibration, weights, seed)
        switch = fit_switch(calibration, weights, seed)
        floor = fit_abstain_floor(
            calibration,
            [
                calibrated(*fitted["model"], row)
                for row in _calibration_rows(calibration, "model", COMBINE_METHOD)
            ],
            weights,
        )
        labels = [o.model_ok for o in calibration if o.model_ok != o.rules_ok and _has_candidates(o)]
        always = bool(labels) and all(labels)
        p = {
            mode: [calibrated(*fitted[mode], row) for row in _calibration_rows(mine, mode, COMBINE_METHOD)]
            for mode in ("model", "rules")
        }
        switch_p = (
            [_apply_calibrator(switch, row) for row in _switch_rows(mine)]
            if switch
            else [1.0 if always else 0.0] * len(mine)
        )
        for combination in COMBINATIONS:
            right = gained = lost = total = 0.0
            switched = floored = 0
            probs, oks, ws = [], [], []
            for i, o in enumerate(mine):
                agree = o.model_features[2] > 0
                if not _has_candidates(o):
                    take_model = False  # the rules' reading stands, as the product keeps it
                elif not agree and o.rules_none and p["model"][i] < floor:
                    take_model = False  # the rules read none and the model's guess is under the floor
                    floored += 1
                elif combination == "evidence":
                    take_model = agree or p["model"][i] > p["rules"][i]
                else:
                    take_model = agree or float(switch_p[i]) > 0.5
                switched += 0 if agree or not take_model else 1
                mine_right = o.model_right if take_model else o.rules_right
                other = o.model_right if shipped == "model" else o.rules_right
                total += o.weight
                right += o.weight if mine_right else 0.0
                gained += o.weight if mine_right and not other else 0.0
                lost += o.weight if other and not mine_right else 0.0
                probs.append(p["model"][i] if take_model else p["rules"][i])
                oks.append(o.model_ok if take_model else o.rules_ok)
                ws.append(o.weight)
            net = lost - gained
            out[combination][held] = {
                "combined": right / total if total else 0.0,
                "switched": switched,
                "floored": floored,
                "floor": floor,
                "gained": gained,
                "lost": lost,
                "lowered": bool(net > 0 and net > COMBINE_Z * math.sqrt(lost + gained)),
                "ece": ece(probs, oks, ws),
            }
    return out


COMBINE_MARGIN = 0.001
"""How much a combination must raise the mean of the sources' leave-one-source-out accuracy over the
shipped choice's to replace it (and no source lowered beyond noise, `COMBINE_Z`)."""


UNCOMBINED = ("due_date",)
"""Fields never combined: leave-one-source-out scores only the documents that print the field, and a
due date's model candidate taken where the rules read none may be a date on a document that prints no
due date at all, a loss those figures cannot see (the model mode's threshold is fitted on them)."""


def shipped_combination(
    combined: dict[str, dict[str, dict[str, Any]]],
    means: dict[str, float],
    shipped_mean: float,
    name: str = "",
) -> str | None:
    """The combination field ``name`` ships (`COMBINATIONS` order on ties), None where none raises the
    mean by COMBINE_MARGIN without lowering any source beyond noise, or the field is `UNCOMBINED`."""
    if name in UNCOMBINED:
        return None
    fit = [
        c
        for c in COMBINATIONS
        if means[c] > shipped_mean + COMBINE_MARGIN and not any(f["lowered"] for f in combined[c].values())
    ]
    return max(fit, key=lambda c: (round(means[c], 6), -COMBINATIONS.index(c))) if fit else None


WRONG_COST = 2.0
"""What a wrong value costs against no value, where the hand rules read none and the model's choice
would fill the field: a clerk must notice a wrong invoice number before correcting it (and a wrong one
passes the duplicate checks as a new invoice), a missing one is asked for. The model's choice is taken
there only above the probability at which it was right at least this many times as often as wrong."""


def fit_abstain_floor(outcomes: list[Outcome], p_model: list[float], weights: list[float]) -> float:
    """The combination's `abstain_floor`: on the documents with candidates where the hand rules read no
    value, the least calibrated probability of the model's choice above which taking it costs least
    (each wrong value `WRONG_COST`, each right one -1; ties: the higher floor); 1.0 where taking any
    costs more than taking none, 0.0 where no document is so."""
    points = sorted(
        (p, o.model_ok, w)
        for o, p, w in zip(outcomes, p_model, weights, strict=True)
        if o.rules_none and _has_candidates(o) and o.model_features[2] <= 0
    )
    if not points:
        return 0.0
    best_floor, best_cost, cost = 1.0, 0.0, 0.0
    for p, ok, w in reversed(points):  # the floor lowered one document at a time
        cost += -w if ok else WRONG_COST * w
        if cost < best_cost - 1e-12:
            best_floor, best_cost = p, cost
    return round(best_floor, 6)


def fit_switch(outcomes: list[Outcome], weights: list[float], seed: int) -> list[float]:
    """The ``switch`` combination's logistic regression (ten weights and a bias) over both choices'
    features, fitted on the documents with candidates where exactly one of the two is right as the eval
    counts it; empty where those are all one way."""
    from sklearn.linear_model import LogisticRegression

    split = [i for i, o in enumerate(outcomes) if o.model_ok != o.rules_ok and _has_candidates(o)]
    labels = [outcomes[i].model_ok for i in split]
    if len(set(labels)) < 2:
        return []
    model = LogisticRegression(C=1.0, max_iter=5000, random_state=seed)
    model.fit(
        np.array(_switch_rows([outcomes[i] for i in split])),
        np.array(labels, dtype=int),
        sample_weight=[weights[i] for i in split],
    )
    return [*round_list(model.coef_[0]), round(float(model.intercept_[0]), 6)]


def _mean(values: dict[str, float]) -> float:
    kept = [v for k, v in values.items() if k != "all"]
    return sum(kept) / len(kept) if kept else 0.0


def train_field(
    docs: list[Doc], name: str, seed: int, by_source: dict[str, float]
) -> tuple[dict[str, Any], dict[str, Any]]:
    _CANDIDATES[name] = Candidates(docs, name)
    try:
        if COMBINATION_ONLY:
            return {}, _combination_only(docs, name, seed, by_source)
        return _train_field(docs, name, seed, by_source)
    finally:
        del _CANDIDATES[name]


def loso_figures(
    sources: list[str], held_scored: dict[str, list[Outcome]]
) -> tuple[dict[str, dict[str, Any]], float, float]:
    """Per source, the held-out accuracy of the model and of the rules (and n, weight), and the two
    means over the sources."""
    outcomes = [o for s in sources for o in held_scored[s]]
    per_source = {
        s: {
            "model": accuracy(outcomes, s, False),
            "rules": accuracy(outcomes, s, True),
            "n": len(held_scored[s]),
            "weight": sum(o.weight for o in held_scored[s]),
        }
        for s in sources
    }
    mean_model = sum(per_source[s]["model"] or 0.0 for s in sources) / max(len(sources), 1)
    mean_rules = sum(per_source[s]["rules"] or 0.0 for s in sources) / max(len(sources), 1)
    return per_source, mean_model, mean_rules


COMBINATION_ONLY = False
"""`--combination-only`: each field's leave-one-source-out figures of the rules, the model and the
combinations alone (`held_out_combination` not nested), no model written."""


def _combination_only(docs: list[Doc], name: str, seed: int, by_source: dict[str, float]) -> dict[str, Any]:
    fits = Fits(docs, name, seed)
    sources = sorted({d.source for d in docs if has_truth(d, name)})
    held_scored = {s: score_source(docs, name, fits.without(s), s) for s in sources}
    per_source, mean_model, mean_rules = loso_figures(sources, held_scored)
    mode = "model" if mean_model > mean_rules + MODEL_MARGIN else "rules"
    combined = held_out_combination(
        docs, name, fits, sources, held_scored, by_source, seed, mode, nested=False
    )
    means = {c: sum(f["combined"] for f in per.values()) / max(len(per), 1) for c, per in combined.items()}
    shipped_mean = mean_model if mode == "model" else mean_rules
    return {
        "mode": mode,
        "combination": shipped_combination(combined, means, shipped_mean, name),
        "loso": per_source,
        "loso_mean": {"model": mean_model, "rules": mean_rules, "combined": means},
        "combined": combined,
    }


def _train_field(
    docs: list[Doc], name: str, seed: int, by_source: dict[str, float]
) -> tuple[dict[str, Any], dict[str, Any]]:
    fits = Fits(docs, name, seed)
    sources = sorted({d.source for d in docs if has_truth(d, name)})
    held_scored = {s: score_source(docs, name, fits.without(s), s) for s in sources}
    outcomes = [o for s in sources for o in held_scored[s]]
    per_source, mean_model, mean_rules = loso_figures(sources, held_scored)
    # the model must beat the hand rules on leave-one-source-out to replace their choice
    mode = "model" if mean_model > mean_rules + MODEL_MARGIN else "rules"
    held = held_out_calibration(docs, name, fits, sources, held_scored, mode, by_source, seed)
    combined = held_out_combination(docs, name, fits, sources, held_scored, by_source, seed, mode)
    mean_combined = {
        c: sum(f["combined"] for f in per.values()) / max(len(per), 1) for c, per in combined.items()
    }
    methods = _methods(name)
    method = min(methods, key=lambda m: (round(_mean(held[m]), 6), methods.index(m)))
    rights = [o.ok(mode) for o in outcomes]
    weights = [o.weight * by_source.get(o.source, 1.0) for o in outcomes]
    rows = _calibration_rows(outcomes, mode, method)
    calibrator, xs, ys = fit_calibrator(
        rows, rights, weights, seed, _base(method), [o.source for o in outcomes]
    )
    names, coef, bias = fits.without()
    spec: dict[str, Any] = {
        "mode": mode,
        "features": names,
        "weights": round_list(coef),
        "bias": round(bias, 6),
        "calibrator": calibrator,
        "calibration": {"x": round_list(xs), "y": round_list(ys)},
        "calibration_method": method,
    }
    if method.endswith("+e"):
        from opsloop.extract.scorer.model import EVIDENCE_SIGNALS

        spec["evidence"] = list(EVIDENCE_SIGNALS[name])
    if name == "due_date":
        spec["threshold"] = round(due_threshold(docs, names, coef, bias), 6) if mode == "model" else 0.0
    shipped_mean = mean_model if mode == "model" else mean_rules
    combination = shipped_combination(combined, mean_combined, shipped_mean, name)
    if combination is not None:
        calibrators = {m: fitted[0] for m, fitted in combine_calibrators(outcomes, weights, seed).items()}
        switch = fit_switch(outcomes, weights, seed) if combination == "switch" else []
        floor = fit_abstain_floor(
            outcomes,
            [
                _apply_calibrator(calibrators["model"], row)
                for row in _calibration_rows(outcomes, "model", COMBINE_METHOD)
            ]
            if calibrators["model"]
            else [0.0] * len(outcomes),
            weights,
        )
        if all(calibrators.values()) and (switch or combination != "switch"):
            mode = "combined"
            spec.pop("evidence", None)
            spec.update(
                mode=mode,
                calibrator=calibrators["model"],
                calibration={"x": [0.0, 1.0], "y": [0.0, 1.0]},
                calibration_method=COMBINE_METHOD,
                rules_calibrator=calibrators["rules"],
                combination=combination,
            )
            if switch:
                spec["switch"] = switch
            if floor > 0:
                spec["abstain_floor"] = floor
            if name == "due_date":
                spec["threshold"] = 0.0
    report = {
        "mode": mode,
        "combination": combination,
        "calibration_method": method,
        "loso": per_source,
        "loso_mean": {"model": mean_model, "rules": mean_rules, "combined": mean_combined},
        "combined": combined,
        "ece_held_out": held,
        "ece_in_sample": ece([calibrated(calibrator, xs, ys, row) for row in rows], rights, weights),
    }
    return spec, report


def fit_table(
    points: list[tuple[str, bool, float]], strength: float = TABLE_STRENGTH
) -> tuple[dict[str, float], float]:
    """The evidence table of a rule field from (kind, right, weight) points: the field's rate, and per
    kind (and each coarser prefix of it) its rate shrunk towards its parent's by TABLE_STRENGTH
    (``strength``) pseudo-documents; kinds seen less than TABLE_MIN_WEIGHT are left to their parent. Weights are
    scaled to a mean of one (a document each)."""
    total = sum(w for _, _, w in points)
    if not total:
        return {}, 0.0
    scale = len(points) / total
    default = sum(w for _, r, w in points if r) / total
    stats: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for kind, right, weight in points:
        parts = kind.split("|")
        for depth in range(1, len(parts) + 1):
            cell = stats["|".join(parts[:depth])]
            cell[0] += weight * scale
            cell[1] += weight * scale if right else 0.0
    table: dict[str, float] = {}
    for key in sorted(stats, key=lambda k: (k.count("|"), k)):
        seen, hits = stats[key]
        if seen < TABLE_MIN_WEIGHT:
            continue
        parent = key.rsplit("|", 1)[0] if "|" in key else None
        prior = table.get(parent, default) if parent is not None else default
        table[key] = round((hits + strength * prior) / (seen + strength), 4)
    return table, round(default, 4)


ROBUST_RULE = "robust-4"
"""A rule field's `robust_map` of the rules' fixed confidence."""
ROBUST_TABLE = "table-robust"
"""A rule field's `fit_robust_table`."""


def fit_robust_table(points: list[tuple[str, bool, float, str]]) -> tuple[dict[str, float], float]:
    """The evidence table of `fit_table`, each kind's rate then moved half way to the ROBUST_QUANTILE
    of its rate per source (each source with ROBUST_MIN_DOCS documents of the kind one vote, its rate
    shrunk towards the table's by TABLE_STRENGTH pseudo-documents): a kind one source reads worse than
    the others is lowered towards it, as a source never seen may read it."""
    table, default = fit_table([(kind, right, w) for kind, right, w, _ in points])
    per: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for kind, right, _, source in points:
        parts = kind.split("|")
        for depth in range(1, len(parts) + 1):
            cell = per["|".join(parts[:depth])][source]
            cell[0] += 1
            cell[1] += 1 if right else 0
    robust: dict[str, float] = {}
    for key, rate in table.items():
        votes = [
            (hits + TABLE_STRENGTH * rate) / (seen + TABLE_STRENGTH)
            for seen, hits in per[key].values()
            if seen >= ROBUST_MIN_DOCS
        ]
        robust[key] = (
            round((1 - ROBUST_BLEND) * rate + ROBUST_BLEND * _quantile(votes, ROBUST_QUANTILE), 4)
            if votes
            else rate
        )
    return robust, default


def table_probability(table: dict[str, float], default: float, kind: str) -> float:
    from opsloop.extract.scorer.model import EvidenceTable

    return EvidenceTable(table, default).probability(kind)


def steadiest(
    methods: tuple[str, ...], means: dict[str, float], per_source: dict[str, dict[str, float]]
) -> str:
    """The method a rule field keeps: the one of lowest mean held-out ECE, unless another within
    SELECT_TOLERANCE of that mean has a worst held-out source better by more than SELECT_WORST_SHARE of
    it (a source the calibration never saw is what it must hold on: a mean lower by noise does not buy
    a worse worst case; a worst case lower by noise does not buy a worse mean); ties in order."""

    def mean(m: str) -> float:
        return round(means.get(m, 0.0), 6)

    def worst(m: str) -> float:
        return round(max((f[m] for f in per_source.values()), default=0.0), 6)

    best = min(methods, key=lambda m: (mean(m), methods.index(m)))
    near = [m for m in methods if mean(m) <= mean(best) + SELECT_TOLERANCE]
    steady = min(near, key=lambda m: (worst(m), methods.index(m)))
    return steady if worst(steady) < worst(best) * (1 - SELECT_WORST_SHARE) else best


def train_rule_field(
    docs: list[Doc], name: str, by_source: dict[str, float]
) -> tuple[dict[str, Any] | None, dict[str, Any]] | None:
    """A rule field's calibration (None: it keeps the rules' confidence) and its report; None where
    fewer than ten documents know its truth."""
    points = [
        (d.others[name], d.weight * by_source.get(d.source, 1.0), d.weight, d.source)
        for d in docs
        if name in d.others
    ]
    if len(points) < 10:
        return None
    methods = (BEFORE, *RULE_METHODS, ROBUST_RULE, ROBUST_TABLE)

    def fitted(rows: list[Any], method: str) -> Any:
        if method in (BEFORE, ROBUST_RULE):
            how = isotonic if method == BEFORE else robust_map
            extra = [[src for *_, src in rows]] if method == ROBUST_RULE else []
            return how(
                [c for (c, _, _), *_ in rows],
                [r for (_, r, _), *_ in rows],
                [w for _, w, _, _ in rows],
                *extra,
            )
        if method == ROBUST_TABLE:
            return fit_robust_table([(kind, right, w, src) for (_, right, kind), w, _, src in rows])
        return fit_table([(kind, right, w) for (_, right, kind), w, _, _ in rows], RULE_METHODS[method])

    def probability(fit: Any, method: str, point: Any) -> float:
        (confidence, _, kind), *_ = point
        if method in (BEFORE, ROBUST_RULE):
            return float(np.interp(confidence, fit[0], fit[1]))
        return table_probability(fit[0], fit[1], kind)

    per_source: dict[str, dict[str, float]] = {}
    pooled: dict[str, tuple[list[float], list[bool], list[float]]] = {
        k: ([], [], []) for k in ("hand", *methods)
    }
    for source in sorted({src for *_, src in points}):
        mine = [p for p in points if p[3] == source]
        rest = [p for p in points if p[3] != source]
        if not rest:
            continue
        rights = [r for (_, r, _), *_ in mine]
        weights = [w for _, _, w, _ in mine]
        probs = {"hand": [c for (c, _, _), *_ in mine]}
        for method in methods:
            fit_rest = fitted(rest, method)
            probs[method] = [probability(fit_rest, method, p) for p in mine]
        per_source[source] = {
            "n": len(mine),
            "accuracy": sum(w for w, r in zip(weights, rights, strict=True) if r) / sum(weights),
            **{k: ece(v, rights, weights) for k, v in probs.items()},
        }
        for k, v in probs.items():
            pooled[k][0].extend(v)
            pooled[k][1].extend(rights)
            pooled[k][2].extend(w * by_source.get(source, 1.0) for w in weights)
    means = (
        {m: sum(f[m] for f in per_source.values()) / len(per_source) for m in ("hand", *methods)}
        if per_source
        else {}
    )
    chosen = steadiest(methods, means, per_source)
    if per_source and means["hand"] < means[chosen] - HAND_MARGIN:
        chosen = "hand"  # the rules' fixed confidence transfers better between sources than any fit
    spec: dict[str, Any] | None = None
    if chosen != "hand":
        fit_all = fitted(points, chosen)
        spec = (
            {"x": round_list(fit_all[0]), "y": round_list(fit_all[1])}
            if chosen in (BEFORE, ROBUST_RULE)
            else {"kinds": fit_all[0], "default": fit_all[1]}
        )
    report = {
        "n": len(points),
        "method": chosen,
        "per_source": per_source,
        "mean": means,
        "all": {k: ece(*v) for k, v in pooled.items()},
        "kinds": fit_table([(kind, right, w) for (_, right, kind), w, _, _ in points])[0],
    }
    return spec, report


_POOL_DOCS: list[Doc] = []
"""The documents a pool of `train` works on (its processes are forked with them)."""


def one_thread() -> Any:
    """Numerical libraries limited to one thread: a fit of a few thousand rows runs ten times slower
    on threads that wait for a busy machine's cores, and one thread sums alike on every machine. The
    libraries are loaded first (a limit holds only for those loaded)."""
    import scipy.optimize  # noqa: F401
    import sklearn.isotonic
    import sklearn.linear_model  # noqa: F401
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


def _train_field_job(job: tuple[str, int, dict[str, float]]) -> tuple[dict[str, Any], dict[str, Any]]:
    name, seed, by_source = job
    started = time.monotonic()
    with one_thread():
        trained = train_field(_POOL_DOCS, name, seed, by_source)
    print(f"  {name}: fitted and calibrated in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return trained


def train(docs: list[Doc], seed: int, jobs: int = 1) -> tuple[dict[str, Any], dict[str, Any]]:
    """The model and its report. ``jobs`` > 1: the headline fields are trained side by side in that
    many forked processes (each field's figures are the same as one process's: every fit is
    deterministic and numerical libraries run one thread)."""
    import multiprocessing

    model: dict[str, Any] = {"format": 1, "seed": seed, "fields": {}}
    report: dict[str, Any] = {"fields": {}}
    by_source = source_weights(docs)
    sizes = {name: sum(len(d.candidates.get(name, [])) for d in docs) for name in FIELDS}
    work = [(name, seed, by_source) for name in sorted(FIELDS, key=lambda n: -sizes[n])]  # longest first
    _POOL_DOCS[:] = docs
    try:
        if jobs > 1:
            with multiprocessing.get_context("fork").Pool(min(jobs, len(work))) as pool:
                results = pool.map(_train_field_job, work, chunksize=1)
        else:
            results = [_train_field_job(job) for job in work]
    finally:
        _POOL_DOCS.clear()
    trained = {name: result for (name, _, _), result in zip(work, results, strict=True)}
    for name in FIELDS:
        model["fields"][name], report["fields"][name] = trained[name]
    model["rule_fields"] = {}
    if COMBINATION_ONLY:
        return model, report
    with one_thread():
        for name in OTHER_FIELDS:
            fitted = train_rule_field(docs, name, by_source)
            if fitted is not None:
                spec, report.setdefault("rule_fields", {})[name] = fitted
                if spec is not None:
                    model["rule_fields"][name] = spec
    return model, report


def _nan(value: float | None) -> float:
    return float("nan") if value is None else value


def print_report(report: dict[str, Any]) -> None:
    print("Headline fields: leave-one-source-out accuracy of the hand rules and of the model, and the ECE")
    print("of the shipped mode's confidence on each source held out of both the model and the calibration,")
    print("per calibration method (-4: without the rules' own confidence; isotonic-4: as before).")
    heads = " ".join(f"{m:>10}" for m in CALIBRATION_METHODS)
    print(f"{'field':16} {'source':13} {'n':>5} {'rules':>7} {'model':>7}  mode   {heads}")
    for name, spec in report["fields"].items():
        held = spec["ece_held_out"]
        for source, figures in spec["loso"].items():
            cells = " ".join(f"{_nan(held.get(m, {}).get(source)):10.3f}" for m in CALIBRATION_METHODS)
            print(
                f"{name:16} {source:13} {figures['n']:5d} {_nan(figures['rules']):7.3f} "
                f"{_nan(figures['model']):7.3f}  {spec['mode']:6} {cells}"
            )
        means = spec["loso_mean"]
        cells = " ".join(
            f"{_mean(held[m]) if m in held else float('nan'):10.3f}" for m in CALIBRATION_METHODS
        )
        print(f"{name:16} {'mean':13} {'':5} {means['rules']:7.3f} {means['model']:7.3f}  {'':6} {cells}")
        cells = " ".join(f"{held.get(m, {}).get('all', float('nan')):10.3f}" for m in CALIBRATION_METHODS)
        print(
            f"{name:16} {'pooled':13} {'':5} {'':7} {'':7}  {'':6} {cells}   chosen: {spec['calibration_method']}"
        )
    print()
    print("Rule fields: ECE per source held out of the fit (hand: the rules' fixed confidence; isotonic-4:")
    print(
        "an isotonic map of it, as before; table, table-strong: the evidence-kind table, shrunk less or more)."
    )
    methods = ("hand", BEFORE, *RULE_METHODS, ROBUST_RULE, ROBUST_TABLE)
    heads = " ".join(f"{m:>12}" for m in methods)
    print(f"{'field':16} {'source':13} {'n':>5} {'acc':>7} {heads}")
    for name, spec in report.get("rule_fields", {}).items():
        for source, figures in spec["per_source"].items():
            cells = " ".join(f"{figures[m]:12.3f}" for m in methods)
            print(f"{name:16} {source:13} {figures['n']:5d} {figures['accuracy']:7.3f} {cells}")
        cells = " ".join(f"{spec['mean'].get(m, float('nan')):12.3f}" for m in methods)
        print(f"{name:16} {'mean':13} {'':5} {'':7} {cells}")
        cells = " ".join(f"{spec['all'][m]:12.3f}" for m in methods)
        print(f"{name:16} {'pooled':13} {spec['n']:5d} {'':7} {cells}   chosen: {spec['method']}")


def interval(accuracy_: float | None, weight: float) -> tuple[float, float] | None:
    """The 95 % Wilson interval of a held-out accuracy over ``weight`` documents (ZUGFeRD's copies of one
    invoice count once)."""
    from evals.invoices.metrics import wilson

    n = round(weight)
    return None if accuracy_ is None or n <= 0 else wilson(accuracy_ * n, n)


def print_loso(report: dict[str, Any]) -> None:
    """The leave-one-source-out table: per source and headline field, the shipped choice's accuracy on
    the source with its 95 % interval, and the other choice's (rules: the hand rules; model: the model
    fitted without the source)."""
    fields = list(report["fields"])
    sources = sorted({s for spec in report["fields"].values() for s in spec["loso"]}, key=SOURCES.index)
    print()
    print("Leave-one-source-out, per source and headline field: the shipped choice's accuracy [95 % Wilson")
    print("interval] (n), then the other choice's (R: the hand rules, M: the model without the source).")
    print(f"{'source':13} " + " ".join(f"{name:>30}" for name in fields))
    for source in sources:
        cells = []
        for name in fields:
            spec = report["fields"][name]
            figures = spec["loso"].get(source)
            if figures is None:
                cells.append(f"{'–':>30}")
                continue
            shipped, other = ("rules", "model") if spec["mode"] == "rules" else ("model", "rules")
            bounds = interval(figures[shipped], figures.get("weight", figures["n"]))
            low, high = bounds or (math.nan, math.nan)
            text = (
                f"{_nan(figures[shipped]):.2f} [{low:.2f}–{high:.2f}] ({figures['n']}) "
                f"{other[0].upper()} {_nan(figures[other]):.2f}"
            )
            cells.append(f"{text:>30}")
        print(f"{source:13} " + " ".join(cells))


def print_rules(docs: list[Doc]) -> None:
    """Per source and headline field, the hand rules' accuracy as this script labels it (the documents
    whose truth is scored, each at its weight), the count scored and the documents missed."""
    sources = sorted(
        {d.source for d in docs}, key=lambda s: SOURCES.index(s) if s in SOURCES else len(SOURCES)
    )
    print(f"{'source':13} " + " ".join(f"{name:>22}" for name in FIELDS))
    missed: list[str] = []
    for source in sources:
        cells = []
        for name in FIELDS:
            scored = [d for d in docs if d.source == source and has_truth(d, name)]
            total = sum(d.weight for d in scored)
            if not total:
                cells.append(f"{'–':>22}")
                continue
            right = sum(d.weight for d in scored if rules_right(d, name))
            cells.append(f"{f'{right / total:.2f} ({len(scored)})':>22}")
            missed += [f"{source} {name}: {d.name}" for d in scored if not rules_right(d, name)]
        print(f"{source:13} " + " ".join(cells))
    if len(missed) <= 40:
        for line in missed:
            print(f"  missed: {line}")


def print_combined(report: dict[str, Any]) -> None:
    """Per combination (`COMBINATIONS`), source and headline field, leave-one-source-out: the hand rules,
    the model, and the per-document combination (`held_out_combination`); +k/-k: the documents it
    reads right / wrong against the shipped choice; !: a source it lowers beyond noise."""
    fields = list(report["fields"])
    sources = sorted({s for spec in report["fields"].values() for s in spec["loso"]}, key=SOURCES.index)
    for combination in COMBINATIONS:
        print()
        print(
            f"Leave-one-source-out: the hand rules / the model / the combination '{combination}' per document"
        )
        print(
            "(+k/-k: documents it reads right / wrong against the shipped choice; !: lower beyond noise;"
            " fk: k documents the rules read none of kept without the model's guess, under the abstain floor)."
        )
        print(f"{'source':13} " + " ".join(f"{name:>26}" for name in fields))
        for source in [*sources, "mean"]:
            cells = []
            for name in fields:
                spec = report["fields"][name]
                if source == "mean":
                    m = spec["loso_mean"]
                    both = m.get("combined", {}).get(combination, math.nan)
                    text = f"{m['rules']:.3f} {m['model']:.3f} {both:.3f}"
                    cells.append(f"{text:>26}")
                    continue
                figures = spec["loso"].get(source)
                comb = spec.get("combined", {}).get(combination, {}).get(source)
                if figures is None or comb is None:
                    cells.append(f"{'–':>26}")
                    continue
                mark = "!" if comb["lowered"] else ""
                floored = f" f{comb['floored']}" if comb.get("floored") else ""
                text = (
                    f"{_nan(figures['rules']):.2f} {_nan(figures['model']):.2f} {comb['combined']:.2f}"
                    f" +{comb['gained']:.0f}-{comb['lost']:.0f}{mark}{floored}"
                )
                cells.append(f"{text:>26}")
            print(f"{source:13} " + " ".join(cells))


FEATURES = TRAIN_SETS / "features"
"""Each source's featurised documents (`read_documents`), one file per source named by `features_key`."""
TRAINED_FILES = ("extract/scorer/field_model.json", "ocr/ocr_calibration.json")
"""What the training scripts write into the package: no input of the features, left out of their key."""


def _hash_files(digest: Any, root: Path, files: list[Path]) -> None:
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")


def engine_key() -> str:
    """What a document's candidates and labels depend on besides the document: the package's files
    (the engine, its lexicons and packs; not the files training writes), the eval's comparisons
    (evals/invoices), this script's code that reads the truth, labels and featurises (`LABEL_CODE`),
    the installed distributions and Python."""
    import importlib.metadata
    import inspect

    import opsloop

    digest = hashlib.sha256()
    package = Path(opsloop.__file__).parent
    _hash_files(
        digest,
        package,
        [
            p
            for p in package.rglob("*")
            if p.is_file()
            and "__pycache__" not in p.parts
            and str(p.relative_to(package)) not in TRAINED_FILES
        ],
    )
    here = Path(__file__)
    _hash_files(digest, here.parent, list((here.parent / "invoices").glob("*.py")))
    for part in LABEL_CODE:
        digest.update(inspect.getsource(part).encode())
    digest.update(repr([sorted(_LEGAL_WORDS), VENDOR_RATIO, FIELDS, OTHER_FIELDS, EVAL_NAMES]).encode())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join([sys.version, *versions]).encode())
    return digest.hexdigest()


LABEL_CODE = (
    Doc,
    featurise,
    _read_pdf,
    same_value,
    eval_right,
    norm_name,
    norm_id,
    to_decimal,
    to_date,
    other_truth,
    truth_notes,
    load_invoice2data,
    load_zugferd,
    load_sroie,
    synth_docs,
    generated_docs,
)
"""This script's code a document's features and labels come from (part of `engine_key`)."""


def features_key(engine: str, identity: bytes) -> str:
    return hashlib.sha256(engine.encode() + b"\0" + identity).hexdigest()[:16]


def _featurised(doc: Doc) -> Doc:
    featurise(doc)
    return doc


def featurise_all(docs: list[Doc], jobs: int, label: str) -> list[Doc]:
    """``docs`` featurised in ``jobs`` forked processes (in order: the same as one process)."""
    import multiprocessing

    out: list[Doc] = []
    if jobs > 1 and len(docs) > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for doc in pool.imap(_featurised, docs, chunksize=4):
                out.append(doc)
                if len(out) % 100 == 0:
                    print(f"  {label}: {len(out)}/{len(docs)} documents read", file=sys.stderr)
    else:
        for doc in docs:
            out.append(_featurised(doc))
            if len(out) % 100 == 0:
                print(f"  {label}: {len(out)}/{len(docs)} documents read", file=sys.stderr)
    return out


def sources_to_read(args: argparse.Namespace, excluded: set[str]) -> list[tuple[str, Any, Any]]:
    """(source, what its documents are (bytes for `features_key`), their loader) of each source."""
    sources: list[tuple[str, Any, Any]] = []
    root = args.data
    if root.is_dir():
        for source, folder, load in (
            ("invoice2data", root / "invoice2data" / "compare", load_invoice2data),
            ("zugferd", root / "zugferd_corpus", load_zugferd),
            ("sroie", root / "sroie_text", load_sroie),
        ):
            sources.append((source, folder, lambda load=load: load(root)))
    else:
        print(f"no development data at {root}: training on generated invoices only", file=sys.stderr)
    synth_code = Path(__file__).parent / "synth"
    sources.append(
        (
            "synth",
            (f"n{args.synth_count} s{args.seed}", synth_code),
            lambda: synth_docs(args.synth_count, args.seed),
        )
    )
    if args.generated_count > 0:
        for generator in GENERATED[1:]:
            if generator in excluded:
                continue
            folder = generated_set(generator, args.generated_count, args.seed)
            if folder is not None:
                sources.append(
                    (
                        generator,
                        folder,
                        lambda g=generator: generated_docs(g, args.generated_count, args.seed),
                    )
                )
    return [s for s in sources if s[0] not in excluded]


def _identity(what: Any) -> bytes:
    """The bytes a source's documents are: its folder's name and files, or a text and a code folder."""
    digest = hashlib.sha256()
    if isinstance(what, tuple):
        text, code = what
        digest.update(text.encode())
        _hash_files(digest, code, [p for p in code.rglob("*.py") if "__pycache__" not in p.parts])
    elif what.is_dir():
        digest.update(what.name.encode())
        _hash_files(digest, what, [p for p in what.rglob("*") if p.is_file()])
    return digest.digest()


def read_documents(args: argparse.Namespace, excluded: set[str], jobs: int = 1) -> list[Doc]:
    """Every source's documents, read and featurised (their pages dropped) in ``jobs`` processes. A
    source featurised before by the same engine, code and documents (`features_key`) is read back
    from FEATURES instead: a rerun, or a run after a change to the fitting alone, reads nothing."""
    engine = engine_key()
    docs: list[Doc] = []
    FEATURES.mkdir(parents=True, exist_ok=True)
    for source, what, load in sources_to_read(args, excluded):
        path = FEATURES / f"{source}-{features_key(engine, _identity(what))}.pkl"
        if path.is_file():
            with path.open("rb") as handle:
                mine: list[Doc] = pickle.load(handle)  # a file this script wrote
            print(f"{source}: {len(mine)} documents featurised before ({path})", file=sys.stderr)
        else:
            mine = featurise_all(load(), jobs, source)
            for stale in FEATURES.glob(f"{source}-*.pkl"):
                stale.unlink()
            partial = path.with_suffix(".part")
            with partial.open("wb") as handle:
                pickle.dump(mine, handle)
            partial.replace(path)
        docs += mine
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/invoices"))
    parser.add_argument("--synth-count", type=int, default=270)
    parser.add_argument(
        "--generated-count",
        type=int,
        default=150,
        help="documents of each other generator (evals/synth2 .. synth5, synth7 .. synth15, synth17 .. synth25), written under var/train",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--exclude-source",
        action="append",
        default=[],
        help=f"one of {', '.join(SOURCES)} (a name like synth:FOLDER counts as its prefix)",
    )
    parser.add_argument(
        "--features-cache",
        type=Path,
        default=None,
        help="reuse the documents' candidates and labels from this file (written when absent): for trying "
        "the fitting only; stale after any change to the engine or the data",
    )
    parser.add_argument(
        "--combination-only",
        action="store_true",
        help="print the leave-one-source-out figures of the rules, the model and the per-document "
        "combinations (deciders fitted on the other sources' held-out documents, not nested) and write "
        "only the report: 25 fits a field instead of 326",
    )
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="print the hand rules' accuracy per source and headline field on the documents read (the "
        "rules' column of the leave-one-source-out table, without fitting) and write nothing: with "
        "--exclude-source, a few sources in minutes",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that featurise documents and fit fields side by side (default: one per core); "
        "the files written are the same for any number",
    )
    args = parser.parse_args(argv)
    np.random.seed(args.seed)
    started = time.monotonic()
    excluded = {name.split(":", 1)[0] for name in args.exclude_source}
    unknown = excluded - set(SOURCES)
    if unknown:
        parser.error(f"unknown source(s) {', '.join(sorted(unknown))}; known: {', '.join(SOURCES)}")
    if args.features_cache is not None and args.features_cache.is_file():
        with args.features_cache.open("rb") as handle:
            docs: list[Doc] = pickle.load(handle)  # a file this script wrote
    else:
        docs = read_documents(args, excluded, args.jobs)
        if args.features_cache is not None:
            with args.features_cache.open("wb") as handle:
                pickle.dump(docs, handle)
    docs = [d for d in docs if d.source not in excluded]
    print(f"{len(docs)} documents featurised in {time.monotonic() - started:.0f} s", file=sys.stderr)
    if args.rules_only:
        print_rules(docs)
        return 0
    fitting = time.monotonic()
    global COMBINATION_ONLY
    COMBINATION_ONLY = args.combination_only
    model, report = train(docs, args.seed, args.jobs)
    print(f"fitted in {time.monotonic() - fitting:.0f} s", file=sys.stderr)
    if args.combination_only:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(
            json.dumps(report, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8"
        )
        print_combined(report)
        print(f"report: {args.report}")
        return 0
    model["trained_on"] = {s: sum(1 for d in docs if d.source == s) for s in sorted({d.source for d in docs})}
    model["excluded_sources"] = sorted(excluded)
    text = json.dumps(model, sort_keys=True, indent=1) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    report["model_sha256"] = hashlib.sha256(text.encode()).hexdigest()
    report["trained_on"] = model["trained_on"]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8")
    print_report(report)
    print_loso(report)
    print_combined(report)
    print(f"model: {args.out} (sha256 {report['model_sha256'][:16]}), report: {args.report}")
    return 0


if __name__ == "__main__":
    from evals import train_fields  # this module under its own name: what it pickles loads anywhere

    sys.exit(train_fields.main())
