"""Small pieces the licensing models (and the apps built on them) share."""

import secrets

from django.core.files.storage import storages
from django.utils import timezone

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def refusal_message(message):
    """Attach the message shown to a user when this transition condition is not met."""

    def decorate(condition):
        condition.refusal_message = message
        return condition

    return decorate


def random_code(length: int) -> str:
    """A random code in Crockford's base32: no I, L, O or U to misread."""
    return "".join(secrets.choice(CROCKFORD) for _ in range(length))


def private_upload_path(instance, filename):
    # A random name: the original is kept in the database, never in the path.
    return f"documents/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}"


def private_storage():
    # Looked up when a file is stored, not when the model is defined, so that tests and
    # deployments can swap the private storage in settings.
    return storages["private"]
