"""Votes: one resident, one support per published idea."""
