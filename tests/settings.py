"""Test settings: the real settings read from a clean environment, then pinned.

A developer's shell or a CI job may export a production environment (``DEBUG=false``,
``REDIS_URL``, ``TRUSTED_PROXIES``, ``SECURE_SSL_REDIRECT``...). The tests must not depend on
it, so the real settings are imported with only the variables the tests are meant to follow
(which database, where the data goes), and what the tests rely on is then set explicitly.
"""

import os
import tempfile

os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="licensing-test-"))

# DATABASE_URL chooses SQLite or PostgreSQL for the run; nothing else exported is followed.
_FOLLOWED = {"DATABASE_URL", "DATA_DIR", "PATH", "HOME", "TMPDIR", "LANG", "LC_ALL"}
_exported = dict(os.environ)
os.environ.clear()
os.environ.update({name: value for name, value in _exported.items() if name in _FOLLOWED})
try:
    from config.settings import *  # noqa: E402,F403
    from config.settings import DATABASES, STORAGES  # noqa: E402
finally:
    os.environ.clear()
    os.environ.update(_exported)

# pytest-django switches DEBUG off for every test; the settings derived from it at import
# time are the development ones above, whatever the shell says.
DEBUG = True
SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = []
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
TRUSTED_PROXIES = ["127.0.0.1", "::1"]
API_ANONYMOUS_REQUESTS_PER_MINUTE = 60
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
REQUEST_BODY_MAX_BYTES = 4 * UPLOAD_MAX_BYTES + 1024 * 1024
REQUEST_BODY_MAX_BYTES_ANONYMOUS = 6 * 1024 * 1024
RATE_LIMITS = {}
TIME_ZONE = "Europe/London"
JURISDICTION_COUNTRY = "GB"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests that need the real Redis connect to it themselves (tests/redis.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="licensing-private-"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["DATA_DIR"], "test.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Transactional tests empty the tables with TRUNCATE, which the audit table refuses
    # unless the connection says otherwise (licensing migration 0007).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c licensing.allow_audit_truncate=on"
    )
# WhiteNoise warns about a missing STATIC_ROOT on every request otherwise.
STATIC_ROOT = os.path.join(os.environ["DATA_DIR"], "static")
os.makedirs(STATIC_ROOT, exist_ok=True)
# Staff pages are tested without the second factor; tests/accounts turns it on.
STAFF_MFA_REQUIRED = False
