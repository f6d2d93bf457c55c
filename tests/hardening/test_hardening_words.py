"""The words read from one PDF are bounded (`budget.max_words`): every stage after reading holds them."""

from __future__ import annotations

from evals.fuzzing import poison

from opsloop.domain.documents import DocumentKind
from opsloop.ingest.readers.pdf import read_pdf
from opsloop.reading import read_document
from opsloop.settings import BudgetSettings, Settings


def _words(parsed_pages: list) -> int:  # type: ignore[type-arg]
    return sum(len(page.words) for page in parsed_pages)


def test_reading_stops_at_the_word_limit_and_counts_the_pages_left() -> None:
    data = poison.shared_content_pdf(pages=12, lines=60)
    whole = read_pdf(data)
    per_page = len(whole.pages[0].words)
    assert len(whole.pages) == 12 and whole.truncated_pages == 0 and per_page > 100
    # WHEN at most two and a half pages' words may be read
    limit = per_page * 5 // 2
    cut = read_pdf(data, max_words=limit)
    # THEN the third page is cut at the limit, its text laid out from the words kept, the rest unread
    assert len(cut.pages) == 3 and cut.truncated_pages == 9
    assert _words(cut.pages) == limit
    assert len(cut.pages[2].text) < len(cut.pages[1].text)
    assert cut.pages[1].text == whole.pages[1].text


def test_the_budget_setting_bounds_what_the_parse_stage_reads() -> None:
    data = poison.shared_content_pdf(pages=30, lines=400)
    settings = Settings(database_url=None, budget=BudgetSettings(max_words=5_000))
    parsed = read_document(data, DocumentKind.PDF, settings)
    assert _words(parsed.pages) <= 5_000
    assert parsed.truncated_pages == 30 - len(parsed.pages) > 0
