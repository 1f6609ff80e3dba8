"""The alignment editor through its views: operations change beads, stale edits show up."""
import time

from django.urls import reverse

from alignment.models import Alignment, Bead, Operation
from tests.corpus import bead_at, ranges
from translations.models import Segment, Version

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "editor-main"}


def operate(client, alignment, op, bead=None, htmx=True, **data):
    values = {"op": op, "page": 1, **data}
    if bead is not None:
        values.update(bead=bead.pk, revision=bead.revision)
    headers = HTMX if htmx else {}
    return client.post(reverse("operate", args=[alignment.pk]), values, **headers)


def test_the_editor_shows_both_sides_with_numbers_types_and_confidence(as_translator, alignment):
    page = as_translator.get(reverse("editor", args=[alignment.pk])).content.decode()
    assert page.count('class="bead ') == 5
    assert "Eins." in page and "One." in page
    assert '<span class="num">6</span> Six.' in page
    assert "1-2" in page and "1-0" in page and "— no target —" in page
    assert "0.30" in page and "band-low" in page
    assert "0 confirmed" in page and "5 remaining" in page


def test_sentence_text_is_escaped(as_translator, alignment):
    Segment.objects.filter(version=alignment.source, position=0).update(
        text="<script>alert(1)</script>")
    page = as_translator.get(reverse("editor", args=[alignment.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_the_editor_page_carries_no_inline_script(as_translator, alignment):
    page = as_translator.get(reverse("editor", args=[alignment.pk])).content.decode()
    assert "<script>" not in page and " onclick=" not in page and " hx-on" not in page
    assert 'hx-headers=\'{"X-CSRFToken"' in page


def test_a_reviewer_confirms_a_bead(as_reviewer, alignment):
    response = operate(as_reviewer, alignment, "confirm", bead_at(alignment, 0))
    assert response.status_code == 200
    assert bead_at(alignment, 0).state == Bead.State.CONFIRMED
    page = response.content.decode()
    assert "1 confirmed" in page and "✓ confirmed" in page


def test_confirm_and_next_moves_the_focus_to_the_following_bead(as_reviewer, alignment):
    response = operate(as_reviewer, alignment, "confirm_next", bead_at(alignment, 0), index=0)
    second = bead_at(alignment, 1)
    assert f'data-focus-bead="{second.pk}"' in response.content.decode()


def test_a_translator_may_not_confirm(as_translator, alignment):
    response = operate(as_translator, alignment, "confirm", bead_at(alignment, 0))
    assert response.status_code == 403
    assert not alignment.beads.filter(state=Bead.State.CONFIRMED).exists()
    page = as_translator.get(reverse("editor", args=[alignment.pk])).content.decode()
    assert 'value="confirm"' not in page


def test_merge_split_shift_and_detach_change_the_beads(as_translator, alignment):
    operate(as_translator, alignment, "merge", bead_at(alignment, 0))
    assert ranges(alignment)[0] == (0, 2, 0, 3)
    operate(as_translator, alignment, "split", bead_at(alignment, 0), src_at=1, tgt_at=1)
    assert ranges(alignment)[:2] == [(0, 1, 0, 1), (1, 2, 1, 3)]
    operate(as_translator, alignment, "shift_tgt_up", bead_at(alignment, 1))
    assert ranges(alignment)[1:3] == [(1, 2, 1, 2), (2, 3, 2, 4)]
    operate(as_translator, alignment, "shift_src_down", bead_at(alignment, 0))
    assert ranges(alignment)[:2] == [(0, 2, 0, 1), (2, 2, 1, 2)]
    operate(as_translator, alignment, "detach", bead_at(alignment, 0))
    assert ranges(alignment)[:2] == [(0, 2, 0, 0), (2, 2, 0, 1)]


def test_without_htmx_an_operation_redirects_back_to_the_focused_bead(as_translator, alignment):
    response = operate(as_translator, alignment, "merge", bead_at(alignment, 0), htmx=False)
    assert response.status_code == 302
    editor_url = reverse("editor", args=[alignment.pk])
    assert response.url == f"{editor_url}?focus={bead_at(alignment, 0).pk}"


def test_undo_and_redo_replay_my_last_operation(as_translator, alignment):
    before = ranges(alignment)
    operate(as_translator, alignment, "merge", bead_at(alignment, 0))
    operate(as_translator, alignment, "undo")
    assert ranges(alignment) == before
    operate(as_translator, alignment, "redo")
    assert ranges(alignment)[0] == (0, 2, 0, 3)


def test_an_impossible_operation_is_explained(as_translator, alignment):
    response = operate(as_translator, alignment, "merge", bead_at(alignment, 4))
    assert response.status_code == 400
    assert "nothing after it to merge" in response.content.decode()
    response = operate(as_translator, alignment, "undo")
    assert "Nothing to undo" in response.content.decode()


def test_a_stale_operation_shows_a_conflict_with_the_current_state(
    as_translator, as_reviewer, alignment
):
    stale = bead_at(alignment, 1)
    operate(as_reviewer, alignment, "shift_tgt_up", stale)  # someone else changes it first
    response = operate(as_translator, alignment, "merge", stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Conflict: your change was not applied" in page
    assert 'role="alert"' in page
    assert ranges(alignment)[1] == (1, 2, 1, 2)  # the other person's work is kept


def test_a_stale_revision_on_a_living_bead_shows_what_is_stored_now(
    as_translator, as_reviewer, alignment
):
    bead = bead_at(alignment, 2)
    Bead.objects.filter(pk=bead.pk).update(revision=7, state="confirmed")
    response = operate(as_translator, alignment, "merge", bead)
    assert response.status_code == 409
    page = response.content.decode()
    assert "revision 7" in page and "Stored now: source 3 · target 4 (confirmed)" in page
    assert "Drei." in page


def test_a_sentence_is_edited_in_place(as_translator, alignment):
    segment = alignment.target.segments.get(position=0)
    url = reverse("segment_edit", args=[alignment.pk, segment.pk])
    form = as_translator.get(url).content.decode()
    assert "<textarea" in form and "One." in form and 'name="segment_revision"' in form
    response = as_translator.post(url, {"text": "One!", "segment_revision": 1, "page": 1},
                                  **HTMX)
    assert response.status_code == 200
    segment.refresh_from_db()
    assert segment.text == "One!" and segment.revision == 2
    assert "One!" in response.content.decode()
    operate(as_translator, alignment, "undo")
    segment.refresh_from_db()
    assert segment.text == "One."


def test_a_stale_sentence_edit_keeps_both_texts_visible(as_translator, alignment):
    segment = alignment.target.segments.get(position=0)
    Segment.objects.filter(pk=segment.pk).update(text="One, said Rita.", revision=2)
    url = reverse("segment_edit", args=[alignment.pk, segment.pk])
    response = as_translator.post(url, {"text": "One, said Tomás.", "segment_revision": 1},
                                  **HTMX)
    assert response.status_code == 409
    page = response.content.decode()
    assert "One, said Rita." in page and "One, said Tomás." in page
    assert "Your text (not saved)" in page
    segment.refresh_from_db()
    assert segment.text == "One, said Rita."


def test_an_empty_sentence_is_refused(as_translator, alignment):
    segment = alignment.target.segments.get(position=0)
    url = reverse("segment_edit", args=[alignment.pk, segment.pk])
    response = as_translator.post(url, {"text": "  ", "segment_revision": 1}, **HTMX)
    assert response.status_code == 400 and "cannot be empty" in response.content.decode()


def test_sentences_of_other_versions_cannot_be_edited_through_an_alignment(
    as_translator, alignment, document_a
):
    from translations.importers import import_text
    from translations.services import add_version

    other = add_version(document_a, import_text("Uno."), language="es")
    url = reverse("segment_edit", args=[alignment.pk, other.segments.get().pk])
    assert as_translator.post(url, {"text": "Dos."}).status_code == 404


def test_filters_narrow_and_order_the_beads(as_reviewer, alignment):
    operate(as_reviewer, alignment, "confirm", bead_at(alignment, 0))
    url = reverse("editor", args=[alignment.pk])
    unconfirmed = as_reviewer.get(url, {"status": "unconfirmed"}).content.decode()
    assert unconfirmed.count('class="bead ') == 4 and "Eins." not in unconfirmed
    risky = as_reviewer.get(url, {"order": "risk", "status": "unconfirmed"}).content.decode()
    assert risky.index("Zwei.") < risky.index("Fünf.")
    odd = as_reviewer.get(url, {"bead_type": "non-1-1"}).content.decode()
    assert odd.count('class="bead ') == 3
    low = as_reviewer.get(url, {"max_confidence": "0.45", "status": "unconfirmed"}).content.decode()
    assert low.count('class="bead ') == 1 and "Zwei." in low
    found = as_reviewer.get(url, {"search": "vier"}).content.decode()
    assert found.count('class="bead ') == 1 and "4 remaining" in found
    edited = as_reviewer.get(url, {"status": "edited"}).content.decode()
    assert "No bead matches these filters" in edited


def test_export_links_carry_the_filters(as_translator, alignment):
    url = reverse("editor", args=[alignment.pk])
    page = as_translator.get(url, {"status": "confirmed", "search": "x"}).content.decode()
    base = f"/api/v1/alignments/{alignment.pk}/export/"
    for fmt in ("tmx", "xliff", "tsv", "moses", "jsonl", "html"):
        assert f"{base}?format={fmt}&amp;state=confirmed&amp;q=x" in page


def test_next_risky_jumps_to_the_next_unsure_bead(as_translator, alignment):
    first = bead_at(alignment, 0)
    url = reverse("next_risky", args=[alignment.pk])
    response = as_translator.get(url, {"bead": first.pk}, **HTMX)
    assert f'data-focus-bead="{bead_at(alignment, 1).pk}"' in response.content.decode()
    assert as_translator.get(url, {"bead": first.pk}).status_code == 302


def test_the_history_says_who_did_what(as_translator, alignment):
    operate(as_translator, alignment, "merge", bead_at(alignment, 0))
    url = reverse("bead_history", args=[alignment.pk, bead_at(alignment, 0).pk])
    page = as_translator.get(url).content.decode()
    assert "tomas_translator" in page and "merged with the next bead" in page
    assert "source 1 · target 1" in page


def test_split_form_offers_the_cut_points_of_the_bead(as_translator, alignment):
    bead = bead_at(alignment, 1)
    page = as_translator.get(reverse("split_form", args=[alignment.pk, bead.pk])).content.decode()
    assert 'name="src_at"' in page and 'name="tgt_at"' in page
    assert '<option value="2" selected>at sentence 3</option>' in page


def test_realigning_keeps_confirmed_beads(as_reviewer, alignment, fake_engine):
    operate(as_reviewer, alignment, "confirm", bead_at(alignment, 1))
    response = as_reviewer.post(reverse("realign", args=[alignment.pk]))
    assert response.status_code == 302
    alignment.refresh_from_db()
    assert alignment.status == Alignment.Status.DONE
    assert bead_at(alignment, 1).state == Bead.State.CONFIRMED
    assert alignment.confirmed_count == 1


def test_a_long_alignment_opens_fast_a_page_at_a_time(as_translator, document_a, translator):
    count = 5000
    versions = []
    for language in ("de", "en"):
        text = "\n".join(f"Satz {i}." for i in range(count))
        version = Version.objects.create(document=document_a, language=language,
                                         role="original" if language == "de" else "translation",
                                         raw_text=text, source_format="text")
        offset, segments = 0, []
        for i in range(count):
            length = len(f"Satz {i}.")
            segments.append(Segment(version=version, position=i, paragraph=i, text=f"Satz {i}.",
                                    start=offset, end=offset + length))
            offset += length + 1
        Segment.objects.bulk_create(segments)
        versions.append(version)
    alignment = Alignment.objects.create(source=versions[0], target=versions[1], encoder="t",
                                         status="done")
    Bead.objects.bulk_create(
        Bead(alignment=alignment, src_start=i, src_end=i + 1, tgt_start=i, tgt_end=i + 1,
             confidence=(i * 37 % 100) / 100)
        for i in range(count)
    )
    alignment.record_change()
    url = reverse("editor", args=[alignment.pk])
    for query in ({}, {"order": "risk", "status": "unconfirmed"}, {"page": 50}):
        started = time.perf_counter()
        response = as_translator.get(url, query)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        assert response.content.decode().count('class="bead ') == 100
        assert elapsed < 1.0, (query, elapsed)
    assert "page 50 of 50" in as_translator.get(url, {"page": 50}).content.decode()
    last = alignment.beads.order_by("-src_start").first()
    focused = as_translator.get(url, {"focus": last.pk}).content.decode()
    assert "page 50 of 50" in focused and f'data-focus-bead="{last.pk}"' in focused


def test_every_operation_is_logged_with_its_author(as_translator, translator, alignment):
    operate(as_translator, alignment, "merge", bead_at(alignment, 0))
    assert Operation.objects.get(kind="merge").user == translator


def test_the_history_includes_edits_of_the_beads_sentences(as_translator, alignment):
    segment = alignment.source.segments.get(position=0)
    url = reverse("segment_edit", args=[alignment.pk, segment.pk])
    as_translator.post(url, {"text": "Eins!", "segment_revision": 1}, **HTMX)
    history = reverse("bead_history", args=[alignment.pk, bead_at(alignment, 0).pk])
    page = as_translator.get(history).content.decode()
    assert "edited a sentence" in page and "Eins!" in page
    other = reverse("bead_history", args=[alignment.pk, bead_at(alignment, 2).pk])
    assert "edited a sentence" not in as_translator.get(other).content.decode()


def test_a_sentence_is_split_at_the_cursor_and_merged_back(as_translator, alignment):
    Segment.objects.filter(version=alignment.source, position=0).update(text="Eins. Und")
    segment = alignment.source.segments.get(position=0)
    url = reverse("segment_edit", args=[alignment.pk, segment.pk])
    assert "Split at cursor" in as_translator.get(url).content.decode()
    response = as_translator.post(url, {"sentence_op": "split", "text": "Eins. Und", "offset": 5,
                                        "segment_revision": 1}, **HTMX)
    assert response.status_code == 200, response.content.decode()[:500]
    texts = list(alignment.source.segments.order_by("position").values_list("text", flat=True))
    assert texts[:2] == ["Eins.", "Und"]
    assert "Sentence split in two" in response.content.decode()
    segment.refresh_from_db()
    response = as_translator.post(url, {"sentence_op": "merge", "text": "Eins.",
                                        "segment_revision": segment.revision}, **HTMX)
    assert response.status_code == 200
    assert alignment.source.segments.get(position=0).text == "Eins. Und"


def test_undo_in_the_editor_takes_back_a_sentence_split(as_translator, alignment):
    Segment.objects.filter(version=alignment.source, position=0).update(text="Eins. Und")
    before = list(alignment.source.segments.values_list("text", flat=True))
    segment = alignment.source.segments.get(position=0)
    url = reverse("segment_edit", args=[alignment.pk, segment.pk])
    as_translator.post(url, {"sentence_op": "split", "text": "Eins. Und", "offset": 5,
                             "segment_revision": 1}, **HTMX)
    assert alignment.source.segments.count() == len(before) + 1
    response = operate(as_translator, alignment, "undo")
    assert response.status_code == 200 and "Undone." in response.content.decode()
    assert list(alignment.source.segments.values_list("text", flat=True)) == before


def test_splitting_an_edited_but_unsaved_sentence_is_refused(as_translator, alignment):
    segment = alignment.source.segments.get(position=0)
    url = reverse("segment_edit", args=[alignment.pk, segment.pk])
    response = as_translator.post(url, {"sentence_op": "split", "text": "Changed.", "offset": 2,
                                        "segment_revision": 1}, **HTMX)
    assert response.status_code == 400
    assert "Save your change to the text first" in response.content.decode()
