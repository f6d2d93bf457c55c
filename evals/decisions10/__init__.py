"""A tenth outsider's company in Tryton: exceptions that pass each single check — a delivery billed again under a
re-formatted number and a new date, prices raised and cut to keep the total, a lookalike supplier, a lump sum, the
wrong order quoted, a deposit deducted short, gross prices taxed again, a domestic delivery billed tax-free — beside
clean invoices that must still be paid (`python -m evals.decisions10`)."""
