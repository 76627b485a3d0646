"""Register scenarios built through the licensing services, so audit rows are real."""

from datetime import timedelta

from django.utils import timezone

from licensing import services
from licensing.models import Application
from tests.factories import (
    ApplicationFactory,
    LabourProviderFactory,
    LicenceFactory,
    PersonFactory,
    ProviderRoleFactory,
    UserFactory,
)


def staff(name="registrar"):
    return UserFactory(username=name, groups=["Licensing officer", "Decision maker"])


def licensed_provider(*, legal_name, urn=None, actor=None, pa_name="Paula Authority", **kwargs):
    """A provider granted a licence through the services (so the public history is real)."""
    provider = LabourProviderFactory(legal_name=legal_name, **kwargs)
    ProviderRoleFactory(
        provider=provider,
        person=PersonFactory(full_name=pa_name),
    )
    if urn:
        return LicenceFactory(provider=provider, urn=urn)
    actor = actor or staff()
    application = ApplicationFactory(provider=provider)
    application = _decide_ready(application, actor)
    services.application_grant(application=application, actor=actor)
    application.refresh_from_db()
    return application.licence


def refused_provider(*, legal_name, actor=None, **kwargs):
    provider = LabourProviderFactory(legal_name=legal_name, **kwargs)
    actor = actor or staff()
    application = _decide_ready(ApplicationFactory(provider=provider), actor)
    services.application_refuse(
        application=application, actor=actor, reasons="Failed the fit and proper test."
    )
    return provider


def pending_provider(*, legal_name, actor=None, **kwargs):
    """A provider whose new application is paid for and validated: listed as pending."""
    provider = LabourProviderFactory(legal_name=legal_name, **kwargs)
    application = ApplicationFactory(provider=provider)
    _decide_ready(application, actor or staff(), assess=False)
    return provider


def _decide_ready(application, actor, *, assess=True):
    """Move an application to under assessment, with the fee treated as received."""
    Application.objects.filter(pk=application.pk).update(
        fee_received_at=timezone.now() - timedelta(days=1)
    )
    application.refresh_from_db()
    member = UserFactory()
    from tests.factories import OrganisationMemberFactory

    OrganisationMemberFactory(provider=application.provider, user=member)
    application = services.application_submit(application=application, actor=member)
    application = services.application_validate(application=application, actor=actor)
    if not assess:
        return application
    return services.application_start_assessment(application=application, actor=actor)
