"""The open-data files PostgreSQL writes with COPY are the bytes the Python path writes."""

import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from api import exports, opendata, opendata_sql
from licensing.models import LicenceCondition
from registry.models import ProviderRole
from tests.api.factories import licensed
from tests.factories import (
    LicenceConditionFactory,
    PersonFactory,
    ProviderRoleFactory,
    SectorFactory,
)
from tests.public_site.factories import pending_provider, refused_provider

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
    pytest.mark.django_db,
]


@pytest.fixture(autouse=True)
def register():
    today = timezone.localdate()
    tricky = licensed(
        '=Quoted, "Comma" Ltd',
        urn="QUOT0001",
        trading_names=["Fen Pickers", "-Minus", "Ünïcode Crew"],
    )
    tricky.provider.recruits_from = ["PL", "RO"]
    tricky.provider.supplies_to = ["GB"]
    tricky.provider.save()
    tricky.provider.sectors.add(SectorFactory(code="shellfish", name="Shellfish gathering"))
    ProviderRoleFactory(provider=tricky.provider, person=PersonFactory(full_name="Petra Pa"))
    ProviderRoleFactory(
        provider=tricky.provider,
        person=PersonFactory(full_name="Old Pa"),
        started_on=today - timedelta(days=900),
        ended_on=today - timedelta(days=10),
    )
    for name, authorised, days in [("Abe Rep", True, 50), ("Zed Rep", True, 90), ("No", False, 9)]:
        ProviderRoleFactory(
            provider=tricky.provider,
            person=PersonFactory(full_name=name),
            role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
            authorised_by_regulator=authorised,
            started_on=today - timedelta(days=days),
        )
    LicenceConditionFactory(licence=tricky, text="Line one\nline two", standard_code="")
    LicenceConditionFactory(licence=tricky, due_date=today + timedelta(days=5))
    LicenceConditionFactory(licence=tricky, state=LicenceCondition.State.MET)
    licensed("Baltic Crew Recruitment Ltd", urn="BALT0001", country="LT")
    refused_provider(legal_name="Rogue Gang Ltd")
    pending_provider(legal_name="+Newcomer Staff Ltd")


def python_file(stream) -> bytes:
    return "".join(stream()).encode()


def sql_file(write) -> bytes:
    out = io.BytesIO()
    write(out, "default")
    return out.getvalue()


def test_the_csv_is_byte_for_byte_the_python_one():
    assert sql_file(opendata_sql.write_csv) == python_file(opendata.csv_stream)


def test_the_json_is_byte_for_byte_the_python_one_after_its_header():
    from_sql = sql_file(opendata_sql.write_json).decode()
    from_python = python_file(opendata.json_stream).decode()

    # The headers differ only in the moment they were generated.
    assert from_sql.split("\n", 1)[1] == from_python.split("\n", 1)[1]
    providers = json.loads(from_sql)["providers"]
    assert [p["urn"] for p in providers] == ["QUOT0001", "BALT0001", None, None]
    assert providers[0]["alternative_business_representatives"] == ["Zed Rep", "Abe Rep"]


def test_the_build_uses_copy_on_postgresql(django_assert_max_num_queries):
    # The Python path reads a chunk at a time, with queries per related table per chunk.
    with django_assert_max_num_queries(0):
        exports.build("csv")
