"""The offline conversation analysis: sentiment, trajectory, urgency and intent, each with evidence.

Two engines read every message, both after names are cut out (`names.mask_names`): the lexicon and
urgency rules (hand-written, with the phrases that drove them) and the learned models
(`learned.py`), which take the lexicon's score and the rule points as features beside the text's
n-grams. The models decide the label; the evidence keeps both.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from pydantic import BaseModel

from opsloop.converse.intent import Taxonomy, classify_intent, load_taxonomy
from opsloop.converse.learned import Encoded, LinearModel, Prediction, feature_space, shipped_model
from opsloop.converse.metrics import customer_waits, seconds_between, unanswered_tail
from opsloop.converse.names import handles, mask_names, name_mask
from opsloop.converse.patterns import PhraseIndex
from opsloop.converse.sentiment import (
    NEGATIVE_THRESHOLD,
    POSITIVE_THRESHOLD,
    label_score,
    load_lexicon,
    phrase_index,
    read_sentiment,
)
from opsloop.converse.urgency import UrgencyRules, load_urgency_rules, read_urgency, sum_points
from opsloop.domain.conversations import (
    AuthorRole,
    ConversationAnalysis,
    Evidence,
    MessageAnalysis,
    ModelVote,
    Sentiment,
    SentimentLabel,
    Signal,
    Trajectory,
    Transcript,
    Urgency,
)

SENTIMENT_EXTRAS = ("lexicon_score", "lexicon_positive", "lexicon_negative")
URGENCY_EXTRAS = ("rule_points", "rule_medium", "rule_high")


def sentiment_extras(lexicon_score: float) -> list[float]:
    """What the sentiment model reads from the lexicon: its score and which side of the thresholds."""
    return [
        lexicon_score,
        1.0 if lexicon_score >= POSITIVE_THRESHOLD else 0.0,
        1.0 if lexicon_score <= NEGATIVE_THRESHOLD else 0.0,
    ]


def urgency_extras(points: float, rules: UrgencyRules | None = None) -> list[float]:
    """What the urgency model reads from the rules: the points (over the critical level) and the level."""
    rules = rules or load_urgency_rules()
    return [
        points / rules.critical,
        1.0 if points >= rules.medium else 0.0,
        1.0 if points >= rules.high else 0.0,
    ]


@dataclass(frozen=True)
class Models:
    """The learned models the analysis uses; None leaves that part to the lexicon or the rules alone."""

    sentiment: LinearModel | None = None
    urgency: LinearModel | None = None


@cache
def shipped_models() -> Models:
    return Models(sentiment=shipped_model("sentiment"), urgency=shipped_model("urgency"))


LEXICON_ONLY = Models()

TRAJECTORY_DELTA = 0.3
"""How far the customer's later messages must move from the earlier ones to count as a change."""
_SENTIMENT_KINDS = frozenset(
    {"sentiment", "sarcasm", "waiting", "repeat_contact", "cancel_threat", "emoji", "politeness"}
)
_URGENCY_KINDS = frozenset(
    {
        "critical",
        "impact",
        "problem",
        "escalation",
        "repeat_contact",
        "waiting",
        "cancel_threat",
        "money",
        "shouting",
        "exclamations",
        "sentiment",
        "timing",
    }
)


def analysis_method(models: Models | None = None) -> str:
    models = shipped_models() if models is None else models
    learned = [m.meta.get("version", "learned") for m in (models.sentiment, models.urgency) if m is not None]
    return f"offline:{load_lexicon().version}" + "".join(f"+{v}" for v in dict.fromkeys(learned))


M = TypeVar("M", bound=BaseModel)
# pydantic keeps these four in slots of BaseModel: their descriptors set them directly
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_FIELDS: dict[type[BaseModel], set[str]] = {}


def _trusted(cls: type[M], values: dict[str, Any]) -> M:
    """A model from values this module computed itself, already of their types and naming every field
    (in the order declared): the object validation would give, without validating (thousands of
    signals a second). Tests compare these objects with validated ones."""
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _FIELDS[cls] = set(cls.model_fields)
    obj = cls.__new__(cls)
    _set_dict(obj, values)
    _set_fields_set(obj, fields)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


_SIGNAL_FIELDS = set(Signal.model_fields)
_new_signal = Signal.__new__


def _signal(kind: str, phrase: str, weight: float) -> Signal:
    """`_trusted(Signal, ...)`, written out: the analysis makes a few hundred thousand of them."""
    obj = _new_signal(Signal)
    _set_dict(obj, {"kind": kind, "phrase": phrase, "weight": float(weight)})
    _set_fields_set(obj, _SIGNAL_FIELDS)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


def _sentiment_score(probabilities: dict[str, float]) -> float:
    score = probabilities.get("positive", 0.0) - probabilities.get("negative", 0.0)
    return round(max(-1.0, min(1.0, score)), 4)


BATCH = 1024
"""Messages analysed together (`analyse_messages` takes any number, a block of this many at a time)."""

URGENCY_MODEL_MIN_PROBABILITY = 0.5
"""The urgency model moves the rules' level only when it is at least this sure of its own."""
_URGENCY_LEVELS = (Urgency.LOW, Urgency.MEDIUM, Urgency.HIGH, Urgency.CRITICAL)


_SENTIMENT_LABELS = {label.value: label for label in SentimentLabel}
_URGENCY_RANKS = {level.value: level.rank for level in Urgency}


def _urgency_level(rule_level: Urgency, vote: ModelVote | None) -> Urgency:
    """The rules' level, moved one step toward the model's when the model is sure. The model learned
    from synthetic IT tickets (e-mails), so it refines the rules and never overrules them: it moves a
    level by one step at most, and critical stays with the rules (no labelled data has it)."""
    if vote is None or rule_level is Urgency.CRITICAL:
        return rule_level
    if vote.probabilities.get(vote.label, 0.0) < URGENCY_MODEL_MIN_PROBABILITY:
        return rule_level
    step = _URGENCY_RANKS[vote.label] - _URGENCY_RANKS[rule_level]
    if step == 0:
        return rule_level
    return _URGENCY_LEVELS[rule_level.rank + (1 if step > 0 else -1)]


def analyse_message(
    text: str,
    *,
    id: str | None = None,
    role: AuthorRole | None = None,
    names: Sequence[str] = (),
    models: Models | None = None,
) -> MessageAnalysis:
    """Sentiment and urgency of one message, with the signals behind them. `names` (company and
    product names, handles) carry no sentiment; the handles written in the message count too."""
    return _analyse_clean([mask_names(text, names)], ids=[id], roles=[role], models=models)[0]


def analyse_messages(
    texts: Sequence[str],
    *,
    ids: Sequence[str | None] | None = None,
    roles: Sequence[AuthorRole | None] | None = None,
    names: Sequence[str] = (),
    models: Models | None = None,
    workers: int | None = None,
) -> list[MessageAnalysis]:
    """`analyse_message` of each text, all at once: the same results, a good deal faster (the texts'
    features are looked up together and each model is applied once to all of them). Each message is
    read on its own, as `analyse_message` reads it (its own handles and `names` are its names).

    A batch of at least `PARALLEL_MIN` messages is shared among up to `workers` processes (default
    `default_workers()`; 1: this process alone) where this process may fork (see `parallel_workers`):
    contiguous parts, the same results in the same order; a part whose process fails is read here."""
    if ids is not None and len(ids) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(ids)} ids")
    if roles is not None and len(roles) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(roles)} roles")
    all_ids: Sequence[str | None] = ids if ids is not None else [None] * len(texts)
    all_roles: Sequence[AuthorRole | None] = roles if roles is not None else [None] * len(texts)
    processes = parallel_workers(len(texts), workers)
    if processes > 1:
        return _analyse_parallel(
            texts, ids=all_ids, roles=all_roles, names=names, models=models, processes=processes
        )
    return _analyse_range(texts, 0, len(texts), ids=all_ids, roles=all_roles, names=names, models=models)


def _analyse_range(
    texts: Sequence[str],
    start: int,
    stop: int,
    *,
    ids: Sequence[str | None],
    roles: Sequence[AuthorRole | None],
    names: Sequence[str],
    models: Models | None,
) -> list[MessageAnalysis]:
    """The results of `texts[start:stop]`, here, a block at a time (bounded memory, cheaper sorts)."""
    results: list[MessageAnalysis] = []
    for begin in range(start, stop, BATCH):
        end = min(stop, begin + BATCH)
        with _acyclic():
            results += _analyse_clean(
                [mask_names(text, names) for text in texts[begin:end]],
                ids=ids[begin:end],
                roles=roles[begin:end],
                models=models,
            )
    return results


def _read_range(
    texts: Sequence[str], start: int, stop: int, *, names: Sequence[str], models: Models | None
) -> list[_Read]:
    """What `_analyse_range` reads in `texts[start:stop]`, as plain values (a worker's part)."""
    reads: list[_Read] = []
    for begin in range(start, stop, BATCH):
        end = min(stop, begin + BATCH)
        with _acyclic():
            reads += _read_clean([mask_names(text, names) for text in texts[begin:end]], models=models)
    return reads


PARALLEL_MIN = 2_000
"""The fewest messages `analyse_messages` shares among processes: below it, starting them and sending
the results back costs more than it saves."""
MAX_WORKERS = 4
"""The most processes `default_workers` gives (the parts' results are built in one process)."""


def default_workers() -> int:
    """The CPUs this process may run on, at most `MAX_WORKERS`."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def parallel_workers(messages: int, workers: int | None = None) -> int:
    """How many processes `analyse_messages` shares `messages` among (1: this one alone). More than one
    only for a batch of `PARALLEL_MIN` or more, each process getting at least half that, and only where
    this process may fork: a platform with fork, a process that is not daemonic (a sandbox worker, a
    Celery pool process: multiprocessing refuses them children, since they are ended without waiting
    for any) and runs no other thread (fork copies only the calling thread; a lock another one held
    would stay held in the child)."""
    wanted = default_workers() if workers is None else workers
    if wanted <= 1 or messages < PARALLEL_MIN:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if multiprocessing.current_process().daemon or threading.active_count() > 1:
        return 1
    return max(1, min(wanted, messages // max(1, PARALLEL_MIN // 2)))


BUILD_COST = 0.15
"""Building a message's result from what was read (and receiving it from a child) costs about this
share of reading it (measured on the airline tweets: 0.04 ms against 0.26 ms)."""


def _parts(messages: int, processes: int) -> list[int]:
    """The bounds of `processes` contiguous parts: the first (this process's) smaller than the others by
    what building every part's results costs it, so that all end at about the same time."""
    children = processes - 1
    first = max(0.0, (1 / children - BUILD_COST) / (1 + 1 / children - BUILD_COST))
    head = round(messages * first)
    return [0, *(head + (messages - head) * i // children for i in range(children + 1))]


def _analyse_parallel(
    texts: Sequence[str],
    *,
    ids: Sequence[str | None],
    roles: Sequence[AuthorRole | None],
    names: Sequence[str],
    models: Models | None,
    processes: int,
) -> list[MessageAnalysis]:
    """The batch in `processes` contiguous parts: the first read here, each other one in a forked child
    (which shares the loaded models and the texts with this process, copy-on-write) and sent back as
    plain values, built into results here. A part whose child fails to start, dies or sends nothing
    readable is read here instead: the results are always all there, in order, as `_analyse_range`
    gives them."""
    models = shipped_models() if models is None else models
    _read_clean([mask_names("", names)], models=models)  # all loaded before the fork: the children share it
    bounds = _parts(len(texts), processes)
    context = multiprocessing.get_context("fork")
    children: list[tuple[int, int, BaseProcess | None, Connection]] = []
    finished = False
    try:
        for start, stop in itertools.pairwise(bounds[1:]):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_part,
                args=(sender, texts, start, stop, names, models),
                name="opsloop-analyse",
                daemon=True,
            )
            child: BaseProcess | None = process
            try:
                process.start()
            except OSError:  # no fork now (out of memory or processes): this part is read here
                child = None
            finally:
                sender.close()
            children.append((start, stop, child, receiver))
        began = time.monotonic()
        results = _analyse_range(
            texts, bounds[0], bounds[1], ids=ids, roles=roles, names=names, models=models
        )
        # a child's part is about as big as this one: one that takes far longer hangs, and is read here
        patience = _CHILD_PATIENCE_SECONDS + _CHILD_PATIENCE_FACTOR * (time.monotonic() - began)
        for start, stop, child, receiver in children:
            with _acyclic():  # a part's values, received and built at once (the collector would walk them)
                reads = _received(child, receiver, stop - start, patience)
                if reads is not None:
                    results += _build(reads, ids=ids[start:stop], roles=roles[start:stop])
                    continue
            results += _analyse_range(texts, start, stop, ids=ids, roles=roles, names=names, models=models)
        finished = True
        return results
    finally:
        for _, _, child, receiver in children:
            receiver.close()
            if child is None:
                continue
            if finished:
                child.join(_CHILD_EXIT_SECONDS)  # it exits once it has sent its part
            if child.exitcode is None:  # this call was interrupted or failed (or the child hangs)
                child.kill()
                child.join()


_CHILD_PATIENCE_SECONDS = 30.0
_CHILD_PATIENCE_FACTOR = 10.0
"""A child's part is waited for this many seconds plus this many times what this process's own part
took; past that the child counts as hung (it is killed and its part read here)."""
_CHILD_EXIT_SECONDS = 5.0
"""How long a child is given to exit after its part was received (or is no longer wanted)."""


def _part(
    sender: Connection, texts: Sequence[str], start: int, stop: int, names: Sequence[str], models: Models
) -> None:
    """A child's work: read its part and send it back pickled. On any failure it sends nothing and exits:
    the parent reads the part itself (and meets the same error, if the error is the part's)."""
    try:
        reads = _read_range(texts, start, stop, names=names, models=models)
        sender.send_bytes(pickle.dumps(reads, protocol=pickle.HIGHEST_PROTOCOL))
        sender.close()
    except BaseException:  # whatever it was, the parent reads the part itself
        os._exit(1)


def _received(
    child: BaseProcess | None, receiver: Connection, count: int, patience: float | None = None
) -> list[_Read] | None:
    """A child's reads; None when it sent none (it did not start, it died, or it sent nothing within
    `patience` seconds) or not `count` of them."""
    if child is None:
        return None
    try:
        if patience is not None and not receiver.poll(patience):
            return None  # hung: the caller kills it on the way out
        reads = pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None
    if not isinstance(reads, list) or len(reads) != count:
        return None
    return reads


@contextmanager
def _acyclic() -> Iterator[None]:
    """Python's cycle collector paused while a block is analysed. The analysis makes tens of
    thousands of small objects and no reference cycles (refcounting frees all of it); left running,
    the collector walks every live object again and again as they pile up (a quarter of the time of
    a 10,000-message run). It runs again right after, as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _encode(models: Models, texts: Sequence[str]) -> tuple[Encoded | None, Encoded | None]:
    """The features of the texts for each model there is, looked up once for both."""
    present = tuple(m for m in (models.sentiment, models.urgency) if m is not None)
    if not present:
        return None, None
    encoded = iter(feature_space(present).encode_texts(texts))
    sentiment = next(encoded) if models.sentiment is not None else None
    urgency = next(encoded) if models.urgency is not None else None
    return sentiment, urgency


@cache
def _share_phrase_literals() -> None:
    """The lexicon's phrases and the urgency rules are looked for in the same texts (most texts the
    lexicon reads as they are), one engine after the other: their literals found in one pass."""
    indexes = [phrase_index(), load_urgency_rules().index]
    PhraseIndex.share([index for index in indexes if index is not None])


_Vote = tuple[str, dict[str, float], list[tuple[str, float]], list[tuple[str, float]]]
"""A model's `Prediction` as plain values: label, probabilities, features, extras."""
_Read = tuple[
    float, list[tuple[str, str, float]], float, list[tuple[str, str, float]], _Vote | None, _Vote | None
]
"""What the engines read in one cleaned text, as plain values (cheap to pickle): the lexicon's score
and signals, the rule points and signals, each model's vote."""


def _plain(prediction: Prediction | None) -> _Vote | None:
    if prediction is None:
        return None
    return prediction.label, prediction.probabilities, prediction.features, prediction.extras


def _read_clean(cleans: Sequence[str], *, models: Models | None) -> list[_Read]:
    """The engines and the models over the cleaned texts, as plain values (`_build` makes the results)."""
    models = shipped_models() if models is None else models
    rules = load_urgency_rules()
    _share_phrase_literals()
    lexicon = [read_sentiment(clean) for clean in cleans]
    urgency = [
        read_urgency(clean, sentiment_score=score, rules=rules)
        for clean, (score, _) in zip(cleans, lexicon, strict=True)
    ]
    for_sentiment, for_urgency = _encode(models, cleans)
    sentiment_votes: list[_Vote | None] = [None] * len(cleans)
    urgency_votes: list[_Vote | None] = [None] * len(cleans)
    if models.sentiment is not None and for_sentiment is not None:
        sentiment_votes = [
            _plain(p)
            for p in models.sentiment.predict_many(
                for_sentiment, [sentiment_extras(score) for score, _ in lexicon]
            )
        ]
    if models.urgency is not None and for_urgency is not None:
        urgency_votes = [
            _plain(p)
            for p in models.urgency.predict_many(
                for_urgency, [urgency_extras(points, rules) for points, _ in urgency]
            )
        ]
    return [
        (lexicon_score, lexicon_signals, points, urgency_signals, sentiment_vote, urgency_vote)
        for (lexicon_score, lexicon_signals), (points, urgency_signals), sentiment_vote, urgency_vote in zip(
            lexicon, urgency, sentiment_votes, urgency_votes, strict=True
        )
    ]


def _model_vote(vote: _Vote, extra_kind: str) -> ModelVote:
    label, probabilities, features, extras = vote
    signals = [_signal("model", phrase, weight) for phrase, weight in features]
    for name, weight in extras:
        if weight != 0:
            signals.append(_signal(extra_kind, name, weight))
    return _trusted(ModelVote, {"label": label, "probabilities": probabilities, "features": signals})


def _build(
    reads: Sequence[_Read], *, ids: Sequence[str | None], roles: Sequence[AuthorRole | None]
) -> list[MessageAnalysis]:
    """The results from what `_read_clean` read."""
    rules = load_urgency_rules()
    results: list[MessageAnalysis] = []
    append = results.append
    for i, (lexicon_score, lexicon_signals, points, urgency_signals, sentiment, urgency) in enumerate(reads):
        label, score, sentiment_vote = label_score(lexicon_score), lexicon_score, None
        if sentiment is not None:
            label = _SENTIMENT_LABELS[sentiment[0]]
            score = _sentiment_score(sentiment[1])
            sentiment_vote = _model_vote(sentiment, "lexicon")
        level, urgency_vote = rules.level(points), None
        if urgency is not None:
            urgency_vote = _model_vote(urgency, "rules")
            level = _urgency_level(level, urgency_vote)
        signals = [_signal(kind, phrase, weight) for kind, phrase, weight in lexicon_signals]
        # urgency signals share kinds with sentiment signals ("waiting"): prefixed apart
        for kind, phrase, weight in urgency_signals:
            signals.append(_signal(f"urgency:{kind}", phrase, weight))
        append(
            _trusted(
                MessageAnalysis,
                {
                    "id": ids[i],
                    "role": roles[i],
                    "label": label,
                    "score": score,
                    "urgency": level,
                    "urgency_points": points,
                    "signals": signals,
                    "lexicon_score": lexicon_score,
                    "sentiment_model": sentiment_vote,
                    "urgency_model": urgency_vote,
                },
            )
        )
    return results


def _analyse_clean(
    cleans: Sequence[str],
    *,
    ids: Sequence[str | None],
    roles: Sequence[AuthorRole | None],
    models: Models | None,
) -> list[MessageAnalysis]:
    return _build(_read_clean(cleans, models=models), ids=ids, roles=roles)


def _weighted_mean(scores: list[float]) -> float:
    weights = range(1, len(scores) + 1)
    return sum(w * s for w, s in zip(weights, scores, strict=True)) / sum(weights)


def _trajectory(scores: list[float]) -> Trajectory:
    if len(scores) < 2:
        return Trajectory.STEADY
    half = len(scores) // 2
    early = sum(scores[:half]) / half
    late = sum(scores[-half:]) / half
    if late - early >= TRAJECTORY_DELTA:
        return Trajectory.IMPROVING
    if early - late >= TRAJECTORY_DELTA:
        return Trajectory.WORSENING
    return Trajectory.STEADY


def _conversation_sentiment(customer: list[MessageAnalysis]) -> tuple[SentimentLabel, float]:
    """With the model: the weighted mean of the messages' probabilities decides; without it, the
    weighted mean of the lexicon scores against the lexicon's thresholds."""
    votes = [r.sentiment_model for r in customer]
    if customer and all(v is not None for v in votes):
        labels = list(votes[0].probabilities) if votes[0] is not None else []
        mean = {
            label: _weighted_mean([v.probabilities.get(label, 0.0) for v in votes if v is not None])
            for label in labels
        }
        best = max(labels, key=lambda label: mean[label])
        return SentimentLabel(best), _sentiment_score(mean)
    scores = [r.score for r in customer]
    score = round(_weighted_mean(scores), 4) if scores else 0.0
    return label_score(score), score


def analyse_conversation(
    transcript: Transcript,
    *,
    taxonomy: Taxonomy | None = None,
    names: Sequence[str] = (),
    models: Models | None = None,
) -> ConversationAnalysis:
    """The whole conversation: the customer's sentiment (later messages weigh more) and its trajectory,
    urgency from every customer message plus waiting times, the intent from the taxonomy. `names`
    (e.g. the ERP mirror's vendor and item names) and every @handle written in the conversation carry
    no sentiment in any of its messages."""
    taxonomy = taxonomy or load_taxonomy()
    models = shipped_models() if models is None else models
    rules = load_urgency_rules()
    mask = name_mask(names)  # compiled once for the same names (a mirror's can be thousands)
    conversation_handles = sorted({h for m in transcript.messages for h in handles(m.text)})
    cleans = [mask_names(m.text, conversation_handles, mask=mask) for m in transcript.messages]
    results = _analyse_clean(
        cleans,
        ids=[m.id for m in transcript.messages],
        roles=[m.role for m in transcript.messages],
        models=models,
    )
    customer_texts = [
        clean for m, clean in zip(transcript.messages, cleans, strict=True) if m.role is AuthorRole.CUSTOMER
    ]
    customer = [r for r in results if r.role is AuthorRole.CUSTOMER] or [
        r for r in results if r.role is not AuthorRole.SYSTEM
    ]
    evidence: list[Evidence] = []

    scores = [r.score for r in customer]
    label, score = _conversation_sentiment(customer)
    sentiment_sign = {SentimentLabel.NEGATIVE: -1, SentimentLabel.POSITIVE: 1}.get(label, 0)
    backing = [r for r in customer if r.label is label]
    evidence.append(
        Evidence(
            label=f"sentiment:{label.value}",
            message_ids=[r.id for r in backing if r.id is not None],
            phrases=_dedupe(
                s.phrase
                for r in backing
                for s in r.signals
                if s.kind in _SENTIMENT_KINDS and (sentiment_sign == 0 or s.weight * sentiment_sign > 0)
            ),
        )
    )
    model_backing = [r for r in backing if r.sentiment_model is not None]
    if model_backing:
        evidence.append(
            Evidence(
                label=f"model:sentiment:{label.value}",
                message_ids=[r.id for r in model_backing if r.id is not None],
                phrases=_top_phrases(r.sentiment_model for r in model_backing),
            )
        )

    trajectory = _trajectory(scores)
    if customer:
        first, last = customer[0], customer[-1]
        evidence.append(
            Evidence(
                label=f"trajectory:{trajectory.value}",
                message_ids=_dedupe(r.id for r in (first, last) if r.id is not None),
                phrases=[f"{first.label.value} {first.score:+.2f} -> {last.label.value} {last.score:+.2f}"],
            )
        )

    signals = [s for r in customer for s in r.signals if s.kind.startswith("urgency:")]
    timing = _timing_signals(transcript, rules.points)
    urgency_points = sum_points([*signals, *timing])
    rule_level = rules.level(urgency_points)
    urgency_vote = None
    if models.urgency is not None:
        _, encoded = _encode(models, ["\n".join(customer_texts or cleans)])
        assert encoded is not None
        prediction = models.urgency.predict_many(encoded, [urgency_extras(urgency_points, rules)])[0]
        urgency_vote = _model_vote(
            (prediction.label, prediction.probabilities, prediction.features, prediction.extras), "rules"
        )
    urgency = _urgency_level(rule_level, urgency_vote)
    evidence.append(
        Evidence(
            label=f"urgency:{urgency.value}",
            message_ids=[r.id for r in customer if r.id is not None and r.urgency_points > 0],
            phrases=_dedupe(s.phrase for s in [*signals, *timing] if s.weight > 0),
        )
    )
    if urgency_vote is not None:
        evidence.append(
            Evidence(
                label=f"model:urgency:{urgency_vote.label}",
                message_ids=[r.id for r in customer if r.id is not None],
                phrases=_top_phrases([urgency_vote]),
            )
        )

    first_customer = next((m.id for m in transcript.messages if m.role is AuthorRole.CUSTOMER), None)
    texts = [
        (m.id, m.text, (1.5 if m.id == first_customer else 1.0) if m.role is AuthorRole.CUSTOMER else 0.5)
        for m in transcript.messages
        if m.role in (AuthorRole.CUSTOMER, AuthorRole.AGENT)
    ]
    if transcript.subject:
        texts.insert(0, ("subject", transcript.subject, 2.0))
    match = classify_intent(texts, taxonomy)
    if match is not None:
        evidence.append(
            Evidence(label=f"intent:{match.label}", message_ids=match.message_ids, phrases=match.phrases)
        )

    return ConversationAnalysis(
        sentiment=Sentiment(label=label, score=max(-1.0, min(1.0, score))),
        trajectory=trajectory,
        urgency=urgency,
        urgency_points=urgency_points,
        intent=match.label if match is not None else None,
        messages=results,
        evidence=evidence,
        analysis_method=analysis_method(models),
    )


def _timing_signals(transcript: Transcript, points: dict[str, float]) -> list[Signal]:
    """Waiting for an agent (from timestamps) and customer messages piling up unanswered."""
    signals: list[Signal] = []
    waits = [w for _, w in customer_waits(transcript.messages)]
    first_unanswered, unanswered = unanswered_tail(transcript.messages)
    timed = [m.sent_at for m in transcript.messages if m.sent_at is not None]
    if first_unanswered is not None and first_unanswered.sent_at is not None and timed:
        waits.append(seconds_between(first_unanswered.sent_at, max(timed)))
    longest = max(waits, default=Decimal(0))
    if longest > 86_400:
        signals.append(
            Signal(
                kind="urgency:timing",
                phrase=f"waited {longest / 3600:.1f} h for an agent",
                weight=points.get("wait_day", 0),
            )
        )
    elif longest > 3_600:
        signals.append(
            Signal(
                kind="urgency:timing",
                phrase=f"waited {longest / 3600:.1f} h for an agent",
                weight=points.get("wait_hour", 0),
            )
        )
    if unanswered >= 3:
        signals.append(
            Signal(
                kind="urgency:unanswered",
                phrase=f"{unanswered} customer messages unanswered",
                weight=points.get("unanswered_repeat", 0),
            )
        )
    return signals


def _top_phrases(votes: Iterable[ModelVote | None], limit: int = 8) -> list[str]:
    """The model features that pushed hardest, over the given votes, as "phrase (+weight)"."""
    total: dict[str, float] = {}
    for vote in votes:
        for signal in vote.features if vote is not None else ():
            if signal.weight > 0:
                key = signal.phrase if signal.kind == "model" else f"[{signal.phrase}]"
                total[key] = total.get(key, 0.0) + signal.weight
    ranked = sorted(total.items(), key=lambda item: -item[1])[:limit]
    return [f"{phrase} (+{weight:.2f})" for phrase, weight in ranked]


def _dedupe(items: Iterable[str | None]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item is not None and item not in seen:
            seen.append(item)
    return seen
