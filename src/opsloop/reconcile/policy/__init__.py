"""The tolerance policy as data: a versioned file shipped here (default.toml) and a table."""
