"""Keeping the site's data sound: checks that span features, run from the command line."""
