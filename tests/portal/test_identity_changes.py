"""Identity changes: a new company number ends the licence; a new VAT number is reviewed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from licensing.models import Application, AuditAction, AuditEntry, IdentityReview, Licence
from tests.portal.test_licence import grant, notify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_transitions")]


def notify_and_grant(client, licence, officer, **data):
    response = notify(client, licence, date_of_change=timezone.localdate().isoformat(), **data)
    client.post(response["Location"], {"declaration": "on"})
    change = Application.objects.get(kind=Application.Kind.CHANGE)
    assert change.state == Application.State.SUBMITTED
    return grant(change, officer)


def feed_actions(anonymous, urn):
    changes = anonymous.get("/api/v1/changes", {"limit": 100}).json()["changes"]
    return [c["action"] for c in changes if c["urn"] == urn]


def test_the_change_form_offers_company_and_vat_numbers_and_explains(
    licence_a, applicant_a, client_for
):
    page = client_for(applicant_a).get(reverse("portal:change", args=[licence_a.urn]))
    body = page.content.decode()
    assert 'value="company_number"' in body and 'value="vat_number"' in body
    assert "Apply for a new licence" in body and reverse("portal:start") in body


def test_a_new_company_number_expires_the_licence_at_once_in_public(
    licence_a, applicant_a, client_for, licensing_officer, anonymous
):
    notify_and_grant(
        client_for(applicant_a),
        licence_a,
        licensing_officer,
        what="company_number",
        company_number="NEW12345",
    )
    licence_a.refresh_from_db()
    licence_a.provider.refresh_from_db()
    assert licence_a.provider.company_number == "NEW12345"
    assert licence_a.state == Licence.State.EXPIRED
    assert "Apply for a new licence" in licence_a.ended_reason
    entry = AuditEntry.objects.get(action=AuditAction.EXPIRE, licence=licence_a)
    assert entry.is_public
    assert "expire" in feed_actions(anonymous, licence_a.urn)
    page = anonymous.get(reverse("public_site:licence", args=[licence_a.urn])).content.decode()
    assert "Licence expired" in page


def test_a_company_number_change_needs_the_new_number(licence_a, applicant_a, client_for):
    response = notify(
        client_for(applicant_a),
        licence_a,
        what="company_number",
        date_of_change=timezone.localdate().isoformat(),
    )
    assert response.status_code == 200
    assert "Enter this for the change" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize("expire", [False, True])
def test_a_new_vat_number_opens_a_review_that_decides(
    expire, licence_a, applicant_a, client_for, licensing_officer, decision_maker, anonymous
):
    notify_and_grant(
        client_for(applicant_a),
        licence_a,
        licensing_officer,
        what="vat_number",
        vat_number="GB999999973",
    )
    licence_a.refresh_from_db()
    assert licence_a.is_in_force
    review = IdentityReview.objects.get(licence=licence_a, state=IdentityReview.State.OPEN)
    assert review.new_vat_number == "GB999999973"
    assert AuditEntry.objects.filter(action=AuditAction.IDENTITY_REVIEW_OPENED).exists()

    officer = client_for(decision_maker)
    workbench = officer.get(reverse("office:workbench")).content.decode()
    assert reverse("office:identity_review", args=[review.pk]) in workbench
    url = reverse("office:identity_review", args=[review.pk])
    unconfirmed = officer.post(url, {"outcome": "expire", "reason": "New entity"})
    assert unconfirmed.status_code == 400
    response = officer.post(
        url,
        {"outcome": "expire" if expire else "continue", "reason": "Checked", "confirm": "on"},
    )
    assert response.status_code == 302
    review = IdentityReview.objects.get(pk=review.pk)
    licence_a.refresh_from_db()
    if expire:
        assert review.state == IdentityReview.State.LICENCE_EXPIRED
        assert licence_a.state == Licence.State.EXPIRED
        assert AuditEntry.objects.get(action=AuditAction.EXPIRE, licence=licence_a).is_public
        assert "expire" in feed_actions(anonymous, licence_a.urn)
    else:
        assert review.state == IdentityReview.State.LICENCE_CONTINUES
        assert licence_a.is_in_force
        assert "expire" not in feed_actions(anonymous, licence_a.urn)
    action = (
        AuditAction.IDENTITY_REVIEW_LICENCE_EXPIRES
        if expire
        else AuditAction.IDENTITY_REVIEW_LICENCE_CONTINUES
    )
    decided = AuditEntry.objects.get(action=action)
    assert decided.reason == "Checked" and decided.actor == decision_maker
    assert (
        officer.post(url, {"outcome": "continue", "reason": "x", "confirm": "on"}).status_code
        == 200
    )


def test_an_applicant_cannot_open_the_review(licence_a, applicant_a, client_for):
    review = IdentityReview.objects.create(
        licence=licence_a, provider=licence_a.provider, new_vat_number="GB1"
    )
    response = client_for(applicant_a).get(reverse("office:identity_review", args=[review.pk]))
    assert response.status_code in (302, 403)
