"""An eighth outsider's company in Tryton: hour budgets of time and material billed beyond the order, overtime
premiums, a direct-debit note, a fully billed order billed again, another supplier's order, a substitute article,
a supplier in no master, a seller VAT id not the master's and a copper surcharge (`python -m evals.decisions8`)."""
