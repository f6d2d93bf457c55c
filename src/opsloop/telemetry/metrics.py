"""Prometheus metrics. Two sources:

- this process: stage latency histograms and stage errors by type, recorded by a hook in the
  runner (`install_stage_metrics`), never in the stages;
- the database and the broker, read at scrape time (`DatabaseCollector`): documents by state and
  kind, straight-through rate, exceptions by type, review SLA breaches, override rate per autonomy
  rule, LLM tokens and cost, queue depth. These count every worker's work, wherever it ran.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import REGISTRY, Collector
from sqlalchemy import Engine
from sqlmodel import Session

from opsloop.pipeline import StageEvent, observe_stages
from opsloop.settings import Settings
from opsloop.telemetry.figures import take_snapshot
from opsloop.telemetry.operations import operations_figures

METRICS_WINDOW_DAYS = 30
"""The window of the windowed figures on /metrics (touchless rate, reviewer throughput)."""

log = logging.getLogger(__name__)

STAGE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)

STAGE_SECONDS = Histogram(
    "opsloop_stage_seconds",
    "Time one stage took on one document (this process), by stage and outcome.",
    ["stage", "outcome"],
    buckets=STAGE_BUCKETS,
)
STAGE_ERRORS = Counter(
    "opsloop_stage_errors",
    "Stage runs that failed or quarantined the document (this process), by stage and exception type.",
    ["stage", "type"],
)


def record_stage_event(event: StageEvent) -> None:
    STAGE_SECONDS.labels(event.stage, event.outcome).observe(event.seconds)
    if event.error_type is not None:
        STAGE_ERRORS.labels(event.stage, event.error_type).inc()


def install_stage_metrics() -> None:
    """Record every stage run of this process (idempotent)."""
    observe_stages(record_stage_event)


class DatabaseCollector(Collector):
    """Gauges computed from the database (and the broker in celery mode) at each scrape."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings

    def describe(self) -> list[Metric]:
        return []  # computed at scrape time; nothing to check at registration

    def collect(self) -> Iterator[Metric]:
        try:
            with Session(self.engine) as session:
                snap = take_snapshot(session, datetime.now(UTC))
        except Exception as error:
            log.warning("metrics: the database could not be read: %s", error)
            up = GaugeMetricFamily("opsloop_database_up", "1 when the database answered this scrape.")
            up.add_metric([], 0)
            yield up
            return
        up = GaugeMetricFamily("opsloop_database_up", "1 when the database answered this scrape.")
        up.add_metric([], 1)
        yield up

        documents = GaugeMetricFamily(
            "opsloop_documents", "Documents by state and kind.", labels=["state", "kind"]
        )
        for (state, kind), count in sorted(snap.documents.items()):
            documents.add_metric([state, kind], count)
        yield documents

        done = GaugeMetricFamily("opsloop_documents_done", "Documents done.")
        done.add_metric([], snap.done)
        yield done
        straight = GaugeMetricFamily(
            "opsloop_straight_through_documents", "Documents done with no human decision on any proposal."
        )
        straight.add_metric([], snap.straight_through)
        yield straight
        rate = GaugeMetricFamily(
            "opsloop_straight_through_ratio", "Share of done documents that needed no human decision."
        )
        if snap.straight_through_rate is not None:
            rate.add_metric([], snap.straight_through_rate)
        yield rate

        exceptions = GaugeMetricFamily(
            "opsloop_reconciliation_exceptions",
            "Current invoice reconciliations carrying each exception type.",
            labels=["type"],
        )
        for kind, count in sorted(snap.reconciliation_exceptions.items()):
            exceptions.add_metric([kind], count)
        yield exceptions
        failures = CounterMetricFamily(
            "opsloop_stage_failures", "Stage runs that failed or quarantined (all workers).", labels=["stage"]
        )
        for stage, count in sorted(snap.stage_failures.items()):
            failures.add_metric([stage], count)
        yield failures

        sla = GaugeMetricFamily(
            "opsloop_review_sla_breaches",
            "Proposals past their review SLA: open ones, and those first decided after it.",
            labels=["state"],
        )
        sla.add_metric(["open"], snap.sla_breaches_open)
        sla.add_metric(["decided_late"], snap.sla_breaches_decided)
        yield sla

        automatic = GaugeMetricFamily(
            "opsloop_autonomy_automatic_decisions",
            "Automatic approvals per autonomy rule in the drift window.",
            labels=["rule"],
        )
        overturned = GaugeMetricFamily(
            "opsloop_autonomy_overturned_decisions",
            "Automatic approvals a person then reversed or edited, per rule (drift window).",
            labels=["rule"],
        )
        override = GaugeMetricFamily(
            "opsloop_autonomy_override_ratio",
            "Reviewer override rate per autonomy rule (absent when the rule decided nothing).",
            labels=["rule"],
        )
        for rule in snap.rules:
            automatic.add_metric([rule.rule_id], rule.automatic)
            overturned.add_metric([rule.rule_id], rule.overturned)
            if rule.error_rate is not None:
                override.add_metric([rule.rule_id], rule.error_rate)
        yield automatic
        yield overturned
        yield override

        tokens = CounterMetricFamily("opsloop_llm_tokens", "LLM tokens used.", labels=["direction"])
        tokens.add_metric(["input"], snap.llm_tokens_in)
        tokens.add_metric(["output"], snap.llm_tokens_out)
        yield tokens
        cost = CounterMetricFamily("opsloop_llm_cost", "LLM cost in the account's currency (priced models).")
        cost.add_metric([], float(snap.llm_cost))
        yield cost
        calls = CounterMetricFamily("opsloop_llm_calls", "LLM calls by outcome.", labels=["outcome"])
        for outcome, count in sorted(snap.llm_calls.items()):
            calls.add_metric([outcome], count)
        yield calls

        yield from self._operations()
        yield from self._queue(snap.pending_documents)

    def _operations(self) -> Iterator[Metric]:
        """The operations page's figures (touchless rate, backlog by age, throughput, exception rates)."""
        with Session(self.engine) as session:
            figures = operations_figures(session, METRICS_WINDOW_DAYS)
        decided = GaugeMetricFamily(
            "opsloop_invoices_decided",
            f"Invoices first decided in the last {METRICS_WINDOW_DAYS} days, by who decided.",
            labels=["by"],
        )
        decided.add_metric(["automatic"], figures.touchless.automatic)
        decided.add_metric(["person"], figures.touchless.decided - figures.touchless.automatic)
        yield decided
        touchless = GaugeMetricFamily(
            "opsloop_invoices_touchless_ratio",
            f"Invoices decided automatically / invoices decided (last {METRICS_WINDOW_DAYS} days; chats apart).",
        )
        if figures.touchless.rate is not None:
            touchless.add_metric([], figures.touchless.rate)
        yield touchless
        backlog = GaugeMetricFamily(
            "opsloop_backlog_proposals", "Open proposals by age since queued.", labels=["age"]
        )
        overdue = GaugeMetricFamily(
            "opsloop_backlog_overdue_proposals", "Open proposals past their SLA, by age.", labels=["age"]
        )
        at_stake = GaugeMetricFamily(
            "opsloop_backlog_amount",
            "Money at stake in open proposals, by age and currency.",
            labels=["age", "currency"],
        )
        for bucket in figures.backlog.buckets:
            backlog.add_metric([bucket.slug], bucket.count)
            overdue.add_metric([bucket.slug], bucket.overdue)
            for currency, amount in sorted(bucket.amounts.items()):
                at_stake.add_metric([bucket.slug, currency], float(amount))
        yield backlog
        yield overdue
        yield at_stake
        oldest = GaugeMetricFamily(
            "opsloop_backlog_oldest_age_seconds",
            "Age of the oldest open proposal (absent when none is open).",
        )
        if figures.backlog.oldest_seconds is not None:
            oldest.add_metric([], figures.backlog.oldest_seconds)
        yield oldest
        throughput = GaugeMetricFamily(
            "opsloop_reviewer_decisions",
            f"Decisions (approve, reject, hold, release) per reviewer in the last {METRICS_WINDOW_DAYS} days.",
            labels=["reviewer"],
        )
        for reviewer, count in figures.throughput.items():
            throughput.add_metric([reviewer], count)
        yield throughput
        rates = GaugeMetricFamily(
            "opsloop_reconciliation_exception_ratio",
            "Share of current invoice reconciliations carrying each exception type.",
            labels=["type"],
        )
        for kind, rate in sorted(figures.exception_rates.items()):
            rates.add_metric([kind], rate)
        yield rates

    def _queue(self, pending: int) -> Iterator[Metric]:
        runner = self.settings.runner
        depth = GaugeMetricFamily(
            "opsloop_queue_depth",
            "Work waiting: broker messages (celery) or pending documents.",
            labels=["queue"],
        )
        pending_gauge = GaugeMetricFamily(
            "opsloop_documents_pending", "Documents a stage still has to run on (not yet settled)."
        )
        pending_gauge.add_metric([], pending)
        yield pending_gauge
        if runner.mode != "celery":
            depth.add_metric(["inprocess"], pending)
            yield depth
            return
        from opsloop.distributed.coordination import in_flight, queue_depth, redis_client

        try:
            client = redis_client(self.settings)
            waiting, held = queue_depth(client, runner.queue), in_flight(client)
        except Exception as error:
            log.warning("metrics: the broker could not be read: %s", error)
            broker = GaugeMetricFamily("opsloop_broker_up", "1 when the broker answered this scrape.")
            broker.add_metric([], 0)
            yield broker
            return
        depth.add_metric([runner.queue], waiting)
        yield depth
        held_gauge = GaugeMetricFamily(
            "opsloop_queue_in_flight", "Messages a worker holds (not yet acknowledged)."
        )
        held_gauge.add_metric([], held)
        yield held_gauge
        broker = GaugeMetricFamily("opsloop_broker_up", "1 when the broker answered this scrape.")
        broker.add_metric([], 1)
        yield broker


def metrics_registry(engine: Engine, settings: Settings) -> CollectorRegistry:
    """This process's metrics (stage histograms, Python runtime) plus the database figures."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_ProcessMetrics())
    registry.register(DatabaseCollector(engine, settings))
    return registry


class _ProcessMetrics(Collector):
    """The default registry's metrics (stage histograms, process and GC figures)."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


def render_metrics(registry: CollectorRegistry) -> tuple[bytes, str]:
    """The exposition text and its content type."""
    return generate_latest(registry), CONTENT_TYPE_LATEST
