"""The review queue: proposals waiting for a person (or the autonomy policy), and their audit trail."""
