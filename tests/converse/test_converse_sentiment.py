"""Offline sentiment and urgency of single messages: negation, contrast, sarcasm, emoji, languages."""

from __future__ import annotations

import pytest

from opsloop.converse import analyse_message
from opsloop.converse.sentiment import score_message, score_vader
from opsloop.domain.conversations import SentimentLabel, Urgency


def kinds(text: str) -> set[str]:
    return {s.kind for s in analyse_message(text).signals}


def test_support_vocabulary_is_negative_where_raw_vader_sees_nothing() -> None:
    text = "I have been on hold for two hours"
    # GIVEN raw VADER calls it (almost) neutral
    assert score_vader(text) > -0.05
    # THEN the domain lexicon makes it negative
    assert analyse_message(text).label is SentimentLabel.NEGATIVE


def test_negation_flips_a_positive_word() -> None:
    assert analyse_message("The agent was friendly").label is SentimentLabel.POSITIVE
    result = analyse_message("The agent was not friendly")
    assert result.label is SentimentLabel.NEGATIVE
    assert "negation" in {s.kind for s in result.signals}


def test_negated_problem_is_not_a_complaint() -> None:
    assert score_message("The parcel was not damaged").score > score_message("The parcel was damaged").score


def test_contrast_weighs_what_comes_after_but() -> None:
    good_then_bad = analyse_message("The crew was friendly but the flight was delayed for hours")
    bad_then_good = analyse_message("The flight was delayed for hours but the crew was friendly")
    assert good_then_bad.score < bad_then_good.score
    assert "contrast" in {s.kind for s in good_then_bad.signals}


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for nothing",
        "Great, another delay. Thanks a lot for the 5 hour wait",
        "Love how you lost my luggage again",
    ],
)
def test_sarcasm_markers_turn_praise_words_negative(text: str) -> None:
    result = analyse_message(text)
    assert result.label is SentimentLabel.NEGATIVE
    assert "sarcasm" in {s.kind for s in result.signals}


def test_plain_thanks_stays_positive() -> None:
    assert analyse_message("Thanks for the quick help!").label is SentimentLabel.POSITIVE


def test_polite_request_is_not_praise() -> None:
    # "please", "help" and a closing "thanks" after a question are politeness, not sentiment
    assert analyse_message("Can you please help me change my seat? Thanks").label is SentimentLabel.NEUTRAL


def test_emoji_carry_sentiment() -> None:
    # the lexicon labels a bare emoji; the combined engine moves with it
    assert score_message("flight 1234 😡").label is SentimentLabel.NEGATIVE
    assert score_message("flight 1234 😍").label is SentimentLabel.POSITIVE
    assert "emoji" in kinds("flight 1234 😡")
    angry, plain, happy = (analyse_message(f"flight 1234 {e}").score for e in ("😡", "", "😍"))
    assert angry < plain < happy


def test_waiting_phrases_are_evidence() -> None:
    result = analyse_message("I have been on hold for an hour")
    assert result.label is SentimentLabel.NEGATIVE
    assert any(s.kind == "waiting" and "on hold for an hour" in s.phrase for s in result.signals)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Danke, super Service!", SentimentLabel.POSITIVE),
        ("Das ist nicht gut, mein Paket ist immer noch nicht angekommen", SentimentLabel.NEGATIVE),
        ("Der Service war leider schlecht und unfreundlich", SentimentLabel.NEGATIVE),
        ("Vielen Dank, the agent was really helpful 👍", SentimentLabel.POSITIVE),
        ("Mein Flug wurde annulliert and nobody answers the phone", SentimentLabel.NEGATIVE),
    ],
)
def test_german_and_mixed_language_messages(text: str, label: SentimentLabel) -> None:
    assert analyse_message(text).label is label


def test_german_negator_negates() -> None:
    assert score_message("nicht gut").score < 0 < score_message("gut").score


def test_neutral_question_is_neutral() -> None:
    assert (
        analyse_message("What is the baggage allowance for flights to Lisbon?").label
        is SentimentLabel.NEUTRAL
    )


def test_score_stays_in_range_for_extreme_text() -> None:
    result = analyse_message("WORST WORST WORST airline ever!!!! 😡😡😡 never again, thanks for nothing " * 5)
    assert -1.0 <= result.score <= -0.9


# --------------------------------------------------------------------------- urgency


def test_calm_question_is_low_urgency() -> None:
    assert analyse_message("Just wondering whether you ship to Austria, no rush.").urgency is Urgency.LOW


def test_a_reported_problem_is_at_least_medium() -> None:
    assert analyse_message("The printer shows an error since the update").urgency.rank >= Urgency.MEDIUM.rank


def test_escalation_cancel_threat_and_money_make_it_critical() -> None:
    result = analyse_message(
        "This is the third time I write. I was charged twice ($1,250.00). Refund me today or I will "
        "cancel my account and talk to my lawyer!!"
    )
    assert result.urgency is Urgency.CRITICAL
    found = {s.kind for s in result.signals}
    assert {"urgency:repeat_contact", "urgency:money", "urgency:cancel_threat", "urgency:escalation"} <= found


def test_outage_is_high_or_critical() -> None:
    assert analyse_message("URGENT: our production server is down, all users are affected").urgency.is_urgent


def test_shouting_adds_urgency() -> None:
    calm = analyse_message("where is my order")
    loud = analyse_message("WHERE IS MY ORDER")
    assert loud.urgency_points > calm.urgency_points
    assert "urgency:shouting" in {s.kind for s in loud.signals}


def test_german_urgency() -> None:
    result = analyse_message("Dringend: das System funktioniert nicht, ich warte seit Tagen auf eine Antwort")
    assert result.urgency.is_urgent


def test_one_kind_counts_once() -> None:
    once = analyse_message("urgent")
    many = analyse_message("urgent urgent urgent, asap, immediately")
    assert once.urgency_points == many.urgency_points
