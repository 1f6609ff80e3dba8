"""Sign-in limits and the API token page."""
import pytest
from django.core.cache import cache
from django.urls import reverse

from translations.models import ApiToken


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_too_many_failed_sign_ins_are_refused_even_with_the_right_password(
    client, owner, settings
):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        response = client.post(reverse("login"), {"username": owner.username, "password": "no"})
        assert response.status_code == 200
    response = client.post(
        reverse("login"), {"username": owner.username, "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_user_creates_a_token_sees_it_once_and_it_works_until_revoked(client, owner):
    client.force_login(owner)
    page = client.post(reverse("tokens"), {"name": "laptop"}).content.decode()
    token = ApiToken.objects.get(user=owner)
    key = page.split('id="new-token">')[1].split("<")[0]
    assert key.startswith(token.prefix)
    assert key not in client.get(reverse("tokens")).content.decode()

    api = client.__class__()
    assert api.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    client.post(reverse("token_revoke", args=[token.pk]))
    assert api.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_nobody_can_revoke_someone_elses_token(client, owner, outsider):
    from translations.tokens import create_token

    token, _ = create_token(owner, "mine")
    client.force_login(outsider)
    assert client.post(reverse("token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


def test_creating_api_tokens_is_throttled(client, owner, monkeypatch):
    from workbench.api.throttles import CredentialThrottle

    rates = {**CredentialThrottle.THROTTLE_RATES, "login": "2/minute"}
    monkeypatch.setattr(CredentialThrottle, "THROTTLE_RATES", rates)
    client.force_login(owner)
    codes = [client.post("/api/v1/tokens/", {"name": f"t{n}"}, content_type="application/json")
             .status_code for n in range(3)]
    assert codes == [201, 201, 429]
    assert ApiToken.objects.filter(user=owner).count() == 2
