"""Fixtures for the browser views: a hand-made alignment and clients signed in as personas."""
import pytest
from django.test import Client


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
