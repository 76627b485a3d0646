"""The risk queue is read a page at a time from the last row shown (keyset pagination)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import LicenceRisk
from inspections.selectors import risk_page
from tests.factories import LicenceFactory

pytestmark = pytest.mark.django_db


def scored(scores):
    now = timezone.now()
    return [
        LicenceRisk.objects.create(licence=LicenceFactory(), score=score, parts={}, computed_at=now)
        for score in scores
    ]


def test_pages_follow_the_ranking_across_equal_scores():
    risks = scored([5.5, 9.0, 5.5, 5.5, 1.0])
    expected = [risks[1], risks[0], risks[2], risks[3], risks[4]]

    seen, after = [], ""
    while True:
        page = risk_page(after=after, size=2)
        seen += page.rows
        if page.next_after is None:
            break
        after = page.next_after
    assert [r.licence_id for r in seen] == [r.licence_id for r in expected]


def test_a_cursor_that_is_not_a_position_gives_the_first_page():
    risks = scored([3.0, 2.0])
    assert [r.licence_id for r in risk_page(after="x_y").rows] == [r.licence_id for r in risks]


def test_the_page_links_to_the_next_rows_by_position(client_for, inspector):
    scored([float(n) for n in range(52)])
    client = client_for(inspector)
    first = client.get(reverse("office:risk_queue")).content.decode()
    assert "Licences 1 to 50 of 52" in first
    assert 'href="?after=2.0_' in first and "from=51" in first

    link = first.split('href="?after=', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = client.get(reverse("office:risk_queue") + "?after=" + link).content.decode()
    assert "Licences 51 to 52 of 52" in second and '<ol class="risk-list" start="51">' in second
    assert "First page" in second and 'rel="next"' not in second
