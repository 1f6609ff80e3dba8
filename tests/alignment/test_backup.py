"""A project exported and imported into an empty database comes back equal, log included."""
import json

import pytest
from django.core.management import CommandError, call_command

from alignment import services
from alignment.models import Alignment, Bead, Operation
from tests.corpus import BEADS, bead_at
from translations.backup import dumps, export_project
from translations.models import Project, Segment, Version


@pytest.fixture
def worked_on(alignment, translator, reviewer):
    """An alignment with a confirmation, a merge, a text edit and an undo in its history."""
    first = bead_at(alignment, 0)
    services.confirm(alignment, first.pk, first.revision, reviewer)
    second = bead_at(alignment, 1)
    services.merge_with_next(alignment, second.pk, second.revision, translator)
    segment = alignment.target.segments.get(position=5)
    services.edit_sentence(segment, "Six!", segment.revision, translator, alignment)
    services.undo_last(alignment, translator)
    services.edit_sentence(segment, "Six, indeed.", None, translator, alignment)
    return alignment


def wipe(project):
    Project.objects.filter(pk=project.pk).delete()
    for model in (Version, Alignment, Operation):
        assert not model.objects.exists()


@pytest.mark.postgres
def test_export_then_import_into_an_empty_database_gives_back_everything(worked_on, tmp_path):
    project = worked_on.source.document.project
    before = dumps(export_project(project))
    path = tmp_path / "backup.json"
    call_command("export_project", project.name, str(path))
    wipe(project)
    call_command("import_project", str(path))
    restored = Project.objects.get(name=project.name)
    assert dumps(export_project(restored)) == before
    alignment = Alignment.objects.get()
    assert alignment.beads.filter(state=Bead.State.CONFIRMED).count() == 1
    assert Segment.objects.get(version=alignment.target, position=5).text == "Six, indeed."
    assert [op.kind for op in Operation.objects.order_by("created", "id")] == [
        "confirm", "merge", "edit_text", "undo", "edit_text"]
    assert Operation.objects.get(kind="undo").undoes.kind == "edit_text"


def test_a_damaged_backup_imports_nothing(worked_on, tmp_path):
    project = worked_on.source.document.project
    data = export_project(project)
    data["documents"][-1]["alignments"][0]["beads"][0][0] = -5  # breaks a constraint
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(data))
    wipe(project)
    with pytest.raises(CommandError, match="backup is damaged; nothing was imported"):
        call_command("import_project", str(path))
    assert not Project.objects.exists() and not Segment.objects.exists()


def test_importing_over_an_existing_project_is_refused(worked_on, tmp_path):
    project = worked_on.source.document.project
    path = tmp_path / "backup.json"
    call_command("export_project", project.name, str(path))
    with pytest.raises(CommandError, match="already exists"):
        call_command("import_project", str(path))
    assert Project.objects.count() == 1


def test_undo_still_works_on_a_restored_project(alignment, translator, tmp_path):
    from alignment import segment_edits

    target = alignment.target
    texts = list(target.segments.order_by("position").values_list("text", flat=True))
    one = target.segments.get(position=0)  # "One." and "Two." sit in two beads: they join
    segment_edits.merge_with_next(one.pk, 1, 1, translator, alignment=alignment)
    merged_beads = [bead.ranges() for bead in alignment.beads.all()]
    path = tmp_path / "backup.json"
    call_command("export_project", alignment.document.project.name, str(path))
    wipe(alignment.document.project)
    call_command("import_project", str(path))

    restored = Alignment.objects.get()
    assert [bead.ranges() for bead in restored.beads.all()] == merged_beads
    services.undo_last(restored, translator)
    after = list(restored.target.segments.order_by("position").values_list("text", flat=True))
    assert after == texts
    assert [bead.ranges() for bead in restored.beads.all()] == BEADS  # the joined beads too
