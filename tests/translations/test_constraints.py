"""The database itself refuses corpus rows that would break the model's rules."""
import pytest
from django.db import IntegrityError, transaction

from translations.importers import import_text
from translations.models import Segment, Version
from translations.services import add_version


@pytest.fixture
def version(document_a):
    return add_version(document_a, import_text("Eins. Zwei."), language="de")


@pytest.mark.postgres
def test_two_segments_cannot_share_a_position(version):
    with pytest.raises(IntegrityError), transaction.atomic():
        Segment.objects.create(version=version, position=0, paragraph=0, text="x", start=0, end=1)


@pytest.mark.postgres
def test_a_segment_cannot_end_before_it_starts(version):
    with pytest.raises(IntegrityError), transaction.atomic():
        Segment.objects.create(version=version, position=9, paragraph=0, text="x", start=5, end=5)


@pytest.mark.postgres
def test_a_document_has_at_most_one_original(version):
    with pytest.raises(IntegrityError), transaction.atomic():
        Version.objects.create(
            document=version.document, language="en", role="original", raw_text="One.",
            source_format="text",
        )
