"""evals/synth3: the third, final held-out invoice generator (ReportLab PDFs, its own words and data).

Never tuned on — do not tune on it (evals/README.md). It shares no code with evals/synth, evals/synth2
or opsloop; it only writes its truths in the projection the strict eval (evals/invoices) reads."""
