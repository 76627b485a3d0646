"""“Do I need a licence?”: a GET form answering need / probably not / talk to us."""

import re

import pytest

pytestmark = pytest.mark.django_db

URL = "/do-i-need-a-licence/"


def ask(client, **answers):
    defaults = {"sector": "agriculture", "activity": "supply", "where": "uk", "exclusion": "none"}
    return client.get(URL, {**defaults, **answers})


def test_the_questions_are_a_get_form_without_an_answer_yet(anonymous):
    response = anonymous.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get"' in body
    assert 'id="answer"' not in body and "There is a problem" not in body


def test_a_provider_supplying_farm_workers_in_the_uk_needs_a_licence(anonymous):
    body = ask(anonymous).content.decode()
    assert "You need a licence." in body
    assert "criminal offence" in body
    assert 'href="/portal/start/"' in body and 'href="/register/"' in body


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        ({"sector": "other"}, "not in a sector the licensing scheme covers"),
        ({"where": "abroad"}, "covers work done in the United Kingdom"),
        ({"activity": "employ_direct"}, "not acting as a gangmaster"),
    ],
)
def test_work_outside_the_scheme_probably_needs_no_licence(anonymous, answers, reason):
    body = ask(anonymous, **answers).content.decode()
    assert "You probably do not need a licence." in body
    assert reason in body


@pytest.mark.parametrize(
    "answers", [{"exclusion": "unsure"}, {"exclusion": "retail"}, {"sector": "forestry"}]
)
def test_exclusions_and_borderline_cases_send_people_to_us(anonymous, answers):
    body = ask(anonymous, **answers).content.decode()
    assert "Talk to us." in body


def test_a_partial_or_bad_answer_keeps_the_choices_and_says_what_is_missing(anonymous):
    response = anonymous.get(URL, {"sector": "shellfish", "where": "mars"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert re.search(r'value="shellfish"[^>]*checked', body)
    assert 'id="answer"' not in body
