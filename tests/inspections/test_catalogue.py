"""The Licensing Standards 2018 catalogue seeded by migrations: every section populated."""

import pytest

from inspections.models import Standard, StandardsEdition

pytestmark = pytest.mark.django_db

EDITION = "Licensing Standards 2018"


@pytest.fixture
def edition():
    return StandardsEdition.objects.get(name=EDITION)


def test_every_section_of_the_2018_edition_has_standards(edition):
    sizes = {section.number: section.standards.count() for section in edition.sections.all()}
    print("Licensing Standards 2018, standards per section:", sizes, "total", sum(sizes.values()))
    assert sorted(sizes) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert all(size > 0 for size in sizes.values()), sizes
    assert sum(sizes.values()) == 32


@pytest.mark.parametrize(
    ("code", "critical", "points"),
    [("4.1", True, 30), ("4.2", False, 8), ("2.5", True, 30), ("7.1", True, 30)],
)
def test_published_figures(edition, code, critical, points):
    standard = edition.standards.get(code=code)
    assert (standard.critical, standard.points) == (critical, points)
    assert "Unconfirmed" not in standard.guidance


def test_published_requirements_are_in_the_catalogue(edition):
    titles = " ".join(edition.standards.values_list("title", flat=True)).lower()
    assert "ilo indicators of forced labour" in titles
    assert "loans and advances to workers" in titles
    assert "tribunal" in titles
    assert edition.standards.get(code="3.6").section.number == 3


def test_critical_standards_score_thirty_and_unconfirmed_ones_say_so(edition):
    assert set(edition.standards.filter(critical=True).values_list("points", flat=True)) == {30}
    unconfirmed = edition.standards.filter(guidance__contains="Unconfirmed")
    print("Unconfirmed:", ", ".join(unconfirmed.values_list("code", flat=True)))
    assert unconfirmed.filter(code="5.1").exists()


def test_standards_are_ordered_by_code_within_their_section(edition):
    codes = list(Standard.objects.filter(edition=edition).values_list("code", flat=True))
    assert codes == sorted(codes, key=lambda code: tuple(int(p) for p in code.split(".")))
