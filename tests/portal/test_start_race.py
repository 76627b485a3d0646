"""Three concurrent "start" requests from one account make one organisation (issue 12)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from portal.services import accounts
from registry.models import LabourProvider, OrganisationMember
from tests.factories import UserFactory


@pytest.mark.django_db
def test_a_second_organisation_is_refused_by_the_constraint_with_a_clear_message(monkeypatch):
    user = UserFactory(username="pa@start.example", email="pa@start.example")
    accounts.organisation_create(actor=user, legal_name="First Crew Ltd")
    # As if the membership check ran before the other request committed.
    monkeypatch.setattr(accounts.registry_selectors, "membership", lambda *args, **kw: None)

    with pytest.raises(accounts.ServiceError, match="already belongs to an organisation"):
        accounts.organisation_create(actor=user, legal_name="Second Crew Ltd")

    assert list(LabourProvider.objects.values_list("legal_name", flat=True)) == ["First Crew Ltd"]


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_three_concurrent_starts_make_one_organisation():
    user = UserFactory(username="pa@race.example", email="pa@race.example")
    barrier = threading.Barrier(3, timeout=20)
    statuses = []

    def post():
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            response = client.post("/portal/start/", {"legal_name": "Race Crew Ltd"})
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses)[-1] < 500, statuses
    assert LabourProvider.objects.filter(legal_name="Race Crew Ltd").count() == 1
    assert OrganisationMember.objects.filter(user=user).count() == 1
