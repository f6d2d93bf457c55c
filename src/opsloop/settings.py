"""The one place configuration is read. Everything is `OPSLOOP_*` (nested groups with `__`)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


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

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.model)


class ErpSettings(BaseModel):
    connector: Literal["folder", "sql", "tryton", "odoo", "erpnext"] = "folder"
    folder: Path | None = None
    """Folder connector: where the ERP's CSV/XLSX exports are (default: <data_dir>/erp)."""


class WebSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 8450
    secret_key: SecretStr = SecretStr("change-me-in-production")


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
    llm: LLMSettings = Field(default_factory=LLMSettings)
    erp: ErpSettings = Field(default_factory=ErpSettings)
    web: WebSettings = Field(default_factory=WebSettings)

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
