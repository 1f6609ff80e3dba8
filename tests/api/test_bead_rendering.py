"""The bead list's fast path: bounded queries, and the same answer as BeadSerializer."""
import pytest
from django.contrib.auth import get_user_model
from rest_framework.renderers import JSONRenderer

from alignment.api.beads import bead_row, bead_values, render_beads
from alignment.api.serializers import BeadSerializer
from alignment.queries import filter_beads, with_text
from tests.corpus import bead_at

# Token, alignment with the role, count, page of beads, their sentences (both sides at once).
LIST_QUERIES = 5


def url(alignment) -> str:
    return f"/api/v1/alignments/{alignment.pk}/beads/"


def as_json(data) -> bytes:
    return JSONRenderer().render(data)


@pytest.mark.parametrize("page_size", [1, 2, 5])
def test_listing_beads_takes_the_same_few_queries_whatever_the_page_size(
        as_user, translator, alignment, django_assert_max_num_queries, page_size):
    api = as_user(translator)
    api.get(url(alignment))  # the token's first use records last_used once
    with django_assert_max_num_queries(LIST_QUERIES):
        response = api.get(url(alignment) + f"?page_size={page_size}")
    assert len(response.json()["results"]) == page_size


def test_confirming_takes_a_bounded_number_of_queries(as_user, reviewer, alignment,
                                                      django_assert_max_num_queries):
    api = as_user(reviewer)
    api.get(url(alignment))
    bead = bead_at(alignment, 1)
    # Token, alignment with the role; begin, lock the alignment, lock the bead, delete,
    # insert, log, take a change number, number the new beads, recount, store the counts,
    # commit; the answer's sentences.
    with django_assert_max_num_queries(14):
        response = api.post(f"{url(alignment)}{bead.pk}/confirm/", {"revision": 1},
                            format="json")
    assert response.status_code == 200


@pytest.mark.parametrize("filters", [{}, {"bead_type": "non-1-1"}, {"bead_type": "1-0"},
                                     {"search": "drei"}, {"lowest_confidence_first": True}])
def test_rendered_beads_are_what_the_serializer_would_answer(alignment, filters):
    beads = filter_beads(alignment, **filters)
    expected = as_json(BeadSerializer(with_text(alignment, beads), many=True).data)
    assert as_json(render_beads(alignment, bead_values(beads))) == expected
    assert as_json(render_beads(alignment, [bead_row(b) for b in beads])) == expected


def test_an_operation_answers_the_written_bead_as_the_serializer_would(as_user, reviewer,
                                                                     alignment):
    bead = bead_at(alignment, 1)
    answer = as_user(reviewer).post(f"{url(alignment)}{bead.pk}/confirm/", {"revision": 1},
                                    format="json").json()
    written = alignment.beads.get(pk=answer["beads"][0]["id"])
    assert answer["beads"] == BeadSerializer(with_text(alignment, [written]), many=True).data
    listed = as_user(reviewer).get(url(alignment)).json()["results"][1]
    assert listed == answer["beads"][0]


def test_a_superuser_outside_the_project_may_list_and_confirm(as_user, alignment):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-root-1")
    api = as_user(admin)
    assert api.get(url(alignment)).json()["count"] == 5
    bead = bead_at(alignment, 0)
    response = api.post(f"{url(alignment)}{bead.pk}/confirm/", {"revision": 1}, format="json")
    assert response.status_code == 200
