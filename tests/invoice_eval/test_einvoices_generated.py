"""GIVEN generated UBL 2.1 (Invoice, CreditNote) and FatturaPA e-invoices WHEN opsloop reads them THEN every field
is exactly the generator's own truth (evals/einvoices), and the eval scores the set as a source."""

import ast
import json
from pathlib import Path

from evals.einvoices.dataset import write_dataset
from evals.einvoices.score import score_folder
from evals.invoices.cases import synth_cases
from evals.invoices.generators import BY_KEY


def test_every_field_of_a_generated_set_is_read_exactly(tmp_path: Path) -> None:
    rows = write_dataset(tmp_path, 80, 4242)
    syntaxes = {row["syntax"] for row in rows}
    assert syntaxes == {"ubl", "fatturapa"}
    truths = [json.loads(p.read_text("utf-8")) for p in tmp_path.glob("*.json")]
    assert any(t["document_type"] == "credit_note" for t in truths)
    assert any(t["_synth"]["factors"]["withholding"] == "true" for t in truths)
    assert any(t["_synth"]["factors"]["tax_currency"] == "true" for t in truths)
    score = score_folder(tmp_path)
    assert not score.errors, score.errors[:3]
    assert not score.misses, score.misses[:5]
    assert score.total["line_amount"] > 80


def test_the_generator_computes_its_truth_without_opsloop() -> None:
    folder = Path(__file__).resolve().parents[2] / "evals" / "einvoices"
    for name in ("model.py", "ubl.py", "fatturapa.py", "dataset.py"):
        tree = ast.parse((folder / name).read_text("utf-8"))
        imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        assert not any(module.startswith("opsloop") for module in imported), name


def test_the_eval_reads_a_set_as_the_einv_source(tmp_path: Path) -> None:
    write_dataset(tmp_path, 6, 7)
    generator = BY_KEY["einv"]
    cases = list(synth_cases(tmp_path, prefix=generator.prefix))
    assert len(cases) == 6 and all(case.source.startswith("einv:") for case in cases)
    assert all(case.document is not None and case.document.suffix == ".xml" for case in cases)
