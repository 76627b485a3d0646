"""Development set-up: the site's address follows PORT, and sent emails can be read."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import get_connection

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({"SITE_URL": settings.SITE_URL, "EMAIL_BACKEND": settings.EMAIL_BACKEND,
                  "EMAIL_FILE_PATH": str(settings.EMAIL_FILE_PATH)}))
"""


def development_settings(**environment) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **environment,
        },
        cwd=Path(__file__).resolve().parent.parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_site_url_follows_port_in_development(tmp_path):
    found = development_settings(DATA_DIR=str(tmp_path), PORT="8123")
    assert found["SITE_URL"] == "http://localhost:8123"
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert found["EMAIL_FILE_PATH"] == str(tmp_path / "mail")
    chosen = development_settings(DATA_DIR=str(tmp_path), PORT="8123", SITE_URL="https://x.test/")
    assert chosen["SITE_URL"] == "https://x.test"


@pytest.fixture
def mail_folder(settings, tmp_path):
    settings.DEBUG = True
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    connection = get_connection(
        "django.core.mail.backends.filebased.EmailBackend", file_path=str(tmp_path / "mail")
    )
    mail.EmailMessage(
        "Confirm your email address",
        "Open http://localhost:8123/accounts/confirm-email/abc/ to confirm.",
        "licensing@regulator.example",
        ["pa@anglia.example"],
        connection=connection,
    ).send()
    return tmp_path / "mail"


@pytest.mark.django_db
def test_the_development_mailbox_lists_and_shows_sent_emails(mail_folder, client, staff_user):
    client.force_login(staff_user)
    listing = client.get("/dev/mailbox/").content.decode()
    assert "Confirm your email address" in listing and "pa@anglia.example" in listing
    link = listing.split('href="/dev/mailbox/')[1].split('"')[0]
    shown = client.get(f"/dev/mailbox/{link}").content.decode()
    assert "http://localhost:8123/accounts/confirm-email/abc/" in shown


@pytest.mark.django_db
def test_there_is_no_mailbox_outside_development(mail_folder, settings, client, staff_user):
    settings.DEBUG = False
    client.force_login(staff_user)
    assert client.get("/dev/mailbox/").status_code == 404


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user("devstaff", is_staff=True)
