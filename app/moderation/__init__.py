"""Moderation: the review queue, decisions, reports, the city's answers and transparency."""
