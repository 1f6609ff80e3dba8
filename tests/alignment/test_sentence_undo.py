"""Undo and redo of sentence splits and merges: texts, offsets and beads come back exactly."""
import pytest

from alignment import segment_edits, services
from alignment.models import Operation
from tests.corpus import BEADS, ranges
from workbench.errors import Conflict, WorkbenchError

# Renumbering under unique constraints and cascading deletes: run on PostgreSQL too.
pytestmark = pytest.mark.postgres


def sentences(version) -> list[tuple[str, int, int]]:
    return list(version.segments.order_by("position").values_list("text", "start", "end"))


def beads(alignment) -> list[tuple]:
    return [(bead.ranges(), bead.state, bead.confidence) for bead in alignment.beads.all()]


def test_undo_of_a_split_joins_the_halves_and_redo_splits_again(alignment, translator):
    target = alignment.target
    before_sentences, before_beads = sentences(target), beads(alignment)
    two = target.segments.get(position=1)
    segment_edits.split_segment(two.pk, 2, two.revision, translator, alignment=alignment)
    after_sentences, after_ranges = sentences(target), ranges(alignment)
    assert len(after_sentences) == len(before_sentences) + 1

    services.undo_last(alignment, translator)
    assert sentences(target) == before_sentences
    assert [(r, s) for r, s, _ in beads(alignment)] == [(r, s) for r, s, _ in before_beads]

    services.redo_last(alignment, translator)
    assert sentences(target) == after_sentences and ranges(alignment) == after_ranges


def test_undo_of_a_merge_across_beads_gives_back_both_beads_as_they_were(alignment, translator):
    target = alignment.target
    before_sentences, before_beads = sentences(target), beads(alignment)
    one = target.segments.get(position=0)  # "One." (bead 0) + "Two." (bead 1): beads join
    segment_edits.merge_with_next(one.pk, 1, 1, translator, alignment=alignment)
    merged_ranges = ranges(alignment)
    assert len(merged_ranges) == len(BEADS) - 1

    services.undo_last(alignment, translator)
    assert sentences(target) == before_sentences
    assert beads(alignment) == before_beads  # ranges, states and confidences
    assert alignment.bead_count == len(BEADS)

    services.redo_last(alignment, translator)
    assert ranges(alignment) == merged_ranges
    assert target.segments.get(position=0).text == "One. Two."
    kinds = list(Operation.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == ["merge_segments", "undo", "undo"]


def test_a_split_whose_half_was_edited_since_cannot_be_undone(alignment, translator):
    target = alignment.target
    two = target.segments.get(position=1)
    first, second = segment_edits.split_segment(two.pk, 2, two.revision, translator,
                                                alignment=alignment)
    services.edit_sentence(second, "o!", second.revision, translator, alignment=alignment)
    split = Operation.objects.get(kind="split_segment")
    edited = sentences(target)
    with pytest.raises(Conflict):
        services.undo(alignment, split.pk, translator)
    assert sentences(target) == edited



def test_a_sentence_merge_logged_without_offsets_is_refused_not_broken(alignment, translator):
    one = alignment.target.segments.get(position=0)
    segment_edits.merge_with_next(one.pk, 1, 1, translator, alignment=alignment)
    merge = Operation.objects.get(kind="merge_segments")
    merge.before = [{k: v for k, v in item.items() if k not in ("start", "end", "paragraph")}
                    for item in merge.before]  # as the log wrote it before 2026-12-01
    merge.save()
    texts = sentences(alignment.target)
    with pytest.raises(WorkbenchError, match="too old to undo"):
        services.undo(alignment, merge.pk, translator)
    assert sentences(alignment.target) == texts
