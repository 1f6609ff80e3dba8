"""Owners demoting or removing each other at the same moment: the project keeps an owner."""
import pytest

from tests.conftest import _member
from tests.races import race
from translations import services
from translations.models import Membership, Role
from workbench.errors import WorkbenchError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("attempt", range(3))
def test_three_owners_stepping_down_at_once_leave_one_owner(project_a, attempt):
    owners = [_member(project_a, f"owner_{k}", Role.OWNER) for k in range(3)]
    outcomes = race(
        lambda: services.set_member(project_a, owners[0], Role.REVIEWER),
        lambda: services.remove_member(project_a, owners[1]),
        lambda: services.set_member(project_a, owners[2], Role.TRANSLATOR),
    )
    refused = [o for o in outcomes if isinstance(o, Exception)]
    # Exactly the last one to act is told the project needs an owner; nothing else fails.
    assert len(refused) == 1 and isinstance(refused[0], WorkbenchError), outcomes
    assert "at least one owner" in refused[0].message
    assert Membership.objects.filter(project=project_a, role=Role.OWNER).count() == 1
