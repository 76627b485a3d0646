"""Demo data for the agency portal: an invitation from the `agency` user's organisation and
evidence sent for an open additional licence condition."""

from django.core.files.uploadedfile import SimpleUploadedFile

from licensing.models import LicenceCondition
from portal import services
from portal.models import ConditionEvidence, Invitation
from registry.models import OrganisationMember

EVIDENCE_TEXTS = [
    "Payslips are now itemised and show every deduction. Three recent examples are attached.",
    "All workers now have written contracts in a language they understand; a signed copy is "
    "attached.",
    "Transport between sites is now by a licensed operator; the contract is attached.",
]

DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # noqa: E501


def seed(*, rng, stdout) -> None:
    member = (
        OrganisationMember.objects.filter(user__username="agency", is_active=True)
        .select_related("provider", "user")
        .first()
    )
    if member is None:
        stdout.write("Portal: no `agency` user, no portal demo data.")
        return
    provider, user = member.provider, member.user
    if not Invitation.objects.filter(provider=provider).exists():
        services.invitation_send(
            actor=user,
            provider=provider,
            email=f"office.manager{rng.randint(10, 99)}@{provider.pk}.agency.example",
            role=OrganisationMember.Role.COLLEAGUE,
        )
    evidence = 0
    conditions = LicenceCondition.objects.filter(
        state=LicenceCondition.State.OPEN,
        licence__provider__members__is_active=True,
    ).select_related("licence__provider")
    own = conditions.filter(licence__provider=provider)
    for condition in list(own[:1]) or list(conditions.distinct()[:2]):
        if ConditionEvidence.objects.filter(condition=condition).exists():
            continue
        actor = (
            user
            if condition.licence.provider == provider
            else condition.licence.provider.members.filter(is_active=True).first().user
        )
        services.condition_evidence_submit(
            condition=condition,
            actor=actor,
            text=rng.choice(EVIDENCE_TEXTS),
            file=SimpleUploadedFile("evidence.pdf", DEMO_PDF, content_type="application/pdf"),
        )
        evidence += 1
    stdout.write(f"Portal: 1 invitation, {evidence} condition evidence submission(s).")
