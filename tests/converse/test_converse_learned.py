"""The learned models beside the lexicon: the shipped files load and predict, names carry no sentiment
in either engine, and the evidence shows both the lexicon's phrases and the model's features."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from opsloop.converse import LEXICON_ONLY, Models, analyse_conversation, analyse_message
from opsloop.converse.features import featurise, pieces
from opsloop.converse.learned import LinearModel, ModelFileError, read_model, shipped_model
from opsloop.converse.names import mask_names
from opsloop.converse.sentiment import score_message
from opsloop.domain.conversations import AuthorRole, ChatMessage, SentimentLabel, Transcript, Urgency

COMPLAINT = "Still waiting for my refund, worst service ever"
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "chats" / "airline_tweets"


def test_shipped_models_load_and_predict() -> None:
    sentiment = shipped_model("sentiment")
    assert sentiment.labels == ("negative", "neutral", "positive")
    assert sentiment.meta["licence"].startswith("Twitter US Airline Sentiment")
    assert "CC BY-NC-SA 4.0" in sentiment.meta["licence"]
    assert sentiment.predict("my bag is lost and nobody answers", [-0.6, 0.0, 1.0]).label == "negative"
    assert sentiment.predict("the crew was wonderful, thank you", [0.8, 1.0, 0.0]).label == "positive"
    urgency = shipped_model("urgency")
    assert urgency.labels == ("high", "medium", "low")
    assert "CC BY-NC 4.0" in urgency.meta["licence"]
    assert urgency.predict("Urgent: our production server is down", [0.9, 1.0, 1.0]).label == "high"


def test_a_model_file_round_trips_through_its_bytes() -> None:
    model = shipped_model("urgency")
    again = read_model(model.to_bytes())
    text = "The export keeps failing since the update, please help"
    assert again.predict(text, [0.3, 1.0, 0.0]) == model.predict(text, [0.3, 1.0, 0.0])
    assert again.meta == model.meta


def test_a_file_that_is_not_a_model_says_what_to_do() -> None:
    with pytest.raises(ModelFileError) as error:
        read_model(b"not a model", name="broken.npz")
    assert "broken.npz" in error.value.message and "train" in error.value.hint


def test_the_model_reads_the_same_features_the_training_made() -> None:
    model = shipped_model("sentiment")
    text = "Sooo late AGAIN!!! 2 hours at gate 14, #neveragain 😡"
    rows, owner = model.encode(pieces(text))
    features = featurise(text)
    expected = sorted(model.index[f] for f in features if f in model.index)
    assert rows.tolist() == expected
    by_row = {model.index[f]: piece for f, piece in features.items() if f in model.index}
    assert all(owner(row) == by_row[row] for row in expected)


def test_a_company_handle_and_its_name_carry_no_sentiment() -> None:
    result = analyse_message("@united … Love united!!")
    bare = analyse_message("… Love !!")
    # the lexicon alone would count "united" (a positive word to VADER): masking is what stops it
    assert score_message("Love united!!").score > score_message("Love !!").score
    assert result.lexicon_score == bare.lexicon_score == score_message("Love !!").score
    assert (result.label, result.score) == (bare.label, bare.score)
    assert result.sentiment_model == bare.sentiment_model
    assert result.label is SentimentLabel.POSITIVE
    phrases = [s.phrase.lower() for s in result.signals]
    assert "love" in phrases and not any("united" in p for p in phrases)
    assert result.sentiment_model is not None
    features = [s.phrase for s in result.sentiment_model.features if s.kind == "model"]
    assert features[0] == "love" and not any("united" in f for f in features)


def test_names_from_the_erp_mirror_carry_no_sentiment() -> None:
    named = analyse_message("Best Buy Supplies shipped the parts", names=["Best Buy Supplies"])
    assert named == analyse_message("shipped the parts")
    assert analyse_message("Best Buy Supplies shipped the parts").lexicon_score != named.lexicon_score


def test_a_handle_written_in_one_message_is_a_name_in_every_message() -> None:
    def conversation(first: str, second: str) -> Transcript:
        return Transcript(
            messages=[
                ChatMessage(id="1", role=AuthorRole.CUSTOMER, text=first),
                ChatMessage(id="2", role=AuthorRole.CUSTOMER, text=second),
            ]
        )

    named = analyse_conversation(
        conversation("@JoyfulTravel where is my refund?", "Joyful Travel, answer me")
    )
    bare = analyse_conversation(conversation("where is my refund?", ", answer me"))
    assert [m.lexicon_score for m in named.messages] == [m.lexicon_score for m in bare.messages]
    assert named.sentiment == bare.sentiment
    assert not any("joyful" in p.lower() for e in named.evidence for p in e.phrases)


def test_links_and_handles_are_cut_before_either_engine_reads() -> None:
    assert mask_names("@AmericanAir see https://t.co/x9 or www.example.com now") == "see or now"
    assert mask_names("Thanks American Air and AmericanAir!", ["@AmericanAir"]) == "Thanks and !"
    assert mask_names("US Airways lost it", ["USAirways"]) == "lost it"
    assert mask_names("#usairways lost it", ["US Airways"]) == "# lost it"
    # a name at the start of a CamelCase run goes, the rest (and its sentiment) stays
    assert mask_names("#UnitedFail again", ["United"]) == "#Fail again"
    assert mask_names("the unitedstates", ["United"]) == "the unitedstates"


def test_the_evidence_shows_the_lexicon_phrases_and_the_model_features() -> None:
    result = analyse_message(COMPLAINT)
    assert result.label is SentimentLabel.NEGATIVE
    assert any(s.kind == "sentiment" and s.phrase.lower() == "worst service" for s in result.signals)
    assert result.sentiment_model is not None and result.sentiment_model.label == "negative"
    kinds = {s.kind for s in result.sentiment_model.features}
    assert {"model", "lexicon"} <= kinds
    assert result.urgency_model is not None and any(s.kind == "rules" for s in result.urgency_model.features)

    analysis = analyse_conversation(
        Transcript(messages=[ChatMessage(id="m1", role=AuthorRole.CUSTOMER, text=COMPLAINT)])
    )
    evidence = {e.label: e for e in analysis.evidence}
    assert "sentiment:negative" in evidence and "model:sentiment:negative" in evidence
    assert "worst service" in evidence["sentiment:negative"].phrases
    assert evidence["model:sentiment:negative"].message_ids == ["m1"]
    assert any(p.startswith("worst") for p in evidence["model:sentiment:negative"].phrases)
    assert any(e.startswith("model:urgency:") for e in evidence)


def test_without_models_the_lexicon_and_rules_decide_alone() -> None:
    result = analyse_message("Still waiting for my refund, worst service ever", models=LEXICON_ONLY)
    assert result.sentiment_model is None and result.urgency_model is None
    assert result.score == result.lexicon_score


def _always(label: str) -> LinearModel:
    """An urgency model that says `label` whatever it reads (a big intercept)."""
    labels = ("high", "medium", "low")
    return LinearModel(
        task="urgency",
        labels=labels,
        index={},
        weights=np.zeros((0, 3), dtype=np.float32),
        idf2=np.zeros(0, dtype=np.float32),
        extras=("rule_points", "rule_medium", "rule_high"),
        extra_weights=np.zeros((3, 3), dtype=np.float32),
        intercept=np.asarray([8.0 if x == label else -8.0 for x in labels], dtype=np.float32),
        meta={"version": "test"},
    )


def test_the_urgency_model_moves_the_rules_level_one_step_at_most() -> None:
    calm = "Just wondering whether you ship to Austria"
    assert analyse_message(calm, models=LEXICON_ONLY).urgency is Urgency.LOW
    assert analyse_message(calm, models=Models(urgency=_always("high"))).urgency is Urgency.MEDIUM
    outage = "URGENT: production is down, all users affected, we will cancel the contract, escalate now"
    assert analyse_message(outage, models=LEXICON_ONLY).urgency is Urgency.CRITICAL
    assert analyse_message(outage, models=Models(urgency=_always("low"))).urgency is Urgency.CRITICAL


@pytest.mark.skipif(not (DATA / "eval_sample_dev.jsonl").is_file(), reason="shared evaluation data is absent")
def test_shipped_sentiment_model_reads_the_airline_sample_sensibly() -> None:
    # a smoke test (the model trained on these rows); the real scores come from `opsloop eval conversations`
    rows = [json.loads(line) for line in (DATA / "eval_sample_dev.jsonl").read_text().splitlines() if line]
    names = sorted({r["airline"] for r in rows})
    right = sum(analyse_message(r["text"], names=names).label.value == r["sentiment"] for r in rows)
    assert right / len(rows) > 0.8


def test_the_ngrams_of_many_chunks_at_once_are_those_of_each_alone() -> None:
    from opsloop.converse.features import chunk_ngrams
    from opsloop.converse.learned import FeatureSpace

    space = FeatureSpace((shipped_model("sentiment"), shipped_model("urgency")))
    chunks = [
        *pieces(COMPLAINT + " Sooo late AGAIN!!! 2 hours at gate 14, #neveragain 😡").chunks,
        "a",
        "aaaaaaa",
        "x\x00y",
        "\x00",
        "ünïcödé",
        "\ud800",
        "😡😡",
        "waiting",
    ]
    ids, counts = space._ngram_ids(chunks)
    starts = np.concatenate(([0], np.cumsum(counts)))
    for k, chunk in enumerate(chunks):
        alone = {space.grams[g] for g in chunk_ngrams(chunk)[0] if g in space.grams}
        assert set(ids[starts[k] : starts[k + 1]].tolist()) == alone, chunk


def test_equal_model_features_are_named_in_the_order_of_their_rows() -> None:
    features = ["w:bag", "w:lost", "w:my", "w:the"]
    model = LinearModel(
        task="sentiment",
        labels=("negative", "positive"),
        index={f: i for i, f in enumerate(features)},
        weights=np.asarray([[0.5, 0.0], [0.5, 0.0], [0.5, 0.0], [0.25, 0.0]], dtype=np.float32),
        idf2=np.ones(4, dtype=np.float32),
        extras=(),
        extra_weights=np.zeros((0, 2), dtype=np.float32),
        intercept=np.zeros(2, dtype=np.float32),
        meta={},
    )
    prediction = model.predict("the bag my lost")
    assert [name for name, _ in prediction.features] == ["bag", "lost", "my", "the"]
    assert prediction == model.predict("lost my bag the")


def test_a_message_is_masked_as_with_its_own_handles_among_the_names() -> None:
    from opsloop.converse.names import handles, name_mask

    names = ["United", "US Airways", "Virgin America", "Delta"]
    texts = [
        "@united thanks, united is great",
        "@JetBlue jetblue beats united",
        "@JetBlue no name of it here",
        "@UnitedAirlines United Airlines lost it, #UnitedAirlinesFail",
        "@united_airways US Airways?",
        "@AmericanAir American Air and AmericanAir",
    ]
    for text in texts:
        without = text
        for handle in handles(text):
            without = without.replace("@" + handle, " ")
        expected = name_mask([*handles(text), *names]).apply(without)
        assert mask_names(text, names) == " ".join(expected.split()).strip(), text


def test_features_left_out_before_ranking_never_change_the_top_features(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from opsloop.converse import learned
    from opsloop.converse.learned import feature_space

    model = shipped_model("sentiment")
    words = sorted(name[2:] for name in model.index if name.startswith("w:"))[::37]
    # long made-up texts (many features each), overlapping: many equal weights across texts
    texts = [" ".join(words[i : i + 40]) + " !!" for i in range(0, len(words) - 40, 3)][:300]
    texts += [COMPLAINT, "ok", "", "thanks"]
    encoded = feature_space((model,)).encode([pieces(text) for text in texts])[0]
    extras = [[0.0] * len(model.extras)] * len(texts)
    left: list[int] = []
    may_rank = learned._may_rank

    def counted(entries: np.ndarray, *args: object) -> np.ndarray:
        kept = may_rank(entries, *args)  # type: ignore[arg-type]
        left.append(len(entries) - len(kept))
        return kept

    monkeypatch.setattr(learned, "_may_rank", counted)
    fast = model.predict_many(encoded, extras)
    assert left and left[0] > 0  # some were left out
    monkeypatch.setattr(learned, "_may_rank", lambda entries, *_: entries)
    assert model.predict_many(encoded, extras) == fast


def test_a_text_too_long_for_32_bit_keys_reads_the_features_the_training_made() -> None:
    from opsloop.converse.learned import feature_space

    model = shipped_model("sentiment")
    # 2**16 chunks: (text, feature, place) no longer fits in 32 bits, 64-bit keys are used
    text = " ".join(f"late{k % 97}x worst{k % 89}" for k in range(2**15)) + " Sooo late AGAIN!!! 😡"
    encoded = feature_space((model,)).encode([pieces(text), pieces("ok thanks")])[0]
    for k, one in enumerate((text, "ok thanks")):
        rows = encoded.rows[encoded.starts[k] : encoded.starts[k + 1]].tolist()
        assert rows == sorted(model.index[f] for f in featurise(one) if f in model.index)


def test_words_marks_and_pairs_in_one_table_are_found_as_in_their_own() -> None:
    from opsloop.converse.learned import FeatureSpace

    models = (shipped_model("sentiment"), shipped_model("urgency"))
    texts = [
        COMPLAINT,
        "Sooo late AGAIN!!! 2 hours at gate 14, #neveragain 😡",
        "ok",
        "",
        "don't!! ¿qué? _x_ it's",
    ]
    cuts = [pieces(text) for text in texts]
    one, three = FeatureSpace(models), FeatureSpace(models)
    assert one.tokens is not None  # the shipped vocabulary allows one table
    three.tokens = None
    for a, b in zip(one.encode(cuts), three.encode(cuts), strict=True):
        assert a.rows.tolist() == b.rows.tolist() and a.starts.tolist() == b.starts.tolist()
        assert a.origins is not None and b.origins is not None
        assert a.origins.tolist() == b.origins.tolist()
    assert sum(len(e.rows) for e in one.encode(cuts)) > 0


@pytest.mark.parametrize(
    "texts",
    [
        [
            COMPLAINT,
            "Sooo late AGAIN!!! 2 hours at gate 14, #neveragain 😡",
            "",
            "   ",
            "",
            "don't!! ¿qué? _x_ it's '",
            "ΑΣ Σα 'Σ Σ' İstanbul",
            "&amp;&#32;&#32; a  ",
            "aaa   bbb ½ ² ٣",
            "x'",
        ],
        ["a text whose entity decodes to the separator: &#40960;", "ok"],
        ["one " + "\ua000" + " two", "three"],
        [],
        [""],
    ],
)
def test_texts_cut_together_encode_as_each_cut_alone(texts: list[str]) -> None:
    from opsloop.converse.learned import FeatureSpace

    models = (shipped_model("sentiment"), shipped_model("urgency"))
    alone = FeatureSpace(models).encode([pieces(text) for text in texts])
    together = FeatureSpace(models).encode_texts(texts)
    for a, b in zip(alone, together, strict=True):
        assert a.rows.tolist() == b.rows.tolist() and a.starts.tolist() == b.starts.tolist()
        assert a.origins is not None and b.origins is not None and a.shown is not None and b.shown is not None
        assert a.origins.tolist() == b.origins.tolist()
        assert [a.shown.pieces[p] for p in a.shown.chunk_piece] == [
            b.shown.pieces[p] for p in b.shown.chunk_piece
        ]
        assert a.shown.chunk_starts.tolist() == b.shown.chunk_starts.tolist()
        assert [cut.chunks for cut in a.cuts] == [cut.chunks for cut in b.cuts]
