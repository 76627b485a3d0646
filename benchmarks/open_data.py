"""Open-data files (CSV and JSON): build time and peak memory at 10,000 and 100,000 providers.

    python benchmarks/open_data.py   # uses api_bench_10k and api_bench on 127.0.0.1
    python benchmarks/open_data.py --database wt_scale_bench   # an existing seeded database

Each size runs in its own database and process. On PostgreSQL the files are written by COPY
(api/opendata_sql.py); the time is that of ``exports.build`` (query, file, storage). Peak
memory is measured with tracemalloc in a second pass (Python allocations while the file is
written), so it shows whether memory grows with the register's size.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(10_000, "api_bench_10k"), (100_000, "api_bench")]


def measure():
    import resource
    import tempfile
    import time
    import tracemalloc

    from api_data import ensure_providers

    count = int(os.environ["BENCH_PROVIDERS"])
    if count:
        ensure_providers(count)
    from django.db import connection

    from api import exports, opendata_sql
    from licensing.models import Licence

    count = Licence.objects.count()
    path = "COPY" if opendata_sql.supported("default") else "Python"
    for kind in ("csv", "json"):
        started = time.perf_counter()
        exports.build(kind)
        elapsed = time.perf_counter() - started
        # The peak of Python's own allocations while the file is written (a second pass).
        with tempfile.TemporaryFile() as out:
            tracemalloc.start()
            if path == "COPY":
                exports.SQL_WRITERS[kind](out, "default")
            else:
                for piece in exports.FORMATS[kind][1]():
                    out.write(piece.encode())
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            size = out.tell()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
        print(
            f"{count:>7,} licences, {kind.upper():4} via {path} on {connection.vendor}: "
            f"built in {elapsed:.2f} s, {size / 1e6:.1f} MB; peak Python memory while writing "
            f"{peak / 1e6:.2f} MB, process peak RSS {rss:.0f} MB",
            flush=True,
        )


def main():
    if "--database" in sys.argv:
        # An existing, seeded database (e.g. the 100k-provider one seed_demo made).
        database = sys.argv[sys.argv.index("--database") + 1]
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "BENCH_PROVIDERS": "0",
        }
        subprocess.run([sys.executable, __file__, "--measure"], cwd=ROOT, env=env, check=True)
        return
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
