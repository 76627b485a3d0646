import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from tests.api.factories import licensed
from tests.factories import PersonFactory, ProviderRoleFactory
from tests.public_site.factories import pending_provider, refused_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def register():
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001", trading_names=["Fen Pickers"])
    ProviderRoleFactory(
        provider=licence.provider,
        person=PersonFactory(full_name="Petra Principal", email="petra@private.example"),
    )
    licensed("Baltic Crew Recruitment Ltd", urn="BALT0001")


def body(response):
    return b"".join(response.streaming_content).decode()


def test_the_page_has_the_links_the_dictionary_and_the_reuse_licence(anonymous):
    response = anonymous.get("/open-data/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/open-data/register.csv" in html and "/open-data/register.json" in html
    assert "Open Government Licence v3.0" in html
    assert "conditions_in_force" in html


def test_the_csv_is_streamed_with_public_fields_only(anonymous):
    response = anonymous.get("/open-data/register.csv")

    assert isinstance(response, StreamingHttpResponse)
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert [row["urn"] for row in rows] == ["ANGL0001", "BALT0001"]
    assert rows[0]["trading_names"] == "Fen Pickers"
    assert rows[0]["principal_authority"] == "Petra Principal"
    assert "petra@private.example" not in body(anonymous.get("/open-data/register.csv"))


def test_the_json_is_a_valid_document(anonymous):
    response = anonymous.get("/open-data/register.json")

    data = json.loads(body(response))
    assert data["licence"] == "Open Government Licence v3.0"
    assert [p["urn"] for p in data["providers"]] == ["ANGL0001", "BALT0001"]
    assert "email" not in data["providers"][0]


def test_providers_refused_or_pending_follow_the_licences(anonymous):
    refused = refused_provider(legal_name="Rogue Gang Ltd")
    pending_provider(legal_name="Newcomer Staff Ltd")

    text = body(anonymous.get("/open-data/register.csv")).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))

    assert [(row["holder_name"], row["status"], row["urn"]) for row in rows[2:]] == [
        ("Rogue Gang Ltd", "refused", ""),
        ("Newcomer Staff Ltd", "pending", ""),
    ]
    decided_on = refused.adverse_decisions.get().decided_on
    assert rows[2]["refused_on"] == decided_on.isoformat()


def test_the_files_are_served_as_built_until_the_register_changes(
    anonymous, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from licensing import services
    from licensing.models import Licence
    from tests.public_site.factories import staff

    first = body(anonymous.get("/open-data/register.csv"))
    with django_assert_num_queries(0):
        again = body(anonymous.get("/open-data/register.csv"))
    assert again == first

    # The suspension commits; the task it queues rebuilds both files at once.
    with django_capture_on_commit_callbacks(execute=True):
        services.licence_suspend(
            licence=Licence.objects.get(urn="ANGL0001"), actor=staff(), reason="Investigation"
        )

    with django_assert_num_queries(0):
        rows = list(csv.DictReader(io.StringIO(body(anonymous.get("/open-data/register.csv")))))
        document = json.loads(body(anonymous.get("/open-data/register.json")))
    assert [row["status"] for row in rows] == ["suspended", "active"]
    assert [p["status"] for p in document["providers"]] == ["suspended", "active"]
