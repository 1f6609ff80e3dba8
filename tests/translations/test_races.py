"""Racing project and membership changes: a clear refusal for the loser, never a 500."""
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


def _one_wins(outcomes, message: str):
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], WorkbenchError), outcomes
    assert message in refused[0].message


def test_two_projects_created_with_one_name_at_once_refuse_the_second(owner):
    outcomes = race(lambda: services.create_project("Twin", owner),
                    lambda: services.create_project("Twin", owner))
    _one_wins(outcomes, "already exists")


def test_two_documents_given_one_title_at_once_refuse_the_second(project_a):
    doc = services.create_document(project_a, "First", "es")
    outcomes = race(lambda: services.create_document(project_a, "Twin", "es"),
                    lambda: services.update_document(doc, title="Twin"))
    _one_wins(outcomes, "already has a document titled")


def test_two_projects_renamed_to_one_name_at_once_refuse_the_second(project_a, owner):
    other = services.create_project("Other", owner)
    outcomes = race(lambda: services.update_project(project_a, name="Twin"),
                    lambda: services.update_project(other, name="Twin"))
    _one_wins(outcomes, "already exists")
