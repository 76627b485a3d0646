import pytest

from licensing import services
from public_register.licences import licence_for_public, public_licence
from public_register.search import register_suggestions, search_register
from registry.models import Sector
from tests.factories import LabourProviderFactory, PersonFactory, ProviderRoleFactory
from tests.public_site.factories import (
    licensed_provider,
    pending_provider,
    refused_provider,
    staff,
)

pytestmark = pytest.mark.django_db


def names(qs):
    return [p.legal_name for p in qs]


def test_it_finds_a_provider_by_name_in_any_word_order_and_trading_name():
    licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")
    licensed_provider(legal_name="Baltic Crew Ltd", urn="BALT0001", trading_names=["Marsh Pickers"])

    assert names(search_register(q="harvest fenland")) == ["Fenland Harvest Staffing Ltd"]
    assert names(search_register(q="marsh pickers")) == ["Baltic Crew Ltd"]


def test_names_containing_every_word_come_first_shortest_first_even_with_words_apart():
    licensed_provider(legal_name="Marsh Harvest Seasonal Staffing Ltd", urn="MARS0001")
    licensed_provider(legal_name="Marsh Harvest Ltd", urn="MARS0002")
    licensed_provider(legal_name="Fenland Packers Ltd", urn="FENL0004")

    assert names(search_register(q="harvest marsh")) == [
        "Marsh Harvest Ltd",
        "Marsh Harvest Seasonal Staffing Ltd",
    ]
    assert names(search_register(q="marsh staffing")) == ["Marsh Harvest Seasonal Staffing Ltd"]


def test_it_finds_by_urn_in_any_case_and_by_company_number():
    licence = licensed_provider(legal_name="Fenland Harvest Ltd", urn="FENL0007")
    licensed_provider(legal_name="Other Ltd", urn="OTHE0001")

    assert names(search_register(q="fenl0007")) == ["Fenland Harvest Ltd"]
    number = licence.provider.company_number
    assert names(search_register(q=f" {number[:3]} {number[3:].lower()} ")) == [
        "Fenland Harvest Ltd"
    ]


def test_it_leaves_out_providers_that_never_applied_and_drafts():
    LabourProviderFactory(legal_name="Fenland Unlisted Ltd")
    licensed_provider(legal_name="Fenland Listed Ltd", urn="FENL0002")

    assert names(search_register(q="fenland")) == ["Fenland Listed Ltd"]


def test_refused_and_pending_providers_are_listed_with_their_status():
    refused = refused_provider(legal_name="Rogue Gang Ltd")
    pending = pending_provider(legal_name="Newcomer Staff Ltd")
    licensed_provider(legal_name="Good Crew Ltd", urn="GOOD0001")

    by_name = {entry.legal_name: entry.status for entry in search_register()}
    assert by_name == {
        "Rogue Gang Ltd": "refused",
        "Newcomer Staff Ltd": "pending",
        "Good Crew Ltd": "active",
    }
    assert names(search_register(status="refused")) == [refused.legal_name]
    assert names(search_register(status="pending")) == [pending.legal_name]


def test_it_filters_by_sector_country_and_location():
    shellfish = Sector.objects.get(code="shellfish-gathering")
    licensed_provider(
        legal_name="Cockle Crew Ltd",
        urn="COCK0001",
        sectors=[shellfish],
        town="Morecambe",
        postcode="LA4 4AA",
        recruits_from=["PL", "RO"],
    )
    licensed_provider(legal_name="Field Crew Ltd", urn="FIEL0001", town="Wisbech")

    assert names(search_register(sector="shellfish-gathering")) == ["Cockle Crew Ltd"]
    assert names(search_register(country="ro")) == ["Cockle Crew Ltd"]
    assert names(search_register(country="GB")) == ["Cockle Crew Ltd", "Field Crew Ltd"]
    assert names(search_register(location="morecambe")) == ["Cockle Crew Ltd"]
    assert names(search_register(location="la4")) == ["Cockle Crew Ltd"]


def test_status_follows_the_latest_licence():
    actor = staff()
    licence = licensed_provider(legal_name="Suspended Crew Ltd", actor=actor)
    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")

    assert names(search_register(status="suspended")) == ["Suspended Crew Ltd"]
    assert names(search_register(status="active")) == []


def test_suggestions_offer_close_names_when_nothing_matches():
    licensed_provider(legal_name="Fenland Harvest Ltd", urn="FENL0003")

    assert "Fenland Harvest Ltd" in register_suggestions("fenlandia")


def test_public_licence_has_the_public_fields_and_no_personal_details():
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor, pa_name="Paula Pa")
    abr = PersonFactory(full_name="Arthur Abr", email="arthur@private.example")
    ProviderRoleFactory(provider=licence.provider, person=abr, role="abr")
    ProviderRoleFactory(provider=licence.provider, role="director")

    loaded = licence_for_public(licence.urn.lower())
    public = public_licence(loaded)

    assert public.urn == licence.urn
    assert public.status == "active"
    assert public.principal_authority == "Paula Pa"
    assert public.alternative_business_representatives == ["Arthur Abr"]
    # Listed as pending once validated, then granted.
    assert [h.action for h in public.history] == ["validate", "licence_granted"]
    assert "arthur@private.example" not in repr(public)
    assert licence_for_public("NOPE9999") is None
    assert licence_for_public("not a urn") is None
