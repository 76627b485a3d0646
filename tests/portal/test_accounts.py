import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from licensing import services as licensing_services
from licensing.models import AuditEntry
from portal import services
from portal.models import Invitation
from registry import selectors as registry_selectors
from registry.models import OrganisationMember, ProviderRole
from tests.factories import (
    OrganisationMemberFactory,
    PersonFactory,
    ProviderRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

User = get_user_model()


def link_in(message):
    return re.search(r"http://testserver(\S+)", message.body).group(1)


def test_sign_up_needs_a_verified_email_before_sign_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:sign_up"),
            {"full_name": "Nia New", "email": "nia@new.example", "password": "tractor-orchard-77"},
        )
    assert response.status_code == 302
    user = User.objects.get(username="nia@new.example")
    assert not user.is_active
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nia@new.example"]

    refused = client.post(
        reverse("portal:sign_in"), {"username": "nia@new.example", "password": "tractor-orchard-77"}
    )
    assert refused.status_code == 200 and "_auth_user_id" not in client.session

    link = link_in(mail.outbox[0])
    assert client.get(link).status_code == 200
    user.refresh_from_db()
    assert not user.is_active  # opening the link (as a mail scanner does) confirms nothing
    response = client.post(link)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEntry.objects.filter(action="account_verified", object_id=user.pk).exists()

    client.logout()
    client.post(
        reverse("portal:sign_in"), {"username": "Nia@New.example", "password": "tractor-orchard-77"}
    )
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_tampered_verification_link_fails(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.account_sign_up(
            email="x@new.example", password="tractor-orchard-77", full_name="X Y"
        )
    url = link_in(mail.outbox[0])
    response = client.post(url[:-3] + "zzz/")
    assert response.status_code == 400
    assert not User.objects.get(username="x@new.example").is_active


def test_sign_up_keeps_what_was_typed_on_a_weak_password(client):
    response = client.post(
        reverse("portal:sign_up"),
        {"full_name": "Nia New", "email": "nia@new.example", "password": "123"},
    )
    assert response.status_code == 200
    assert 'value="nia@new.example"' in response.content.decode()
    assert 'value="Nia New"' in response.content.decode()
    assert not User.objects.filter(username="nia@new.example").exists()


def test_sign_in_and_sign_out(client, applicant_a):
    response = client.post(
        reverse("portal:sign_in"),
        {"username": "applicant_a", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert client.get(reverse("portal:sign_out")).status_code == 405
    client.post(reverse("portal:sign_out"))
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(client, applicant_a):
    client.post(reverse("portal:password_reset"), {"email": applicant_a.email})
    assert len(mail.outbox) == 1
    response = client.get(link_in(mail.outbox[0]), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "plough-lantern-93", "new_password2": "plough-lantern-93"}
    )
    applicant_a.refresh_from_db()
    assert applicant_a.check_password("plough-lantern-93")


def test_the_first_user_creates_the_organisation_and_is_its_pa(client_for):
    user = UserFactory(username="first@agency.example", email="first@agency.example")
    client = client_for(user)
    response = client.post(reverse("portal:start"), {"legal_name": "Wash Valley Staff Ltd"})
    member = OrganisationMember.objects.get(user=user)
    assert member.role == OrganisationMember.Role.PRINCIPAL_AUTHORITY
    assert member.provider.legal_name == "Wash Valley Staff Ltd"
    application = member.provider.applications.get()
    assert response["Location"] == reverse("portal:step", args=[application.reference, "business"])


def test_the_pa_invites_a_colleague_who_accepts(
    agency_a, applicant_a, client_for, django_capture_on_commit_callbacks
):
    client = client_for(applicant_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("portal:organisation"), {"email": "cole@anglia.example", "role": "colleague"}
        )
    invitation = Invitation.objects.get(provider=agency_a)
    assert mail.outbox[-1].to == ["cole@anglia.example"]
    colleague = UserFactory(username="cole", email="cole@anglia.example")
    client.force_login(colleague)
    client.post(link_in(mail.outbox[-1]))
    member = OrganisationMember.objects.get(user=colleague)
    assert member.provider == agency_a and member.role == "colleague"
    invitation.refresh_from_db()
    assert invitation.accepted_by == colleague
    # Used once only.
    other = UserFactory(username="other", email="cole@anglia.example".upper())
    client.force_login(other)
    client.post(reverse("portal:invitation", args=[invitation.token]))
    assert not OrganisationMember.objects.filter(user=other).exists()


def test_an_invitation_for_another_address_is_refused(agency_a, applicant_a, client_for):
    invitation = services.invitation_send(
        actor=applicant_a, provider=agency_a, email="right@anglia.example", role="colleague"
    )
    wrong = UserFactory(username="wrong", email="wrong@elsewhere.example")
    client_for(wrong).post(reverse("portal:invitation", args=[invitation.token]))
    assert not OrganisationMember.objects.filter(user=wrong).exists()


def test_only_the_pa_can_invite(agency_a, client_for):
    colleague = UserFactory(username="col", email="col@anglia.example")
    OrganisationMemberFactory(provider=agency_a, user=colleague, role="colleague")
    response = client_for(colleague).post(
        reverse("portal:organisation"), {"email": "x@anglia.example", "role": "colleague"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_an_abr_acts_only_once_the_regulator_links_their_account_to_an_authorised_role(
    agency_a, decision_maker
):
    abr_user = UserFactory(username="abr", email="abr@anglia.example")
    OrganisationMemberFactory(provider=agency_a, user=abr_user, role="abr")
    assert not registry_selectors.can_act(abr_user, agency_a)

    person = PersonFactory(email="ABR@anglia.example")
    role = ProviderRoleFactory(
        provider=agency_a,
        person=person,
        role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
        authorised_by_regulator=False,
    )
    assert not registry_selectors.can_act(abr_user, agency_a)

    # An authorised role whose person has the user's email is not authority: only the link.
    role.authorised_by_regulator = True
    role.save()
    assert not registry_selectors.can_act(abr_user, agency_a)

    licensing_services.role_authorise(role=role, actor=decision_maker, user=abr_user)
    assert registry_selectors.can_act(abr_user, agency_a)


def test_a_colleague_can_view_but_not_act(agency_a):
    colleague = UserFactory(username="col", email="col@anglia.example")
    OrganisationMemberFactory(provider=agency_a, user=colleague, role="colleague")
    assert registry_selectors.membership(colleague).provider == agency_a
    assert not registry_selectors.can_act(colleague, agency_a)


def test_signing_up_again_before_confirming_sends_a_fresh_link(
    client, django_capture_on_commit_callbacks
):
    data = {"full_name": "Nia New", "email": "nia@new.example", "password": "tractor-orchard-77"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:sign_up"), data)
        response = client.post(reverse("portal:sign_up"), data)
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert User.objects.filter(username="nia@new.example").count() == 1
