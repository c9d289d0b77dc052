"""Cross-cutting pieces: errors, security headers, locale, mail, permissions, health."""
