"""Relays: people who bring the ideas and supports of residents who are not online."""
