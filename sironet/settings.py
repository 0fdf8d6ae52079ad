"""Settings of the SIRONET Platform: one module, environment variables first.

Two shapes of deployment:
- embedded (the default): one machine, zero set-up. SQLite under var/, local-memory cache,
  a secret key generated once into var/, email written to var/mail/.
- production (SIRONET_DEPLOYMENT=production): every secret must come from the environment
  (or a *_FILE beside it), and the security settings are those `check --deploy` asks for.
"""

import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SIRONET_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    """A setting from NAME, or from the file named by NAME_FILE (for container secrets)."""
    if name in os.environ:
        return os.environ[name]
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return default if value in (None, "") else int(value)


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEPLOYMENT = env("SIRONET_DEPLOYMENT", "embedded")
if DEPLOYMENT not in {"embedded", "production"}:
    raise ImproperlyConfigured("SIRONET_DEPLOYMENT must be 'embedded' or 'production'.")
PRODUCTION = DEPLOYMENT == "production"


def required_in_production(name: str) -> str | None:
    value = env(name)
    if PRODUCTION and not value:
        raise ImproperlyConfigured(f"{name} must be set when SIRONET_DEPLOYMENT=production.")
    return value


def embedded_secret_key() -> str:
    """Generate the key once and keep it under var/, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = required_in_production("SECRET_KEY") or embedded_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when SIRONET_DEPLOYMENT=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])


def served_url() -> str:
    """Where `manage.py serve` listens (HOST, PORT): the address to print when SITE_URL is unset.
    A wildcard host (all interfaces) is reached on this machine at 127.0.0.1."""
    host = env("HOST", "") or "127.0.0.1"
    if host in {"0.0.0.0", "::", "[::]"}:  # noqa: S104 (read, not bound)
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{env_int('PORT', 8000)}"


SITE_URL = (env("SITE_URL") or served_url()).rstrip("/")

# The admin is the Secretariat's back office; it lives at a path nobody can guess.
# Unless ADMIN_PATH is set, the path is derived from the secret key.
ADMIN_PATH = (
    env("ADMIN_PATH") or f"back-office-{hashlib.sha256(SECRET_KEY.encode()).hexdigest()[:16]}"
).strip("/")

INSTALLED_APPS = [
    "sironet.apps.SironetAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "ninja",
    "core",
    "accounts",
    "search",
    "members",
    "governance",
    "cooperation",
    "exchanges",
    "sironet.apps.SironetConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers compressed for slow links (static files come compressed from
    # whitenoise), at gzip's fastest level; padded at random against BREACH as Django does.
    "core.middleware.GZipMiddleware",
    "core.middleware.QueryCountMiddleware",
    "core.middleware.DataVersionsMiddleware",
    # Errors under /api/ made outside the API's operations (405, 404, CSRF) answer JSON too.
    "sironet.middleware.ApiErrorsAsJson",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "sironet.urls"
WSGI_APPLICATION = "sironet.wsgi.application"
ASGI_APPLICATION = "sironet.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.site",
                "sironet.context_processors.nav",
                "members.context_processors.menu",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise (postgres://… or sqlite:///path).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'sironet.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept like PostgreSQL's (each gunicorn worker serves one request at a time):
    # opening one and running the PRAGMAs below cost about a millisecond a request.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE avoids lock upgrades
        # failing half-way through a transaction.
        # The database file is mapped into memory (SQLITE_MMAP_SIZE bytes of it, 2 GiB unless
        # set: SQLite's own limit in common builds; the large bench database is 1.4 GB): pages
        # are read where the OS keeps them, shared by every worker, instead of being copied
        # into each connection's own 2 MB page cache, which a large database's reads kept
        # missing (ranking a thousand search matches: 16 ms, 8 with the map).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
            f"PRAGMA mmap_size={env_int('SQLITE_MMAP_SIZE', 2**31)};"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = (
        {"NAME": env("SQLITE_TEST_NAME")} if env("SQLITE_TEST_NAME") else {}
    )
else:
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env("POSTGRES_TEST_NAME", "test_sironet")
# PostgreSQL: the queries written once per process (core.prepared) are prepared on the server,
# once per connection, so it plans them once. Off behind a pooler that hands each transaction
# another server connection (PgBouncer in transaction mode before 1.21).
PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
if PREPARED_STATEMENTS and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg prepares only what asks to be (Django turns preparing off with None); no other
    # query is prepared for having run often.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is given, else local memory and database sessions.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",  # Django's, one client per pool
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "sironet"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "core.sessions"
if env_bool("BENCH_NO_CACHE", False):
    # `make bench` measures every request as if it were the first after a change.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    SESSION_ENGINE = "core.sessions"

# Background work: the Django Tasks API, stored in the database, run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's, reading the signed-in person by a prepared query (accounts.backends).
# Sessions name the backend that signed them in: one signed in before these paths were ours
# (through "django.contrib.auth.backends.ModelBackend" or allauth's) signs in once more.
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Accounts (django-allauth): email login, verified by a link, TOTP two-factor.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SIRONET] "
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # Repeated failed logins: at most 10 a minute from one address, 5 per 5 minutes per account.
    "login_failed": env("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/300s/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SIRONET"

# Email: written to var/mail/ by default; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "SIRONET <no-reply@sironet.localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# Languages: the six working languages of the network; Arabic is right-to-left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hans", "中文"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("fr", "Français"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security. Cookies are marked secure and HSTS is sent when the site is served over HTTPS,
# which is the production default; the embedded mode serves plain HTTP on localhost.
HTTPS = env_bool("HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is the operator's choice; it cannot be undone quickly.
    "security.W021",
]

# Content Security Policy: everything from our own origin, no inline script or style.
# data: images are the QR codes of the two-factor set-up.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Bench mode: every response carries the number of database queries it made.
QUERY_COUNT_HEADER = env_bool("QUERY_COUNT_HEADER", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

LANGUAGE_NAMES_RTL = {"ar"}
SITE_NAME = _("SIRONET")

# API lists: 20 items unless `limit` asks for more, never more than 100 at once; `offset` is
# bounded too (core.pagination, which every list uses; also ninja's default for a bare @paginate).
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_LIMIT = 100
NINJA_PAGINATION_CLASS = "core.pagination.Pagination"

# Membership rules (issue: membership). The committee decides by a majority of the votes cast
# (approve against reject; abstentions count towards the quorum only), once the votes cast reach
# the quorum, a share of the Steering Committee's seats.
MEMBERSHIP_ENDORSEMENT_REQUIRED = env_bool("MEMBERSHIP_ENDORSEMENT_REQUIRED", False)
COMMITTEE_QUORUM = float(env("COMMITTEE_QUORUM", "0.5"))
MEMBERSHIP_DOCUMENT_MAX_BYTES = env_int("MEMBERSHIP_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
STAFF_INVITATION_DAYS = env_int("STAFF_INVITATION_DAYS", 14)

# Exchanges (issue 12: events, registrations, visa letters).
# - EXCHANGES_KEEP_PERSONAL_DATA_DAYS: days after an event ends before the worker anonymises its
#   registrations (names, contacts, answers, letter details; the report's counts stay). 180.
# - EXCHANGES_FERNET_KEYS: comma-separated Fernet keys encrypting the passport details of visa
#   letters, newest first (older ones still decrypt: rotate by putting a new key in front); also
#   from EXCHANGES_FERNET_KEYS_FILE. Empty: a key derived from SECRET_KEY.
# - EXCHANGES_DOCUMENT_MAX_MB: the largest document or photo organisers may upload, in MB. 20.
# Capacity is never exceeded whatever the number of web processes: every change to the places
# held locks the event's row and recounts (exchanges/services.py); exchanges/tests/
# test_concurrency.py proves it on PostgreSQL with 200 registrations racing over 50 connections.
EXCHANGES_KEEP_PERSONAL_DATA_DAYS = env_int("EXCHANGES_KEEP_PERSONAL_DATA_DAYS", 180)
EXCHANGES_FERNET_KEYS = env_list("EXCHANGES_FERNET_KEYS", [])
EXCHANGES_DOCUMENT_MAX_MB = env_int("EXCHANGES_DOCUMENT_MAX_MB", 20)
# The largest document a body's member may attach to a meeting, in MB.
GOVERNANCE_DOCUMENT_MAX_MB = env_int("GOVERNANCE_DOCUMENT_MAX_MB", 20)
