"""Distributed mode: the same pipeline as Celery tasks, Redis as broker, PostgreSQL as the database.

Switched on by one setting, `OPSLOOP_RUNNER__MODE=celery` (see README.md in this folder)."""
