"""evals/synth10: the tenth invoice generator (hand-written PDF text operators; producers' emission quirks as factors), a development source."""
