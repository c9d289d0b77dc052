"""Title similarity for the duplicate hint: character trigrams on normalised text."""

from app.ideas.search import normalise


def trigrams(text):
    padded = f"  {normalise(text)} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    """Jaccard index of the two texts' trigram sets, 0..1."""
    return overlap(trigrams(a), trigrams(b))


def overlap(ta, tb):
    """Jaccard index of two trigram sets already computed (to compare one title with many)."""
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
