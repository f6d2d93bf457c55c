"""The conversations eval (run.py) and the training of the learned models it scores (train.py)."""

from evals.conversations.metrics import classification_scores
from evals.conversations.run import (
    DEFAULT_DATA,
    DEFAULT_REPORT,
    print_report,
    run_conversation_eval,
    write_report,
)

__all__ = [
    "DEFAULT_DATA",
    "DEFAULT_REPORT",
    "classification_scores",
    "print_report",
    "run_conversation_eval",
    "write_report",
]
