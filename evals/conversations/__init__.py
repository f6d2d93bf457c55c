"""The conversations eval and the training of the learned models it scores. See run.py, train.py."""
