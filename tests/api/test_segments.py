"""Sentence edits through the API: text, split at an offset, merge; beads stay consistent."""
import pytest

from alignment.models import Operation
from tests.api.conftest import error_of
from tests.corpus import BEADS, ranges


def texts(version) -> list[str]:
    return list(version.segments.order_by("position").values_list("text", flat=True))


def positions(version) -> list[int]:
    return list(version.segments.order_by("position").values_list("position", flat=True))


def segment(version, position):
    return version.segments.get(position=position)


@pytest.mark.parametrize(("persona", "expected"),
                         [("owner", 200), ("reviewer", 200), ("translator", 200),
                          ("outsider", 404)])
def test_members_edit_a_sentence_outsiders_get_404(as_user, personas, versions, persona,
                                                   expected):
    target = versions[1]
    first = segment(target, 0)
    response = as_user(personas[persona]).patch(
        f"/api/v1/segments/{first.pk}/", {"text": "Uno.", "revision": 1}, format="json")
    assert response.status_code == expected
    assert (segment(target, 0).text == "Uno.") == (expected == 200)


def test_a_stale_sentence_edit_is_a_409_with_the_current_text(as_user, translator, versions):
    first = segment(versions[1], 0)
    api = as_user(translator)
    api.patch(f"/api/v1/segments/{first.pk}/", {"text": "Uno.", "revision": 1}, format="json")
    stale = api.patch(f"/api/v1/segments/{first.pk}/", {"text": "Un.", "revision": 1},
                      format="json")
    assert stale.status_code == 409
    assert error_of(stale)["current"] == {"id": first.pk, "revision": 2, "text": "Uno."}


def test_splitting_a_sentence_shifts_every_later_bead(as_user, translator, alignment):
    target = alignment.target
    two = segment(target, 1)  # "Two." in the 1-2 bead (1, 2, 1, 3)
    response = as_user(translator).post(f"/api/v1/segments/{two.pk}/split/",
                                        {"offset": 2, "revision": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert [s["text"] for s in response.json()] == ["Tw", "o."]
    assert texts(target) == ["One.", "Tw", "o.", "Three.", "Four.", "Five.", "Six."]
    assert positions(target) == list(range(7))
    assert ranges(alignment) == [(0, 1, 0, 1), (1, 2, 1, 4), (2, 3, 4, 5), (3, 4, 5, 5),
                                 (4, 5, 5, 7)]
    first, second = target.segments.filter(position__in=[1, 2]).order_by("position")
    assert (first.end, second.start) == (second.start, first.end)
    assert Operation.objects.get().kind == "split_segment"


def test_merging_sentences_of_two_beads_merges_the_beads(as_user, translator, alignment):
    target = alignment.target
    one = segment(target, 0)  # "One." (bead 0) + "Two." (bead 1)
    response = as_user(translator).post(f"/api/v1/segments/{one.pk}/merge-next/",
                                        {"revision": 1, "next_revision": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert texts(alignment.target) == ["One. Two.", "Three.", "Four.", "Five.", "Six."]
    assert ranges(alignment) == [(0, 2, 0, 2), (2, 3, 2, 3), (3, 4, 3, 3), (4, 5, 3, 5)]
    assert alignment.beads.get(src_start=0).state == "edited"


def test_merging_inside_one_bead_only_shrinks_it(as_user, translator, alignment):
    two = segment(alignment.target, 1)  # "Two." + "Three." both in bead (1, 2, 1, 3)
    as_user(translator).post(f"/api/v1/segments/{two.pk}/merge-next/", {"revision": 1},
                             format="json")
    assert ranges(alignment) == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 3),
                                 (4, 5, 3, 5)]


def test_split_then_merge_gives_back_the_same_beads(as_user, translator, alignment):
    api = as_user(translator)
    before = ranges(alignment)
    three = segment(alignment.source, 2)
    api.post(f"/api/v1/segments/{three.pk}/split/", {"offset": 3, "revision": 1}, format="json")
    three.refresh_from_db()
    api.post(f"/api/v1/segments/{three.pk}/merge-next/", {"revision": three.revision},
             format="json")
    assert ranges(alignment) == before
    assert texts(alignment.source)[2] == "Dre i."


@pytest.mark.parametrize("offset", [0, 5, 400])
def test_a_split_outside_the_sentence_is_a_400_and_changes_nothing(as_user, translator,
                                                                   alignment, offset):
    four = segment(alignment.target, 3)  # "Four."
    before = ranges(alignment)
    response = as_user(translator).post(f"/api/v1/segments/{four.pk}/split/",
                                        {"offset": offset, "revision": 1}, format="json")
    assert response.status_code == 400
    assert "offset" in error_of(response)["fields"]
    assert ranges(alignment) == before and len(texts(alignment.target)) == 6


def test_merging_the_last_sentence_is_a_400(as_user, translator, alignment):
    six = segment(alignment.target, 5)
    response = as_user(translator).post(f"/api/v1/segments/{six.pk}/merge-next/",
                                        {"revision": 1}, format="json")
    assert response.status_code == 400


def test_a_stale_split_or_merge_is_a_409(as_user, translator, alignment):
    api = as_user(translator)
    one = segment(alignment.target, 0)
    assert api.post(f"/api/v1/segments/{one.pk}/split/", {"offset": 2, "revision": 7},
                    format="json").status_code == 409
    merge = api.post(f"/api/v1/segments/{one.pk}/merge-next/",
                     {"revision": 1, "next_revision": 9}, format="json")
    assert merge.status_code == 409
    assert ranges(alignment)[0] == (0, 1, 0, 1) and len(texts(alignment.target)) == 6


def test_outsiders_cannot_split_merge_or_list_sentences(as_user, outsider, alignment):
    api = as_user(outsider)
    one = segment(alignment.target, 0)
    assert api.get(f"/api/v1/segments/?version={alignment.target_id}").json()["results"] == []
    assert api.post(f"/api/v1/segments/{one.pk}/split/", {"offset": 2, "revision": 1},
                    format="json").status_code == 404
    assert api.post(f"/api/v1/segments/{one.pk}/merge-next/", {"revision": 1},
                    format="json").status_code == 404


def test_a_split_made_through_the_api_is_undone_from_the_alignment(as_user, translator,
                                                                   alignment):
    api = as_user(translator)
    three = segment(alignment.source, 2)
    before = texts(alignment.source)
    api.post(f"/api/v1/segments/{three.pk}/split/", {"offset": 3, "revision": 1}, format="json")
    assert len(texts(alignment.source)) == len(before) + 1
    response = api.post(f"/api/v1/alignments/{alignment.pk}/undo/", {}, format="json")
    assert response.status_code == 200, response.json()
    assert texts(alignment.source) == before and ranges(alignment) == BEADS
