"""The reconciler's text checks run in the pipeline's own process, outside the readers' sandbox: on any
text they must finish in time linear in its length. The 10,000-file fuzz run found a credit-note title
pattern that backtracked cubically on a line with a long run of blanks and stalled the queue."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opsloop.reconcile import charges, screening
from opsloop.reconcile.lexicons import credit_note_title

HOSTILE = {
    "blanks": "x" + " " * 20_000 + "y",
    "tabs": "a\t" * 10_000,
    "title then blanks": ("Gutschrift" + " " * 200 + "x") * 100,
    "title after blanks": "   Gutschrift" + "\t" * 20_000 + "A" * 20_000,
    "digits and blanks": "1 " * 10_000,
}


@pytest.mark.timeout(60)  # a hang guard, not a timing: cubic backtracking here runs for hours
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_reconcilers_text_checks_finish_on_hostile_text(name: str) -> None:
    text = HOSTILE[name]
    assert credit_note_title(text) is None
    screening.screen([text])
    screening.ibans_in(text)
    charges.printed_charges(text, Decimal("10.00"))


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("GUTSCHRIFT", "GUTSCHRIFT"),
        ("   Credit note No. 12", "Credit note"),
        ("INVOICE TO      CREDIT NOTE  12", "CREDIT NOTE"),
        ("a\tb   \t  Gutschrift", "Gutschrift"),
        ("Credit note RE-2026/7", "Credit note"),
        ("see  Gutschrift 12", None),  # two blanks: running text, no title of its own
    ],
)
def test_a_credit_note_title_stands_at_a_line_start_or_after_a_column_gap(
    line: str, title: str | None
) -> None:
    assert credit_note_title(line) == title
