"""An alignment with hand-made beads, so edit operations can be tested without the engine."""
import pytest

from alignment.models import Alignment, Bead
from translations.importers import import_text
from translations.services import add_version

GERMAN = "Eins. Zwei. Drei. Vier. Fünf."
ENGLISH = "One. Two. Three. Four. Five. Six."
# (src_start, src_end, tgt_start, tgt_end): 1-1, 1-2, 1-1, 1-0, 1-1
BEADS = [(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 4), (3, 4, 4, 4), (4, 5, 4, 6)]


@pytest.fixture
def versions(document_a):
    source = add_version(document_a, import_text(GERMAN), language="de")
    target = add_version(document_a, import_text(ENGLISH), language="en")
    return source, target


@pytest.fixture
def alignment(versions):
    source, target = versions
    alignment = Alignment.objects.create(
        source=source, target=target, encoder="test", status=Alignment.Status.DONE
    )
    Bead.objects.bulk_create(
        Bead(alignment=alignment, src_start=a, src_end=b, tgt_start=c, tgt_end=d, confidence=0.5)
        for a, b, c, d in BEADS
    )
    return alignment


def ranges(alignment) -> list[tuple[int, int, int, int]]:
    return [bead.ranges() for bead in alignment.beads.all()]


def bead_at(alignment, index: int) -> Bead:
    return list(alignment.beads.all())[index]
