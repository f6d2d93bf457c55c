"""`evals/profile_extract.py --replay`: its recorder sees a pass's label look-ups and quick tests, and
leaves the lexicon's functions as it found them (a profile must not change what it profiles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from opsloop.domain.documents import DocumentKind, PageText, ParsedDocument
from opsloop.extract.rules import lexicon

_PAGE = (
    "Harbourline Joinery Ltd\nInvoice number   HJ-7731\nInvoice date   04.03.2025\nAmount due   612.40 EUR"
)


def test_replay_recorder_records_a_pass_and_restores_the_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "evals"))
    from profile_extract import _LABEL_ENTRIES, _record  # (a script beside bench_extract, as evals run it)

    names = (*_LABEL_ENTRIES, "_line_index", "_find_labels")
    before = {name: getattr(lexicon, name) for name in names}
    first_possible = lexicon.CaselessPattern._first_possible
    document = ParsedDocument(kind=DocumentKind.PDF, pages=[PageText(number=1, text=_PAGE)])

    labels, tests, indexed, matched = _record([document, document])

    assert len(labels) == len(tests) == len(indexed) == len(matched) == 2  # one list per document
    assert labels[0] and tests[0] and indexed[0] and matched[0]
    # the caches are emptied where a document begins: the same document computes its lines again
    assert indexed[1] == indexed[0]
    assert matched[1] == matched[0]
    assert {name: getattr(lexicon, name) for name in names} == before
    assert lexicon.CaselessPattern._first_possible is first_possible
