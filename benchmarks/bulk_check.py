"""Bulk check of 10,000 supplier names (a fifth with typos) against 100,000 providers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/api_bench python benchmarks/bulk_check.py

End to end through the API (JSON in, JSON out, full Django stack in-process), first on a
cold process (the name index is built) and then warm; side by side with looking the same
names up one by one through the search endpoint (timed on a sample and extrapolated).
"""

import random
import time

from api_data import ensure_providers  # sets up Django
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from api.models import ApiKey  # noqa: E402

PROVIDERS = 100_000
SUPPLIERS = 10_000
ONE_BY_ONE_SAMPLE = 100


def typo(rng: random.Random, name: str) -> str:
    """One slip of the keyboard: a letter dropped, doubled, swapped or replaced."""
    i = rng.randrange(1, len(name) - 2)
    kind = rng.choice(["drop", "double", "swap", "replace"])
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + name[i + 1 :]


def main():
    print(f"database: {connection.vendor}")
    rows = ensure_providers(PROVIDERS)
    rng = random.Random(6)
    sample = rng.sample(rows, SUPPLIERS)
    suppliers, expected = [], []
    for n, (pk, name, _number, _urn) in enumerate(sample):
        suppliers.append({"name": typo(rng, name) if n % 5 == 0 else name})
        expected.append(pk)
    raw_key = ApiKey.new_raw_key()
    key = ApiKey(name="benchmark", organisation="benchmark", limit_per_minute=10**9)
    key.set_key(raw_key)
    key.save()
    client = Client(HTTP_X_API_KEY=raw_key)
    try:
        timings = []
        for label in ("cold (builds the name index)", "warm"):
            started = time.perf_counter()
            response = client.post(
                "/api/v1/bulk-check", {"suppliers": suppliers}, content_type="application/json"
            )
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.content[:300]
            timings.append(elapsed)
            print(f"bulk check, {SUPPLIERS:,} names, {label}: {elapsed:.2f} s")
        results = response.json()["results"]
        holders = {pk: name for pk, name, _n, _u in sample}
        correct = sum(
            1
            for result, pk in zip(results, expected, strict=True)
            if result["match"] and result["match"]["holder_name"] == holders[pk]
        )
        typos_correct = sum(
            1
            for n, (result, pk) in enumerate(zip(results, expected, strict=True))
            if n % 5 == 0 and result["match"] and result["match"]["holder_name"] == holders[pk]
        )
        outcomes = {}
        for result in results:
            outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
        print(f"  best match is the right provider: {correct:,} of {SUPPLIERS:,}")
        print(f"  of which typo'd names: {typos_correct:,} of {SUPPLIERS // 5:,}")
        print(f"  outcomes: {outcomes}")

        started = time.perf_counter()
        found = 0
        for supplier, pk in list(zip(suppliers, expected, strict=True))[:ONE_BY_ONE_SAMPLE]:
            response = client.get("/api/v1/search", {"q": supplier["name"], "limit": 5})
            assert response.status_code == 200, response.content[:300]
            names = [r["holder_name"] for r in response.json()["results"]]
            found += holders[pk] in names
        per_name = (time.perf_counter() - started) / ONE_BY_ONE_SAMPLE
        print(
            f"one by one through /api/v1/search: {per_name * 1000:.0f} ms a name "
            f"(sample of {ONE_BY_ONE_SAMPLE}); {SUPPLIERS:,} names ≈ "
            f"{per_name * SUPPLIERS:.0f} s; right provider in the top 5: "
            f"{found} of {ONE_BY_ONE_SAMPLE}"
        )
        print(f"bulk check (warm) is {per_name * SUPPLIERS / timings[1]:.0f}× faster")
    finally:
        key.delete()


if __name__ == "__main__":
    main()
