"""Personal API tokens: create (plain key shown once), check, revoke. UI, admin, API and
the create_token command all call these."""
import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from translations.models import ApiToken
from workbench.errors import WorkbenchError

PREFIX = "wb_"
MAX_NAME = 100
# Writing last_used on every request would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_key(plain: str) -> str:
    """Return the stored form of a plain key."""
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def create_token(user, name: str) -> tuple[ApiToken, str]:
    """Create a token for the user; return it with the plain key, which is never stored."""
    name = (name or "").strip()
    if not name:
        raise WorkbenchError("A token needs a name.", fields={"name": ["This field is required."]})
    if len(name) > MAX_NAME:
        raise WorkbenchError(f"A token name has at most {MAX_NAME} characters.",
                             fields={"name": ["Too long."]})
    if not user.is_active:
        raise WorkbenchError("Inactive users cannot have tokens.")
    plain = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=hash_key(plain), prefix=plain[: len(PREFIX) + 6]
    )
    return token, plain


def revoke_token(token: ApiToken) -> ApiToken:
    """Revoke a token for good (a second call changes nothing)."""
    ApiToken.objects.filter(pk=token.pk, revoked__isnull=True).update(revoked=timezone.now())
    token.refresh_from_db()
    return token


def user_for_key(plain: str):
    """Return the user of an active, unrevoked token, or None."""
    if not plain or not plain.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(plain), revoked__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user
