"""factory_boy factories for the licensing core. Apps add theirs in tests/<app>/factories.py."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from licensing.models import Application, Licence, LicenceCondition
from licensing.register import register_entry_refresh
from registry.models import LabourProvider, OrganisationMember, Person, ProviderRole, Sector


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = "agriculture"
    name = "Agriculture"


class LabourProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabourProvider
        skip_postgeneration_save = True

    legal_name = factory.Sequence(lambda n: f"Fenland Harvest Staffing {n} Ltd")
    company_number = factory.Sequence(lambda n: f"0{n:07d}")
    tax_reference = factory.Sequence(lambda n: f"123/{n:05d}")
    registered_address = "1 Market Street"
    town = "Wisbech"
    postcode = "PE13 1AA"
    country = "GB"
    email = factory.Sequence(lambda n: f"office{n}@provider.example")

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        for sector in extracted if extracted is not None else [SectorFactory()]:
            self.sectors.add(sector)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class ProviderRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderRole

    person = factory.SubFactory(PersonFactory)
    provider = factory.SubFactory(LabourProviderFactory)
    role = ProviderRole.Role.PRINCIPAL_AUTHORITY
    started_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=400))
    authorised_by_regulator = True


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMember

    provider = factory.SubFactory(LabourProviderFactory)
    user = factory.SubFactory(UserFactory)
    role = OrganisationMember.Role.PRINCIPAL_AUTHORITY


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft; use the services (or `submitted_application`) to move it on."""

    class Meta:
        model = Application

    provider = factory.SubFactory(LabourProviderFactory)
    kind = Application.Kind.NEW
    declared_turnover = Decimal("750000")
    declaration_accepted_at = factory.LazyFunction(timezone.now)


class LicenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Licence

    urn = factory.Sequence(lambda n: f"FENL{n + 1:04d}")
    provider = factory.SubFactory(LabourProviderFactory)
    granted_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=200))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=165))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # A licence made without the services: put its holder on the register as a grant would.
        licence = super()._create(model_class, *args, **kwargs)
        with transaction.atomic():
            register_entry_refresh(provider_id=licence.provider_id)
        return licence


class LicenceConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LicenceCondition

    licence = factory.SubFactory(LicenceFactory)
    standard_code = "5.1"
    text = "Provide workers with itemised payslips."
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
