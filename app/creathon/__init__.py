"""Créathon events, facilitator imports of their outcomes, and links to citizens' ideas."""
