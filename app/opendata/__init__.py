"""Open data: the datasets, their streamed downloads and the /open-data page."""
