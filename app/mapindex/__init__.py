"""The map index: `map_cells` and `map_terms`, kept exact on every write to ideas, and the map's
queries (clusters, text search) that read them."""
