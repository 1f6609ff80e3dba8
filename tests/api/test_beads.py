"""Beads through the API: filters, operations by role, stale revisions, undo, redo, history."""
import pytest

from alignment.models import Bead, Operation
from tests.api.conftest import error_of
from tests.corpus import BEADS, bead_at, ranges


def url(alignment, bead=None, action=None) -> str:
    base = f"/api/v1/alignments/{alignment.pk}/beads/"
    if bead is not None:
        base += f"{bead.pk}/"
    return base + (f"{action}/" if action else "")


def test_beads_are_listed_in_order_with_both_sides_text(as_user, translator, alignment):
    body = as_user(translator).get(url(alignment)).json()
    assert body["count"] == 5
    second = body["results"][1]
    assert second["type"] == "1-2"
    assert [s["text"] for s in second["source"]] == ["Zwei."]
    assert [s["text"] for s in second["target"]] == ["Two.", "Three."]
    assert {"id", "revision", "confidence", "state", "updated"} <= set(second)


@pytest.mark.parametrize(("query", "expected"), [
    ("type=1-1", [0, 2]),
    ("type=1-0", [3]),
    ("type=n-m", [1, 4]),
    ("type=non-1-1", [1, 3, 4]),
    ("confidence_below=0.5", [1, 3]),
    ("q=drei", [2]),
    ("q=SIX", [4]),
    ("state=confirmed", []),
    ("order=confidence", [3, 1, 4, 2, 0]),
])
def test_beads_are_filtered_by_type_confidence_state_and_text(as_user, translator, alignment,
                                                             query, expected):
    body = as_user(translator).get(url(alignment) + "?" + query).json()
    assert [tuple(b[k] for k in ("src_start", "src_end", "tgt_start", "tgt_end"))
            for b in body["results"]] == [BEADS[i] for i in expected]


@pytest.mark.parametrize("query", ["type=3-x", "state=great", "confidence_below=2",
                                   "confidence_below=abc", "order=random"])
def test_bad_filters_are_a_400(as_user, translator, alignment, query):
    response = as_user(translator).get(url(alignment) + "?" + query)
    assert response.status_code == 400
    assert error_of(response)["fields"]


def test_page_size_is_capped_at_1000(as_user, translator, alignment):
    body = as_user(translator).get(url(alignment) + "?page_size=1").json()
    assert len(body["results"]) == 1 and body["next"]
    assert as_user(translator).get(url(alignment) + "?page_size=5000").status_code == 200


# (action, payload for a bead, role needed)
OPERATIONS = {
    "confirm": (0, {}, "review"),
    "unconfirm": (0, {}, "review"),
    "merge": (0, {}, "edit"),
    "split": (1, {"src_at": 2, "tgt_at": 2}, "edit"),
    "shift": (0, {"side": "tgt", "delta": 1}, "edit"),
    "detach": (0, {}, "edit"),
}
ALLOWED = {"edit": {"owner", "reviewer", "translator"}, "review": {"owner", "reviewer"}}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("persona", ["owner", "reviewer", "translator", "outsider"])
def test_bead_operations_follow_the_role_table(as_user, personas, alignment, operation,
                                               persona):
    index, payload, needed = OPERATIONS[operation]
    bead = bead_at(alignment, index)
    if operation == "unconfirm":
        Bead.objects.filter(pk=bead.pk).update(state="confirmed")
    before = ranges(alignment)
    response = as_user(personas[persona]).post(
        url(alignment, bead, operation), {"revision": bead.revision, **payload}, format="json")
    if persona == "outsider":
        expected = 404
    else:
        expected = 200 if persona in ALLOWED[needed] else 403
    assert response.status_code == expected, response.json()
    if expected != 200:
        assert ranges(alignment) == before and not Operation.objects.exists()
    else:
        assert Operation.objects.get().user == personas[persona]


def test_confirm_then_stale_revision_gets_409_with_the_current_bead(as_user, reviewer,
                                                                    translator, alignment):
    bead = bead_at(alignment, 0)
    confirmed = as_user(reviewer).post(url(alignment, bead, "confirm"), {"revision": 1},
                                       format="json")
    assert confirmed.status_code == 200
    new = confirmed.json()["beads"][0]
    assert new["state"] == "confirmed" and new["revision"] == 2
    stale = as_user(translator).post(f"/api/v1/alignments/{alignment.pk}/beads/{new['id']}/merge/",
                                     {"revision": 1}, format="json")
    assert stale.status_code == 409
    assert error_of(stale)["current"] == {"id": new["id"], "revision": 2, "src": [0, 1],
                                          "tgt": [0, 1], "confidence": 0.9,
                                          "state": "confirmed"}
    assert len(ranges(alignment)) == 5


def test_an_operation_on_a_replaced_bead_is_a_conflict(as_user, translator, alignment):
    bead = bead_at(alignment, 0)
    api = as_user(translator)
    assert api.post(url(alignment, bead, "merge"), {"revision": 1}, format="json").status_code \
        == 200
    again = api.post(url(alignment, bead, "merge"), {"revision": 1}, format="json")
    assert again.status_code == 409


@pytest.mark.parametrize(("operation", "index", "payload"), [
    ("split", 1, {"src_at": 9, "tgt_at": 2}),
    ("split", 0, {"src_at": 0, "tgt_at": 0}),
    ("shift", 0, {"side": "top", "delta": 1}),
    ("shift", 0, {"side": "src", "delta": 2}),
    ("merge", 4, {}),
    ("detach", 3, {}),
    ("confirm", 0, {"revision": "one"}),
    ("confirm", 0, {"revision": None}),
])
def test_impossible_operations_are_a_400_and_change_nothing(as_user, owner, alignment,
                                                            operation, index, payload):
    bead = bead_at(alignment, index)
    before = ranges(alignment)
    response = as_user(owner).post(url(alignment, bead, operation),
                                   {"revision": bead.revision, **payload}, format="json")
    assert response.status_code == 400, response.json()
    assert ranges(alignment) == before and not Operation.objects.exists()


def test_the_revision_is_required(as_user, owner, alignment):
    response = as_user(owner).post(url(alignment, bead_at(alignment, 0), "merge"), {},
                                   format="json")
    assert response.status_code == 400
    assert "revision" in error_of(response)["fields"]


def test_undo_and_redo_take_back_and_replay_the_last_operation(as_user, translator, alignment):
    api = as_user(translator)
    api.post(url(alignment, bead_at(alignment, 0), "merge"), {"revision": 1}, format="json")
    merged = ranges(alignment)
    undone = api.post(f"/api/v1/alignments/{alignment.pk}/undo/", {}, format="json")
    assert undone.status_code == 200
    assert ranges(alignment) == BEADS
    redone = api.post(f"/api/v1/alignments/{alignment.pk}/redo/")
    assert redone.status_code == 200 and ranges(alignment) == merged
    log = api.get(f"/api/v1/alignments/{alignment.pk}/operations/").json()["results"]
    assert [entry["kind"] for entry in log] == ["undo", "undo", "merge"]
    assert log[0]["user"] == translator.username


def test_undo_with_nothing_to_undo_is_a_400(as_user, translator, alignment):
    response = as_user(translator).post(f"/api/v1/alignments/{alignment.pk}/undo/", {},
                                        format="json")
    assert response.status_code == 400
    assert "Nothing to undo" in error_of(response)["message"]


def test_a_translator_cannot_undo_a_reviewers_confirmation(as_user, reviewer, translator,
                                                           alignment):
    as_user(reviewer).post(url(alignment, bead_at(alignment, 0), "confirm"), {"revision": 1},
                           format="json")
    operation = Operation.objects.get()
    response = as_user(translator).post(f"/api/v1/alignments/{alignment.pk}/undo/",
                                        {"operation": operation.pk}, format="json")
    assert response.status_code == 403
    assert bead_at(alignment, 0).state == "confirmed"


def test_undo_of_an_unknown_operation_is_a_404(as_user, owner, alignment):
    response = as_user(owner).post(f"/api/v1/alignments/{alignment.pk}/undo/",
                                   {"operation": 424242}, format="json")
    assert response.status_code == 404


def test_history_shows_who_did_what_to_a_bead(as_user, reviewer, translator, alignment):
    as_user(reviewer).post(url(alignment, bead_at(alignment, 0), "confirm"), {"revision": 1},
                           format="json")
    bead = bead_at(alignment, 0)
    history = as_user(translator).get(url(alignment, bead, "history")).json()
    assert [(h["kind"], h["user"]) for h in history] == [("confirm", reviewer.username)]


def test_edit_text_changes_one_sentence_and_checks_its_revision(as_user, translator, alignment):
    bead = bead_at(alignment, 1)
    api = as_user(translator)
    payload = {"side": "tgt", "position": 2, "text": "Three!", "revision": 1}
    response = api.post(url(alignment, bead, "edit-text"), payload, format="json")
    assert response.status_code == 200
    assert [s["text"] for s in response.json()["beads"][0]["target"]] == ["Two.", "Three!"]
    stale = api.post(url(alignment, bead, "edit-text"), {**payload, "text": "3"}, format="json")
    assert stale.status_code == 409
    assert error_of(stale)["current"]["text"] == "Three!"
    assert alignment.target.segments.get(position=2).text == "Three!"


@pytest.mark.parametrize("payload", [
    {"side": "tgt", "position": 0, "text": "x", "revision": 1},
    {"side": "tgt", "position": 1, "text": "   ", "revision": 1},
    {"side": "middle", "position": 1, "text": "x", "revision": 1},
])
def test_edit_text_refuses_sentences_outside_the_bead_and_empty_text(as_user, translator,
                                                                     alignment, payload):
    bead = bead_at(alignment, 1)
    response = as_user(translator).post(url(alignment, bead, "edit-text"), payload,
                                        format="json")
    assert response.status_code == 400
    assert alignment.target.segments.get(position=1).text == "Two."


def test_outsiders_get_404_for_beads_everywhere(as_user, outsider, alignment):
    api = as_user(outsider)
    bead = bead_at(alignment, 0)
    assert api.get(url(alignment)).status_code == 404
    assert api.get(url(alignment, bead)).status_code == 404
    assert api.get(url(alignment, bead, "history")).status_code == 404
    response = api.post(url(alignment, bead, "edit-text"),
                        {"side": "src", "position": 0, "text": "x", "revision": 1},
                        format="json")
    assert response.status_code == 404
