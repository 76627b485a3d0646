"""The whole site's permission matrix (issue 12): every URL pattern of the URLconf, requested
as every persona with GET and POST, against the table in matrix.py.

The narrower matrices (tests/office/test_permissions.py, tests/portal/test_isolation.py) also
check that nothing is written; this one checks that the table of outcomes holds everywhere.
"""

import re
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions import matrix

pytestmark = pytest.mark.django_db

# Third-party sites mounted whole: only their root and their sign-in are in the matrix.
TOP_LEVEL_ONLY = {
    "wagtail.admin.urls": ("wagtail-admin", "/admin/"),
    "admin": ("django-admin", "/django-admin/"),
    "wagtail.urls": ("wagtail-pages", "/"),
}
# Unnamed patterns: an example path each.
UNNAMED = {
    "django-admin/login/": "/django-admin/login/",
    "admin/login/": "/admin/login/",
    "^api/v1/": "/api/v1/no-such-endpoint",
}
# Served only with DEBUG on (development): not part of a deployed site.
DEVELOPMENT_ONLY = {"^media/(?P<path>.*)$"}
SIGN_IN_PATHS = (
    "/accounts/login/",
    "/office/sign-in/",
    "/portal/sign-in/",
    "/admin/login/",
    "/django-admin/login/",
)
# The record kind a new URL's parameters probably name, until its row says.
GUESSES = {"reference": "case", "urn": "licence", "token": "token", "code": "code"}


@dataclass(frozen=True)
class Entry:
    key: str
    params: tuple[str, ...] = ()
    path: str = ""


def _entries(resolver=None, prefix="", namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", pattern.namespace)
            if module in TOP_LEVEL_ONLY:
                key, path = TOP_LEVEL_ONLY[module]
                yield Entry(key, path=path)
                continue
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _entries(pattern, route, inner)
        elif isinstance(pattern, URLPattern) and route not in DEVELOPMENT_ONLY:
            if pattern.name:
                key = f"{namespace}:{pattern.name}" if namespace else pattern.name
                params = tuple(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))
                yield Entry(key, tuple(a or b for a, b in params))
            else:
                yield Entry(route, path=UNNAMED.get(route, "/" + route))


ENTRIES = {entry.key: entry for entry in _entries()}
ROWS = matrix.parse()


def outcome(response) -> str:
    status = response.status_code
    if 200 <= status < 300:
        return "ok"
    if 300 <= status < 400:
        return "login" if response["Location"].startswith(SIGN_IN_PATHS) else "ok"
    return {
        400: "invalid",
        422: "invalid",
        403: "denied",
        404: "missing",
        405: "notallowed",
        429: "throttled",
    }.get(status, str(status))


def request(user, method, url):
    """One request in a savepoint of its own, rolled back."""
    client = Client()
    with transaction.atomic():
        if user is not None:
            client.force_login(user)
        response = getattr(client, method.lower())(url)
        transaction.set_rollback(True)
    return response


def url_for(entry, kind, world):
    if entry.path:
        return entry.path
    return reverse(entry.key, args=world[kind])


def guessed_kind(entry, world):
    kinds = [GUESSES.get(name, "?") for name in entry.params]
    return kinds[0] if len(set(kinds)) == 1 and kinds[0] in world else "none" if not kinds else "?"


def test_every_url_pattern_has_a_row():
    missing = sorted(key for key in ENTRIES if (key, "GET") not in ROWS)
    assert not missing, (
        f"URL patterns without a row in tests/permissions/matrix.py: {', '.join(missing)}. "
        "Run `pytest tests/permissions -k '<name>'` to see the rows observed, check them and "
        "paste them into matrix.TABLE (GET, and POST if the view accepts POST)."
    )
    stale = sorted({key for key, _method in ROWS} - set(ENTRIES))
    assert not stale, f"rows in tests/permissions/matrix.py for no URL pattern: {stale}"


def _format(key, kind, method, observed):
    outcomes = " ".join(f"{observed[p]:<7}" for p in matrix.PERSONAS)
    return f"{key:<38} {kind:<12} {method:<4} {outcomes}".rstrip()


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_matrix_row(matrix_world, key):
    users, world = matrix_world
    entry = ENTRIES[key]
    row = ROWS.get((key, "GET"))
    kind = row["args"] if row else guessed_kind(entry, world)
    if kind not in world:
        pytest.fail(
            f"{key}: no row in tests/permissions/matrix.py and its parameters {entry.params} "
            f"name no known kind of record: add its rows with an args kind from world.py"
        )
    url = url_for(entry, kind, world)
    observed = {
        method: {persona: outcome(request(users[persona], method, url)) for persona in users}
        for method in ("GET", "POST")
    }
    lines = [_format(key, kind, "GET", observed["GET"])]
    post_row = ROWS.get((key, "POST"))
    accepts_post = any(
        result not in ("notallowed", observed["GET"][persona])
        or result == observed["GET"][persona] not in ("login", "denied", "missing")
        for persona, result in observed["POST"].items()
    )
    if post_row or accepts_post:
        lines.append(_format(key, kind, "POST", observed["POST"]))
    observed_rows = "\n".join(lines)
    assert row, f"{key} has no row in tests/permissions/matrix.py; observed:\n{observed_rows}"
    expected = {
        "GET": row["expected"],
        "POST": post_row["expected"] if post_row else None,
    }
    errors = []
    for method, results in observed.items():
        for persona, result in results.items():
            if expected[method] is not None:
                wanted = {expected[method][persona]}
            else:
                wanted = {"notallowed"} | (
                    {observed["GET"][persona]} & {"login", "denied", "missing"}
                )
            if result not in wanted:
                errors.append(f"{method} as {persona}: {result}, expected {' or '.join(wanted)}")
    assert not errors, f"{key} ({url}):\n" + "\n".join(errors) + f"\nobserved:\n{observed_rows}"


def test_matrix_size(capsys):
    size = len(ENTRIES) * len(matrix.PERSONAS) * 2
    with capsys.disabled():
        print(
            f"\npermission matrix: {len(ENTRIES)} URL patterns x {len(matrix.PERSONAS)} personas"
            f" x 2 methods = {size} requests ({len(ROWS)} rows)"
        )
    assert len(ENTRIES) > 100


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("office:workbench none GET ok ok", "expected 11 words"),
        ("office:workbench none GET ok ok ok ok ok ok ok fine", "unknown {'fine'}"),
        ("office:workbench none PUT ok ok ok ok ok ok ok ok", "unknown PUT"),
        ("x none GET " + "ok " * 8 + "\nx none GET " + "ok " * 8, "x GET appears twice"),
    ],
)
def test_a_malformed_row_is_refused_with_its_line(table, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        matrix.parse(table)
