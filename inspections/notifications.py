"""Emails about repayment orders and concerns' mailboxes.

Rendered inside the service's transaction and sent on commit (``licensing.notifications``):
a change that rolls back sends nothing.
"""

from django.conf import settings

from licensing.notifications import provider_recipients, queue_email

# Where the agency sees its orders: an address in its portal, which must keep working once
# emailed (the portal's URLs serve it; a test holds the two together).
PORTAL_ORDERS_PATH = "/portal/repayment-orders/"
MAILBOX_PATH = "/report/mailbox/"


def order_recipients(provider) -> list[str]:
    """The Principal Authority first: the order is addressed to them. Then the provider's
    other contacts, so an order is not missed while the PA is away."""
    pa = provider.principal_authority
    first = [pa.email] if pa is not None and pa.email else []
    rest = [a for a in provider_recipients(provider) if a.lower() not in {f.lower() for f in first}]
    return first + rest


def _order_context(violation) -> dict:
    return {"violation": violation, "url": settings.SITE_URL + PORTAL_ORDERS_PATH}


def notify_order(violation) -> None:
    queue_email(
        to=order_recipients(violation.provider),
        template="inspections/email/repayment_ordered.txt",
        context=_order_context(violation),
    )


def notify_reminder(violation, kind: str) -> None:
    queue_email(
        to=order_recipients(violation.provider),
        template=f"inspections/email/repayment_{kind}.txt",
        context=_order_context(violation),
    )


def notify_query(repayment) -> None:
    queue_email(
        to=order_recipients(repayment.violation.provider),
        template="inspections/email/repayment_queried.txt",
        context={**_order_context(repayment.violation), "repayment": repayment},
    )


def notify_reporter(concern) -> None:
    """Tell a reporter who left an email address that a question waits in their mailbox; the
    email says nothing about the concern itself, in case someone else reads it."""
    if not concern.contact_email:
        return
    queue_email(
        to=[concern.contact_email],
        template="inspections/email/mailbox_question.txt",
        context={"url": settings.SITE_URL + MAILBOX_PATH, "reference": concern.reference},
        language=concern.language,
    )
