"""A ninth outsider's company in Tryton: money exceptions between the ERP and the suppliers' paper — invoices in
another currency than the order's, cash discount terms and a discount charged back, goods sent back and billed or
credited, prices per 100 pieces, freight agreed on the order or above it, foreign VAT on an intra-EU supply
(`python -m evals.decisions9`)."""
