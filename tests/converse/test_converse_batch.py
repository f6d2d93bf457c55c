"""`analyse_messages`: a batch gives what each message gives alone, however it is cut into blocks."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from opsloop.converse import analysis
from opsloop.converse.analysis import LEXICON_ONLY, Models, analyse_message, analyse_messages
from opsloop.converse.learned import shipped_model
from opsloop.domain.conversations import AuthorRole, MessageAnalysis

TWEETS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "chats" / "airline_tweets"
NAMES = ["Delta", "United", "US Airways", "Virgin America"]
MESSAGES = [
    "@united thanks for nothing, my bag is STILL lost!!! 3 hours on hold",
    "Love the crew 😍 but the wifi was not working",
    "Not bad at all, thank you so much for the quick help",
    "Warum dauert das so lange? Ich warte immer noch auf eine Antwort 😡",
    "#UnitedFail cancelled again, worst customer service ever. I'm done, never flying with you again",
    "Can you tell me which terminal? Thanks",
    "URGENT: our production server is down, we are losing money ($12,500 per hour)",
    "Sooo late AGAIN!!! 2 hours at gate 14, #neveragain",
    "US Airways and @VirginAmerica: the flight was great, landed early",
    "",
    "   ",
    "ok",
    "Flight 1234 delayed? No update, no info, nobody answers the phone… yeah right",
    "The export keeps failing since the update, please help\nSubject: Re: ticket 4711",
    "a\x00b &amp; <br> ſo İstanbul K ünïcödé 𝔘 \u2028 end",
]


def _dumps(results: list[MessageAnalysis]) -> list[str]:
    return [json.dumps(r.model_dump(mode="json")) for r in results]


def test_a_batch_gives_what_each_message_gives_alone() -> None:
    batch = analyse_messages(MESSAGES, names=NAMES)
    alone = [analyse_message(text, names=NAMES) for text in MESSAGES]
    assert _dumps(batch) == _dumps(alone)
    assert batch == alone


def test_a_batch_cut_into_small_blocks_gives_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = analyse_messages(MESSAGES * 3, names=NAMES)
    monkeypatch.setattr(analysis, "BATCH", 4)
    assert _dumps(analyse_messages(MESSAGES * 3, names=NAMES)) == _dumps(whole)


def test_a_batch_of_real_tweets_gives_what_each_gives_alone() -> None:
    path = TWEETS / "all_dev.jsonl"
    if not path.is_file():
        pytest.skip("no tweets in ../shared/data")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:600:3]]
    names = sorted({str(r["airline"]) for r in rows})
    texts = [str(r["text"]) for r in rows]
    assert _dumps(analyse_messages(texts, names=names)) == _dumps(
        [analyse_message(text, names=names) for text in texts]
    )


def test_each_model_alone_and_no_model_give_the_same_in_a_batch() -> None:
    for models in (
        LEXICON_ONLY,
        Models(sentiment=shipped_model("sentiment")),
        Models(urgency=shipped_model("urgency")),
    ):
        assert _dumps(analyse_messages(MESSAGES, models=models)) == _dumps(
            [analyse_message(text, models=models) for text in MESSAGES]
        )


def test_ids_and_roles_go_with_their_messages() -> None:
    ids = [f"m{i}" for i in range(len(MESSAGES))]
    roles = [AuthorRole.CUSTOMER if i % 2 else AuthorRole.AGENT for i in range(len(MESSAGES))]
    results = analyse_messages(MESSAGES, ids=ids, roles=roles)
    assert [r.id for r in results] == ids and [r.role for r in results] == roles
    assert results[3] == analyse_message(MESSAGES[3], id="m3", role=AuthorRole.CUSTOMER)
    with pytest.raises(ValueError, match="ids"):
        analyse_messages(MESSAGES, ids=ids[:-1])
    assert analyse_messages([]) == []


def test_results_are_the_models_validation_would_make() -> None:
    for result in analyse_messages(MESSAGES, names=NAMES):
        again = MessageAnalysis.model_validate(result.model_dump())
        assert again == result
        assert again.model_dump(mode="json") == result.model_dump(mode="json")
        assert MessageAnalysis.model_validate_json(result.model_dump_json()) == result


def test_the_cycle_collector_is_left_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    assert gc.isenabled()
    analyse_messages(MESSAGES)
    assert gc.isenabled()
    gc.disable()
    try:
        analyse_messages(MESSAGES)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def broken(*args: object, **kwargs: object) -> list[MessageAnalysis]:
        raise RuntimeError("boom")

    monkeypatch.setattr(analysis, "_analyse_clean", broken)
    with pytest.raises(RuntimeError):
        analyse_messages(MESSAGES)
    assert gc.isenabled()
