"""Request rates per signed-in user and per anonymous client (rates in settings)."""
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class UserThrottle(UserRateThrottle):
    scope = "user"


class AnonThrottle(AnonRateThrottle):
    scope = "anon"


THROTTLE_CLASSES = [UserThrottle, AnonThrottle]
