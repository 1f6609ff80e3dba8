"""Fixtures for the browser views: a hand-made alignment and clients signed in as personas."""
import pytest
from django.test import Client

from alignment.models import Alignment, Bead
from tests.alignment.conftest import BEADS, ENGLISH, GERMAN
from translations.importers import import_text
from translations.services import add_version


@pytest.fixture
def versions(document_a):
    source = add_version(document_a, import_text(GERMAN), language="de")
    target = add_version(document_a, import_text(ENGLISH), language="en")
    return source, target


@pytest.fixture
def alignment(versions):
    source, target = versions
    alignment = Alignment.objects.create(
        source=source, target=target, encoder="test", status=Alignment.Status.DONE
    )
    Bead.objects.bulk_create(
        Bead(alignment=alignment, src_start=a, src_end=b, tgt_start=c, tgt_end=d,
             confidence=0.3 + 0.1 * index)
        for index, (a, b, c, d) in enumerate(BEADS)
    )
    alignment.refresh_counts()
    return alignment


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_owner(owner):
    return signed_in(owner)


@pytest.fixture
def as_reviewer(reviewer):
    return signed_in(reviewer)


@pytest.fixture
def as_translator(translator):
    return signed_in(translator)


@pytest.fixture
def as_outsider(outsider):
    return signed_in(outsider)


def ranges(alignment) -> list[tuple[int, int, int, int]]:
    return [bead.ranges() for bead in alignment.beads.all()]


def bead_at(alignment, index: int) -> Bead:
    return list(alignment.beads.all())[index]


class FakeResult:
    """What the engine returns: beads and statistics."""

    def __init__(self, beads):
        self.beads, self.stats = beads, {"fake": True}


def identity_or_diagonal(alignment, progress=None):
    """Return the stored beads again, or a 1-1 diagonal when there are none (no encoder)."""
    from alignment.engine.aligner import Bead as EngineBead

    stored = list(alignment.beads.all())
    if stored:
        return FakeResult([EngineBead(*bead.ranges(), 0.9) for bead in stored])
    n = alignment.source.segments.count()
    m = alignment.target.segments.count()
    beads = [EngineBead(i, i + 1, i, i + 1, 0.6) for i in range(min(n, m))]
    if m > n:
        beads.append(EngineBead(n, n, n, m, 0.2))
    elif n > m:
        beads.append(EngineBead(m, n, m, m, 0.2))
    return FakeResult(beads)


@pytest.fixture
def fake_engine(settings, monkeypatch):
    """Run jobs in-process with a stand-in for the encoder and aligner."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    monkeypatch.setattr("alignment.computation.compute", identity_or_diagonal)
    return identity_or_diagonal


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hash the personas' passwords cheaply: these tests are about views, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
