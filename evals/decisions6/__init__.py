"""A sixth outsider's company in Tryton: weights and grams, orders cancelled or never confirmed, bank-change
notes, re-typed numbers, twins before the goods, collective invoices, renamed suppliers, carriers' freight and
split invoices (`python -m evals.decisions6`)."""
