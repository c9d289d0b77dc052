"""The map index: `map_cells` and `idea_terms`, kept exact on every write to ideas, and the map's
queries (clusters, text search) that read them."""
