"""A whole round through the API: texts in, aligned by the real engine, edited, exported, back."""
from django.core.files.uploadedfile import SimpleUploadedFile
from translate.storage.tmx import tmxfile

from alignment import jobs

SPANISH = ("Miles de personas marcharon el jueves en la Ciudad de México. "
           "Exigían justicia para los 43 estudiantes desaparecidos.\n\n"
           "La policía no intervino. Los padres encabezaron la marcha.")
ENGLISH = ("Thousands of people marched in Mexico City on Thursday. "
           "They demanded justice for the 43 missing students.\n\n"
           "The police did not intervene. The parents led the march.")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def ok(response, status=200):
    assert response.status_code == status, response.content[:500]
    return response.json() if response["Content-Type"].startswith("application/json") else None


def test_a_whole_round_through_the_api(as_user, outsider, queued):
    api = as_user(outsider)  # signed in, not yet in any project: starts their own
    project = ok(api.post("/api/v1/projects/", {"name": "Round"}, format="json"), 201)
    document = ok(api.post("/api/v1/documents/", {
        "project": project["id"], "title": "Marcha", "source_language": "es"}, format="json"),
        201)
    source = ok(api.post("/api/v1/versions/", {
        "document": document["id"], "language": "es", "text": SPANISH}, format="json"), 201)
    target = ok(api.post("/api/v1/versions/", {
        "document": document["id"], "language": "en",
        "file": SimpleUploadedFile("marcha.txt", ENGLISH.encode())}, format="multipart"), 201)
    assert (source["sentence_count"], target["sentence_count"]) == (4, 4)

    job = ok(api.post("/api/v1/alignments/", {"source": source["id"], "target": target["id"]},
                      format="json"), 202)
    (alignment_id, token), = queued
    assert jobs.run(alignment_id, token) == "done"  # what the worker does, in-process
    status = ok(api.get(f"/api/v1/alignments/{job['id']}/"))
    assert (status["status"], status["progress"], status["bead_count"]) == ("done", 1.0, 4)

    beads_url = f"/api/v1/alignments/{job['id']}/beads/"
    beads = ok(api.get(beads_url))["results"]
    assert [b["type"] for b in beads] == ["1-1"] * 4
    assert beads[3]["target"][0]["text"] == "The parents led the march."
    first = beads[0]
    ok(api.post(f"{beads_url}{first['id']}/confirm/", {"revision": first["revision"]},
                format="json"))
    third = beads[2]
    merged = ok(api.post(f"{beads_url}{third['id']}/merge/", {"revision": third["revision"]},
                         format="json"))["beads"]
    assert merged[0]["type"] == "2-2"
    ok(api.post(f"/api/v1/alignments/{job['id']}/undo/", {}, format="json"))
    after = ok(api.get(beads_url))["results"]
    assert [b["type"] for b in after] == ["1-1"] * 4 and after[0]["state"] == "confirmed"

    tmx = api.get(f"/api/v1/alignments/{job['id']}/export/", {"format": "tmx"})
    assert tmx.status_code == 200
    units = tmxfile.parsestring(tmx.content).units
    pairs = [{n.get(XML_LANG): u.getNodeText(n) for n in u.getlanguageNodes()} for u in units]
    assert pairs[1] == {"es": "Exigían justicia para los 43 estudiantes desaparecidos.",
                        "en": "They demanded justice for the 43 missing students."}
    assert len(pairs) == 4

    back = ok(api.post("/api/v1/bilingual-imports/", {
        "format": "tmx", "project": project["id"], "title": "Marcha again",
        "file": SimpleUploadedFile("round.tmx", tmx.content)}, format="multipart"), 201)
    again = ok(api.get(f"/api/v1/alignments/{back['alignment']['id']}/bitext/"))
    assert [(p["source"], p["target"]) for p in again["pairs"]] == [
        (p["es"], p["en"]) for p in pairs]
    assert {p["state"] for p in again["pairs"]} == {"confirmed"}
