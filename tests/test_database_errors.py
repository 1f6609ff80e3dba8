"""A transaction PostgreSQL aborts to break a deadlock asks the user to try again."""
import json
import threading

import pytest
from django.db import OperationalError, connection, transaction
from django.test import RequestFactory

from tests.races import race
from translations.models import Project
from workbench.middleware import DatabaseUnavailableMiddleware

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def real_deadlock() -> OperationalError:
    """Lock two rows in opposite orders in two threads; return what the loser raised."""
    first, second = Project.objects.create(name="A"), Project.objects.create(name="B")
    both_hold = threading.Barrier(2)

    def lock(one, other):
        with transaction.atomic():
            Project.objects.select_for_update().get(pk=one.pk)
            both_hold.wait(timeout=20)
            Project.objects.select_for_update().get(pk=other.pk)

    outcomes = race(lambda: lock(first, second), lambda: lock(second, first))
    errors = [o for o in outcomes if isinstance(o, OperationalError)]
    assert len(errors) == 1, outcomes
    return errors[0]


@pytest.mark.parametrize(("path", "is_api"), [("/api/v1/projects/", True), ("/projects/", False)])
def test_a_deadlock_victim_hears_try_again_not_database_down(path, is_api):
    error = real_deadlock()
    response = DatabaseUnavailableMiddleware(lambda r: None).process_exception(
        RequestFactory().post(path), error)
    assert response.status_code == 503 and response["Retry-After"] == "1"
    if is_api:
        assert json.loads(response.content)["error"]["code"] == "database_busy"
    assert "try again" in response.content.decode()
    assert "unavailable" not in response.content.decode()
    connection.close()
