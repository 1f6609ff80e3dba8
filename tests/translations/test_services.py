"""Creating documents and versions: sentences stored with exact offsets, refusals store nothing."""
import pytest

from tests.conftest import FIXTURES
from translations import services
from translations.importers import ImportRefused, import_text
from translations.models import Segment, Version
from workbench.errors import WorkbenchError

GERMAN = (
    "Proteste in Mexiko\n\nAm 14. November zogen Tausende durch die Straßen. "
    "Die Polizei griff ein."
)


@pytest.mark.postgres
def test_a_version_is_stored_with_sentences_that_point_into_its_raw_text(document_a):
    version = services.add_version(document_a, import_text(GERMAN), language="de")
    segments = list(version.segments.order_by("position"))
    assert version.role == Version.VersionRole.ORIGINAL
    assert [s.text for s in segments] == [
        "Proteste in Mexiko",
        "Am 14. November zogen Tausende durch die Straßen.",
        "Die Polizei griff ein.",
    ]
    assert [s.paragraph for s in segments] == [0, 1, 1]
    assert all(version.raw_text[s.start:s.end] == s.text for s in segments)


@pytest.mark.postgres
def test_a_second_version_in_another_language_is_a_translation(document_a):
    services.add_version(document_a, import_text(GERMAN), language="de")
    english = services.add_version(document_a, import_text("Protests. In Mexico."), language="en")
    assert english.role == Version.VersionRole.TRANSLATION


@pytest.mark.postgres
def test_the_same_language_twice_is_refused_and_stores_nothing(document_a):
    services.add_version(document_a, import_text(GERMAN), language="de")
    with pytest.raises(WorkbenchError, match="already has a de version"):
        services.add_version(document_a, import_text("Noch ein Text."), language="de")
    assert document_a.versions.count() == 1
    assert Segment.objects.count() == 3


@pytest.mark.postgres
def test_a_second_original_is_refused(document_a):
    services.add_version(document_a, import_text(GERMAN), language="de")
    with pytest.raises(WorkbenchError, match="already has an original"):
        services.add_version(document_a, import_text("A text."), language="en", role="original")


def test_an_unknown_language_is_refused_and_stores_nothing(document_a):
    with pytest.raises(WorkbenchError, match="Unknown language xx"):
        services.add_version(document_a, import_text(GERMAN), language="xx")
    assert not Version.objects.exists()


def test_a_refused_file_stores_nothing(document_a):
    data = (FIXTURES / "formats" / "binary-disguised.txt").read_bytes()
    with pytest.raises(ImportRefused):
        services.import_version_file(document_a, "notes.txt", data, language="de")
    assert not Version.objects.exists() and not Segment.objects.exists()


def test_importing_a_docx_file_segments_it(document_a):
    data = (FIXTURES / "formats" / "report.docx").read_bytes()
    version = services.import_version_file(document_a, "report.docx", data, language="en")
    assert version.source_format == "docx"
    assert version.source_filename == "report.docx"
    assert version.segments.first().text == "Protests across Mexico"


def test_resegmenting_keeps_the_raw_text_and_uses_the_projects_abbreviations(document_a):
    text = "Wir brauchen ca. drei Stunden. Dann geht es weiter."
    version = services.add_version(document_a, import_text(text), language="de")
    project = document_a.project
    project.abbreviations = "ca\n"
    project.save()
    summary = services.resegment_version(version)
    version.refresh_from_db()
    assert version.raw_text == text
    assert summary.sentences == 2
    assert version.segments.first().text == "Wir brauchen ca. drei Stunden."


def test_a_document_needs_a_known_source_language(project_a):
    with pytest.raises(WorkbenchError, match="Unknown language"):
        services.create_document(project_a, "Title", "klingon")


def test_without_a_language_the_texts_language_is_detected(document_a):
    text = "Am 14. November zogen Tausende durch die Straßen von Mexiko-Stadt."
    version = services.add_version(document_a, import_text(text), language=None)
    assert version.language == "de" and version.role == Version.VersionRole.ORIGINAL


def test_a_text_too_short_to_recognise_asks_for_the_language(document_a):
    with pytest.raises(WorkbenchError, match="could not be recognised; please pick it"):
        services.add_version(document_a, import_text("OK."), language=None)
    assert not Version.objects.exists()
