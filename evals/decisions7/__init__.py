"""A seventh outsider's company in Tryton: deposits forgotten, deliveries beyond the order, rejected invoices
and their cancellations and corrections, another supplier's bank account, a stranger's invoice, reverse charge
claimed and right, small businesses without VAT, prices creeping, two-page invoices and a subscription without
an order (`python -m evals.decisions7`)."""
