"""Tokens: several per user, stored hashed, shown once, revocable; session works too."""
import hashlib

import pytest
from django.core.management import call_command

from tests.api.conftest import error_of
from translations.models import ApiToken
from translations.tokens import create_token, revoke_token

PROJECTS = "/api/v1/projects/"


def test_a_token_signs_the_user_in_and_records_its_use(as_user, owner, project_a):
    response = as_user(owner).get(PROJECTS)
    assert response.status_code == 200
    assert [p["name"] for p in response.json()["results"]] == [project_a.name]
    assert ApiToken.objects.get(user=owner).last_used is not None


def test_only_the_hash_of_a_token_is_stored(owner):
    token, plain = create_token(owner, "laptop")
    assert plain not in {token.key_hash, token.prefix, token.name}
    assert token.key_hash == hashlib.sha256(plain.encode()).hexdigest()


def test_a_user_may_have_several_tokens_and_revoke_one(client, owner):
    (first, key1), (_, key2) = create_token(owner, "a"), create_token(owner, "b")
    revoke_token(first)
    assert client.get(PROJECTS, HTTP_AUTHORIZATION=f"Token {key1}").status_code == 401
    assert client.get(PROJECTS, HTTP_AUTHORIZATION=f"Bearer {key2}").status_code == 200


@pytest.mark.parametrize("header", [None, "Token wb_nonsense", "Token", "Basic Zm9vOmJhcg=="])
def test_it_refuses_missing_or_bad_credentials_with_401(client, db, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(PROJECTS, **extra)
    assert response.status_code == 401
    assert error_of(response)["code"] in {"not_authenticated", "authentication_failed"}


def test_a_token_of_an_inactive_user_stops_working(client, owner):
    _, key = create_token(owner, "a")
    owner.is_active = False
    owner.save()
    assert client.get(PROJECTS, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_the_browser_session_works_too(client, owner, project_a):
    client.force_login(owner)
    assert client.get(PROJECTS).status_code == 200


def test_the_command_prints_a_working_key_once(client, owner, capsys):
    call_command("create_token", owner.username, "--name", "ci")
    key = capsys.readouterr().out.strip()
    assert client.get(PROJECTS, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert ApiToken.objects.get(name="ci").key_hash != key


def test_tokens_through_the_api_show_the_key_only_at_creation(as_user, owner):
    api = as_user(owner)
    created = api.post("/api/v1/tokens/", {"name": "script"}, format="json")
    assert created.status_code == 201 and created.json()["key"].startswith("wb_")
    listed = api.get("/api/v1/tokens/").json()["results"]
    assert {t["name"] for t in listed} == {"tests", "script"}
    assert all("key" not in t for t in listed)
    assert api.delete(f"/api/v1/tokens/{created.json()['id']}/").status_code == 204
    assert ApiToken.objects.get(pk=created.json()["id"]).revoked is not None


def test_nobody_sees_or_revokes_someone_elses_token(as_user, owner, outsider):
    token, _ = create_token(owner, "mine")
    assert as_user(outsider).delete(f"/api/v1/tokens/{token.pk}/").status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


def test_a_token_needs_a_name(as_user, owner):
    response = as_user(owner).post("/api/v1/tokens/", {"name": " "}, format="json")
    assert response.status_code == 400
    assert "name" in error_of(response)["fields"]
