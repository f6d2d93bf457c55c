"""The generator's own knowledge, loaded from its data files: countries.toml (formats, taxes, names,
identifiers per country), words/<language>.toml (labels, units, line items per language) and
country_names.toml. Nothing here comes from opsloop or from evals/synth."""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@cache
def countries() -> dict[str, dict[str, Any]]:
    with (HERE / "countries.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def words(language: str) -> dict[str, Any]:
    with (HERE / "words" / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def country_names() -> dict[str, dict[str, str]]:
    with (HERE / "country_names.toml").open("rb") as handle:
        return tomllib.load(handle)


def locale_countries() -> dict[str, str]:
    """Locale (BCP 47) -> the country code whose data it is."""
    return {data["locale"]: code for code, data in countries().items()}


@dataclass(frozen=True)
class Locale:
    """One country's data with its language's words, the country's overrides applied."""

    code: str
    """ISO 3166-1 alpha-2 of the seller's country."""

    @property
    def data(self) -> dict[str, Any]:
        return countries()[self.code]

    @property
    def tag(self) -> str:
        return str(self.data["locale"])

    @property
    def language(self) -> str:
        return str(self.data["language"])

    @property
    def words(self) -> dict[str, Any]:
        return words(self.language)

    @property
    def currency(self) -> str:
        return str(self.data["currency"])

    @property
    def minor_digits(self) -> int:
        return int(self.data.get("minor_digits", 2))

    @property
    def months(self) -> list[str]:
        return list(self.data.get("months") or self.words["months"])

    @property
    def months_short(self) -> list[str]:
        return list(self.words["months_short"])

    def rate(self, kind: str) -> Decimal:
        rates: dict[str, str] = self.data["rates"]
        return Decimal(rates.get(kind, rates["standard"]))

    def labels(self, key: str) -> list[str]:
        override: dict[str, list[str]] = self.data.get("labels", {})
        if key in override:
            return list(override[key])
        return list(self.words["labels"][key])

    def units(self, code: str) -> list[str]:
        return list(self.words["units"].get(code, [code]))

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def country_name(self, code: str) -> str:
        return country_names().get(self.language, {}).get(code, code)


class Labels:
    """One wording per label for one document, drawn once and kept (a document is consistent)."""

    def __init__(self, locale: Locale, rng: random.Random) -> None:
        self._locale = locale
        self._rng = rng
        self._chosen: dict[str, str] = {}

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        if key not in self._chosen:
            self._chosen[key] = self._rng.choice(self._locale.labels(key))
        return self._chosen[key]

    def __getitem__(self, key: str) -> str:
        return self.__getattr__(key)

    def use(self, key: str, wording: str) -> None:
        """Print ``key`` as ``wording`` on this document (a wording the document's facts call for)."""
        self._chosen[key] = wording

    def pick(self, key: str, **values: object) -> str:
        """The label with its placeholders filled ("Page {n} of {m}")."""
        return self[key].format(**values)
