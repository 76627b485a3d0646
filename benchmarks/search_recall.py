"""Recall of the register's typo search: how often a provider is among the first page of
results when its name is searched with one slip of the keyboard (the same typos as
benchmarks/load.sh), and the median time per search.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_scale_bench \\
        .venv/bin/python benchmarks/search_recall.py [N]

Run it before and after a change to the search: the recall must not drop.
"""

import random
import statistics
import sys
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "load"))

from paths import typo  # noqa: E402  (sets Django up)

from public_register.search import search_register  # noqa: E402
from registry.models import LabourProvider  # noqa: E402

FIRST_PAGE = 20


def main(count: int) -> None:
    rng = random.Random(15)
    providers = list(LabourProvider.objects.order_by("?").values_list("pk", "legal_name")[:count])
    found, timings = 0, []
    for pk, name in providers:
        started = time.perf_counter()
        results = list(islice(iter(search_register(q=typo(name, rng))), FIRST_PAGE))
        timings.append((time.perf_counter() - started) * 1000)
        found += any(getattr(row, "provider_id", None) == pk for row in results)
    print(f"typo searches: {len(providers)}")
    print(f"recall (provider on the first page of {FIRST_PAGE}): {found / len(providers):.1%}")
    print(f"median {statistics.median(timings):.0f} ms per search")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
