"""The broker unreachable when a user starts an alignment: a clear refusal, nothing lost."""
import pytest

from alignment import jobs
from alignment.models import Alignment
from workbench.celery import app


@pytest.fixture
def broker_down(monkeypatch):
    """Point the Celery app at a Redis port where nothing listens."""
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # it would win over the conf
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    yield
    app._pool = None
    app.amqp._producer_pool = None


def test_starting_an_alignment_with_the_broker_down_is_refused_and_recorded(
    versions, translator, broker_down
):
    with pytest.raises(jobs.QueueUnavailable, match="job queue is unavailable"):
        jobs.start_alignment(*versions, user=translator)
    alignment = Alignment.objects.get()
    assert alignment.status == Alignment.Status.FAILED
    assert "not queued" in alignment.error
