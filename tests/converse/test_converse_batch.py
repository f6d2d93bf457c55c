"""`analyse_messages`: a batch gives what each message gives alone, however it is cut into blocks."""

from __future__ import annotations

import gc
import itertools
import json
import multiprocessing
import os
import pickle
import threading
import time
from multiprocessing.connection import Connection
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


def _parallel(monkeypatch: pytest.MonkeyPatch, minimum: int = 4) -> None:
    """Parallelism forced on a small batch: a low threshold, a small block."""
    if threading.active_count() > 1:
        pytest.skip("a process running other threads keeps a batch to itself")
    monkeypatch.setattr(analysis, "PARALLEL_MIN", minimum)
    monkeypatch.setattr(analysis, "BATCH", 4)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_batch_shared_among_processes_gives_what_one_process_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = MESSAGES * 3
    ids = [f"m{i}" for i in range(len(texts))]
    roles = [AuthorRole.CUSTOMER if i % 3 else AuthorRole.AGENT for i in range(len(texts))]
    alone = analyse_messages(texts, ids=ids, roles=roles, names=NAMES, workers=1)
    _parallel(monkeypatch)
    assert analysis.parallel_workers(len(texts), 3) == 3
    received: list[int] = []  # the parts that came back from a child
    receive = analysis._received

    def counted(*args: object) -> list[object] | None:
        reads = receive(*args)  # type: ignore[arg-type]
        received.append(-1 if reads is None else len(reads))
        return reads  # type: ignore[return-value]

    monkeypatch.setattr(analysis, "_received", counted)
    for workers in (2, 3):
        shared = analyse_messages(texts, ids=ids, roles=roles, names=NAMES, workers=workers)
        assert _dumps(shared) == _dumps(alone)
        assert shared == alone
    for models in (LEXICON_ONLY, Models(urgency=shipped_model("urgency"))):
        assert _dumps(analyse_messages(texts, models=models, workers=2)) == _dumps(
            analyse_messages(texts, models=models, workers=1)
        )
    assert received and all(count > 0 for count in received)  # every part but the first from a child
    assert gc.isenabled()


def test_when_a_batch_is_shared_among_processes() -> None:
    many = analysis.PARALLEL_MIN * 4
    assert analysis.parallel_workers(many, 1) == 1
    assert analysis.parallel_workers(analysis.PARALLEL_MIN - 1, 4) == 1
    assert 1 <= analysis.default_workers() <= analysis.MAX_WORKERS
    if hasattr(os, "fork"):
        assert analysis.parallel_workers(many, 3) == 3
        assert analysis.parallel_workers(analysis.PARALLEL_MIN, 4) == 2  # each at least half the threshold


def test_a_daemonic_or_threaded_process_keeps_the_batch_to_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    many = analysis.PARALLEL_MIN * 4
    monkeypatch.setattr(multiprocessing.current_process(), "_config", {"daemon": True})
    assert multiprocessing.current_process().daemon
    assert analysis.parallel_workers(many, 4) == 1
    monkeypatch.undo()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert analysis.parallel_workers(many, 4) == 1
    finally:
        stop.set()
        thread.join()


def test_the_parts_cover_the_batch_in_order() -> None:
    for messages in (0, 1, 5, 2_000, 10_001):
        for processes in (2, 3, 4, 9):
            bounds = analysis._parts(messages, processes)
            assert len(bounds) == processes + 1 and bounds[0] == 0 and bounds[-1] == messages
            assert bounds == sorted(bounds)
    first, *rest = (b - a for a, b in itertools.pairwise(analysis._parts(10_000, 2)))
    assert first < rest[0]  # this process builds every part's results: its own part is smaller


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_part_whose_process_fails_is_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = MESSAGES * 2
    alone = _dumps(analyse_messages(texts, names=NAMES, workers=1))
    _parallel(monkeypatch)

    def dies(*args: object) -> None:
        os._exit(3)

    monkeypatch.setattr(analysis, "_part", dies)
    assert _dumps(analyse_messages(texts, names=NAMES, workers=3)) == alone

    def sends_too_few(sender: Connection, *args: object) -> None:
        sender.send_bytes(pickle.dumps([]))

    monkeypatch.setattr(analysis, "_part", sends_too_few)
    assert _dumps(analyse_messages(texts, names=NAMES, workers=2)) == alone

    class NoFork:
        def __init__(self, **kwargs: object) -> None:
            pass

        def start(self) -> None:
            raise OSError("Resource temporarily unavailable")

    context = multiprocessing.get_context("fork")
    monkeypatch.setattr(context, "Process", NoFork)
    assert _dumps(analyse_messages(texts, names=NAMES, workers=2)) == alone


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_an_error_of_a_shared_batch_is_raised_as_one_process_raises_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _parallel(monkeypatch)
    real = analysis._read_clean

    def fails_on_bad(cleans: list[str], **kwargs: object) -> object:
        if any("BAD" in clean for clean in cleans):
            raise RuntimeError("bad text")
        return real(cleans, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis, "_read_clean", fails_on_bad)
    with pytest.raises(RuntimeError, match="bad text"):
        analyse_messages([*MESSAGES, "BAD"], workers=2)
    assert gc.isenabled()
    assert not multiprocessing.active_children()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_an_interrupted_shared_batch_leaves_no_process_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    _parallel(monkeypatch)
    monkeypatch.setattr(analysis, "_read_range", lambda *args, **kwargs: threading.Event().wait())

    def interrupted(*args: object, **kwargs: object) -> list[MessageAnalysis]:
        assert multiprocessing.active_children()  # the child is at work
        raise KeyboardInterrupt

    monkeypatch.setattr(analysis, "_analyse_range", interrupted)
    with pytest.raises(KeyboardInterrupt):
        analyse_messages(MESSAGES, workers=2)
    assert not multiprocessing.active_children()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_part_whose_process_hangs_is_read_here_after_a_while(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = MESSAGES * 2
    alone = _dumps(analyse_messages(texts, names=NAMES, workers=1))
    _parallel(monkeypatch)
    monkeypatch.setattr(analysis, "_CHILD_PATIENCE_SECONDS", 0.5)
    monkeypatch.setattr(analysis, "_CHILD_PATIENCE_FACTOR", 0.0)

    def hangs(*args: object) -> None:
        threading.Event().wait()

    monkeypatch.setattr(analysis, "_part", hangs)
    started = time.monotonic()
    assert _dumps(analyse_messages(texts, names=NAMES, workers=2)) == alone
    assert time.monotonic() - started < 30  # not forever: the hung child was given up on
    assert not multiprocessing.active_children()
