"""Open-data CSV export: time and peak memory at 10,000 and 100,000 providers.

    python benchmarks/open_data.py   # uses api_bench_10k and api_bench on 127.0.0.1

Each size runs in its own database and process. Peak memory is measured with tracemalloc
(Python allocations while the stream is consumed), so it shows whether memory grows with
the register's size; the time is measured in a separate pass without tracemalloc.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(10_000, "api_bench_10k"), (100_000, "api_bench")]


def measure():
    import time
    import tracemalloc

    from api_data import ensure_providers

    count = int(os.environ["BENCH_PROVIDERS"])
    ensure_providers(count)
    from api import opendata

    started = time.perf_counter()
    size = rows = 0
    for chunk in opendata.csv_stream():
        size += len(chunk)
        rows += 1
    elapsed = time.perf_counter() - started

    tracemalloc.start()
    for _chunk in opendata.csv_stream():
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{count:>7,} providers: {rows - 1:,} rows, {size / 1e6:.1f} MB of CSV in "
        f"{elapsed:.1f} s ({(rows - 1) / elapsed:,.0f} rows/s); peak Python memory while "
        f"streaming {peak / 1e6:.1f} MB",
        flush=True,
    )


def main():
    for count, database in SIZES:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {database}"],
            capture_output=True,
        )
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "BENCH_PROVIDERS": str(count),
        }
        python = sys.executable
        subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([python, __file__, "--measure"], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    if "--measure" in sys.argv:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        measure()
    else:
        main()
