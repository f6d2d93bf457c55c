"""evals/synth4: the fourth held-out invoice generator (Typst PDFs, its own words, data and layouts).

Never tuned on — do not tune on it (evals/README.md). It shares no code with evals/synth, evals/synth2,
evals/synth3 or opsloop; it only writes its truths in the projection the strict eval (evals/invoices) reads."""
