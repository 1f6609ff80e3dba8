"""Settings for the workbench, read from the environment.

Two modes share this file. The embedded default (WORKBENCH_MODE=embedded) needs no
servers: SQLite and a filesystem broker in DATA_DIR, a generated secret key. Production
(WORKBENCH_MODE=production) takes PostgreSQL, Redis and secrets from the environment and
refuses to start without a SECRET_KEY.
"""
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from workbench.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
MODE = env_str("WORKBENCH_MODE", "embedded")
if MODE not in {"embedded", "production"}:
    raise ImproperlyConfigured(f"WORKBENCH_MODE must be embedded or production, not {MODE!r}")
EMBEDDED = MODE == "embedded"

DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", default=EMBEDDED)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not EMBEDDED:
        raise ImproperlyConfigured("SECRET_KEY must be set in production mode")
    # Embedded: a key per data folder, so sessions survive restarts without configuration.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "translations",
    "alignment",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "workbench.security.ContentSecurityPolicyMiddleware",
    "workbench.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "workbench.urls"
WSGI_APPLICATION = "workbench.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "workbench" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{DATA_DIR / 'workbench.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write to one file: wait for the lock, don't fail.
    DATABASES["default"]["OPTIONS"] = {"timeout": 30, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory, so a Celery worker started by a test sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Throttles and sign-in limits count in the cache: Redis in production, so that every
# gunicorn worker sees the same counts; process memory in the embedded default.
_CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL.startswith("redis")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "workbench" / "static"]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "workbench.api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "workbench.api.pagination.StandardPagination",
    "EXCEPTION_HANDLER": "workbench.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "workbench.api.throttles.UserThrottle",
        "workbench.api.throttles.AnonThrottle",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "60/minute"),
        "user": env_str("API_THROTTLE_USER", "3000/minute"),
        "login": env_str("API_THROTTLE_LOGIN", "10/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Translation and alignment workbench API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MemberRoleEnum": "translations.models.Role",
        "VersionRoleEnum": "translations.models.Version.VersionRole",
    },
}

# Uploads: one limit for every import path (form, API, command).
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 5 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 64 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES

# Celery: a broker that needs no server by default; Redis in production.
_BROKER_DIR = DATA_DIR / "broker"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"data_folder_in": str(_BROKER_DIR), "data_folder_out": str(_BROKER_DIR),
     "control_folder": str(_BROKER_DIR / "control")}
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
if CELERY_BROKER_URL.startswith("filesystem"):
    _BROKER_DIR.mkdir(exist_ok=True)
else:
    # An unacknowledged job (its worker died) goes back to the queue after this long.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1)
    }
# A running job whose worker has not reported for this long may be taken over.
ALIGNMENT_STALE_AFTER_SECONDS = env_int("ALIGNMENT_STALE_AFTER_SECONDS", 300, minimum=1)
# Workers look this often for jobs the broker lost (a Redis restart keeps nothing) or a dead
# worker left, and send them again once they have waited ALIGNMENT_REQUEUE_AFTER_SECONDS.
ALIGNMENT_RECOVERY_INTERVAL_SECONDS = env_int("ALIGNMENT_RECOVERY_INTERVAL_SECONDS", 60,
                                              minimum=1)
ALIGNMENT_REQUEUE_AFTER_SECONDS = env_int("ALIGNMENT_REQUEUE_AFTER_SECONDS", 600, minimum=1)
# No job runs forever: past this it is stopped and recorded as failed.
ALIGNMENT_TIME_LIMIT_SECONDS = env_int("ALIGNMENT_TIME_LIMIT_SECONDS", 3600, minimum=10)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# Embedding cache shared by all workers (SQLite file here; redis:// across machines).
EMBEDDING_CACHE_URL = env_str("EMBEDDING_CACHE_URL", f"sqlite:///{DATA_DIR / 'embeddings.sqlite3'}")
ALIGNMENT_ENCODER = env_str("ALIGNMENT_ENCODER", "e5-small/use-m3")

# Production sits behind a TLS proxy: secure cookies, HTTPS redirect and HSTS by default.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not EMBEDDED)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not EMBEDDED)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if EMBEDDED else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not EMBEDDED
SECURE_HSTS_PRELOAD = not EMBEDDED
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
