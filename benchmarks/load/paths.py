"""Write the URL lists that load.sh hands to wrk: random licence numbers and typo'd names
drawn from the database that DATABASE_URL names."""

import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from licensing.models import Licence  # noqa: E402
from registry.models import LabourProvider  # noqa: E402

SAMPLE = 5000
REPEATED = 50


def typo(name: str, rng: random.Random) -> str:
    """One slip of the keyboard in the name's longest word: a letter dropped or doubled, or
    two letters swapped."""
    words = name.split()
    index = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[index]
    at = rng.randrange(1, max(2, len(word) - 1))
    slip = rng.choice(["drop", "double", "swap"])
    if slip == "drop":
        word = word[:at] + word[at + 1 :]
    elif slip == "double":
        word = word[:at] + word[at] + word[at:]
    elif at + 1 < len(word):
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[index] = word
    return " ".join(words[:3])


def main(out: Path) -> None:
    rng = random.Random(15)
    urns = list(
        Licence.objects.exclude(urn="").order_by("?").values_list("urn", flat=True)[:SAMPLE]
    )
    names = list(LabourProvider.objects.order_by("?").values_list("legal_name", flat=True)[:SAMPLE])
    typos = [typo(name, rng) for name in names]
    files = {
        "healthz": ["/healthz"],
        "licence_first": [f"/register/{urn}/" for urn in urns],
        "licence_repeat": [f"/register/{urn}/" for urn in urns[:REPEATED]],
        "api_licence": [f"/api/v1/licences/{urn}" for urn in urns],
        "api_licence_repeat": [f"/api/v1/licences/{urn}" for urn in urns[:REPEATED]],
        "search_page": [f"/register/?{urlencode({'q': q})}" for q in typos],
        "search_api": [f"/api/v1/search?{urlencode({'q': q})}" for q in typos],
        "openapi": ["/api/v1/openapi.json"],
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, lines in files.items():
        (out / f"{name}.txt").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
