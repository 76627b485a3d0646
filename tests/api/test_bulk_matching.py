"""Matching suppliers to the register: identifiers, typos, word order, trading names."""

import pytest

from api.matching import MATCHED, NO_LICENCE_FOUND, UNCERTAIN, Supplier, check_suppliers
from tests.api.factories import licensed
from tests.factories import LabourProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    return {
        "anglia": licensed(
            "Anglia Field Labour Ltd",
            urn="ANGL0001",
            company_number="01234567",
            trading_names=["Fen Pickers"],
        ),
        "baltic": licensed("Baltic Crew Recruitment Ltd", urn="BALT0001", country="PL"),
        "wisbech_staffing": licensed("Wisbech Harvest Staffing Ltd", urn="WISB0001"),
        "wisbech_labour": licensed("Wisbech Harvest Labour Ltd", urn="WISB0002"),
    }


def check(**fields):
    return check_suppliers([Supplier(row=2, **fields)])[0]


def test_an_exact_urn_matches_whatever_the_name(register):
    result = check(name="Someone Else Entirely", urn="ANGL0001")

    assert result.outcome == MATCHED
    assert result.best.licence.urn == "ANGL0001"
    assert result.best.confidence == 1.0
    assert result.best.reason == "exact URN"


def test_a_company_number_matches(register):
    result = check(name="Anglia Field Labour", company_number="01234567")

    assert result.outcome == MATCHED
    assert result.best.licence.urn == "ANGL0001"
    assert result.best.reason == "company number"


def test_a_company_number_with_a_different_name_says_so(register):
    result = check(name="Totally Unrelated Name", company_number="01234567")

    assert result.best.licence.urn == "ANGL0001"
    assert "name differs" in result.best.reason


def test_an_exact_name_matches_with_full_confidence(register):
    result = check(name="anglia field labour ltd.")

    assert result.outcome == MATCHED
    assert result.best.licence.urn == "ANGL0001"
    assert result.best.reason == "exact name"


def test_a_name_with_typos_matches_with_its_similarity(register):
    result = check(name="Baltik Crew Recruitmnt Ltd")

    assert result.best.licence.urn == "BALT0001"
    assert result.best.reason.startswith("name similarity 0.")
    assert 0.45 <= result.best.confidence < 1.0


def test_words_in_another_order_match(register):
    result = check(name="Crew Baltic Recruitment Ltd")

    assert result.outcome == MATCHED
    assert result.best.licence.urn == "BALT0001"
    assert result.best.reason == "same words in another order"


def test_a_trading_name_matches_and_says_so(register):
    result = check(name="Fen Pickers")

    assert result.outcome == MATCHED
    assert result.best.licence.urn == "ANGL0001"
    assert result.best.reason == "exact trading name"


def test_similar_names_make_an_uncertain_match_with_alternatives(register):
    result = check(name="Wisbech Harvest Ltd")

    assert result.outcome == UNCERTAIN
    urns = {result.best.licence.urn} | {m.licence.urn for m in result.alternatives}
    assert urns == {"WISB0001", "WISB0002"}


def test_the_right_one_of_several_similar_names_is_clear(register):
    result = check(name="Wisbech Harvest Staffing Ltd")

    assert result.outcome == MATCHED
    assert result.best.licence.urn == "WISB0001"
    assert result.alternatives == []


def test_an_unknown_supplier_has_no_licence_found(register):
    result = check(name="Zebra Quantum Holdings")

    assert result.outcome == NO_LICENCE_FOUND
    assert result.best is None


def test_an_unknown_urn_is_noted(register):
    result = check(name="", urn="NOPE0001")

    assert result.outcome == NO_LICENCE_FOUND
    assert "NOPE0001" in result.note


def test_a_provider_not_on_the_public_register_is_never_matched(register):
    LabourProviderFactory(legal_name="Secret Draft Applicant Ltd")

    result = check(name="Secret Draft Applicant Ltd")

    assert result.outcome == NO_LICENCE_FOUND


def test_a_different_country_lowers_the_confidence(register):
    same = check(name="Baltic Crew Recruitment Ltd", country="PL")
    other = check(name="Baltic Crew Recruitment Ltd", country="GB")

    assert same.best.confidence == 1.0
    assert other.best.confidence == 0.9
    assert "based in PL" in other.best.reason


def test_conditions_in_force_come_with_the_match(register):
    from datetime import date

    from licensing import services
    from licensing.services import ConditionSpec
    from tests.factories import UserFactory

    officer = UserFactory(groups=["Decision maker"])
    services.licence_impose_conditions(
        licence=register["baltic"],
        actor=officer,
        conditions=[ConditionSpec(text="Itemised payslips", due_date=date(2030, 1, 1))],
    )

    result = check(name="Baltic Crew Recruitment Ltd")

    assert result.best.licence.status == "active_with_conditions"
    assert result.best.licence.conditions == ["Itemised payslips"]


def test_the_name_index_follows_renames_and_new_providers_without_a_rebuild(register):
    from api import matching

    assert check(name="Anglia Field Labour").best.licence.urn == "ANGL0001"
    index = matching._index[1]
    anglia = register["anglia"].provider
    anglia.legal_name = "Ouse Valley Growers Ltd"
    anglia.trading_names = []
    anglia.save()
    licensed("Humber Shellfish Gatherers Ltd", urn="HUMB0001")

    renamed = check(name="Ouse Valey Growers")
    assert matching._index[1] is index
    assert renamed.best.licence.urn == "ANGL0001"
    assert check(name="Humber Shellfish Gatherers").best.licence.urn == "HUMB0001"
    assert check(name="Fen Pickers").outcome == NO_LICENCE_FOUND
    assert "anglia" not in index.postings and "pickers" not in index.postings
