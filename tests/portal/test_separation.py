"""Regulator staff cannot have an organisation in the portal (issue 11, problem 1), and
applicant input never changes a person on record nor gives authority to act (problem 3)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from licensing.models import Licence
from licensing.workflow import ServiceError
from portal import services
from portal.models import Invitation
from registry import selectors as registry_selectors
from registry import services as registry_services
from registry.models import LabourProvider, OrganisationMember, ProviderRole
from tests.factories import (
    LicenceFactory,
    OrganisationMemberFactory,
    PersonFactory,
    ProviderRoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["licensing_officer", "inspector", "decision_maker"])
def test_staff_cannot_start_an_organisation(request, persona, client_for):
    staff = request.getfixturevalue(persona)
    client = client_for(staff)

    page = client.get(reverse("portal:start")).content.decode()
    assert "Regulator staff cannot create or join" in page
    assert 'name="legal_name"' not in page

    response = client.post(reverse("portal:start"), {"legal_name": "Officer's Own Crew Ltd"})
    assert response.status_code == 200
    assert "Regulator staff cannot create or join" in response.content.decode()
    assert not LabourProvider.objects.filter(legal_name="Officer's Own Crew Ltd").exists()
    with pytest.raises(ServiceError, match="Regulator staff"):
        services.organisation_create(actor=staff, legal_name="Officer's Own Crew Ltd")


def test_staff_cannot_join_an_organisation(agency_a, applicant_a, licensing_officer, client_for):
    invitation = Invitation.objects.create(
        provider=agency_a, email=licensing_officer.email, role="colleague", invited_by=applicant_a
    )
    client = client_for(licensing_officer)
    assert (
        "Regulator staff cannot create or join"
        in client.get(reverse("portal:invitation", args=[invitation.token])).content.decode()
    )
    client.post(reverse("portal:invitation", args=[invitation.token]))
    with pytest.raises(ServiceError, match="Regulator staff"):
        services.invitation_accept(invitation=invitation, actor=licensing_officer)
    with pytest.raises(PermissionDenied):
        registry_services.organisation_member_add(
            provider=agency_a, user=licensing_officer, role=OrganisationMember.Role.COLLEAGUE
        )
    assert not OrganisationMember.objects.filter(user=licensing_officer).exists()


def test_declaring_someone_elses_representative_gives_no_authority_over_their_provider(
    complete_draft_a, applicant_a, agency_b
):
    # Problem 3: agency B's authorised ABR, on record without an email address.
    licence_b = LicenceFactory(provider=agency_b)
    victim = PersonFactory(full_name="Ada Applicant", date_of_birth=date(1980, 4, 2), email="")
    ProviderRoleFactory(
        provider=agency_b,
        person=victim,
        role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
        authorised_by_regulator=True,
    )
    # The attacker is an unauthorised ABR member of agency B, and agency A's PA, whose
    # application names the same person (name and birth date) with the attacker's email.
    OrganisationMemberFactory(provider=agency_b, user=applicant_a, role="abr")
    services.portal_submit(application=complete_draft_a, actor=applicant_a)

    victim.refresh_from_db()
    assert victim.email == ""
    assert not registry_selectors.can_act(applicant_a, agency_b)
    with pytest.raises(PermissionDenied):
        services.surrender_start(licence=licence_b, actor=applicant_a, reason="Closing")
    licence_b.refresh_from_db()
    assert licence_b.state == Licence.State.ACTIVE
    assert not licence_b.applications.exists()
