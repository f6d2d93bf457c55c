"""The one place configuration is read. Everything is `OPSLOOP_*` (nested groups with `__`)."""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from opsloop.errors import ConfigError


class IngestSettings(BaseModel):
    """Watched-folder ingestion."""

    max_file_bytes: int = 50 * 1024 * 1024
    """Files larger than this are quarantined as oversized."""
    stable_seconds: float = 2.0
    """A file counts as ready only when its size and mtime have not changed for this long."""
    poll_seconds: float = 0.5
    """How often the watcher re-checks the files it is waiting on."""
    rescan_seconds: float = 30.0
    """A full rescan of the inbox catches events the file-system watcher missed."""
    ignore_suffixes: tuple[str, ...] = (".part", ".tmp", ".crdownload", ".swp", ".partial", ".reason.json")
    """Names that are still being written by someone else (or are ours) and are never ingested."""


class ExtractSettings(BaseModel):
    engine: Literal["auto", "einvoice", "rules", "llm"] = "auto"
    """`auto`: the embedded e-invoice when present, else the LLM chain when configured, else rules."""
    max_pages: int = 200
    """Pages beyond this are not read (the result records that the document was cut)."""
    issuer_templates: Path | None = None
    """A folder of opt-in issuer templates (JSON, see opsloop.extract.rules.issuers); none by default."""
    field_model: Path | None = None
    """The learned field scorer's model file; None: the one shipped in the package. An eval points this
    at a model trained without one source (leave-one-source-out)."""
    field_scorer: Literal["model", "rules"] = "model"
    """`model`: the learned scorer chooses among the candidates and calibrates confidence; `rules`: the
    hand rules alone (for comparison)."""


class OcrSettings(BaseModel):
    """OCR for scanned PDFs (no text layer, no e-invoice) with the Tesseract binary, an optional system
    package (`apt-get install tesseract-ocr tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-nld`, and the packs of
    the other languages scans come in: tesseract-ocr-spa, -ita, -por, -pol, -swe, -dan, -ces ...)."""

    enabled: bool | None = None
    """None: OCR when the `tesseract` binary is found; False: never (scans wait in `needs_ocr`)."""
    command: str = "tesseract"
    """The Tesseract binary: a name looked up on PATH, or a full path."""
    languages: str = "eng+deu+fra+nld"
    """Tesseract language packs joined with `+` that read a scan's first page; those not installed are left out."""
    detect_language: bool = True
    """When the first page's words show a language whose Tesseract pack is installed but not in `languages`
    (`apt-get install tesseract-ocr-spa` ...), read the document with that pack (then `languages`' first): the
    language is told by the first page's top band (read with `languages`' first pack), and the page is then read
    whole once (where the band tells nothing, the whole page read with `languages` tells, and is read again). A
    language without its pack is read with `languages`, with a note."""
    dpi: int = Field(default=300, ge=72, le=600)
    """Resolution the pages are rendered at before recognition."""
    timeout_seconds: float = Field(default=120.0, gt=0.0)
    """Per page: a page Tesseract has not finished by then is skipped (with the reason)."""
    deskew: bool = True
    """Estimate each page's skew and turn it back before recognition (Tesseract does not)."""
    min_skew_degrees: float = Field(default=0.1, ge=0.0)
    """A smaller estimated skew is left alone."""
    max_skew_degrees: float = Field(default=3.0, gt=0.0, le=10.0)
    """The skew is searched within +- this many degrees."""
    despeckle: bool = True
    """Remove isolated dark specks (dust) from a noisy page before recognition (a clean page is untouched)."""
    despeckle_min_specks: float = Field(default=100.0, ge=0.0)
    """Specks per megapixel from which a page counts as noisy (a clean 300 dpi page has about none)."""
    read_images: bool = True
    """Where a text-layer PDF's text names no seller, read the images on its first and last page (a letterhead
    logo, a footer band of company data) with Tesseract and extract again (`opsloop.ocr.images`)."""
    image_max_regions: int = Field(default=4, ge=0, le=16)
    """At most this many images of a document are read (the largest)."""


class LLMPrice(BaseModel):
    """What a model costs, in the account's currency per million tokens."""

    input: Decimal
    output: Decimal


class LLMSettings(BaseModel):
    """Any OpenAI-compatible endpoint (OpenAI, Azure, vLLM, Ollama, llama.cpp server)."""

    base_url: str | None = None
    api_key: SecretStr | None = None
    model: str | None = None
    structured_output_method: Literal["function_calling", "json_schema", "json_mode"] = "function_calling"
    temperature: float = 0.0
    max_tokens: int = 2048
    timeout_seconds: float = 60.0
    max_concurrency: int = 4
    requests_per_minute: int = 60
    max_reasks: int = 2
    max_tokens_param: Literal["max_tokens", "max_completion_tokens"] = "max_tokens"
    """The request field that carries `max_tokens` (sent in the body so llama.cpp servers honour it;
    OpenAI's reasoning models want `max_completion_tokens`)."""
    max_retries: int = 4
    """Transport retries (429, 5xx, timeouts, connection errors) per request, with backoff and jitter."""
    retry_initial_seconds: float = 1.0
    retry_max_seconds: float = 60.0
    """Longest single wait between retries (a longer Retry-After is capped at this)."""
    breaker_failures: int = 3
    """Consecutive failed requests (after their retries) that open the circuit breaker."""
    breaker_cooldown_seconds: float = 300.0
    """How long an open breaker refuses calls before it lets one trial request through."""
    prices: dict[str, LLMPrice] = Field(default_factory=dict)
    """Price per model name, e.g. OPSLOOP_LLM__PRICES='{"gpt-4o-mini": {"input": "0.15", "output": "0.60"}}'."""
    prompts_dir: Path | None = None
    """Where the prompt files are (default: the repository's prompts/ folder)."""
    chunk_chars: int = 12000
    """A document longer than this (after whitespace is squeezed) is read page by page for line items."""

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.model)


class ErpSettings(BaseModel):
    connector: Literal["folder", "sql", "tryton", "odoo", "erpnext"] = "folder"
    folder: Path | None = None
    """Folder connector: where the ERP's CSV/XLSX exports are (default: <data_dir>/erp)."""
    url: SecretStr | None = None
    """SQL: the ERP database's SQLAlchemy URL. Tryton/Odoo/ERPNext: the server's base URL."""
    mapping: Path | None = None
    """SQL connector: the TOML mapping file from the ERP's tables to the mirror (format: the docstring of opsloop/erp/sql.py)."""
    database: str | None = None
    """Tryton / Odoo: the database name on the server."""
    user: str | None = None
    password: SecretStr | None = None
    """Tryton/Odoo password; ERPNext: `api_key:api_secret`."""
    timeout_seconds: float = 30.0
    page_size: int = 500
    retry_attempts: int = 3
    """Tries per record type before a sync run records the connector as failed."""
    retry_wait_seconds: float = 1.0
    """First wait between tries (doubles each time)."""
    company: str | None = None
    """Which of the ERP's companies opsloop books for, when the ERP keeps several (its `erp_id` or name;
    several separated by ';'). Unset: every company the ERP lists is ours. An invoice addressed to a
    company not booked for is held (`buyer_not_ours`)."""
    identity: Path | None = None
    """A TOML file naming our legal entities, for an ERP without a company export (or to add trading and
    former names): `[[entity]]` tables with `name`, `aliases`, `vat_ids`, `address`. Read at each sync."""
    rounding_account: str | None = None
    """Tryton: the account code (e.g. a chart's rounding-differences account) that write-back books a
    rounding-difference line to, when the ERP's four-place unit prices cannot reproduce a printed net
    (within the policy's `erp_rounding_abs`); unset, the line goes to the account of the line it corrects."""
    charge_item: str | None = None
    """ERPNext: the non-stock Item that invoice lines matching no PO line are written as (freight, fees);
    unset, such an invoice is refused at write-back with a note saying so."""
    timezone: str | None = None
    """The company's timezone (an IANA name: `Europe/Berlin`). Folder connector: a time in an XLSX export
    without a UTC offset (a spreadsheet's date-time cells hold none) is read in it; unset, such a time is
    its row's error."""

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"{value!r} is no IANA timezone name (e.g. Europe/Berlin)") from error
        return value.strip()


class ScheduleSettings(BaseModel):
    """Cron expressions (5 fields, server time) for the scheduled jobs; empty string = job off."""

    erp_sync: str = "*/15 * * * *"
    outbox_push: str = "* * * * *"
    replan: str = "0 6 * * *"
    sla_escalation: str = "*/10 * * * *"
    webhook_push: str = "* * * * *"
    """Send due webhook deliveries (only when `OPSLOOP_WEBHOOKS__URLS` names an endpoint)."""
    llm_backfill: str = "*/15 * * * *"
    """Give documents that fell back to the offline engines their LLM pass (when an endpoint is set)."""
    misfire_grace_seconds: int = 300
    """A run later than this (the process was busy or down) is skipped; missed runs coalesce into one."""


class PlanSettings(BaseModel):
    """Inventory and staffing planning parameters (`OPSLOOP_PLAN__*`)."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    # ------------------------------------------------------------------ inventory
    service_level: float = Field(default=0.95, gt=0.5, lt=1.0)
    """Cycle service level for safety stock: the probability of no stock-out during a lead time."""
    review_horizon_days: int = Field(default=1, ge=0)
    """Days until the next planning run: an order is proposed now when the position projected to the
    next run would be below the reorder point (0 = classic continuous review)."""
    history_days: int = Field(default=365, ge=14)
    """How much demand history (days before today) the forecast reads."""
    days_per_year: int = 365
    """Converts daily demand into the yearly demand EOQ uses."""
    ses_alpha: float = Field(default=0.2, gt=0.0, le=1.0)
    """Smoothing weight of the level (simple exponential smoothing and Holt)."""
    holt_beta: float = Field(default=0.1, gt=0.0, le=1.0)
    """Smoothing weight of the trend (Holt)."""
    croston_alpha: float = Field(default=0.1, gt=0.0, le=1.0)
    """Smoothing weight of demand size and interval (Croston / SBA)."""
    trend_t_stat: float = Field(default=3.0, gt=0.0)
    """Holt (level + trend) is used instead of simple smoothing when the least-squares slope of the
    history has |t| at least this."""
    adi_cutoff: float = 1.32
    """Syntetos-Boylan: average inter-demand interval above which demand is intermittent."""
    cv2_cutoff: float = 0.49
    """Syntetos-Boylan: squared coefficient of variation of demand sizes above which it is erratic."""
    shift_window_days: int = Field(default=28, ge=7)
    """Demand-shift check: the recent window compared with the history before it."""
    shift_t_stat: float = Field(default=3.0, gt=0.0)
    """Demand-shift check: Welch's t of recent vs earlier daily mean must reach this ..."""
    shift_min_change: float = Field(default=0.2, gt=0.0)
    """... and the mean must have moved by at least this fraction (or the standard deviation by
    the factor 1 + this with an F-ratio beyond `shift_variance_ratio`)."""
    shift_variance_ratio: float = Field(default=2.5, gt=1.0)
    """Demand-shift check on volatility: variance ratio (recent / earlier, or its inverse) to reach
    (2.5 is about the 1 % point of F(27, 27), a 28-day window against as much history)."""
    safety_stock_min_change: float = Field(default=0.1, ge=0.0)
    """A safety-stock proposal needs the new value to differ from the old one by at least this fraction."""
    order_budget: Decimal | None = Field(default=None, gt=0)
    """The most one reorder proposal may spend (in the item's currency; unset: no limit). A planned order
    above it is cut to the whole packs within it (never below the minimum order quantity), and an edited
    quantity above it is refused."""

    # ------------------------------------------------------------------ staffing
    service_level_target: float = Field(default=0.8, gt=0.0, lt=1.0)
    """Share of conversations to be answered within `service_level_seconds`."""
    service_level_seconds: float = Field(default=60.0, gt=0.0)
    chat_concurrency: float = Field(default=2.0, ge=1.0)
    """Chats one agent handles at once: each productive agent counts as this many servers."""
    shrinkage: float = Field(default=0.3, ge=0.0, lt=1.0)
    """Share of rostered time not spent on conversations (breaks, training, meetings, absence)."""
    reduce_max_occupancy: float = Field(default=0.5, gt=0.0, le=1.0)
    """A shift is proposed for fewer agents only when its arrivals-weighted occupancy is at most this."""
    min_agents_on_duty: int = Field(default=1, ge=1)
    """A reduction never leaves an hour of the shift with fewer agents on duty than this."""
    forecast_days: int = Field(default=7, ge=1)
    """Rostered shifts starting within this many days from now are checked."""
    arrival_history_weeks: int = Field(default=8, ge=1)
    """Weeks of hourly arrival counts the hour-of-week profile and the trend read."""
    default_handle_seconds: float | None = None
    """AHT to use for a queue with no handle-time samples (None: such a queue is not planned)."""
    escalation_window_hours: int = Field(default=24, ge=1)
    """Negative/urgent share: the recent window compared with the `escalation_baseline_days` before it."""
    escalation_baseline_days: int = Field(default=7, ge=1)
    escalation_z: float = Field(default=2.33, gt=0.0)
    """One-sided two-proportion z the rise must reach (2.33 is 99 %)."""
    escalation_min_rise: float = Field(default=0.1, gt=0.0)
    """... and the share must have risen by at least this many points (0.1 = 10 points)."""
    escalation_min_conversations: int = Field(default=10, ge=1)
    """Fewest conversations in the recent window for the share to count."""

    sensitivity_factor: float = Field(default=1.2, gt=1.0)
    """The sensitivity line on every proposal: what changes at demand / arrivals x this."""


class RunnerSettings(BaseModel):
    """How documents are processed: inline in this process (default) or by Celery workers."""

    mode: Literal["inprocess", "celery"] = "inprocess"
    """`celery`: the watcher and the web app enqueue documents; `opsloop worker` processes run them."""
    broker_url: SecretStr = SecretStr("redis://127.0.0.1:6379/0")
    """The Redis broker (also holds the cross-worker LLM rate limit and the attempt counters)."""
    queue: str = "opsloop"
    max_attempts: int = Field(default=5, ge=1)
    """Deliveries of one document (errors or workers lost) before it is left `failed` (dead letter)."""
    retry_backoff_seconds: float = 2.0
    """First wait before a retry; doubles each attempt (with jitter) up to `retry_backoff_max_seconds`."""
    retry_backoff_max_seconds: float = 120.0
    visibility_timeout_seconds: int = 900
    """A task a dead worker held is handed to another worker after this long (must exceed the longest
    document's processing time and the longest retry wait)."""
    concurrency: int | None = None
    """Worker processes per `opsloop worker` (default: the number of CPUs)."""


class BudgetSettings(BaseModel):
    """What one document may cost a stage. The work on a document's content (reading the file,
    extracting, analysing) runs in a worker process under these limits; a document that breaks one is
    quarantined with the limit it broke (`time_budget_exceeded`, `memory_budget_exceeded`,
    `reader_crashed`, `decompression_limit`, `too_many_messages`), and the next document goes on."""

    isolate: bool = True
    """Run document work in budgeted worker processes. False runs it inline with no limits (debugging)."""
    seconds: float = Field(default=60.0, gt=0.0)
    """Wall-clock seconds one stage may spend on one document's content (also its CPU-time limit)."""
    ocr_seconds: float = Field(default=900.0, gt=0.0)
    """The same for reading a PDF while OCR is available (a scan's pages go through Tesseract)."""
    memory_mb: int = Field(default=768, ge=64)
    """Address space a worker may add to its size at start, in MiB (RLIMIT_AS)."""
    max_stream_bytes: int = Field(default=16 * 1024 * 1024, ge=1024 * 1024)
    """The most a single PDF stream may inflate to (flate, LZW, run-length, ...): a bigger one is a
    decompression bomb, not an invoice."""
    max_text_chars: int = Field(default=2_000_000, ge=10_000)
    """Text kept from one PDF; pages past it are not read (recorded like `extract.max_pages`)."""
    max_words: int = Field(default=20_000, ge=1_000)
    """Words read from one PDF (each costs memory in every stage after reading, in the pipeline's
    process too: about 40 pages of a dense invoice); reading stops at it, and the pages left are
    recorded like those past `extract.max_pages` (such an invoice always waits for a person:
    `pages_not_read`)."""
    max_messages: int = Field(default=5_000, ge=1)
    """Messages in one conversation; a longer transcript is quarantined (`too_many_messages`)."""
    max_message_chars: int = Field(default=20_000, ge=1_000)
    """A longer message is analysed on its first this many characters (it is stored whole)."""
    max_interruptions: int = Field(default=3, ge=1)
    """A document whose stage was cut off this many times (the process killed or lost mid-stage) is
    quarantined (`interrupted_repeatedly`) instead of being tried again on every restart."""


class AuditSettings(BaseModel):
    """The audit log's key and anchor, both kept outside the database (see opsloop/store/chain.py)."""

    key: SecretStr | None = None
    """The HMAC key of the chain (at least 32 characters). Unset: `key_file`, made on first use."""
    key_file: Path | None = None
    """Where the key is kept when `key` is unset (default `<data_dir>/secrets/audit.key`, mode 0600)."""
    anchor_file: Path | None = None
    """The chain's anchor: the head's id, count and hash after each commit (default
    `<data_dir>/audit.anchor`). Put it where the database's users cannot write, or make it append-only."""


class WebSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(default=8450, ge=1, le=65535)
    secret_key: SecretStr | None = None
    """Signs the login form's CSRF cookie (32+ characters). Required to serve on a non-loopback
    address; on loopback, unset, a random one is made and kept in `<data_dir>/secrets/web.key`."""
    session_hours: float = Field(default=12.0, gt=0.0)
    """A browser session ends this long after login (or at logout)."""
    login_max_failures: int = Field(default=5, ge=1)
    """Failed logins for one account within `login_window_seconds` before it is locked."""
    login_address_max_failures: int = Field(default=20, ge=1)
    """Failed logins from one client address within the window before that address is locked."""
    login_window_seconds: float = Field(default=900.0, gt=0.0)
    login_lockout_seconds: float = Field(default=900.0, gt=0.0)
    """How long a locked account or address is refused (its password is not even checked)."""
    metrics_token: SecretStr | None = None
    """Bearer token for `/metrics`; unset, `/metrics` answers loopback clients only."""
    public_docs: bool = False
    """Serve `/api/docs` and `/api/openapi.json` to everyone (default: loopback clients only)."""


class WebhookSettings(BaseModel):
    """Webhooks for decisions and state changes (`OPSLOOP_WEBHOOKS__URLS='["https://..."]'`)."""

    urls: list[str] = Field(default_factory=list)
    """Endpoints that receive every event as a signed JSON POST (none: webhooks off)."""
    secret: SecretStr | None = None
    """The shared HMAC-SHA256 key of the `Opsloop-Signature` header."""
    max_attempts: int = Field(default=8, ge=1)
    """Tries per delivery before it is marked failed."""
    retry_backoff_seconds: float = Field(default=30.0, gt=0)
    """The first wait after a failed try; doubles each try up to `retry_backoff_max_seconds`."""
    retry_backoff_max_seconds: float = Field(default=3600.0, gt=0)
    timeout_seconds: float = Field(default=10.0, gt=0)


class ReviewSettings(BaseModel):
    confirm_above: Decimal = Decimal("10000")
    """A decision that moves more than this (payment, purchase order) asks for one confirmation with a
    summary, as does any decision against a failed check (release, pay anyway, reverse)."""
    preview_dpi: int = Field(default=110, ge=50, le=300)
    """Resolution of the page images the review workspace shows beside the decision."""


class MemorySettings(BaseModel):
    enabled: bool = True
    """Apply what corrections taught about a vendor to its next documents (opsloop.memory)."""
    min_similarity: float = Field(default=0.6, ge=0.0, le=1.0)
    """How similar (cosine, layout and text) a document must be to a corrected one to be taken for
    the same vendor's layout when no identifier says whose it is."""
    examples: int = Field(default=2, ge=0, le=5)
    """Nearest corrected documents the LLM chain is shown as examples (0: none)."""


class Settings(BaseSettings):
    """opsloop's configuration, from the environment (`OPSLOOP_` prefix) and `.env`."""

    model_config = SettingsConfigDict(
        env_prefix="OPSLOOP_",
        env_nested_delimiter="__",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    data_dir: Path = Path("var")
    """Holds inbox/, archive/, quarantine/ and (by default) the SQLite database."""
    database_url: SecretStr | None = None
    """SQLAlchemy URL; default `sqlite:///<data_dir>/opsloop.db`. PostgreSQL: `postgresql+psycopg://...`."""
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    extract: ExtractSettings = Field(default_factory=ExtractSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    erp: ErpSettings = Field(default_factory=ErpSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    review: ReviewSettings = Field(default_factory=ReviewSettings)
    memory: MemorySettings = Field(default_factory=MemorySettings)
    plan: PlanSettings = Field(default_factory=PlanSettings)
    schedule: ScheduleSettings = Field(default_factory=ScheduleSettings)
    runner: RunnerSettings = Field(default_factory=RunnerSettings)
    budget: BudgetSettings = Field(default_factory=BudgetSettings)
    audit: AuditSettings = Field(default_factory=AuditSettings)
    webhooks: WebhookSettings = Field(default_factory=WebhookSettings)
    today: date | None = None
    """`OPSLOOP_TODAY`: the date opsloop takes as today (an ISO date) — a replay of a past period, an
    evaluation's calendar; unset (always, in use): the machine's clock. Read where dates are judged
    (`opsloop.clock`); declared here so a malformed value is refused when opsloop starts."""

    @field_validator("database_url")
    @classmethod
    def _a_database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            try:
                make_url(value.get_secret_value())
            except ArgumentError:
                raise ValueError(DATABASE_URL_FORMS) from None
        return value

    @cached_property
    def db_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{(self.data_dir / 'opsloop.db').resolve()}"

    @property
    def inbox_dir(self) -> Path:
        return self.data_dir / "inbox"

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def erp_folder(self) -> Path:
        return self.erp.folder if self.erp.folder is not None else self.data_dir / "erp"

    def ensure_dirs(self) -> None:
        for folder in (self.data_dir, self.inbox_dir, self.archive_dir, self.quarantine_dir):
            folder.mkdir(parents=True, exist_ok=True)


DATABASE_URL_FORMS = (
    "a database URL such as sqlite:///var/opsloop.db or postgresql+psycopg://user:password@host/db"
)

_ALLOWED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "decimal_parsing": "a decimal number",
    "decimal_type": "a decimal number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "json_invalid": "valid JSON",
    "dict_type": "a JSON object",
    "path_type": "a file path",
    "string_type": "text",
}
_BOUNDS = {"gt": "above {}", "ge": "at least {}", "lt": "below {}", "le": "at most {}"}


def _allowed(error: dict[str, Any]) -> str:
    """What a setting accepts, in words, from one pydantic error."""
    kind = str(error.get("type"))
    ctx: dict[str, Any] = error.get("ctx") or {}
    if kind == "literal_error" and "expected" in ctx:
        return "one of " + str(ctx["expected"]).replace("'", "")
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        bound = next(key for key in _BOUNDS if key in ctx)
        return "a number " + _BOUNDS[bound].format(ctx[bound])
    if kind == "value_error":
        return str(ctx.get("error") or error.get("msg"))
    return _ALLOWED.get(kind, str(error.get("msg", "a valid value")).removeprefix("Input should be "))


def _is_secret(loc: tuple[Any, ...]) -> bool:
    model: type[BaseModel] | None = Settings
    field = None
    for part in loc:
        if model is None or not isinstance(part, str) or part not in model.model_fields:
            return False
        field = model.model_fields[part]
        annotation = field.annotation
        model = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    return field is not None and "SecretStr" in str(field.annotation)


def describe_settings_error(error: ValidationError) -> list[str]:
    """One line per invalid setting: its environment variable, the value given (not for secrets) and what
    is allowed, e.g. `OPSLOOP_INGEST__MAX_FILE_BYTES='abc' is not valid: expected a whole number`."""
    lines: list[str] = []
    for item in error.errors():
        loc = tuple(item.get("loc") or ())
        name = "OPSLOOP_" + "__".join(str(part).upper() for part in loc)
        given = "" if _is_secret(loc) or "input" not in item else f"={item['input']!r}"
        lines.append(f"{name}{given} is not valid: expected {_allowed(dict(item))}")
    return lines


_READ_SETTINGS: dict[tuple[object, ...], Settings] = {}


def environment_settings() -> Settings:
    """`Settings()`, read once per environment: the same working directory, `.env` content and
    `OPSLOOP_*` variables (matched without regard to case, as the settings read them) give the same
    settings, so a caller that passes none (a library call, an eval) does not read and validate the
    whole configuration again for every document. Read-only: change a setting through the
    environment, or pass a `Settings` of your own."""
    try:
        dotenv: bytes | None = Path(".env").read_bytes()
    except OSError:
        dotenv = None
    variables = tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith("OPSLOOP_")))
    key = (str(Path.cwd()), dotenv, variables)
    settings = _READ_SETTINGS.get(key)
    if settings is None:
        settings = Settings()
        _READ_SETTINGS.clear()
        _READ_SETTINGS[key] = settings
    return settings


def load_settings() -> Settings:
    """The settings from the environment and `.env`; a bad value is a ConfigError whose message names each
    setting and what it allows (one line each), never a traceback."""
    try:
        return Settings()
    except ValidationError as error:
        raise ConfigError("\n".join(describe_settings_error(error)), hint="") from None
    except SettingsError as error:  # a JSON-valued setting (e.g. OPSLOOP_LLM__PRICES) that is not JSON
        group = re.search(r'field "(\w+)"', str(error))
        name = f"OPSLOOP_{group.group(1).upper()}__…" if group else "an OPSLOOP_ setting"
        raise ConfigError(
            f"{name} is not valid: expected valid JSON where a setting takes an object ({error.__cause__ or error})",
            hint="",
        ) from None
