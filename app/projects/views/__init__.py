"""The projects feature's views, split by audience: the public pages and staff management."""
