"""Calibrate the confidence of fields read from OCR text (opsloop/ocr/ocr_calibration.json) reproducibly.

    python -m evals.train_ocr [--count 100] [--scans-count 50] [--seed 7] [--modes ocr_layer,ocr]
        [--out src/opsloop/ocr/ocr_calibration.json] [--report PATH] [--features-cache PATH]

``--modes ocr`` reads and refits own OCR's map only, the other mode's map kept from ``--out`` as it is.

A field read from a page's text layer gets the field model's calibrated probability (evals/train_fields.py).
A field read from OCR text is less certain, by how much depends on the field and on how the page was read:
by another program whose OCR layer lies under a scan (``ocr_layer``: its word confidences unknown) or by
opsloop's own Tesseract run (``ocr``: the page's mean word confidence known). This script measures it on
training scans: evals/synth16's scanner (page images at 150-300 dpi, turned, specked, blurred, JPEG'd, then
read by Tesseract) over documents of evals/synth14 and evals/synth5 drawn with the training seed (never the
eval's: synth16's eval set scans those generators' eval seeds 14143 and 5051, and its own seed 16163 only
draws the scanner), written once under var/train. A synth16 scan is read as a text-layer reader gets its
OCR layer (``ocr_layer``). Opsloop's own OCR (``ocr``: 300 dpi, deskewed, despeckled, the language chosen
from the first page's words) is measured on what it reads in use, image-only scans: evals/scans' documents
of the training seed (the same sources and scanner, no text layer) in the languages the synth16 scans
print and the seven more evals/scans prints by default, so that the map holds for a scan read in its own
language as for one in the configured set (``--scans-count``). Every field is extracted as opsloop
extracts it, without the OCR adjustment, and judged right or wrong by the eval's own judgement
(evals.invoices.run.score_case), so a field's OCR confidence is the probability that the eval counts it
right.

The map, per reading mode and field: ``p = sigmoid(a * logit(c) + b + w * logit(q) + v * logit(r))``, where
``c`` is the confidence the text-layer calibration gives the reading, ``q`` the page's OCR word confidence
and ``r`` the lowest OCR confidence of the words under the reading's box (``q`` when it has none) (own OCR
only; for an OCR layer, whose word confidences are unknown, ``w`` and ``v`` are 0). Fitted by penalised maximum likelihood (Newton's method, a
Gaussian prior): first one map for all of a mode's fields, its prior the identity (a=1, b=0, w=0: the
text layer's probability unchanged); then each field's intercept with the mode's map as its prior, so a field
with few readings keeps close to its mode's. Its ECE is measured by K-fold over documents (each fold scored
by maps fitted without it) against OCR_TRUST, the fixed discount it replaces. Same data and seed: the
same file, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
from evals.train_fields import TRAIN_SETS

DEFAULT_OUT = Path("src/opsloop/ocr/ocr_calibration.json")
DEFAULT_REPORT = Path("evals/reports/ocr_calibration.json")
MODES = ("ocr_layer", "ocr")
LINES = "lines"
"""The item table's outcome: every row read (line F1 1.0), against ``fields["lines"]``."""
PRIOR_MODE = 4.0
"""Strength of the identity prior on a mode's map (in readings' worth of log-likelihood curvature)."""
PRIOR_FIELD = 20.0
"""Strength of the mode's map as the prior of each field's map."""
FOLDS = 5
FIELD_FREE: tuple[int, ...] = (1,)
"""The weights a field's map moves from its mode's: its intercept only (slope and page weight are the
mode's). Held out of the fit (5 folds), moving the slope too gave a lower mean ECE but a worse worst
field (the seller's address, right 72 % of the time at 0.98: 0.078 against 0.030 on OCR layers)."""


def scan_set(count: int, seed: int) -> Path:
    """The training scans: evals/synth16's scanner over evals/synth14's and evals/synth5's documents of
    ``seed`` (the scanner drawn with ``seed`` too), written once under var/train."""
    from evals.synth16 import dataset as s16

    folder = TRAIN_SETS / f"synth16-s{seed}-n{count}-{s16.fingerprint()}"
    if not (folder / "manifest.jsonl").is_file():
        print(f"scanning {count} training invoices (seed {seed}) into {folder} …", file=sys.stderr)
        with mock.patch.dict(s16.SOURCE_SEEDS, dict.fromkeys(s16.SOURCE_SEEDS, seed)):
            s16.write_dataset(folder, count, seed)
    return folder


def own_scan_set(count: int, seed: int) -> Path:
    """The training scans own OCR is measured on: evals/scans' image-only scans of ``seed`` in the synth16
    scans' languages and evals/scans' own, written once under var/train."""
    from evals.scans import dataset as scans
    from evals.synth16 import dataset as s16

    langs = (*s16.DOC_LANGS, *scans.DEFAULT_LANGS)
    folder = TRAIN_SETS / f"scans-s{seed}-n{count}-{scans.fingerprint()}"
    if not (folder / "manifest.jsonl").is_file():
        print(f"scanning {count} image-only training invoices (seed {seed}) into {folder} …", file=sys.stderr)
        scans.write_dataset(folder, count, seed, langs=langs)
    return folder


def _unadjusted(result: Any, parsed: Any) -> Any:
    return result


def own_ocr(parsed: Any, data: bytes) -> tuple[Any, float | None]:
    """``parsed`` with every page read by opsloop's own OCR of its image (the OCR layer ignored), and the
    document's mean word confidence."""
    from opsloop.ocr.scan import ocr_pdf
    from opsloop.settings import environment_settings

    result = ocr_pdf(data, environment_settings().ocr)
    pages = [page.page_text() for page in result.pages]
    return parsed.model_copy(update={"pages": pages}), result.mean_confidence


def page_confidence(parsed: Any) -> float:
    from opsloop.ocr.confidence import ocr_confidences

    pages = ocr_confidences(parsed)
    return float(np.mean(list(pages.values()))) if pages else 1.0


def lowest_word(name: str, mode: str, parsed: Any, extraction: Any) -> float | None:
    """The lowest OCR confidence of the words under the box the eval field ``name`` was read from (own OCR
    only; None where unknown), as `discount_ocr_fields` reads it in use."""
    from opsloop.ocr.confidence import words_confidence

    evidence = extraction.fields.get(key(name))
    if evidence is None or mode != "ocr":
        return None
    return words_confidence(parsed, evidence.page, evidence.bbox)


def read_scans(folder: Path, mode: str) -> list[dict[str, Any]]:
    """Per scan read in ``mode`` (its OCR layer, or own OCR of its images): (field, right, text-layer
    confidence, page confidence) of every field the eval scores, read without the OCR adjustment."""
    from evals.invoices.cases import apply_notes, synth_cases
    from evals.invoices.run import score_case

    from opsloop.extract import extract_invoice, parse_file

    rows: list[dict[str, Any]] = []
    cases = list(synth_cases(folder, prefix="synth16:"))
    with mock.patch("opsloop.extract.discount_ocr_fields", _unadjusted):
        for number, case in enumerate(cases, start=1):
            apply_notes(case, "text")
            assert case.document is not None
            layer = parse_file(case.document, attachments=False)
            ways = [(mode, layer if mode == "ocr_layer" else own_ocr(layer, case.document.read_bytes())[0])]
            for mode, parsed in ways:
                if not any(p.source == mode for p in parsed.pages):
                    continue
                extraction = extract_invoice(parsed, text_only=True)
                scored, f1, _ = score_case(case, extraction)
                outcomes = [
                    (name, ok, conf, lowest_word(name, mode, parsed, extraction))
                    for name, (ok, conf) in scored.items()
                ]
                if f1 is not None:
                    table = extraction.fields.get("lines")
                    confidence = float(table.confidence) if table else 0.0
                    outcomes.append(
                        (LINES, f1 == 1.0, confidence, lowest_word(LINES, mode, parsed, extraction))
                    )
                rows.append(
                    {
                        "item": case.item,
                        "mode": mode,
                        "page": page_confidence(parsed),
                        "outcomes": outcomes,
                    }
                )
            if number % 10 == 0:
                print(f"  {number}/{len(cases)} scans read", file=sys.stderr)
    return rows


# ---- the map --------------------------------------------------------------------------------------


def _features(confidence: float, page: float, mode: str, words: float | None = None) -> list[float]:
    from opsloop.ocr.confidence import features

    return features(confidence, page, mode, words)


def _outcome(outcome: tuple[Any, ...]) -> tuple[str, bool, float, float | None]:
    """(field, right, text-layer confidence, lowest word confidence or None): readings cached before the
    words' confidence was read hold three."""
    name, ok, confidence, *rest = outcome
    return name, ok, confidence, rest[0] if rest else None


def fit(
    rows: list[tuple[list[float], bool]], prior: list[float], strength: float, free: tuple[int, ...]
) -> list[float]:
    """Penalised maximum likelihood of ``sigmoid(theta . x)`` with a Gaussian prior centred on ``prior``
    (``strength``: its precision); only the weights at the indices ``free`` move, the others stay the
    prior's (Newton's method, damped; deterministic)."""
    theta = np.array(prior, dtype=np.float64)
    if not rows:
        return [float(v) for v in theta]
    index = list(free)
    fixed = [i for i in range(len(theta)) if i not in index]
    full = np.array([features for features, _ in rows], dtype=np.float64)
    x = full[:, index]
    offset = full[:, fixed] @ theta[fixed] if fixed else np.zeros(len(rows))
    y = np.array([1.0 if ok else 0.0 for _, ok in rows])
    centre = theta[index].copy()

    def objective(w: np.ndarray[Any, np.dtype[np.float64]]) -> float:
        z = x @ w + offset
        return float(np.sum(np.logaddexp(0.0, z) - y * z) + strength / 2 * np.sum((w - centre) ** 2))

    weights = centre.copy()
    for _ in range(200):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + offset)))
        gradient = x.T @ (p - y) + strength * (weights - centre)
        hessian = (x.T * (p * (1 - p))) @ x + strength * np.eye(len(index))
        step = np.linalg.solve(hessian, gradient)
        scale, before = 1.0, objective(weights)
        while objective(weights - scale * step) > before and scale > 1e-6:
            scale /= 2  # damped: the likelihood of readings nearly all right is flat far out
        weights = weights - scale * step
        if float(np.max(np.abs(scale * step))) < 1e-10:
            break
    theta[index] = weights
    return [round(float(v), 6) for v in theta]


def readings(
    records: list[dict[str, Any]], mode: str, name: str | None = None
) -> list[tuple[list[float], bool]]:
    """(features, right) of every reading of ``mode`` (of the field ``name``, else of all), read at all."""
    out = []
    for record in records:
        if record["mode"] != mode:
            continue
        for field_name, ok, confidence, words in map(_outcome, record["outcomes"]):
            if confidence > 0 and (name is None or field_name == name):
                out.append((_features(confidence, record["page"], mode, words), ok))
    return out


def fit_maps(records: list[dict[str, Any]], modes: tuple[str, ...] = MODES) -> dict[str, Any]:
    """Per mode: its map over all fields (prior: the identity) and each field's (prior: the mode's)."""
    from opsloop.ocr.confidence import IDENTITY

    maps: dict[str, Any] = {}
    for mode in modes:
        free = (0, 1, 2, 3) if mode == "ocr" else (0, 1)
        default = fit(readings(records, mode), list(IDENTITY), PRIOR_MODE, free)
        names = sorted({o[0] for r in records if r["mode"] == mode for o in r["outcomes"]})
        fields = {
            key(name): fit(readings(records, mode, name), default, PRIOR_FIELD, FIELD_FREE) for name in names
        }
        maps[mode] = {"default": default, "fields": dict(sorted(fields.items()))}
    return maps


def key(name: str) -> str:
    """The evidence key (``InvoiceExtraction.fields``) of an eval field name."""
    from evals.invoices.run import CONFIDENCE_KEY

    return name if name == LINES else CONFIDENCE_KEY.get(name, name)


# ---- held-out figures -----------------------------------------------------------------------------


def held_out(records: list[dict[str, Any]]) -> dict[str, Any]:
    """ECE per mode and field of the fitted maps on documents held out of the fit (FOLDS folds by
    document), beside the fixed discount (OCR_TRUST x page confidence) and the text layer's probability
    unchanged."""
    from evals.invoices.metrics import expected_calibration_error

    from opsloop.ocr.confidence import OCR_TRUST, OcrCalibration

    items = sorted({r["item"] for r in records})
    fold_of = {item: index % FOLDS for index, item in enumerate(items)}
    outcomes: dict[tuple[str, str, str], list[tuple[bool, float]]] = defaultdict(list)
    for fold in range(FOLDS):
        train = [r for r in records if fold_of[r["item"]] != fold]
        modes = tuple(mode for mode in MODES if any(r["mode"] == mode for r in records))
        calibration = OcrCalibration.parse({"format": 1, "modes": fit_maps(train, modes)})
        for record in records:
            if fold_of[record["item"]] != fold:
                continue
            mode, page = record["mode"], record["page"]
            for name, ok, confidence, words in map(_outcome, record["outcomes"]):
                cell = (mode, key(name))
                fixed = confidence * OCR_TRUST * page if confidence > 0 else 0.0
                fitted = calibration.probability(mode, key(name), confidence, page, words)
                outcomes[(*cell, "fixed")].append((ok, fixed))
                outcomes[(*cell, "fitted")].append((ok, fitted))
                outcomes[(*cell, "text")].append((ok, confidence))
    table: dict[str, Any] = {}
    for (mode, name, method), pairs in sorted(outcomes.items()):
        cell = table.setdefault(mode, {}).setdefault(name, {"n": len(pairs)})
        cell["accuracy"] = round(sum(1 for ok, _ in pairs if ok) / len(pairs), 4)
        cell[method] = round(expected_calibration_error(pairs) or 0.0, 4)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--scans-count", type=int, default=50, help="image-only scans own OCR is measured on")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        help="the reading modes to read and refit (comma-separated); the others' maps kept from --out",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument(
        "--features-cache",
        type=Path,
        default=None,
        help="reuse the scans' readings from this file (written when absent): for trying the fit only; "
        "stale after any change to the engine, the field model or the data",
    )
    args = parser.parse_args(argv)
    modes = tuple(mode for mode in MODES if mode in args.modes.split(","))
    if not modes:
        parser.error(f"--modes: one or more of {', '.join(MODES)}")
    kept: dict[str, Any] = {"modes": {}, "trained_on": {}}
    if set(modes) != set(MODES):
        try:
            kept = json.loads(args.out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            parser.error(f"--modes {args.modes}: the other modes' maps are kept from {args.out}: {error}")
    if args.features_cache is not None and args.features_cache.is_file():
        with args.features_cache.open("rb") as handle:
            records: list[dict[str, Any]] = pickle.load(handle)  # a file this script wrote
    else:
        records = []
        if "ocr_layer" in modes:
            records += read_scans(scan_set(args.count, args.seed), "ocr_layer")
        if "ocr" in modes:
            records += read_scans(own_scan_set(args.scans_count, args.seed), "ocr")
        if args.features_cache is not None:
            with args.features_cache.open("wb") as handle:
                pickle.dump(records, handle)
    fitted = fit_maps(records, modes)
    trained_on = {mode: sum(1 for r in records if r["mode"] == mode) for mode in modes}
    model = {
        "format": 1,
        "seed": args.seed,
        "trained_on": {m: trained_on[m] if m in modes else kept["trained_on"].get(m, 0) for m in MODES},
        "modes": {
            m: fitted[m] if m in modes else kept["modes"][m]
            for m in MODES
            if m in modes or m in kept["modes"]
        },
    }
    text = json.dumps(model, sort_keys=True, indent=1) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    report = {"held_out_ece": held_out(records), "sha256": hashlib.sha256(text.encode()).hexdigest()}
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{'mode':10} {'field':16} {'n':>4} {'acc':>6} {'text':>6} {'fixed':>6} {'fitted':>6}")
    for mode, fields in report["held_out_ece"].items():
        for name, cell in fields.items():
            print(
                f"{mode:10} {name:16} {cell['n']:4d} {cell['accuracy']:6.3f} {cell['text']:6.3f} "
                f"{cell['fixed']:6.3f} {cell['fitted']:6.3f}"
            )
    print(f"ECE on scans held out of the fit ({FOLDS} folds); text: the text layer's probability unchanged,")
    print(
        f"fixed: OCR_TRUST x page confidence (before), fitted: this map. {args.out} sha256 {report['sha256'][:16]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
