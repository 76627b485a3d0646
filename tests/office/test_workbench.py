"""The workbench queues and the provider pages."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from licensing import services
from licensing.models import Application, LicensingPolicy
from tests.factories import (
    ApplicationFactory,
    LabourProviderFactory,
    LicenceConditionFactory,
    LicenceFactory,
    ProviderRoleFactory,
)

pytestmark = pytest.mark.django_db


def submit(provider, applicant=None, **kwargs):
    from tests.factories import OrganisationMemberFactory

    application = ApplicationFactory(provider=provider, **kwargs)
    member = applicant or OrganisationMemberFactory(provider=provider).user
    return services.application_submit(application=application, actor=member)


@pytest.fixture
def cases(agency_a, agency_b, applicant_a, applicant_b, licensing_officer):
    first = submit(agency_a, applicant_a)
    second = submit(agency_b, applicant_b)
    services.application_assign(
        application=second, actor=licensing_officer, assignee=licensing_officer
    )
    second.refresh_from_db()
    return first, second


def rows(response):
    return response.content.decode()


def test_the_workbench_lists_open_cases_with_counts(client_for, licensing_officer, cases):
    first, second = cases
    response = client_for(licensing_officer).get(reverse("office:workbench"))
    page = rows(response)
    assert first.reference in page and second.reference in page
    assert 'Submitted <span class="count">(2)</span>' in page
    assert 'All open cases <span class="count">(2)</span>' in page


def test_drafts_never_appear(client_for, licensing_officer, agency_a):
    draft = ApplicationFactory(provider=agency_a)
    page = rows(client_for(licensing_officer).get(reverse("office:workbench")))
    assert draft.reference not in page


def test_filter_by_assignment(client_for, licensing_officer, cases):
    first, second = cases
    client = client_for(licensing_officer)
    mine = rows(client.get(reverse("office:workbench"), {"assigned": "me"}))
    assert second.reference in mine and first.reference not in mine
    nobody = rows(client.get(reverse("office:workbench"), {"assigned": "none"}))
    assert first.reference in nobody and second.reference not in nobody


def test_filter_by_state_and_kind(client_for, licensing_officer, cases, agency_a, applicant_a):
    first, second = cases
    licence = LicenceFactory(provider=agency_a)
    renewal = submit(agency_a, applicant_a, kind=Application.Kind.RENEWAL, licence=licence)
    client = client_for(licensing_officer)
    page = rows(client.get(reverse("office:workbench"), {"kind": "renewal"}))
    assert renewal.reference in page and first.reference not in page
    page = rows(client.get(reverse("office:workbench"), {"state": "under_assessment"}))
    assert first.reference not in page and "No cases match." in page


def test_search_by_reference_name_company_number_and_urn(
    client_for, licensing_officer, cases, agency_a, applicant_a
):
    first, second = cases
    client = client_for(licensing_officer)
    for q in (first.reference, "anglia", agency_a.company_number):
        page = rows(client.get(reverse("office:workbench"), {"q": q}))
        assert first.reference in page and second.reference not in page, q
    licence = LicenceFactory(provider=agency_a, urn="ANGL0042")
    renewal = submit(agency_a, applicant_a, kind=Application.Kind.RENEWAL, licence=licence)
    page = rows(client.get(reverse("office:workbench"), {"q": "ANGL0042"}))
    assert renewal.reference in page and first.reference not in page


def test_an_invalid_filter_is_explained_not_a_500(client_for, licensing_officer, cases):
    response = client_for(licensing_officer).get(reverse("office:workbench"), {"state": "bogus"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_overdue_cases_are_flagged_in_words(client_for, licensing_officer, cases):
    first, _second = cases
    target = LicensingPolicy.load().application_target_days
    noon = time(12)
    submitted = timezone.make_aware(
        datetime.combine(timezone.localdate() - timedelta(days=target + 5), noon)
    )
    Application.objects.filter(pk=first.pk).update(submitted_at=submitted)
    page = rows(client_for(licensing_officer).get(reverse("office:workbench")))
    assert f"day {target + 5} of {target} – overdue by 5" in page
    assert "day 0 of" in page


def test_the_queue_is_paginated(client_for, licensing_officer, agency_a, applicant_a):
    for _ in range(26):
        submit(agency_a, applicant_a)
    client = client_for(licensing_officer)
    first_page = rows(client.get(reverse("office:workbench"), {"kind": "new"}))
    assert "Page 1 of 2" in first_page
    assert "kind=new&amp;page=2" in first_page
    second_page = rows(client.get(reverse("office:workbench"), {"kind": "new", "page": 2}))
    assert "Page 2 of 2" in second_page


def test_overdue_conditions_panel(client_for, licensing_officer):
    overdue = LicenceConditionFactory(
        due_date=timezone.localdate() - timedelta(days=3), text="Provide safe transport."
    )
    LicenceConditionFactory(text="Not due yet.")
    page = rows(client_for(licensing_officer).get(reverse("office:workbench")))
    assert overdue.licence.urn in page
    assert "Provide safe transport." in page
    assert "Not due yet." not in page


def test_provider_search_and_page(client_for, inspector, agency_a, agency_b):
    client = client_for(inspector)
    page = rows(client.get(reverse("office:providers"), {"q": "baltic"}))
    assert "Baltic Crew Recruitment Ltd" in page and "Anglia Field Labour Ltd" not in page
    page = rows(client.get(reverse("office:providers"), {"q": agency_a.company_number}))
    assert "Anglia Field Labour Ltd" in page and "Baltic" not in page
    LicenceFactory(provider=agency_a, urn="ANGL0007")
    person = ProviderRoleFactory(provider=agency_a, person__full_name="Petra Principal").person
    ProviderRoleFactory(provider=agency_b, person=person, role="director")
    page = rows(client.get(reverse("office:provider", args=[agency_a.pk])))
    assert "ANGL0007" in page
    assert "Petra Principal" in page
    assert "Baltic Crew Recruitment Ltd" in page


def test_provider_page_warns_about_people_from_revoked_providers(
    client_for, inspector, decision_maker, agency_a
):
    revoked = LabourProviderFactory(legal_name="Gone Before Ltd")
    services.licence_revoke(
        licence=LicenceFactory(provider=revoked),
        actor=decision_maker,
        reasons="Forced labour.",
        immediate=True,
    )
    person = ProviderRoleFactory(provider=revoked, person__full_name="Rex Returner").person
    ProviderRoleFactory(provider=agency_a, person=person)
    page = rows(client_for(inspector).get(reverse("office:provider", args=[agency_a.pk])))
    assert "Rex Returner was named on a provider whose licence was refused or revoked." in page


def test_unknown_provider_is_404(client_for, inspector):
    assert client_for(inspector).get(reverse("office:provider", args=[999999])).status_code == 404


def test_the_workbench_query_count_does_not_grow_with_the_queue(
    client_for, licensing_officer, agency_a, applicant_a, django_assert_max_num_queries
):
    for _ in range(30):
        submit(agency_a, applicant_a)
    LicenceConditionFactory(due_date=timezone.localdate() - timedelta(days=1))
    client = client_for(licensing_officer)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("office:workbench")).status_code == 200
