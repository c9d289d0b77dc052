"""Following ideas, districts, categories and créathon events; notifications and digests."""
