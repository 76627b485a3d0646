"""Emails to labour providers about their applications and licences.

Called inside a service's transaction: each email is rendered now and queued
as a task on commit, so a change that rolls back sends nothing.
"""

from django.conf import settings
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from licensing.tasks import send_email


def provider_recipients(provider) -> list[str]:
    """The provider's contact address, its active portal users and its Principal Authority."""
    addresses = [provider.email]
    addresses += list(
        provider.members.filter(is_active=True, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )
    pa = provider.principal_authority
    if pa is not None:
        addresses.append(pa.email)
    seen = []
    for address in addresses:
        if address and address.lower() not in {a.lower() for a in seen}:
            seen.append(address)
    return seen


def queue_email(*, to: list[str], template: str, context: dict, language: str = "") -> None:
    """Render the email now and queue it for the task worker once the transaction commits.

    `template` is a template path whose first line is the subject and the rest the body;
    it is rendered without HTML escaping, and its links are built from SITE_URL.
    """
    if not to:
        return
    context = {"site_url": settings.SITE_URL, "regulator": settings.REGULATOR_NAME, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        # Plain text: "Staff & Sons" must arrive as written, not as HTML ("&amp;").
        compiled = get_template(template).template
        rendered = compiled.render(Context(context, autoescape=False)).strip()
    subject, _, body = rendered.partition("\n")
    transaction.on_commit(
        lambda: send_email.enqueue(to=to, subject=subject.strip(), body=body.strip())
    )


# Where the agency acts on what an email tells it: addresses in its portal, which must keep
# working once emailed (the portal's URLs serve these paths; a test holds the two together).
def portal_application_path(reference: str) -> str:
    return f"/portal/applications/{reference}/"


def portal_renewal_path(urn: str) -> str:
    return f"/portal/licences/{urn}/renew/"


def _portal_url(application) -> str:
    return settings.SITE_URL + portal_application_path(application.reference)


def application_submitted(application):
    queue_email(
        to=provider_recipients(application.provider),
        template="licensing/email/application_submitted.txt",
        context={"application": application, "url": _portal_url(application)},
    )


def information_requested(application, message):
    queue_email(
        to=provider_recipients(application.provider),
        template="licensing/email/information_requested.txt",
        context={"application": application, "message": message, "url": _portal_url(application)},
    )


def message_from_regulator(application):
    queue_email(
        to=provider_recipients(application.provider),
        template="licensing/email/message_from_regulator.txt",
        context={"application": application, "url": _portal_url(application)},
    )


def fee_received(application):
    queue_email(
        to=provider_recipients(application.provider),
        template="licensing/email/fee_received.txt",
        context={"application": application, "url": _portal_url(application)},
    )


def decision_made(application):
    queue_email(
        to=provider_recipients(application.provider),
        template="licensing/email/decision_made.txt",
        context={"application": application, "url": _portal_url(application)},
    )


def condition_imposed(condition):
    queue_email(
        to=provider_recipients(condition.licence.provider),
        template="licensing/email/condition_imposed.txt",
        context={"condition": condition, "licence": condition.licence},
    )


def licence_status_changed(licence, reason):
    queue_email(
        to=provider_recipients(licence.provider),
        template="licensing/email/licence_status_changed.txt",
        context={"licence": licence, "reason": reason},
    )


def revocation_notice(decision):
    queue_email(
        to=provider_recipients(decision.provider),
        template="licensing/email/revocation_notice.txt",
        context={"decision": decision, "licence": decision.licence},
    )


def renewal_reminder(licence, which):
    queue_email(
        to=provider_recipients(licence.provider),
        template="licensing/email/renewal_reminder.txt",
        context={
            "licence": licence,
            "which": which,
            "url": settings.SITE_URL + portal_renewal_path(licence.urn),
        },
    )
