"""The whole site's permission matrix: what every persona gets from every URL pattern.

One row per URL pattern and method. Columns: the URL's name (``namespace:name``, or the route
for the few unnamed patterns and for the admins, of which only the root and sign-in are
tested), the kind of record its arguments name (see world.py: every record belongs to agency
A), the method, then one outcome per persona in the order of PERSONAS:

    ok         2xx, or a redirect to anything but a sign-in page
    login      a redirect to a sign-in page
    denied     403
    missing    404 (for agency B: agency A's records do not exist)
    invalid    400 or 422 (an empty form or body refused)
    notallowed 405
    throttled  429

A URL without a POST row must not accept POST: each persona gets 405 or what it gets on GET
when that is login, denied or missing. A 500 is never expected.

A new URL pattern fails tests/permissions/test_matrix.py until it has its rows; the failure
prints the rows observed, ready to paste here after checking them.
"""

PERSONAS = (
    "anonymous",
    "applicant_a",
    "applicant_b",
    "licensing_officer",
    "inspector",
    "decision_maker",
    "editor",
    "administrator",
)
OUTCOMES = {"ok", "login", "denied", "missing", "invalid", "notallowed", "throttled"}

# url                                   args        method  anon    agency A  agency B  officer
#                                                           inspector  decider  editor  admin
TABLE = """
"""


def parse(table: str = TABLE) -> dict[tuple[str, str], dict]:
    """{(url, method): {"args": kind, "expected": {persona: outcome}}}."""
    rows = {}
    for number, line in enumerate(table.splitlines(), start=1):
        words = line.split("#")[0].split()
        if not words:
            continue
        if len(words) != 3 + len(PERSONAS):
            raise ValueError(f"matrix.py line {number}: expected {3 + len(PERSONAS)} words")
        url, args, method, *outcomes = words
        unknown = set(outcomes) - OUTCOMES
        if unknown or method not in ("GET", "POST"):
            raise ValueError(f"matrix.py line {number}: unknown {unknown or method}")
        if (url, method) in rows:
            raise ValueError(f"matrix.py line {number}: {url} {method} appears twice")
        rows[url, method] = {"args": args, "expected": dict(zip(PERSONAS, outcomes, strict=True))}
    return rows
