"""API clients for each persona (token auth), and an alignment with hand-made beads."""
import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from alignment.models import Alignment, Bead
from translations.importers import import_text
from translations.services import add_version
from translations.tokens import create_token

GERMAN = "Eins. Zwei. Drei. Vier. Fünf."
ENGLISH = "One. Two. Three. Four. Five. Six."
# (src_start, src_end, tgt_start, tgt_end): 1-1, 1-2, 1-1, 1-0, 1-1
BEADS = [(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 4), (3, 4, 4, 4), (4, 5, 4, 6)]
CONFIDENCES = [0.9, 0.4, 0.8, 0.2, 0.6]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Personas get passwords; a slow hasher would dominate these tests' time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        _, plain = create_token(user, "tests")
        client.credentials(HTTP_AUTHORIZATION=f"Token {plain}")
    return client


@pytest.fixture
def as_user():
    """Return an API client signed in with a fresh token of the given user (None: anonymous)."""
    return client_for


@pytest.fixture
def personas(owner, reviewer, translator, outsider):
    return {"owner": owner, "reviewer": reviewer, "translator": translator, "outsider": outsider}


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
        Bead(alignment=alignment, src_start=a, src_end=b, tgt_start=c, tgt_end=d, confidence=p)
        for (a, b, c, d), p in zip(BEADS, CONFIDENCES, strict=True)
    )
    alignment.refresh_counts()
    return alignment


@pytest.fixture
def queued(monkeypatch):
    """Record queued alignment runs instead of sending them to a broker."""
    sent = []
    from alignment import tasks

    monkeypatch.setattr(tasks.run_alignment, "delay", lambda *args: sent.append(args))
    return sent


def ranges(alignment) -> list[tuple[int, int, int, int]]:
    return [bead.ranges() for bead in alignment.beads.all()]


def bead_at(alignment, index: int) -> Bead:
    return list(alignment.beads.all())[index]


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message", "fields"} <= set(body["error"]), body
    return body["error"]
