"""Agency B can never see or change agency A's applications, documents, messages, conditions
or licences: every portal URL that takes an id, reference or URN answers 404 and changes
nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from licensing import services
from licensing.models import (
    Application,
    AuditEntry,
    CaseMessage,
    Document,
    FeePayment,
    Licence,
    LicenceCondition,
)
from portal.models import ConditionEvidence
from registry.models import LabourProvider, Person, ProviderRole
from tests.factories import ApplicationFactory
from tests.portal.conftest import business_post, complete_answers, pdf_file, people_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(agency_a, applicant_a, licensing_officer, decision_maker):
    """Agency A's records in every state a portal URL can show."""
    draft = services.application_start(provider=agency_a, kind="new", actor=applicant_a)
    draft.answers = complete_answers()
    draft.save()

    def submitted():
        application = ApplicationFactory(provider=agency_a)
        return services.application_submit(application=application, actor=applicant_a)

    returned = services.application_return(
        application=submitted(), actor=licensing_officer, message="Send your payslips."
    )
    granted = submitted()
    payment = services.fee_payment_request(
        application=granted, actor=licensing_officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    granted = services.application_validate(application=granted, actor=licensing_officer)
    granted = services.application_start_assessment(application=granted, actor=licensing_officer)
    granted = services.application_grant(application=granted, actor=licensing_officer)
    licence = granted.licence
    (condition,) = services.licence_impose_conditions(
        licence=licence,
        actor=licensing_officer,
        conditions=[
            services.ConditionSpec(
                text="Give workers itemised payslips.",
                due_date=timezone.localdate() + timedelta(days=30),
            )
        ],
    )
    notice = services.licence_revoke(
        licence=licence, actor=decision_maker, reasons="Repeated breaches.", immediate=False
    )
    from portal import services as portal_services

    document = portal_services.document_upload(
        actor=applicant_a, provider=agency_a, file=pdf_file(), kind="other", application=returned
    )
    return {
        "draft": draft,
        "returned": returned,
        "granted": granted,
        "licence": licence,
        "condition": condition,
        "notice": notice,
        "document": document,
    }


def snapshot():
    return {
        "applications": list(
            Application.objects.order_by("pk").values_list("pk", "state", "version", "answers")
        ),
        "licences": list(Licence.objects.order_by("pk").values_list("pk", "state", "version")),
        "conditions": list(LicenceCondition.objects.values_list("pk", "state")),
        "messages": CaseMessage.objects.count(),
        "documents": Document.objects.count(),
        "payments": FeePayment.objects.count(),
        "evidence": ConditionEvidence.objects.count(),
        "audit": AuditEntry.objects.count(),
        "people": Person.objects.count(),
        "roles": ProviderRole.objects.count(),
        "providers": list(LabourProvider.objects.values_list("pk", "legal_name", "town")),
    }


# (url name, how to build its arguments from `world`, POST data a member could send)
URLS = [
    ("portal:application", lambda w: [w["returned"].reference], {}),
    ("portal:step", lambda w: [w["draft"].reference, "business"], business_post(town="Hull")),
    ("portal:step", lambda w: [w["draft"].reference, "activities"], {"supplies_to": ["GB"]}),
    (
        "portal:step",
        lambda w: [w["draft"].reference, "people"],
        people_post([{"full_name": "Intruder", "date_of_birth": "1970-01-01"}]),
    ),
    ("portal:step", lambda w: [w["draft"].reference, "turnover"], {"turnover": "1"}),
    ("portal:step", lambda w: [w["draft"].reference, "documents"], {"kind": "other"}),
    ("portal:step", lambda w: [w["draft"].reference, "check"], {"declaration": "on"}),
    ("portal:pay", lambda w: [w["returned"].reference], {"method": "bank_transfer"}),
    ("portal:message", lambda w: [w["returned"].reference], {"body": "Hello from B"}),
    ("portal:answer", lambda w: [w["returned"].reference], {"message": "Answer from B"}),
    ("portal:withdraw", lambda w: [w["returned"].reference], {"reason": "B says so"}),
    ("portal:decision_letter", lambda w: [w["granted"].reference], {}),
    ("portal:document", lambda w: [w["document"].pk], {}),
    ("portal:licence", lambda w: [w["licence"].urn], {}),
    ("portal:certificate", lambda w: [w["licence"].urn], {}),
    ("portal:revocation_notice", lambda w: [w["licence"].urn, w["notice"].pk], {}),
    ("portal:renew", lambda w: [w["licence"].urn], {}),
    (
        "portal:change",
        lambda w: [w["licence"].urn],
        {
            "what": "address",
            "date_of_change": str(timezone.localdate()),
            "registered_address": "9 Elsewhere",
            "town": "Hull",
        },
    ),
    ("portal:surrender", lambda w: [w["licence"].urn], {"reason": "B"}),
    ("portal:condition", lambda w: [w["condition"].pk], {"text": "Evidence from B"}),
]
IDS = [f"{name}:{i}" for i, (name, _args, _data) in enumerate(URLS)]


@pytest.mark.parametrize("name,args,data", URLS, ids=IDS)
def test_another_agency_gets_404_and_changes_nothing(
    name, args, data, world, applicant_b, client_for
):
    url = reverse(name, args=args(world))
    client = client_for(applicant_b)
    before = snapshot()
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("name,args,data", URLS, ids=IDS)
def test_the_owning_agency_can_open_it(name, args, data, world, applicant_a, client_for):
    """The control for the test above: the same URL works for agency A itself."""
    url = reverse(name, args=args(world))
    response = client_for(applicant_a).get(url)
    assert response.status_code in (200, 302), url


def test_anonymous_visitors_are_sent_to_sign_in(world, anonymous):
    url = reverse("portal:application", args=[world["returned"].reference])
    response = anonymous.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/portal/")


def test_lists_show_only_the_own_organisation(world, applicant_b, client_for, agency_b):
    own = ApplicationFactory(provider=agency_b)
    body = client_for(applicant_b).get(reverse("portal:home")).content.decode()
    assert own.reference in body
    for key in ("draft", "returned", "granted"):
        assert world[key].reference not in body
    assert world["licence"].urn not in body
    assert "itemised payslips" not in body


def test_a_member_who_left_sees_nothing(world, agency_a, client_for):
    from registry.models import OrganisationMember
    from tests.factories import UserFactory

    leaver = UserFactory(username="leaver", email="leaver@anglia.example")
    member = OrganisationMember.objects.create(provider=agency_a, user=leaver, role="colleague")
    client = client_for(leaver)
    url = reverse("portal:application", args=[world["returned"].reference])
    assert client.get(url).status_code == 200
    member.is_active = False
    member.save()
    assert client.get(url).status_code == 404
    assert client.get(reverse("portal:document", args=[world["document"].pk])).status_code == 404
