"""evals/synth9: invoices printed by invoicing software through wkhtmltopdf (a development source, issue 15)."""
