"""GIVEN extraction called without settings WHEN the environment stays or changes between documents
THEN the configuration is read once per environment and a changed variable or `.env` still counts."""

from pathlib import Path

import pytest

from opsloop.settings import environment_settings


def test_the_same_environment_reads_the_settings_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPSLOOP_EXTRACT__FIELD_SCORER", "rules")
    assert environment_settings() is environment_settings()


def test_a_changed_variable_is_read_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPSLOOP_EXTRACT__FIELD_SCORER", "rules")
    assert environment_settings().extract.field_scorer == "rules"
    monkeypatch.setenv("OPSLOOP_EXTRACT__FIELD_SCORER", "model")
    assert environment_settings().extract.field_scorer == "model"
    monkeypatch.delenv("OPSLOOP_EXTRACT__FIELD_SCORER")
    monkeypatch.setenv("opsloop_extract__max_pages", "7")  # read without regard to case
    assert environment_settings().extract.max_pages == 7


def test_a_changed_dotenv_is_read_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OPSLOOP_EXTRACT__MAX_PAGES", raising=False)
    (tmp_path / ".env").write_text("OPSLOOP_EXTRACT__MAX_PAGES=11\n", encoding="utf-8")
    assert environment_settings().extract.max_pages == 11
    (tmp_path / ".env").write_text("OPSLOOP_EXTRACT__MAX_PAGES=12\n", encoding="utf-8")
    assert environment_settings().extract.max_pages == 12
