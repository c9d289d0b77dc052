"""Accounts: registration, verification, sign-in, password reset, settings and roles."""
