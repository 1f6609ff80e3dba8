"""Two people editing the same bead at the same moment: one wins, the other gets a conflict."""
import pytest

from alignment import segment_edits, services
from alignment.models import Bead, Operation
from tests.corpus import bead_at
from tests.races import race
from workbench.errors import Conflict

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_edits_of_one_bead_let_exactly_one_win(alignment, translator, reviewer):
    bead = bead_at(alignment, 1)
    outcomes = race(
        lambda: services.merge_with_next(alignment, bead.pk, bead.revision, translator),
        lambda: services.confirm(alignment, bead.pk, bead.revision, reviewer),
    )
    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(conflicts) == 1 and len(winners) == 1, outcomes
    assert Operation.objects.count() == 1


def test_simultaneous_edits_of_different_beads_both_land(alignment, translator, reviewer):
    first, last = bead_at(alignment, 0), bead_at(alignment, 4)
    outcomes = race(
        lambda: services.merge_with_next(alignment, first.pk, first.revision, translator),
        lambda: services.confirm(alignment, last.pk, last.revision, reviewer),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    beads = list(alignment.beads.all())
    assert beads[0].ranges() == (0, 2, 0, 3) and beads[-1].state == Bead.State.CONFIRMED


def test_simultaneous_text_edits_of_one_sentence_keep_one_and_refuse_the_other(
    alignment, translator, reviewer
):
    segment = alignment.target.segments.get(position=2)
    outcomes = race(
        lambda: services.edit_sentence(segment, "Three!", segment.revision, translator),
        lambda: services.edit_sentence(segment, "Drei!", segment.revision, reviewer),
    )
    assert sum(isinstance(o, Conflict) for o in outcomes) == 1, outcomes
    segment.refresh_from_db()
    assert segment.text in {"Three!", "Drei!"} and segment.revision == 2


@pytest.mark.parametrize("attempt", range(3))
def test_a_sentence_edit_and_a_bead_edit_at_once_both_land(alignment, translator, reviewer,
                                                          attempt):
    # Both take the alignment row (the text edit to number its change): neither may deadlock.
    source_sentence = alignment.source.segments.get(position=1)
    target_sentence = alignment.target.segments.get(position=0)
    bead = bead_at(alignment, 1)
    outcomes = race(
        lambda: services.edit_sentence(source_sentence, "ZWEI!", None, translator, alignment),
        # No revision: the split moves this bead (a new revision), which is no conflict here.
        lambda: services.confirm(alignment, bead.pk, None, reviewer),
        lambda: segment_edits.split_segment(target_sentence.pk, 2, None, translator),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert alignment.beads.filter(state=Bead.State.CONFIRMED).count() == 1
    assert Operation.objects.count() == 3
