"""Test settings: the real settings with fast hashing, immediate tasks and private temp storage."""

import os
import tempfile

os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="licensing-test-"))

from config.settings import *  # noqa: E402,F403
from config.settings import DATABASES, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
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
SITE_URL = "http://testserver"
# WhiteNoise warns about a missing STATIC_ROOT on every request otherwise.
STATIC_ROOT = os.path.join(os.environ["DATA_DIR"], "static")
os.makedirs(STATIC_ROOT, exist_ok=True)
