"""The OpenAPI schema describes every endpoint, and no input makes the API answer 500."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.factories import issue_key, licensed

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_the_schema_is_openapi_3_and_describes_every_path(anonymous):
    schema = anonymous.get("/api/v1/openapi.json").json()

    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1"
    expected = {
        "/api/v1/licences/{urn}",
        "/api/v1/search",
        "/api/v1/verify/{code}",
        "/api/v1/changes",
        "/api/v1/refused-and-revoked",
        "/api/v1/bulk-check",
        "/api/v1/receipts/{code}",
        "/api/v1/exclusions",
    }
    assert set(schema["paths"]) == expected
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["summary"], (path, method)
            assert operation["description"], (path, method)
            assert "200" in operation["responses"], (path, method)
            for response in operation["responses"].values():
                assert response["description"]
    refs = json.dumps(schema).count('"$ref"')
    assert refs and all(
        ref.split("/")[-1] in schema["components"]["schemas"] for ref in _refs(schema)
    )
    assert "Keeping a mirror in step" in schema["info"]["description"]


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_an_unknown_api_path_gets_a_json_404_even_with_a_newline_in_it(anonymous):
    for path in ["/api/v1/verify/%2F%0A", "/api/v1/nothing-here/%0A", "/api/v1/licences/"]:
        response = anonymous.get(path)

        assert response.status_code == 404, path
        assert response.json()["detail"].startswith("Not found"), path


def test_a_certificate_code_with_a_nul_byte_is_simply_not_found(anonymous):
    response = anonymous.get("/api/v1/verify/00000000000%00")

    assert response.status_code == 404
    assert response.json()["detail"]
    assert anonymous.get("/verify/00000000000%00/").status_code == 404


@pytest.mark.parametrize("param", ["q", "sector", "status", "country", "location", "cursor"])
def test_a_nul_byte_in_a_search_parameter_is_a_clear_4xx(anonymous, param):
    response = anonymous.get("/api/v1/search", {param: "ab\x00c"})

    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    page = anonymous.get("/register/", {param: "ab\x00c"})
    assert page.status_code == 200  # the form says what is wrong


def test_the_docs_page_is_served(anonymous):
    assert anonymous.get("/api/v1/docs").status_code == 200


texts = st.text(max_size=60)
params = st.one_of(texts, st.integers(-(10**12), 10**12).map(str), st.just(""))


@pytest.fixture
def keyed_client(db):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    _key, raw_key = issue_key(limit_per_minute=100_000)
    return Client(HTTP_X_API_KEY=raw_key)


def assert_no_500(response):
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert response.json()["detail"]


@HYPOTHESIS
@given(urn=texts, code=texts, headers=st.sampled_from(["", '"x"', "*", "garbage"]))
def test_fuzz_path_endpoints(keyed_client, urn, code, headers):
    from urllib.parse import quote

    assert_no_500(
        keyed_client.get(f"/api/v1/licences/{quote(urn, safe='')}", HTTP_IF_NONE_MATCH=headers)
    )
    assert_no_500(keyed_client.get(f"/api/v1/verify/{quote(code, safe='')}"))


@HYPOTHESIS
@given(
    q=params,
    sector=params,
    status=params,
    country=params,
    cursor=params,
    limit=params,
    location=params,
)
def test_fuzz_search(keyed_client, q, sector, status, country, cursor, limit, location):
    query = {
        "q": q,
        "sector": sector,
        "status": status,
        "country": country,
        "cursor": cursor,
        "limit": limit,
        "location": location,
    }
    assert_no_500(keyed_client.get("/api/v1/search", query))


@HYPOTHESIS
@given(since=params, limit=params, cursor=params)
def test_fuzz_changes_and_refused_and_revoked(keyed_client, since, limit, cursor):
    assert_no_500(keyed_client.get("/api/v1/changes", {"since": since, "limit": limit}))
    assert_no_500(
        keyed_client.get("/api/v1/refused-and-revoked", {"cursor": cursor, "limit": limit})
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["name", "urn", "suppliers", "country", "x"]), children)
    ),
    max_leaves=12,
)


@HYPOTHESIS
@given(body=json_values, fmt=st.sampled_from(["json", "csv", "pdf", "xml", ""]))
def test_fuzz_bulk_check_json(keyed_client, body, fmt):
    response = keyed_client.post(
        f"/api/v1/bulk-check?format={fmt}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code < 500, response.content[:300]


@HYPOTHESIS
@given(content=st.binary(max_size=300) | texts.map(lambda t: ("name,urn\n" + t).encode()))
def test_fuzz_bulk_check_csv(keyed_client, content):
    response = keyed_client.post("/api/v1/bulk-check", content, content_type="text/csv")
    assert_no_500(response) if response.status_code >= 400 else None
    assert response.status_code < 500
