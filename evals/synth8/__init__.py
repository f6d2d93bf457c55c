"""evals/synth8: the eighth invoice generator (Typst with system fonts; party presentation as independent factors), a development source."""
