"""A renewal submitted by the expiry date keeps the licence in force, shown as "renewal under
consideration", until it is decided; the daily expiry job leaves it alone; a refusal ends the
licence when it takes effect; after expiry a renewal is refused: apply for a new licence."""

from datetime import timedelta

import pytest
from django.utils import timezone

from licensing import services
from licensing.models import AdverseDecision, Application, Licence
from licensing.services.scheduled import decisions_close_windows, licences_expire_due
from licensing.workflow import ServiceError
from tests.factories import ApplicationFactory, LicenceFactory
from tests.public_site.factories import staff

pytestmark = pytest.mark.django_db
UNDER_CONSIDERATION = "Renewal under consideration"


def today():
    return timezone.localdate()


def licence_expiring(agency, days_from_today):
    return LicenceFactory(provider=agency, expires_on=today() + timedelta(days=days_from_today))


def renewal_submitted(licence, member):
    draft = ApplicationFactory(
        provider=licence.provider, kind=Application.Kind.RENEWAL, licence=licence
    )
    return services.application_submit(application=draft, actor=member)


def assessed(application, officer):
    payment = services.fee_payment_request(
        application=application, actor=officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=officer)
    application = services.application_validate(application=application, actor=officer)
    return services.application_start_assessment(application=application, actor=officer)


def public_views(client, licence):
    page = client.get(f"/register/{licence.urn}/").content.decode()
    api = client.get(f"/api/v1/licences/{licence.urn}").json()
    return UNDER_CONSIDERATION in page, api["renewal_under_consideration"], api["status"]


# The day before the expiry date, and on it: in time.
@pytest.mark.parametrize("days_to_expiry", [1, 0])
def test_a_renewal_in_time_keeps_the_licence_in_force_until_granted(
    days_to_expiry, agency_a, applicant_a, anonymous
):
    licence = licence_expiring(agency_a, days_to_expiry)
    application = renewal_submitted(licence, applicant_a)
    expiry = licence.expires_on

    # The expiry job runs the days after the expiry date: the licence stays in force.
    for days_after in (1, 2, 30):
        assert licences_expire_due(today=expiry + timedelta(days=days_after)) == 0
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE
    assert public_views(anonymous, licence) == (True, True, "active")

    officer = staff()
    application = assessed(application, officer)
    services.application_grant(application=application, actor=officer)
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE
    assert licence.expires_on > today()
    assert public_views(anonymous, licence) == (False, False, "active")


def test_after_the_expiry_date_a_renewal_is_refused_and_the_licence_expires(
    agency_a, applicant_a, anonymous
):
    licence = licence_expiring(agency_a, -1)  # the job has not run yet
    with pytest.raises(ServiceError, match="Apply for a new licence"):
        renewal_submitted(licence, applicant_a)
    assert licences_expire_due() == 1
    licence.refresh_from_db()
    assert licence.state == Licence.State.EXPIRED
    assert public_views(anonymous, licence) == (False, False, "expired")


def test_a_refused_renewal_ends_the_licence_when_the_refusal_takes_effect(
    agency_a, applicant_a, anonymous
):
    licence = licence_expiring(agency_a, 0)
    officer = staff()
    application = assessed(renewal_submitted(licence, applicant_a), officer)
    services.application_refuse(
        application=application, actor=officer, reasons="Failed the fit and proper test."
    )
    decision = AdverseDecision.objects.get(application=application)

    # While the refusal can be appealed, the licence stays in force.
    assert licences_expire_due(today=today() + timedelta(days=3)) == 0
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE

    AdverseDecision.objects.filter(pk=decision.pk).update(
        appeal_deadline=today() - timedelta(days=1)
    )
    assert decisions_close_windows() == 1
    assert licences_expire_due(today=today() + timedelta(days=1)) == 1
    licence.refresh_from_db()
    assert licence.state == Licence.State.EXPIRED
