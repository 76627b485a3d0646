"""Public pages served from a real streaming replica (PostgreSQL only; `.ci/replica` starts
one on TEST_REPLICA_PORT): the licence page reads only the replica, and a status change made
on the primary shows there once replicated."""

import os
import time

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from licensing import services
from licensing.models import Licence
from tests.public_site.factories import licensed_provider, staff

PORT = os.environ.get("TEST_REPLICA_PORT")
pytestmark = [
    pytest.mark.skipif(
        not PORT or connection.vendor != "postgresql",
        reason="needs PostgreSQL and a streaming replica on TEST_REPLICA_PORT",
    ),
    pytest.mark.django_db(transaction=True),
]
MIDDLEWARE = [
    *settings.MIDDLEWARE[:3],
    "core.dbrouter.ReplicaReadsMiddleware",
    *settings.MIDDLEWARE[3:],
]


@pytest.fixture
def replica(transactional_db):
    """The `replica` alias, pointing at the test database on the replica server (added after
    the test database is set up, and removed before it is torn down)."""
    connections.settings["replica"] = {
        **connections["default"].settings_dict,
        "PORT": PORT,
        "CONN_MAX_AGE": None,
        "CONN_HEALTH_CHECKS": False,
    }
    # Connected here: the test case lets a test use only the databases it was set up with,
    # and the replica is not one of them (the test database reaches it by replication).
    connections["replica"].connect()
    try:
        with override_settings(
            DATABASE_ROUTERS=["core.dbrouter.ReplicaRouter"], MIDDLEWARE=MIDDLEWARE
        ):
            yield connections["replica"]
    finally:
        connections["replica"].close()
        del connections["replica"]
        del connections.settings["replica"]


def replicated(replica, urn: str, state: str) -> None:
    """Wait until the replica has replayed the licence in `state`."""
    for _ in range(100):
        with replica.cursor() as cursor:
            cursor.execute("SELECT state FROM licensing_licence WHERE urn = %s", [urn])
            row = cursor.fetchone()
        if row and row[0] == state:
            return
        time.sleep(0.1)
    pytest.fail(f"{urn} not {state} on the replica after 10 s")


def test_public_pages_are_read_from_the_replica_and_show_changes_once_replicated(replica):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001", actor=actor)
    replicated(replica, "ANGL0001", Licence.State.ACTIVE)

    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        page = Client().get("/register/ANGL0001/")
    assert page.status_code == 200
    assert "Anglia Crew Ltd" in page.content.decode()
    assert any("licensing_licence" in q["sql"] for q in on_replica.captured_queries)
    assert not any("licensing_licence" in q["sql"] for q in on_primary.captured_queries)

    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")
    replicated(replica, "ANGL0001", Licence.State.SUSPENDED)

    assert "Suspended" in Client().get("/register/ANGL0001/").content.decode()
