"""The OCR calibration's training script: a penalised logistic map per reading mode and field, each field's
map drawn towards its mode's."""

from __future__ import annotations

import math
from pathlib import Path

from evals.train_ocr import PRIOR_FIELD, PRIOR_MODE, fit, fit_maps

from opsloop.ocr.confidence import IDENTITY, OcrCalibration, features


def _record(item: str, mode: str, page: float, *outcomes: tuple[str, bool, float]) -> dict[str, object]:
    return {"item": item, "mode": mode, "page": page, "outcomes": list(outcomes)}


def test_a_map_learns_how_much_less_often_ocr_readings_are_right() -> None:
    # GIVEN readings the text layer calls 0.99 likely, right 9 times in 10 once OCR'd
    rows = [(features(0.99, 1.0, "ocr_layer"), i % 10 != 0) for i in range(400)]
    theta = fit(rows, list(IDENTITY), PRIOR_MODE, (0, 1))
    # THEN the map gives them about 0.9, and the page weight of an OCR layer stays 0
    z = theta[0] * math.log(0.99 / 0.01) + theta[1]
    assert abs(1 / (1 + math.exp(-z)) - 0.9) < 0.01
    assert theta[2] == 0.0
    # AND no readings: the prior itself
    assert fit([], list(IDENTITY), PRIOR_MODE, (0, 1)) == list(IDENTITY)


def test_a_field_with_few_readings_keeps_close_to_its_modes_map() -> None:
    # GIVEN 200 scans whose totals are right 19 in 20 times, and 3 whose IBAN was read, all wrong
    records = [
        _record(
            f"d{i}",
            "ocr_layer",
            1.0,
            ("total", i % 20 != 0, 0.99),
            *([("vendor_iban", False, 0.99)] if i < 3 else []),
        )
        for i in range(200)
    ]
    maps = fit_maps(records)["ocr_layer"]
    calibration = OcrCalibration.parse({"format": 1, "modes": {"ocr_layer": maps}})
    total = calibration.probability("ocr_layer", "total", 0.99, 1.0)
    iban = calibration.probability("ocr_layer", "vendor.iban", 0.99, 1.0)
    # THEN the total's probability is near its rate, the IBAN's is lower but far from 0 (3 readings
    # against a prior of PRIOR_FIELD), and a field never read takes the mode's map
    assert abs(total - 0.95) < 0.02
    assert 0.3 < iban < total
    assert calibration.probability("ocr_layer", "buyer.name", 0.99, 1.0) == calibration.probability(
        "ocr_layer", "anything", 0.99, 1.0
    )
    assert PRIOR_FIELD > PRIOR_MODE


def test_own_ocr_learns_the_weight_of_the_pages_word_confidence() -> None:
    # GIVEN own OCR's readings: right on pages of word confidence 0.95, mostly wrong on pages of 0.6
    records = [
        _record(f"d{i}", "ocr", page, ("total", ok, 0.99))
        for i in range(100)
        for page, ok in ((0.95, True), (0.6, i % 3 == 0))
    ]
    maps = fit_maps(records)["ocr"]
    calibration = OcrCalibration.parse({"format": 1, "modes": {"ocr": maps}})
    # THEN a reading on a clear page is surer than the same reading on a poor one
    assert maps["default"][2] > 0
    assert calibration.probability("ocr", "total", 0.99, 0.95) > 0.9
    assert calibration.probability("ocr", "total", 0.99, 0.6) < 0.6


def test_refitting_one_mode_keeps_the_others_map_from_the_file(tmp_path: Path) -> None:
    import json
    import pickle

    from evals.train_ocr import main

    # GIVEN a calibration file whose OCR-layer map was fitted before, and own OCR's readings cached
    kept = {"default": [0.5, 0.25, 0.0], "fields": {"total": [0.5, 0.3, 0.0]}}
    out = tmp_path / "calibration.json"
    out.write_text(json.dumps({"format": 1, "modes": {"ocr_layer": kept}, "trained_on": {"ocr_layer": 7}}))
    cache = tmp_path / "records.pkl"
    records = [_record(f"d{i}", "ocr", 0.9, ("total", i % 4 != 0, 0.98)) for i in range(40)]
    cache.write_bytes(pickle.dumps(records))
    # WHEN only own OCR's map is refitted
    assert (
        main(
            [
                "--modes",
                "ocr",
                "--out",
                str(out),
                "--report",
                str(tmp_path / "r.json"),
                "--features-cache",
                str(cache),
            ]
        )
        == 0
    )
    # THEN the OCR layer's map and count are the file's, own OCR's is the new fit
    model = json.loads(out.read_text())
    assert model["modes"]["ocr_layer"] == kept and model["trained_on"] == {"ocr_layer": 7, "ocr": 40}
    calibration = OcrCalibration.parse(model)
    assert abs(calibration.probability("ocr", "total", 0.98, 0.9) - 0.75) < 0.08


def test_own_ocr_learns_the_weight_of_the_lowest_word_confidence_under_a_reading() -> None:
    # GIVEN own OCR's readings on pages of the same mean confidence: right where every word under the
    # reading was read surely, mostly wrong where one of them was a guess
    records = [
        _record(f"d{i}", "ocr", 0.9, ("total", ok, 0.99, words))
        for i in range(100)
        for words, ok in ((0.96, True), (0.25, i % 4 == 0))
    ]
    maps = fit_maps(records)["ocr"]
    calibration = OcrCalibration.parse({"format": 1, "modes": {"ocr": maps}})
    # THEN the map weighs the words' confidence, and a reading over a doubtful word is less sure
    assert len(maps["default"]) == len(IDENTITY) and maps["default"][3] > 0
    assert calibration.probability("ocr", "total", 0.99, 0.9, 0.96) > 0.9
    assert calibration.probability("ocr", "total", 0.99, 0.9, 0.25) < 0.5
    # AND readings cached before the words were read (three values) still fit, the words' weight unmoved
    old = fit_maps([_record(f"e{i}", "ocr", 0.9, ("total", i % 5 != 0, 0.99)) for i in range(50)])["ocr"]
    assert len(old["default"]) == len(IDENTITY)
