"""Bitext and exports: every format re-reads, filters work, the cursor returns only changes."""
import io
import json
import zipfile

import pytest
from translate.storage.tmx import tmxfile
from translate.storage.xliff import xlifffile

from alignment.models import Alignment, Bead
from tests.api.conftest import error_of
from tests.corpus import bead_at
from translations.importers import import_text
from translations.services import add_version

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export(api, alignment, **query):
    return api.get(f"/api/v1/alignments/{alignment.pk}/export/", query)


def bitext(api, alignment, **query):
    return api.get(f"/api/v1/alignments/{alignment.pk}/bitext/", query)


@pytest.mark.parametrize(("persona", "expected"),
                         [("owner", 200), ("reviewer", 200), ("translator", 200),
                          ("outsider", 404), (None, 401)])
def test_bitext_and_every_export_follow_the_role_table(as_user, personas, alignment, persona,
                                                       expected):
    api = as_user(personas.get(persona))
    assert bitext(api, alignment).status_code == expected
    for fmt in ("tmx", "xliff", "tsv", "moses", "jsonl", "html"):
        assert export(api, alignment, format=fmt).status_code == expected


def test_bitext_gives_both_sides_type_confidence_and_state(as_user, translator, alignment):
    body = bitext(as_user(translator), alignment).json()
    assert (body["source_language"], body["target_language"]) == ("de", "en")
    second = body["pairs"][1]
    assert (second["source"], second["target"], second["type"]) == ("Zwei.", "Two. Three.",
                                                                   "1-2")
    assert (second["confidence"], second["state"]) == (0.4, "auto")
    assert [p["type"] for p in body["pairs"]] == ["1-1", "1-2", "1-1", "1-0", "1-2"]


def test_tmx_reimports_with_every_pair_languages_and_utf8(as_user, translator, alignment):
    response = export(as_user(translator), alignment, format="tmx")
    assert response["Content-Type"].startswith("application/x-tmx+xml")
    store = tmxfile.parsestring(response.content)
    pairs = [{node.get(XML_LANG): unit.getNodeText(node) for node in unit.getlanguageNodes()}
             for unit in store.units]
    # The 1-0 bead has no counterpart: not a translation pair, left out unless asked for.
    assert pairs == [{"de": "Eins.", "en": "One."}, {"de": "Zwei.", "en": "Two. Three."},
                     {"de": "Drei.", "en": "Four."}, {"de": "Fünf.", "en": "Five. Six."}]


def test_xliff_reimports_with_languages_and_approval(as_user, reviewer, alignment):
    api = as_user(reviewer)
    api.post(f"/api/v1/alignments/{alignment.pk}/beads/{bead_at(alignment, 4).pk}/confirm/",
             {"revision": 1}, format="json")
    store = xlifffile.parsestring(export(api, alignment, format="xliff").content)
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("de", "en")
    units = [(u.source, u.target, u.isapproved()) for u in store.units]
    assert units[-1] == ("Fünf.", "Five. Six.", True)
    assert units[0] == ("Eins.", "One.", False) and len(units) == 4


def test_tsv_moses_and_jsonl_hold_the_same_pairs(as_user, translator, alignment):
    api = as_user(translator)
    tsv = export(api, alignment, format="tsv").content.decode()
    assert tsv.splitlines()[1] == "Zwei.\tTwo. Three."
    archive = zipfile.ZipFile(io.BytesIO(export(api, alignment, format="moses").content))
    assert archive.read("corpus.de").decode().splitlines()[3] == "Fünf."
    assert archive.read("corpus.en").decode().splitlines()[3] == "Five. Six."
    lines = export(api, alignment, format="jsonl", include_unaligned="true").content.splitlines()
    assert [json.loads(line)["target"] for line in lines][3] == ""


def test_html_export_escapes_the_text(as_user, translator, alignment):
    segment = alignment.target.segments.get(position=0)
    segment.text = '<script>alert("x")</script> & co'
    segment.save()
    html = export(as_user(translator), alignment, format="html").content.decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html


def test_filters_keep_only_confirmed_or_confident_pairs(as_user, reviewer, alignment):
    api = as_user(reviewer)
    api.post(f"/api/v1/alignments/{alignment.pk}/beads/{bead_at(alignment, 1).pk}/confirm/",
             {"revision": 1}, format="json")
    confirmed = bitext(api, alignment, only_confirmed="true").json()["pairs"]
    assert [p["source"] for p in confirmed] == ["Zwei."]
    confident = bitext(api, alignment, min_confidence=0.7).json()["pairs"]
    assert [p["source"] for p in confident] == ["Eins.", "Zwei.", "Drei."]
    tsv = export(api, alignment, format="tsv", only_confirmed="true").content.decode()
    assert tsv == "Zwei.\tTwo. Three.\n"


def test_the_cursor_returns_only_what_changed_since(as_user, translator, alignment):
    api = as_user(translator)
    cursor = bitext(api, alignment).json()["cursor"]
    assert bitext(api, alignment, since=cursor).json()["pairs"] == []
    api.post(f"/api/v1/alignments/{alignment.pk}/beads/{bead_at(alignment, 0).pk}/merge/",
             {"revision": 1}, format="json")
    bead = bead_at(alignment, 2)
    api.post(f"/api/v1/alignments/{alignment.pk}/beads/{bead.pk}/edit-text/",
             {"side": "src", "position": 3, "text": "VIER.", "revision": 1}, format="json")
    changed = bitext(api, alignment, since=cursor).json()["pairs"]
    assert [(p["src"], p["target"]) for p in changed] == [
        ([0, 2], "One. Two. Three."), ([3, 4], "")]
    assert changed[1]["source"] == "VIER."
    tsv = export(api, alignment, format="tsv", since=cursor)
    assert tsv.content.decode() == "Eins. Zwei.\tOne. Two. Three.\n"
    assert tsv["X-Cursor"]


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _apply(held: list[dict], changed: list[dict]) -> list[dict]:
    """The client's rule (docs/api.md): drop held pairs overlapping a changed one, add those."""
    kept = [p for p in held if not any(
        _overlaps(p["src"], c["src"]) or _overlaps(p["tgt"], c["tgt"]) for c in changed)]
    return sorted(kept + changed, key=lambda p: (p["src"], p["tgt"]))


def _view(pairs: list[dict]) -> list[tuple]:
    return [(p["src"], p["tgt"], p["source"], p["target"], p["state"]) for p in pairs]


def test_a_client_following_the_cursor_holds_what_a_full_fetch_gives(
        as_user, translator, reviewer, alignment):
    from alignment import segment_edits, services
    from translations.models import Segment

    api = as_user(translator)
    first = bitext(api, alignment).json()
    held, cursor = first["pairs"], first["cursor"]

    def sentence(version, position):
        return Segment.objects.get(version=version, position=position)

    edits = [
        lambda: services.confirm(alignment, bead_at(alignment, 2).pk, None, reviewer),
        lambda: services.merge_with_next(alignment, bead_at(alignment, 0).pk, None, translator),
        lambda: segment_edits.split_segment(
            sentence(alignment.target, 1).pk, 2, None, translator, alignment),
        lambda: services.edit_sentence(
            sentence(alignment.source, 4), "FÜNF!", None, translator, alignment),
        lambda: segment_edits.merge_with_next(
            sentence(alignment.source, 2).pk, None, None, translator, alignment),
        lambda: services.undo_last(alignment, translator),
        lambda: services.undo_last(alignment, translator),
    ]
    for edit in edits:
        edit()
        answer = bitext(api, alignment, since=cursor).json()
        held, cursor = _apply(held, answer["pairs"]), answer["cursor"]
        assert _view(held) == _view(bitext(api, alignment).json()["pairs"])
    assert bitext(api, alignment, since=cursor).json()["pairs"] == []


def test_a_cursor_from_elsewhere_is_refused_with_advice(as_user, translator, alignment):
    response = bitext(as_user(translator), alignment, since="2025-03-01T10:00:00+00:00")
    assert response.status_code == 400
    assert "without `since`" in error_of(response)["message"]


@pytest.mark.parametrize("query", [{"format": "docx"}, {}, {"format": "tmx", "since": "later"},
                                   {"format": "tmx", "min_confidence": "2"},
                                   {"format": "tmx", "only_confirmed": "perhaps"}])
def test_bad_export_requests_are_a_400(as_user, translator, alignment, query):
    response = export(as_user(translator), alignment, **query)
    assert response.status_code == 400
    assert error_of(response)["fields"]


def test_an_accept_header_for_the_file_type_still_gets_json_errors(as_user, translator,
                                                                   alignment):
    response = as_user(translator).get(f"/api/v1/alignments/{alignment.pk}/export/?format=x",
                                       HTTP_ACCEPT="application/x-tmx+xml")
    assert response.status_code == 400 and error_of(response)


@pytest.fixture
def spanish(alignment):
    """A Spanish translation aligned to the German original, the other way round."""
    document = alignment.source.document
    version = add_version(document, import_text("Uno y dos. Tres. Cuatro y cinco."),
                          language="es")
    flipped = Alignment.objects.create(source=version, target=alignment.source, encoder="test",
                                       status=Alignment.Status.DONE)
    for a, b, c, d in [(0, 1, 0, 2), (1, 2, 2, 3), (2, 3, 3, 5)]:
        Bead.objects.create(alignment=flipped, src_start=a, src_end=b, tgt_start=c, tgt_end=d)
    return version


def test_parallel_text_lines_up_every_version_through_the_original(as_user, translator,
                                                                   spanish):
    document = spanish.document
    response = as_user(translator).get(f"/api/v1/documents/{document.pk}/parallel/",
                                       {"languages": "de,en,es"})
    assert response.status_code == 200, response.json()
    rows = [(r["original"], r["texts"]) for r in response.json()["rows"]]
    assert rows == [
        ([0, 2], {"de": "Eins. Zwei.", "en": "One. Two. Three.", "es": "Uno y dos."}),
        ([2, 3], {"de": "Drei.", "en": "Four.", "es": "Tres."}),
        ([3, 5], {"de": "Vier. Fünf.", "en": "Five. Six.", "es": "Cuatro y cinco."}),
    ]


def test_parallel_text_as_tsv_and_escaped_html(as_user, translator, spanish):
    api = as_user(translator)
    url = f"/api/v1/documents/{spanish.document_id}/parallel/"
    tsv = api.get(url, {"languages": "es,de", "format": "tsv"}).content.decode().splitlines()
    assert tsv[:2] == ["es\tde", "Uno y dos.\tEins. Zwei."]
    html = api.get(url, {"format": "html"})
    assert html["Content-Type"].startswith("text/html")
    assert '<td lang="es">Tres.</td>' in html.content.decode()


@pytest.mark.parametrize("languages", ["de,fr", "de,xx", "de,de"])
def test_parallel_text_refuses_languages_the_document_lacks(as_user, translator, spanish,
                                                            languages):
    response = as_user(translator).get(f"/api/v1/documents/{spanish.document_id}/parallel/",
                                       {"languages": languages})
    assert response.status_code == 400
    assert "languages" in error_of(response)["fields"]


def test_parallel_text_needs_alignments_and_hides_from_outsiders(as_user, translator, outsider,
                                                                 versions):
    document = versions[0].document
    url = f"/api/v1/documents/{document.pk}/parallel/"
    assert as_user(translator).get(url).status_code == 400
    assert as_user(outsider).get(url).status_code == 404


def test_an_export_holds_exactly_the_beads_the_editor_filters_show(as_user, owner, alignment):
    client = as_user(owner)
    url = f"/api/v1/alignments/{alignment.pk}/export/"
    response = client.get(url, {"format": "jsonl", "type": "non-1-1", "include_unaligned": "true"})
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    listed = client.get(f"/api/v1/alignments/{alignment.pk}/beads/", {"type": "non-1-1"}).json()
    assert len(lines) == listed["count"] == 3


def test_the_unconfirmed_filter_leaves_out_confirmed_beads(as_user, owner, alignment):
    from alignment import services

    bead = bead_at(alignment, 0)
    services.confirm(alignment, bead.pk, bead.revision, owner)
    listed = as_user(owner).get(f"/api/v1/alignments/{alignment.pk}/beads/",
                                {"state": "unconfirmed"}).json()
    assert listed["count"] == 4
    assert all(row["state"] != "confirmed" for row in listed["results"])
