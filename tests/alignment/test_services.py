"""Bead edit operations: coverage kept, every edit logged, undo and redo, stale edits refused."""
import pytest

from alignment import services
from alignment.models import Bead
from tests.corpus import BEADS, bead_at, ranges
from workbench.errors import Conflict, WorkbenchError


def covers_every_sentence_once(alignment) -> bool:
    beads = ranges(alignment)
    chained = all(a[1] == b[0] and a[3] == b[2] for a, b in zip(beads, beads[1:], strict=False))
    return chained and beads[0][0] == beads[0][2] == 0 and beads[-1][1] == 5 and beads[-1][3] == 6


@pytest.mark.postgres
def test_confirming_marks_the_bead_and_logs_who_did_it(alignment, reviewer):
    bead = bead_at(alignment, 1)
    confirmed = services.confirm(alignment, bead.pk, bead.revision, reviewer)
    assert confirmed.state == Bead.State.CONFIRMED and confirmed.revision == bead.revision + 1
    operation = alignment.operations.get()
    assert (operation.kind, operation.user) == ("confirm", reviewer)
    assert operation.before[0]["state"] == "auto" and operation.after[0]["state"] == "confirmed"
    alignment.refresh_from_db()
    assert alignment.confirmed_count == 1


@pytest.mark.postgres
def test_merging_joins_a_bead_with_the_next(alignment, translator):
    bead = bead_at(alignment, 0)
    merged = services.merge_with_next(alignment, bead.pk, bead.revision, translator)
    assert merged.ranges() == (0, 2, 0, 3) and merged.state == Bead.State.EDITED
    assert len(ranges(alignment)) == 4 and covers_every_sentence_once(alignment)


def test_the_last_bead_cannot_be_merged(alignment, translator):
    last = bead_at(alignment, 4)
    with pytest.raises(WorkbenchError, match="nothing after it"):
        services.merge_with_next(alignment, last.pk, last.revision, translator)


def test_splitting_cuts_a_bead_at_sentence_boundaries(alignment, translator):
    bead = bead_at(alignment, 1)  # [1,2):[1,3)
    parts = services.split(alignment, bead.pk, bead.revision, translator, src_at=2, tgt_at=2)
    assert [p.ranges() for p in parts] == [(1, 2, 1, 2), (2, 2, 2, 3)]
    assert covers_every_sentence_once(alignment)


def test_a_split_outside_the_bead_is_refused_and_changes_nothing(alignment, translator):
    bead = bead_at(alignment, 1)
    with pytest.raises(WorkbenchError, match="inside the bead"):
        services.split(alignment, bead.pk, bead.revision, translator, src_at=4, tgt_at=2)
    assert ranges(alignment) == BEADS and not alignment.operations.exists()


def test_shifting_a_target_boundary_down_takes_a_sentence_from_the_next_bead(alignment, translator):
    bead = bead_at(alignment, 0)
    services.shift(alignment, bead.pk, bead.revision, translator, "tgt", 1)
    assert ranges(alignment)[:2] == [(0, 1, 0, 2), (1, 2, 2, 3)]
    assert covers_every_sentence_once(alignment)


def test_shifting_away_a_beads_only_sentences_removes_the_emptied_bead(alignment, translator):
    bead = bead_at(alignment, 2)  # [2,3):[3,4), next is [3,4):[4,4)
    services.shift(alignment, bead.pk, bead.revision, translator, "src", 1)
    assert ranges(alignment)[2:] == [(2, 4, 3, 4), (4, 5, 4, 6)]


def test_detaching_gives_each_side_a_bead_of_its_own(alignment, translator):
    bead = bead_at(alignment, 0)
    services.detach(alignment, bead.pk, bead.revision, translator)
    assert ranges(alignment)[:2] == [(0, 1, 0, 0), (1, 1, 0, 1)]
    assert covers_every_sentence_once(alignment)


@pytest.mark.postgres
def test_a_stale_revision_is_refused_with_the_current_state(alignment, reviewer, translator):
    bead = bead_at(alignment, 0)
    services.confirm(alignment, bead.pk, bead.revision, reviewer)
    with pytest.raises(Conflict, match="changed by someone else"):
        services.merge_with_next(alignment, bead.pk, bead.revision, translator)
    assert alignment.operations.count() == 1


def test_an_edit_with_an_old_revision_on_the_same_row_reports_the_current_one(alignment, reviewer):
    bead = bead_at(alignment, 0)
    with pytest.raises(Conflict) as error:
        services.confirm(alignment, bead.pk, bead.revision + 7, reviewer)
    assert error.value.current["revision"] == bead.revision


@pytest.mark.postgres
def test_undo_puts_back_the_beads_and_redo_replays_the_edit(alignment, translator):
    bead = bead_at(alignment, 0)
    services.merge_with_next(alignment, bead.pk, bead.revision, translator)
    services.undo_last(alignment, translator)
    assert ranges(alignment) == BEADS
    services.redo_last(alignment, translator)
    assert ranges(alignment)[0] == (0, 2, 0, 3)
    assert [op.kind for op in alignment.operations.all()] == ["merge", "undo", "undo"]


def test_undo_is_refused_when_someone_changed_those_beads_since(alignment, translator, reviewer):
    bead = bead_at(alignment, 0)
    merged = services.merge_with_next(alignment, bead.pk, bead.revision, translator)
    services.confirm(alignment, merged.pk, merged.revision, reviewer)
    with pytest.raises(Conflict, match="changed since"):
        services.undo_last(alignment, translator)
    assert ranges(alignment)[0] == (0, 2, 0, 3)


def test_two_people_editing_different_beads_keep_both_edits(alignment, translator, reviewer):
    first, last = bead_at(alignment, 0), bead_at(alignment, 4)
    services.merge_with_next(alignment, first.pk, first.revision, translator)
    services.confirm(alignment, last.pk, last.revision, reviewer)
    beads = list(alignment.beads.all())
    assert beads[0].ranges() == (0, 2, 0, 3) and beads[-1].state == Bead.State.CONFIRMED


def test_bead_history_lists_who_touched_its_sentences(alignment, translator, reviewer):
    bead = bead_at(alignment, 0)
    merged = services.merge_with_next(alignment, bead.pk, bead.revision, translator)
    merged = services.confirm(alignment, merged.pk, merged.revision, reviewer)
    history = services.bead_history(merged)
    assert [(op.kind, op.user.username) for op in history] == [
        ("confirm", "rita_reviewer"), ("merge", "tomas_translator"),
    ]
