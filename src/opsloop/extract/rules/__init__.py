"""The offline rules engine."""

from opsloop.extract.rules.engine import extract_rules

__all__ = ["extract_rules"]
