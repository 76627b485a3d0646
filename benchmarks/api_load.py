"""Requests per second for GET /api/v1/licences/{urn} under gunicorn with 4 workers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/api_bench python benchmarks/api_load.py

Starts gunicorn (DEBUG=false) on a free port on 127.0.0.1, then a load generator in a
second process: a bounded pool of threads with keep-alive connections, for a fixed time,
asking for random licence numbers with an API key (so the rate limit does not apply).
Loopback only.
"""

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 4
THREADS = 16
SECONDS = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load(port: int, urns: list[str], key: str):
    """The load generator (runs in its own process)."""
    import http.client
    import threading

    deadline = time.perf_counter() + SECONDS
    latencies, statuses, lock = [], {}, threading.Lock()

    def worker(seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, codes = [], {}
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request(
                    "GET", f"/api/v1/licences/{rng.choice(urns)}", headers={"X-API-Key": key}
                )
                response = connection.getresponse()
                response.read()
                code = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                code = "error"
            mine.append(time.perf_counter() - started)
            codes[code] = codes.get(code, 0) + 1
        with lock:
            latencies.extend(mine)
            for code, n in codes.items():
                statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    print(
        json.dumps(
            {
                "requests": len(latencies),
                "seconds": round(elapsed, 1),
                "rps": round(len(latencies) / elapsed),
                "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
                "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1),
                "statuses": {str(k): v for k, v in statuses.items()},
            }
        )
    )


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from api_data import ensure_providers

    from api.models import ApiKey

    urns = [urn for _pk, _name, _number, urn in ensure_providers(100_000)]
    raw_key = ApiKey.new_raw_key()
    key = ApiKey(name="load test", organisation="benchmark", limit_per_minute=10**9)
    key.set_key(raw_key)
    key.save()
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _attempt in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        sample = random.Random(1).sample(urns, 5000)
        # Warm every worker (imports, database connections) before measuring.
        subprocess.run(
            [sys.executable, __file__, "--load", str(port), raw_key, "2"],
            input="\n".join(sample[:200]),
            text=True,
            capture_output=True,
            check=True,
        )
        result = subprocess.run(
            [sys.executable, __file__, "--load", str(port), raw_key, str(SECONDS)],
            input="\n".join(sample),
            text=True,
            capture_output=True,
            check=True,
        )
        figures = json.loads(result.stdout)
        print(
            f"GET /api/v1/licences/{{urn}}, gunicorn {WORKERS} workers, {THREADS} client "
            f"threads, {figures['seconds']} s: {figures['rps']} requests/s, "
            f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
            f"statuses {figures['statuses']}"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        key.delete()


if __name__ == "__main__":
    if "--load" in sys.argv:
        _flag, port, key, seconds = sys.argv[1:5]
        SECONDS = float(seconds)
        load(int(port), sys.stdin.read().split(), key)
    else:
        main()
