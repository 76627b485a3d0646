import pytest

from inspections.models import Concern, ConcernUpdate
from inspections.selectors import concern_status_for_reporter
from inspections.services import concern_add_information, concern_report
from licensing.models import AuditEntry
from licensing.workflow import ServiceError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_transitions")]


def report(**kwargs):
    values = {
        "provider_name": "Fenland Harvest",
        "description": "They took 300 euros from each of us for the job.",
        "language": "pl",
    }
    values.update(kwargs)
    return concern_report(**values)


def test_an_anonymous_concern_gets_an_unguessable_reference():
    first, second = report(), report()
    assert first.reference.startswith("C-") and len(first.reference) == 11
    assert first.reference != second.reference
    assert first.state == Concern.State.RECEIVED
    assert not first.has_contact_details


def test_the_audit_row_never_holds_the_reporters_details(agency_a):
    concern = report(
        provider=agency_a,
        contact_name="Marta Nowak",
        contact_email="marta@example.org",
        contact_phone="+48 600 000 000",
    )
    entry = AuditEntry.objects.get(object_type="concern", object_id=concern.pk)
    assert entry.actor is None
    assert entry.provider == agency_a
    stored = f"{entry.actor_name} {entry.reason} {entry.data}"
    for detail in ("Marta", "marta@example.org", "600 000"):
        assert detail not in stored
    concern.refresh_from_db()
    assert concern.contact_email == "marta@example.org"


def test_a_concern_needs_a_description_and_a_provider():
    with pytest.raises(ServiceError, match="Describe what happened"):
        report(description="  ")
    with pytest.raises(ServiceError, match="Name the labour provider"):
        report(provider_name="")


def test_the_reporter_adds_information_with_a_typed_reference():
    concern = report()
    typed = concern.reference.lower().replace("-", " ")
    update = concern_add_information(reference=typed, text="The bus driver also charged us.")
    assert update.concern == concern and update.from_reporter
    assert AuditEntry.objects.filter(action="concern_information_added").count() == 1


def test_an_unknown_reference_is_explained():
    with pytest.raises(ServiceError, match="no concern with the reference"):
        concern_add_information(reference="C-0000-0000", text="More")
    assert ConcernUpdate.objects.count() == 0


def test_the_reporter_sees_only_the_status():
    concern = report(contact_name="Marta Nowak")
    status = concern_status_for_reporter(concern.reference.lower())
    assert status.reference == concern.reference
    assert status.status_label == "Received"
    assert "Marta" not in repr(status)
    assert concern_status_for_reporter("C-ZZZZ-ZZZZ") is None
    assert concern_status_for_reporter("rubbish") is None
