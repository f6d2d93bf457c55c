"""The provider: ChatOpenAI from `Settings.llm`, with retries, a rate limit, a concurrency limit and
a circuit breaker shared by every client of the same endpoint in this process.

Transport failures (429, 5xx, timeouts, refused connections) are retried with exponential backoff
and jitter; a 429's Retry-After is honoured (capped at `retry_max_seconds`). When the retries are
spent the endpoint counts one failure; `breaker_failures` in a row open the breaker, and while it is
open no request is sent: callers get `LLMUnavailable` at once and go on with the offline engines.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import openai
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage
from langchain_core.messages.utils import count_tokens_approximately
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI
from pydantic import SecretStr
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from opsloop.errors import EngineUnavailable, OpsloopError
from opsloop.settings import LLMSettings


class LLMUnavailable(EngineUnavailable):
    """The endpoint is down, refusing or its circuit breaker is open: go on without it."""

    hint = (
        "The document went on with the offline engine and is marked for an LLM pass; "
        "check OPSLOOP_LLM__BASE_URL and that the server is up."
    )


class LLMRequestError(OpsloopError):
    """The endpoint answered with an error that retrying will not fix (e.g. 400, 401, 404)."""

    hint = "Check OPSLOOP_LLM__MODEL, OPSLOOP_LLM__API_KEY and the server's log."


# --------------------------------------------------------------------------- endpoint guards


class CircuitBreaker:
    """closed -> (N failures in a row) -> open -> (cooldown) -> half-open: one trial request."""

    def __init__(self, failures: int, cooldown_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.failures = max(1, failures)
        self.cooldown_seconds = cooldown_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._count = 0
        self._opened_at: float | None = None
        self._trial = False

    @property
    def state(self) -> str:
        with self._lock:
            return self._state()

    def _state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self.clock() - self._opened_at >= self.cooldown_seconds:
            return "half_open"
        return "open"

    def allow(self) -> bool:
        """Whether a request may go out now (in half-open state only one at a time)."""
        with self._lock:
            state = self._state()
            if state == "closed":
                return True
            if state == "half_open" and not self._trial:
                self._trial = True
                return True
            return False

    def record_success(self) -> None:
        with self._lock:
            self._count, self._opened_at, self._trial = 0, None, False

    def record_failure(self) -> None:
        with self._lock:
            self._count += 1
            self._trial = False
            if self._opened_at is not None or self._count >= self.failures:
                self._opened_at = self.clock()


class RateLimiter:
    """At most ``per_minute`` request starts in any 60-second window."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.per_minute = max(1, per_minute)
        self.clock = clock
        self._lock = threading.Lock()
        self._starts: deque[float] = deque()

    def acquire(self, sleep: Callable[[float], None]) -> None:
        while True:
            with self._lock:
                now = self.clock()
                while self._starts and now - self._starts[0] >= 60.0:
                    self._starts.popleft()
                if len(self._starts) < self.per_minute:
                    self._starts.append(now)
                    return
                wait = 60.0 - (now - self._starts[0])
            sleep(max(wait, 0.01))


@dataclass
class EndpointGuard:
    breaker: CircuitBreaker
    limiter: RateLimiter
    slots: threading.BoundedSemaphore


_GUARDS: dict[str, EndpointGuard] = {}
_GUARDS_LOCK = threading.Lock()


def endpoint_guard(settings: LLMSettings) -> EndpointGuard:
    """The process-wide breaker, rate limiter and concurrency slots of one endpoint."""
    key = f"{settings.base_url}|{settings.model}"
    with _GUARDS_LOCK:
        guard = _GUARDS.get(key)
        if guard is None:
            guard = EndpointGuard(
                breaker=CircuitBreaker(settings.breaker_failures, settings.breaker_cooldown_seconds),
                limiter=RateLimiter(settings.requests_per_minute),
                slots=threading.BoundedSemaphore(max(1, settings.max_concurrency)),
            )
            _GUARDS[key] = guard
        return guard


def reset_endpoint_guards() -> None:
    """Forget every breaker and limiter (tests; a process that changed its settings)."""
    with _GUARDS_LOCK:
        _GUARDS.clear()


# --------------------------------------------------------------------------- retries


def is_transient(error: BaseException) -> bool:
    """429, 408, 409, 5xx, timeouts and connection failures are worth another try."""
    if isinstance(error, openai.APIConnectionError):  # APITimeoutError is one
        return True
    if isinstance(error, openai.APIStatusError):
        return error.status_code in (408, 409, 429) or error.status_code >= 500
    return False


def retry_after_seconds(error: BaseException | None) -> float | None:
    """The server's Retry-After (seconds, or retry-after-ms) on an HTTP error, if it sent one."""
    if not isinstance(error, openai.APIStatusError):
        return None
    headers = error.response.headers
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            continue
    return None


# --------------------------------------------------------------------------- replies


@dataclass
class Reply:
    """One answered request: the JSON the model returned (or why it could not be read) and its cost."""

    data: dict[str, Any] | None
    raw_text: str
    """What the model sent (tool arguments or content), for a re-ask and the log."""
    error: str | None
    tokens_in: int
    tokens_out: int
    latency_ms: int
    approximate_tokens: bool = False
    """The server reported no usage; the counts are estimates from the text."""
    retries: list[float] = field(default_factory=list)
    """The waits (seconds) before each transport retry."""


def _raw_text(message: AIMessage) -> str:
    if message.tool_calls:
        return json.dumps(message.tool_calls[0].get("args", {}), ensure_ascii=False, default=str)
    if message.invalid_tool_calls:
        return str(message.invalid_tool_calls[0].get("args") or "")
    return message.content if isinstance(message.content, str) else json.dumps(message.content, default=str)


class LLMClient:
    """Sends messages with an output schema to the configured endpoint; one `complete` is one request
    (plus its transport retries)."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        chat_model: ChatOpenAI | None = None,
    ) -> None:
        if not settings.configured:
            raise EngineUnavailable(
                "No LLM endpoint is configured (OPSLOOP_LLM__BASE_URL, OPSLOOP_LLM__MODEL)."
            )
        self.settings = settings
        self.model = settings.model or ""
        self.sleep = sleep
        self.guard = endpoint_guard(settings)
        self.chat = chat_model or build_chat_model(settings)

    def complete(self, messages: list[BaseMessage], schema: dict[str, Any]) -> Reply:
        """One structured request; raises LLMUnavailable (down, breaker open) or LLMRequestError."""
        method = self.settings.structured_output_method
        if method == "json_mode":
            schema_text = json.dumps(schema, ensure_ascii=False)
            messages = [
                SystemMessage(
                    f"{messages[0].content}\n\nAnswer with one JSON object matching this schema:\n{schema_text}"
                ),
                *messages[1:],
            ]
        runnable = self.chat.with_structured_output(schema, method=method, include_raw=True)
        result, latency, waits = self.invoke(runnable, messages)
        return self._reply(messages, result, latency, waits)

    def invoke(
        self, runnable: Runnable[Any, Any], messages: list[BaseMessage]
    ) -> tuple[Any, int, list[float]]:
        """One request through ``runnable`` (this client's chat model, structured or with tools bound)
        under the endpoint's breaker, rate limiter and concurrency slots, with transport retries
        (Retry-After honoured): (result, latency in ms, the waits before each retry). Raises
        LLMUnavailable (down, breaker open, kept failing) or LLMRequestError (refused)."""
        if not self.guard.breaker.allow():
            raise LLMUnavailable(
                f"the LLM endpoint {self.settings.base_url} is failing: its circuit breaker is open"
            )
        waits: list[float] = []

        def wait(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            hinted = retry_after_seconds(error)
            if hinted is not None:
                seconds = min(hinted, self.settings.retry_max_seconds)
            else:
                initial = self.settings.retry_initial_seconds
                seconds = wait_exponential_jitter(
                    multiplier=initial, jitter=initial, max=self.settings.retry_max_seconds
                )(state)
            waits.append(seconds)
            return seconds

        def attempt() -> tuple[Any, int]:
            self.guard.limiter.acquire(self.sleep)
            with self.guard.slots:
                started = time.monotonic()
                result = runnable.invoke(messages)
                return result, int((time.monotonic() - started) * 1000)

        try:
            retrying = Retrying(
                retry=retry_if_exception(is_transient),
                stop=stop_after_attempt(self.settings.max_retries + 1),
                wait=wait,
                sleep=self.sleep,
                reraise=True,
            )
            result, latency = retrying(attempt)
        except openai.APIStatusError as error:
            if is_transient(error):
                self.guard.breaker.record_failure()
                raise LLMUnavailable(
                    f"the LLM endpoint kept failing (HTTP {error.status_code}) after {len(waits)} retries"
                ) from error
            self.guard.breaker.record_success()  # it answered: the endpoint is up
            raise LLMRequestError(
                f"the LLM endpoint refused the request: HTTP {error.status_code}"
            ) from error
        except openai.APIConnectionError as error:
            self.guard.breaker.record_failure()
            kind = "timed out" if isinstance(error, openai.APITimeoutError) else "could not be reached"
            raise LLMUnavailable(
                f"the LLM endpoint {self.settings.base_url} {kind} after {len(waits)} retries"
            ) from error
        self.guard.breaker.record_success()
        return result, latency, waits

    def _reply(
        self, messages: list[BaseMessage], result: dict[str, Any], latency: int, waits: list[float]
    ) -> Reply:
        raw = result.get("raw")
        message = raw if isinstance(raw, AIMessage) else AIMessage(content="")
        parsed = result.get("parsed")
        error = result.get("parsing_error")
        text = _raw_text(message)
        data: dict[str, Any] | None = None
        problem: str | None = None
        if isinstance(parsed, dict):
            data = parsed
        elif isinstance(parsed, list) and parsed and isinstance(parsed[0], dict):
            data = parsed[0]
        elif error is not None:
            problem = f"the answer is not valid JSON: {error}"
        else:
            problem = "the answer holds no JSON object in the expected form" + (
                f" (got: {text[:200]})" if text else " (empty answer)"
            )
        usage = message.usage_metadata
        approximate = usage is None
        if usage is not None:
            tokens_in, tokens_out = int(usage["input_tokens"]), int(usage["output_tokens"])
        else:
            tokens_in = count_tokens_approximately(messages)
            tokens_out = count_tokens_approximately([AIMessage(content=text)])
        return Reply(
            data=data,
            raw_text=text,
            error=problem,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            latency_ms=latency,
            approximate_tokens=approximate,
            retries=waits,
        )


def build_chat_model(settings: LLMSettings) -> ChatOpenAI:
    """ChatOpenAI for any OpenAI-compatible server; max tokens go in the body under
    `settings.max_tokens_param` (llama.cpp honours `max_tokens`, not `max_completion_tokens`)."""
    api_key = settings.api_key or SecretStr("not-needed")
    return ChatOpenAI(
        model=settings.model or "",
        base_url=settings.base_url,
        api_key=api_key,
        temperature=settings.temperature,
        timeout=settings.timeout_seconds,
        max_retries=0,
        extra_body={settings.max_tokens_param: settings.max_tokens},
    )
