"""Dashboard: public figures on ideas, supports and moderation, read from aggregate tables."""
