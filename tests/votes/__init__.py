"""Tests of supports (votes)."""
