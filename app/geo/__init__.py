"""Geography: map cells, clustering keys and their aggregates."""
