"""Demo content for a fresh install: one account per role and illustrative data."""
