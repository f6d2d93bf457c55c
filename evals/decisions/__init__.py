"""Decisions you can trust with money: generated companies (ERP export, vendors, POs, receipts,
history) and their vendors' invoices in many layouts, languages and formats, run through opsloop
as a new AP team would; scored on decision accuracy, wrong approvals, false holds, exception types
and touchless rate. `python -m evals.decisions` (or `opsloop eval reconcile` in a checkout)."""
