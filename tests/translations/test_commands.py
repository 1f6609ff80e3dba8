"""The import_version command: prints what it made, refuses clearly."""
import pytest
from django.core.management import CommandError, call_command

from tests.conftest import FIXTURES


def test_it_imports_a_file_as_a_new_document_and_prints_counts(project_a, capsys):
    call_command(
        "import_version", str(FIXTURES / "formats" / "report.html"),
        project=project_a.name, document="Protests", language="en", create_document=True,
    )
    out = capsys.readouterr().out
    assert "as the en original of 'Protests'" in out
    assert "6 paragraphs" in out and "8 sentences" in out
    assert project_a.documents.get().versions.get().segments.count() == 8


def test_it_refuses_a_broken_file_with_the_importers_message(project_a):
    with pytest.raises(CommandError, match="not a .docx"):
        call_command(
            "import_version", str(FIXTURES / "formats" / "broken.docx"),
            project=project_a.name, document="Protests", language="en", create_document=True,
        )
    assert not project_a.documents.get().versions.exists()


def test_it_names_a_missing_project(db):
    with pytest.raises(CommandError, match="No project named 'Nope'"):
        call_command("import_version", str(FIXTURES / "formats" / "report.md"),
                     project="Nope", document="x", language="en")
