"""API clients for each persona (token auth), and an alignment with hand-made beads."""
import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from translations.tokens import create_token

# (src_start, src_end, tgt_start, tgt_end): 1-1, 1-2, 1-1, 1-0, 1-1
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
def bead_confidences():
    """Spread confidences so filters and the review queue have something to sort."""
    return CONFIDENCES


@pytest.fixture
def queued(monkeypatch):
    """Record queued alignment runs instead of sending them to a broker."""
    sent = []
    from alignment import tasks

    monkeypatch.setattr(tasks.run_alignment, "delay", lambda *args: sent.append(args))
    return sent


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message", "fields"} <= set(body["error"]), body
    return body["error"]
