"""The test settings do not follow an exported production environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "production-secret-that-tests-must-not-use-0123456789abcdef",
    "ALLOWED_HOSTS": "licensing.regulator.example",
    "CSRF_TRUSTED_ORIGINS": "https://licensing.regulator.example",
    "SITE_URL": "https://licensing.regulator.example",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "TRUSTED_PROXIES": "10.0.0.0/8",
    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "API_ANONYMOUS_REQUESTS_PER_MINUTE": "1",
    "UPLOAD_MAX_BYTES": "10",
    "TIME_ZONE": "UTC",
}

PROBE = """
import json
import django
from django.conf import settings
django.setup()
names = [
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "TRUSTED_PROXIES",
    "API_ANONYMOUS_REQUESTS_PER_MINUTE", "UPLOAD_MAX_BYTES", "TIME_ZONE", "EMAIL_BACKEND",
]
values = {name: getattr(settings, name) for name in names}
values["CACHE"] = settings.CACHES["default"]["BACKEND"]
values["TASKS"] = settings.TASKS["default"]["BACKEND"]
values["STATICFILES"] = settings.STORAGES["staticfiles"]["BACKEND"]
print(json.dumps(values))
"""


def settings_under(environment: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**environment, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_an_exported_production_environment_does_not_change_the_test_settings(tmp_path):
    base = {"PATH": os.environ.get("PATH", ""), "DATA_DIR": str(tmp_path)}
    quiet = settings_under(base)
    production = settings_under({**base, **PRODUCTION})

    assert production == quiet
    assert production["DEBUG"] is True
    assert production["SECURE_SSL_REDIRECT"] is False
    assert production["SESSION_COOKIE_SECURE"] is False
    assert production["CSRF_COOKIE_SECURE"] is False
    assert "testserver" in production["ALLOWED_HOSTS"]
    assert production["SITE_URL"] == "http://testserver"
    assert production["TRUSTED_PROXIES"] == ["127.0.0.1", "::1"]
    assert production["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"
    assert production["TASKS"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert production["EMAIL_BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"
    assert production["SECRET_KEY"] != PRODUCTION["SECRET_KEY"]
