"""The development mailbox: the emails the file-based backend wrote to EMAIL_FILE_PATH, listed
newest first and readable in the browser. Only while DEBUG is on, and only for staff or on a
developer's own machine: in production there is no such page (404)."""

import email
import email.policy
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

# The file-based backend writes each message followed by a line of 79 dashes.
SEPARATOR = "\n" + "-" * 79 + "\n"
SHOWN = 200


@dataclass
class Mail:
    id: str
    subject: str
    to: str
    sent: str
    body: str


def _allowed(request) -> bool:
    return settings.DEBUG and (
        request.user.is_staff or request.META.get("REMOTE_ADDR") in ("127.0.0.1", "::1")
    )


def _mails() -> list[Mail]:
    folder = Path(settings.EMAIL_FILE_PATH)
    if not folder.is_dir():
        return []
    mails = []
    for path in sorted(folder.glob("*.log"), reverse=True)[:SHOWN]:
        chunks = path.read_text(encoding="utf-8", errors="replace").split(SEPARATOR)
        for n, chunk in enumerate(c for c in chunks if c.strip()):
            message = email.message_from_string(chunk.strip("\n"), policy=email.policy.default)
            part = message.get_body(preferencelist=("plain", "html"))
            mails.append(
                Mail(
                    id=f"{path.stem}-{n}",
                    subject=str(message.get("Subject", "")),
                    to=str(message.get("To", "")),
                    sent=str(message.get("Date", "")),
                    body=part.get_content() if part is not None else "",
                )
            )
    return mails


def mailbox(request, mail_id=None):
    if not _allowed(request):
        raise Http404
    mails = _mails()
    shown = None
    if mail_id is not None:
        shown = next((m for m in mails if m.id == mail_id), None)
        if shown is None:
            raise Http404
    return render(
        request,
        "dev/mailbox.html",
        {"mails": mails, "shown": shown, "folder": settings.EMAIL_FILE_PATH},
    )
