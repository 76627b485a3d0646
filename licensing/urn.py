"""Licence numbers (URNs): four letters from the business name and four digits, e.g. EARL0002."""

import re

from registry.models import normalise_name

SKIPPED_WORDS = {"the", "a", "an"}


def urn_prefix(business_name: str) -> str:
    words = [w for w in normalise_name(business_name).split() if w not in SKIPPED_WORDS]
    letters = re.sub(r"[^a-z]", "", "".join(words) or normalise_name(business_name))
    return (letters.upper() + "XXXX")[:4]


def next_urn(business_name: str) -> str:
    """The next free number for the name's prefix. Callers retry on a unique-key clash."""
    from licensing.models import Licence

    prefix = urn_prefix(business_name)
    last = (
        Licence.objects.filter(urn__startswith=prefix)
        .order_by("-urn")
        .values_list("urn", flat=True)
        .first()
    )
    number = int(last[4:]) + 1 if last and last[4:].isdigit() else 1
    if number > 9999:
        raise ValueError(f"No licence numbers left for prefix {prefix}")
    return f"{prefix}{number:04d}"
