"""Request rates per signed-in user and per anonymous client (rates in settings)."""
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class UserThrottle(UserRateThrottle):
    scope = "user"


class AnonThrottle(AnonRateThrottle):
    scope = "anon"


class CredentialThrottle(UserRateThrottle):
    """The stricter rate for creating credentials (API tokens), like sign-in attempts."""

    scope = "login"


THROTTLE_CLASSES = [UserThrottle, AnonThrottle]
