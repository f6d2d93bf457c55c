"""The learned field scorer: candidates with features, a small model file, calibrated confidence."""
