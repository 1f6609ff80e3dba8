"""Projects and members: members see their projects, owners manage, outsiders see nothing."""
import pytest

from tests.api.conftest import error_of
from translations.models import Membership, Project, Role

ROLES = ["owner", "reviewer", "translator"]


def test_members_see_their_project_and_their_role(as_user, personas, project_a):
    for name in ROLES:
        response = as_user(personas[name]).get(f"/api/v1/projects/{project_a.pk}/")
        assert response.status_code == 200
        assert response.json()["my_role"] == name


def test_an_outsider_sees_no_project_and_gets_404_not_403(as_user, outsider, project_a):
    api = as_user(outsider)
    assert api.get("/api/v1/projects/").json()["results"] == []
    response = api.get(f"/api/v1/projects/{project_a.pk}/")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert api.get(f"/api/v1/projects/{project_a.pk}/members/").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/projects/%0A/members/", "/api/v1/no-such-thing/"])
def test_a_path_no_route_matches_still_answers_in_the_api_error_shape(as_user, owner, path):
    response = as_user(owner).get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "not_found"


def test_outside_the_api_a_missing_page_is_still_an_html_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_anyone_signed_in_may_start_a_project_and_owns_it(as_user, outsider):
    response = as_user(outsider).post("/api/v1/projects/", {"name": "New"}, format="json")
    assert response.status_code == 201
    assert response.json()["my_role"] == "owner"


def test_a_second_project_with_the_same_name_is_refused(as_user, outsider, project_a):
    response = as_user(outsider).post("/api/v1/projects/", {"name": project_a.name},
                                      format="json")
    assert response.status_code == 400
    assert Project.objects.count() == 1


@pytest.mark.parametrize(("persona", "expected"),
                         [("owner", 200), ("reviewer", 403), ("translator", 403),
                          ("outsider", 404)])
def test_only_owners_add_members(as_user, personas, project_a, persona, expected):
    newcomer = personas["outsider"] if persona != "outsider" else personas["translator"]
    response = as_user(personas[persona]).post(
        f"/api/v1/projects/{project_a.pk}/members/",
        {"username": newcomer.username, "role": "reviewer"}, format="json")
    assert response.status_code == expected
    became = Membership.objects.filter(project=project_a, user=newcomer, role=Role.REVIEWER)
    assert became.exists() == (expected == 200)


def test_members_are_listed_with_their_roles(as_user, personas, project_a):
    response = as_user(personas["translator"]).get(f"/api/v1/projects/{project_a.pk}/members/")
    assert {m["username"]: m["role"] for m in response.json()} == {
        "olga_owner": "owner", "rita_reviewer": "reviewer", "tomas_translator": "translator"}


def test_an_owner_removes_a_member(as_user, personas, project_a):
    translator = personas["translator"]
    response = as_user(personas["owner"]).delete(
        f"/api/v1/projects/{project_a.pk}/members/{translator.pk}/")
    assert response.status_code == 204
    assert not Membership.objects.filter(project=project_a, user=translator).exists()


def test_the_last_owner_can_be_neither_removed_nor_demoted(as_user, personas, project_a):
    owner = personas["owner"]
    api = as_user(owner)
    assert api.delete(f"/api/v1/projects/{project_a.pk}/members/{owner.pk}/").status_code == 400
    demote = api.post(f"/api/v1/projects/{project_a.pk}/members/",
                      {"username": owner.username, "role": "translator"}, format="json")
    assert demote.status_code == 400
    assert Membership.objects.get(project=project_a, user=owner).role == Role.OWNER


def test_unknown_users_and_roles_are_refused(as_user, personas, project_a):
    api = as_user(personas["owner"])
    url = f"/api/v1/projects/{project_a.pk}/members/"
    nobody = api.post(url, {"username": "nobody", "role": "owner"}, format="json")
    assert nobody.status_code == 404 and "username" in error_of(nobody)["fields"]
    bad_role = api.post(url, {"username": "otto_outsider", "role": "king"}, format="json")
    assert bad_role.status_code == 400 and "role" in error_of(bad_role)["fields"]
