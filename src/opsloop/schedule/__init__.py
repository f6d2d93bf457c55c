"""Scheduled jobs: ERP sync, outbox push, re-planning and SLA escalation (APScheduler, cron from settings)."""

from opsloop.schedule.jobs import JOB_NAMES, cron_trigger, default_jobs, escalate_overdue, start_scheduler

__all__ = ["JOB_NAMES", "cron_trigger", "default_jobs", "escalate_overdue", "start_scheduler"]
