"""A fifth outsider's company in Tryton: deliveries and invoices in parts, deposits, the wrong addressee, price
lists, invoices older than their order, second bank accounts, VAT and rounding traps (`python -m evals.decisions5`)."""
