"""evals/_generator: what the invoice generators share — the (layout, language) draw, the fingerprint that
names a cached set, the ``not_on_page`` check, truth and manifest writing, and the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from evals import _generator
from evals._generator import cli, fingerprint, manifest_row, not_on_page, plan, write_manifest, write_truth


def test_plan_covers_every_pair_once_and_a_short_set_is_a_long_sets_start() -> None:
    layouts, tags = ("b", "a", "c"), ("de", "en")
    full = plan("gen", 6, 7, layouts, tags)
    assert sorted(full) == sorted((layout, tag) for layout in layouts for tag in tags)
    assert plan("gen", 4, 7, layouts, tags) == full[:4]
    assert plan("gen", 6, 7, layouts, tags) == full  # the same seed, the same draw
    assert plan("gen", 6, 7, list(reversed(layouts)), tags) == full  # the layouts' order given does not count


def test_plan_draws_what_the_generators_eval_sets_hold() -> None:
    """The draw the generators' cached sets were written with (their first documents' names): a change here
    would change every set."""
    from evals.synth12.layouts import LAYOUTS
    from evals.synth12.words import LANGS

    drawn = plan("synth12", 2, 12127, LAYOUTS, tuple(sorted(LANGS)))
    assert drawn == [("letter_window_footer", "cs"), ("prose_letter", "pl")]


def test_fingerprint_covers_the_packages_the_borrowed_files_and_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "a.py").write_text("A = 1\n")
    (tmp_path / "other.py").write_text("B = 1\n")
    monkeypatch.setattr(_generator, "EVALS", tmp_path)
    first = fingerprint("gen")
    assert len(first) == 8 and int(first, 16) >= 0
    assert fingerprint("gen") == first
    assert fingerprint("gen", borrowed=("other.py",)) != first
    (tmp_path / "gen" / "a.py").write_text("A = 2\n")
    assert fingerprint("gen") != first
    monkeypatch.setattr(_generator, "__file__", str(tmp_path / "other.py"))
    second = fingerprint("gen")
    (tmp_path / "other.py").write_text("B = 2\n")
    assert fingerprint("gen") != second


def test_not_on_page_ignores_blanks_and_the_case_of_names_only() -> None:
    printed = {"vendor": ("Acme GmbH",), "invoice_number": ("RE-1", "RE 1"), "total": ("12,00",)}
    assert not_on_page(printed, "ACME  GMBH\nRE-1 12 , 00") == []
    assert not_on_page(printed, "acme gmbh RE 1") == ["total"]
    assert not_on_page({"invoice_number": ("RE-1",)}, "re-1") == ["invoice_number"]


def test_truth_and_manifest_rows_are_written_as_the_eval_reads_them(tmp_path: Path) -> None:
    text = write_truth(tmp_path, "x1", {"currency": "€", "n": [1]})
    assert text == (tmp_path / "x1.json").read_text("utf-8") == '{\n "currency": "€",\n "n": [\n  1\n ]\n}\n'
    row = manifest_row("x1", locale="de", layout="l", kind="typed", factors={"f": "v"}, missing=["total"],
                       implied=[], source="synth5")  # fmt: skip
    assert list(row) == ["id", "document", "locale", "layout", "kind", "format", "credit_note", "factors",
                         "source", "not_on_page", "implied"]  # fmt: skip
    assert row["document"] == "x1.pdf" and row["credit_note"] is False
    write_manifest(tmp_path, [row, row])
    lines = (tmp_path / "manifest.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [row, row]


class Refused(RuntimeError):
    pass


def test_cli_writes_reports_and_refuses_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[Any, ...]] = []

    def write(
        out: Path, count: int, seed: int, *, keep: bool = False, progress: Any = None
    ) -> list[dict[str, Any]]:
        calls.append((out, count, seed, keep))
        progress(count)
        return [{"not_on_page": ["line[1].total", "total"]}, {"not_on_page": []}]

    def refuse(out: Path, count: int, seed: int, *, progress: Any = None) -> list[dict[str, Any]]:
        raise Refused("no printer here")

    options = {"--keep": ("keep", {"action": "store_true"})}
    argv = ["--out", str(tmp_path), "--count", "2", "--keep"]
    assert cli(argv, prog="p", doc="p: d", default_seed=9, write=write, refusal=Refused, options=options,
               layer="OCR text layer") == 0  # fmt: skip
    assert calls == [(tmp_path, 2, 9, True)]
    out = capsys.readouterr().out
    assert "wrote 2 documents" in out and "1 with a truth value not found in the OCR text layer" in out
    assert "{'line': 1, 'total': 1}" in out
    assert cli(["--out", str(tmp_path), "--count", "0"], prog="p", doc=None, default_seed=9, write=write,
               refusal=Refused) == 2  # fmt: skip
    assert (
        cli(["--out", str(tmp_path)], prog="p", doc=None, default_seed=9, write=refuse, refusal=Refused) == 2
    )
    assert "no set written: no printer here" in capsys.readouterr().err
