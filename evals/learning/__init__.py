"""Does opsloop learn from corrections? Streams of invoices per vendor, a simulated reviewer, and the
error rate on each vendor's later documents without and with what was learned (see README)."""
