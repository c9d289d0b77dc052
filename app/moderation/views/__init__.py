"""Staff decisions, authors' corrections, the public moderation pages: routes on the blueprint."""
