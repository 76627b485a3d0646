"""`/api/v1/` itself says where the documentation and the schema are; the schema's own
description is complete."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_the_api_root_links_to_the_docs_and_the_schema(anonymous):
    response = anonymous.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    links = response.json()
    assert links["docs"] == "http://testserver/api/v1/docs"
    assert links["openapi"] == "http://testserver/api/v1/openapi.json"
    assert anonymous.get(links["openapi"]).status_code == 200
    assert anonymous.get(links["docs"]).status_code == 200


def test_the_openapi_description_is_filled_in(anonymous):
    description = anonymous.get("/api/v1/openapi.json").json()["info"]["description"]
    assert "%(" not in description
    limit = settings.API_ANONYMOUS_REQUESTS_PER_MINUTE
    assert f"each address may make {limit} requests a minute" in description
