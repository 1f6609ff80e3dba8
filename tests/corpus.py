"""The small hand-made pair of texts and beads that many tests share, and helpers to read it."""
from alignment.models import Bead

GERMAN = "Eins. Zwei. Drei. Vier. Fünf."
ENGLISH = "One. Two. Three. Four. Five. Six."
# (src_start, src_end, tgt_start, tgt_end): 1-1, 1-2, 1-1, 1-0, 1-1
BEADS = [(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 4), (3, 4, 4, 4), (4, 5, 4, 6)]


def ranges(alignment) -> list[tuple[int, int, int, int]]:
    """Return the alignment's beads as (src_start, src_end, tgt_start, tgt_end), in order."""
    return [bead.ranges() for bead in alignment.beads.all()]


def bead_at(alignment, index: int) -> Bead:
    """Return the alignment's bead at this position in document order."""
    return list(alignment.beads.all())[index]
