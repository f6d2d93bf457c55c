"""An outsider's AP exceptions eval: cases the decisions eval does not cover, rendered by our own
renderers, labelled from AP practice (`python -m evals.decisions2`)."""
