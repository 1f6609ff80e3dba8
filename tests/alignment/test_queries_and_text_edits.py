"""Bead filters for the review queue, sentences attached to beads, and sentence text edits."""
import pytest

from alignment import queries, services
from alignment.models import Bead
from tests.corpus import bead_at
from workbench.errors import Conflict, WorkbenchError


def starts(beads) -> list[tuple[int, int]]:
    return [(b.src_start, b.tgt_start) for b in beads]


@pytest.mark.parametrize(
    ("bead_type", "expected"),
    [("1-1", [(0, 0), (2, 3)]), ("1-0", [(3, 4)]), ("n-m", [(1, 1), (4, 4)]),
     ("non-1-1", [(1, 1), (3, 4), (4, 4)])],
)
def test_beads_filter_by_type(alignment, bead_type, expected):
    assert starts(queries.filter_beads(alignment, bead_type=bead_type)) == expected


def test_an_unknown_bead_type_is_refused(alignment):
    with pytest.raises(ValueError, match="Unknown bead type"):
        queries.filter_beads(alignment, bead_type="sideways")


def test_the_review_queue_puts_the_lowest_confidence_first(alignment):
    Bead.objects.filter(alignment=alignment, src_start=3).update(confidence=0.1)
    Bead.objects.filter(alignment=alignment, src_start=0).update(confidence=0.9)
    queue = queries.filter_beads(alignment, max_confidence=0.6, lowest_confidence_first=True)
    assert starts(queue)[0] == (3, 4) and (0, 0) not in starts(queue)


@pytest.mark.postgres
def test_text_search_finds_beads_by_either_side(alignment):
    assert starts(queries.filter_beads(alignment, search="drei")) == [(2, 3)]
    assert starts(queries.filter_beads(alignment, search="three")) == [(1, 1)]


def test_beads_come_with_the_text_of_both_sides(alignment):
    rows = queries.with_text(alignment, alignment.beads.all())
    assert (rows[1].source_text, rows[1].target_text) == ("Zwei.", "Two. Three.")
    assert (rows[3].source_text, rows[3].target_text) == ("Vier.", "")


def test_editing_a_sentence_keeps_the_raw_text_and_can_be_undone(alignment, translator):
    segment = alignment.target.segments.get(position=1)
    edited = services.edit_sentence(segment, " Two! ", segment.revision, translator, alignment)
    assert edited.text == "Two!" and edited.revision == segment.revision + 1
    assert alignment.target.raw_text.startswith("One. Two. Three.")
    services.undo_last(alignment, translator)
    segment.refresh_from_db()
    assert segment.text == "Two."


def test_a_stale_sentence_edit_is_refused(alignment, translator, reviewer):
    segment = alignment.target.segments.get(position=0)
    services.edit_sentence(segment, "Uno.", segment.revision, reviewer, alignment)
    with pytest.raises(Conflict) as error:
        services.edit_sentence(segment, "One!", segment.revision, translator, alignment)
    assert error.value.current["text"] == "Uno."


def test_a_sentence_cannot_be_emptied(alignment, translator):
    segment = alignment.target.segments.get(position=0)
    with pytest.raises(WorkbenchError, match="cannot be empty"):
        services.edit_sentence(segment, "   ", segment.revision, translator, alignment)
    assert bead_at(alignment, 0).state == Bead.State.AUTO
