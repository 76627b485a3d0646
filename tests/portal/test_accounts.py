import re

import pytest
from allauth.account.models import EmailAddress
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


SIGN_UP = {"full_name": "Nia New", "email": "nia@new.example", "password1": "tractor-orchard-77"}


def test_sign_up_needs_a_verified_email_before_sign_in(client):
    response = client.post(reverse("portal:sign_up"))
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/"
    response = client.post("/accounts/signup/", SIGN_UP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(username="nia@new.example")
    assert (user.first_name, user.last_name) == ("Nia", "New")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nia@new.example"]
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="account_created", object_id=user.pk).exists()

    refused = client.post(
        "/accounts/login/", {"login": "nia@new.example", "password": "tractor-orchard-77"}
    )
    assert refused["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    link = link_in(mail.outbox[0])
    assert client.get(link).status_code == 200
    assert not EmailAddress.objects.get(user=user).verified  # a mail scanner's GET confirms nothing
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # confirming never signs anybody in
    assert AuditEntry.objects.filter(action="account_verified", object_id=user.pk).exists()

    client.post("/accounts/login/", {"login": "Nia@New.example", "password": "tractor-orchard-77"})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_tampered_verification_link_fails(client):
    client.post("/accounts/signup/", SIGN_UP)
    url = link_in(mail.outbox[0])
    response = client.post(url[:-3] + "zzz/")
    assert response.status_code == 404
    assert not EmailAddress.objects.get(email="nia@new.example").verified


def test_a_verification_link_works_once(client):
    client.post("/accounts/signup/", SIGN_UP)
    link = link_in(mail.outbox[0])
    assert client.post(link).status_code == 302
    assert client.post(link).status_code == 404
    assert AuditEntry.objects.filter(action="account_verified").count() == 1


def test_sign_up_keeps_what_was_typed_on_a_weak_password(client):
    response = client.post("/accounts/signup/", {**SIGN_UP, "password1": "123"})
    assert response.status_code == 200
    assert 'value="nia@new.example"' in response.content.decode()
    assert 'value="Nia New"' in response.content.decode()
    assert not User.objects.filter(username="nia@new.example").exists()


def test_sign_in_and_sign_out(client, applicant_a):
    old = client.post(
        reverse("portal:sign_in"),
        {"username": "applicant_a", "password": "correct horse battery staple"},
    )
    assert old["Location"] == "/accounts/login/" and "_auth_user_id" not in client.session
    response = client.post(
        "/accounts/login/", {"login": "applicant_a", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert client.get(reverse("portal:sign_out")).status_code == 405
    client.post(reverse("portal:sign_out"))
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(client, applicant_a):
    assert client.get(reverse("portal:password_reset"))["Location"] == "/accounts/password/reset/"
    client.post("/accounts/password/reset/", {"email": applicant_a.email})
    assert len(mail.outbox) == 1
    response = client.get(link_in(mail.outbox[0]), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"password1": "plough-lantern-93", "password2": "plough-lantern-93"})
    applicant_a.refresh_from_db()
    assert applicant_a.check_password("plough-lantern-93")
    assert "_auth_user_id" not in client.session  # a reset link never signs anybody in


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


def test_signing_up_again_before_confirming_makes_no_second_account(client):
    first = client.post("/accounts/signup/", SIGN_UP)
    again = client.post("/accounts/signup/", SIGN_UP)
    assert again.status_code == first.status_code == 302
    assert again["Location"] == first["Location"]
    # One email per address per three minutes, however often the form is sent.
    assert len(mail.outbox) == 1
    assert User.objects.filter(username="nia@new.example").count() == 1


def test_invitations_are_limited_per_recipient(
    agency_a, applicant_a, client_for, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {"invitation-recipient": 2}
    client = client_for(applicant_a)

    def invite(email):
        return client.post(reverse("portal:organisation"), {"email": email, "role": "colleague"})

    with django_capture_on_commit_callbacks(execute=True):
        statuses = [invite("target@elsewhere.example").status_code for _n in range(3)]
    refused = invite("target@elsewhere.example")

    assert statuses == [302, 302, 429]
    assert "Several invitations were sent to this address today" in refused.content.decode()
    assert len([m for m in mail.outbox if m.to == ["target@elsewhere.example"]]) == 2
    assert invite("someone@elsewhere.example").status_code == 302
