"""The registry's own writes: other apps change providers, people and roles only through
these, and learn from their results what changed."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from registry import services
from registry.models import OrganisationMember, PersonMatch, ProviderRole
from tests.factories import LabourProviderFactory, PersonFactory, ProviderRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_updating_a_provider_changes_only_its_details_and_says_which():
    provider = LabourProviderFactory(legal_name="Anglia Crew Ltd", town="Wisbech", country="GB")

    changed = services.provider_update(
        provider=provider,
        data={
            "legal_name": "Anglia Crew Ltd",
            "town": "Boston",
            "trading_names": "Fen Pickers\n\n Marsh Crew ",
            "country": "GB",
            "is_dissolved": True,
        },
    )

    assert changed == {
        "town": ["Wisbech", "Boston"],
        "trading_names": [[], ["Fen Pickers", "Marsh Crew"]],
    }
    provider.refresh_from_db()
    assert provider.town == "Boston" and not provider.is_dissolved
    assert "fen pickers" in provider.search_name


def test_a_declaration_never_changes_a_person_on_record_and_keeps_possible_matches():
    on_record = PersonFactory(full_name="Ion Popescu", date_of_birth=date(1980, 5, 1), email="")

    declared = services.person_declare(
        full_name="ion popescu ", date_of_birth=date(1980, 5, 1), email="ion@example.org"
    )

    on_record.refresh_from_db()
    assert declared.pk != on_record.pk
    assert on_record.email == ""
    match = declared.matches.get()
    assert match.candidate == on_record
    assert match.state == PersonMatch.State.POSSIBLE
    assert set(match.reasons) == {"same_name", "same_birth_date"}


@pytest.mark.parametrize(
    "declared_name",
    ["Сергей Иванов", "Sergey Ivanov", "Ivanov Sergei", "Serhiy Ivanov"],
)
def test_matches_tolerate_transliteration_spelling_and_word_order(declared_name):
    on_record = PersonFactory(full_name="Sergei Ivanov", date_of_birth=date(1975, 2, 3))

    declared = services.person_declare(full_name=declared_name, date_of_birth=date(1975, 2, 3))

    assert [m.candidate for m in declared.matches.all()] == [on_record]


def test_no_match_for_another_birth_date_or_another_name():
    PersonFactory(full_name="Sergei Ivanov", date_of_birth=date(1975, 2, 3))
    PersonFactory(full_name="Anna Kowalska", date_of_birth=date(1990, 1, 1))

    declared = services.person_declare(full_name="Sergei Ivanov", date_of_birth=date(1976, 2, 3))
    other = services.person_declare(full_name="Maria Nowak", date_of_birth=date(1990, 1, 1))

    assert not declared.matches.exists()
    assert not other.matches.exists()


def test_a_role_is_added_once_and_ended_on_a_day():
    provider, person = LabourProviderFactory(), PersonFactory()
    role = services.provider_role_add(provider=provider, person=person, role="director")

    assert services.provider_role_add(provider=provider, person=person, role="director") == role
    assert not role.authorised_by_regulator

    services.provider_role_end(role=role, ended_on=timezone.localdate())
    assert not ProviderRole.objects.current().filter(pk=role.pk).exists()


def test_an_authorised_principal_authority_replaces_the_last_one():
    provider = LabourProviderFactory()
    old = ProviderRoleFactory(provider=provider, person=PersonFactory(full_name="Paula Old"))
    new = services.provider_role_add(
        provider=provider,
        person=PersonFactory(full_name="Nina New"),
        role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
        started_on=timezone.localdate() - timedelta(days=3),
    )

    person = services.principal_authority_replace(provider=provider, new_role=new)

    assert person.full_name == "Nina New"
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.ended_on == timezone.localdate()
    assert new.authorised_by_regulator and new.ended_on is None
    assert provider.principal_authority.full_name == "Nina New"


def test_a_principal_authority_of_another_provider_is_refused():
    role = ProviderRoleFactory()
    with pytest.raises(ValueError, match="another provider"):
        services.principal_authority_replace(provider=LabourProviderFactory(), new_role=role)


def test_a_member_who_left_comes_back_in_the_role_given():
    provider, user = LabourProviderFactory(), UserFactory()
    member = services.organisation_member_add(provider=provider, user=user, role="colleague")
    OrganisationMember.objects.filter(pk=member.pk).update(is_active=False)

    again = services.organisation_member_add(provider=provider, user=user, role="abr")

    assert again.pk == member.pk and again.is_active and again.role == "abr"
