"""Settings for every environment, read from environment variables.

Development needs none of them: SQLite in the data directory, the console
email backend and a local-memory cache. Production sets DEBUG=false,
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see README).
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from core.objectstorage import s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envsecret(name: str, default: str = "") -> str:
    """Read NAME, or the file named by NAME_FILE (for container secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


DEBUG = envbool("DEBUG", True)

# Runtime data (SQLite file, uploaded documents) lives outside the code so that
# app servers stay stateless and a checkout is never written to.
DATA_DIR = Path(os.environ.get("DATA_DIR", Path.home() / ".local" / "share" / "labour-licensing"))

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is false")
    SECRET_KEY = "dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "registry",
    "licensing",
    "inspections",
    "public_register",
    "office",
    "portal",
    "public_site",
    "api",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and CSRF: a stored public page needs neither (core.pagecache).
    "core.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
# Every form field on every page is rendered by one template (core.forms).
FORM_RENDERER = "core.forms.FormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "config.context_processors.site",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serialises writers; a busy timeout and immediate transactions turn
    # "database is locked" errors into short waits under the dev server.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A read replica (core.dbrouter): anonymous public reads go to it, everything else, and any
# read after a write in the same request, to the primary.
REPLICA_READ_PATHS = [r"/register/", r"/api/v1/", r"/open-data/", r"/verify/"]
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # Tests read the replica through the primary's connection unless they set up their own.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.dbrouter.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("core.pagecache.PublicPageCacheMiddleware") + 1,
        "core.dbrouter.ReplicaReadsMiddleware",
    )

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Public pages and API answers kept whole in the cache until the register changes
# (core.pagecache); browsers keep them PUBLIC_PAGE_MAX_AGE seconds, CDNs and shared proxies
# PUBLIC_PAGE_SHARED_MAX_AGE (a CDN cannot be told of a change, so keep it short).
PUBLIC_PAGE_CACHE_PATHS = [
    r"/register/",
    r"/register/refused-and-revoked/",
    r"/register/[A-Za-z]{4}[0-9]{4}/",
    r"/api/v1/licences/[^/]+",
    r"/api/v1/search",
    r"/api/v1/refused-and-revoked",
    r"/api/v1/openapi\.json",
]
PUBLIC_PAGE_MAX_AGE = envint("PUBLIC_PAGE_MAX_AGE", 60)
PUBLIC_PAGE_SHARED_MAX_AGE = envint("PUBLIC_PAGE_SHARED_MAX_AGE", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Applicants' documents and inspection evidence: never under MEDIA_URL; served
# only through views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", DATA_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# With S3_BUCKET (and S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY as
# needed), uploads and generated files go to S3-compatible object storage.
STORAGES.update(s3_storages(os.environ))
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "licensing@regulator.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Emails and other slow work are queued as tasks and run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# The public address of the site, used in emails and on certificates' QR codes.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# The jurisdiction's own country: providers based elsewhere need an overseas licence.
JURISDICTION_COUNTRY = os.environ.get("JURISDICTION_COUNTRY", "GB")
# Public API requests a minute per client address without a key (keys carry their own limit).
API_ANONYMOUS_REQUESTS_PER_MINUTE = envint("API_ANONYMOUS_REQUESTS_PER_MINUTE", 60)
# Reverse proxies whose X-Forwarded-For header is believed (addresses or networks, comma
# separated): every rate limit counts clients by the address these proxies vouch for
# (core.clients). Empty: the header is ignored and the TCP peer is the client.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "127.0.0.1,::1")
REGULATOR_NAME = os.environ.get("REGULATOR_NAME", "Labour Provider Licensing Authority")
# Ed25519 key that signs certificates' QR payloads (licensing.signing): the 32-byte seed in
# base64url, and its id. Empty: a development key is generated into DATA_DIR. After a
# rotation, list the old public keys as JSON {"key id": "public key"} so old certificates verify.
CERTIFICATE_SIGNING_KEY = envsecret("CERTIFICATE_SIGNING_KEY")
CERTIFICATE_SIGNING_KEY_ID = os.environ.get("CERTIFICATE_SIGNING_KEY_ID", "")
CERTIFICATE_RETIRED_KEYS = json.loads(os.environ.get("CERTIFICATE_RETIRED_KEYS", "") or "{}")

WAGTAIL_SITE_NAME = REGULATOR_NAME
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Accounts and signing in (the `accounts` app; django-allauth). Every sign-in form, the
# portal's, the office's, Wagtail's /admin/ and /django-admin/, is allauth's one form, so
# that one set of rate limits (counted in the shared cache) and one second factor guard them.
INSTALLED_APPS += ["accounts", "allauth", "allauth.account", "allauth.mfa"]
MIDDLEWARE += [
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/portal/"
# Where staff land after signing in without a page to return to.
STAFF_LOGIN_REDIRECT_URL = "/office/"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.SignInForm", "signup": "accounts.forms.SignUpForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirmation keys are stored rows, deleted once used: a link works once.
ACCOUNT_EMAIL_CONFIRMATION_HMAC = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Failed sign-ins: 10 a minute from one client, 5 in 5 minutes for one account.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = REGULATOR_NAME
# Staff and administrators must use a second factor (TOTP) for the office and both admins.
STAFF_MFA_REQUIRED = envbool("STAFF_MFA_REQUIRED", not DEBUG)
STAFF_MFA_PATHS = ("/office/", "/admin/", "/django-admin/")
# Staff sessions end after 30 idle minutes and 12 hours after signing in, whatever happens.
STAFF_SESSION_IDLE_SECONDS = envint("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = envint("STAFF_SESSION_MAX_SECONDS", 12 * 60 * 60)
WAGTAILADMIN_LOGIN_URL = "account_login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Hardening (issue 12): Redis, health, uploads, throttles, webhooks ---
# core registers the system checks (a shared cache is required when DEBUG is off).
INSTALLED_APPS += ["core"]
if os.environ.get("REDIS_URL"):
    # Short timeouts: a Redis outage shows up as a failing /healthz, not hung workers.
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 2, "socket_timeout": 2}
    # Sessions read from Redis, written through to the database so a Redis restart signs
    # nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Request bodies over these sizes are refused before they are read (core.uploads); each
# uploaded file stops at UPLOAD_MAX_BYTES while it streams. Anonymous clients only send
# bulk checks (5 MB files) and forms.
REQUEST_BODY_MAX_BYTES = envint("REQUEST_BODY_MAX_BYTES", 4 * UPLOAD_MAX_BYTES + 1024 * 1024)
REQUEST_BODY_MAX_BYTES_ANONYMOUS = envint("REQUEST_BODY_MAX_BYTES_ANONYMOUS", 6 * 1024 * 1024)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "core.uploads.RequestBodyLimitMiddleware",
)
FILE_UPLOAD_HANDLERS = [
    "core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Overrides of the throttles on anonymous endpoints, by scope (core.ratelimit), e.g.
# {"bulk-check": 40}; each view states its own default.
RATE_LIMITS = {}
# /healthz fails when the oldest task waiting for the worker is older than this.
HEALTH_TASK_MAX_AGE_SECONDS = envint("HEALTH_TASK_MAX_AGE_SECONDS", 600)

# Hardening of the public surface (issue 12): headers, input, CSP.
# ninja: Swagger UI from local static
# files, not a CDN.
INSTALLED_APPS += ["ninja", "csp"]
MIDDLEWARE.insert(0, "core.middleware.RejectNulBytesMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "core.middleware.SurfaceHeadersMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("core.middleware.SurfaceHeadersMiddleware") + 1,
    "core.middleware.ContentSecurityPolicyMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Staff avatars are not fetched from Gravatar: no staff email hashes to a third party, and
# the admin's CSP allows images from the site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
