"""Every form field, on every page, is rendered by the one field template: its hint and its
error are tied to the input, so a screen reader reads them with the field."""

import pytest

pytestmark = pytest.mark.django_db


def field_templates(response):
    return [t.name for t in response.templates if t.name and "field" in t.name]


@pytest.mark.parametrize(
    "url", ["/report/", "/portal/sign-in/", "/office/sign-in/", "/accounts/signup/"]
)
def test_public_portal_and_office_forms_use_the_one_field_template(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    # allauth's "fields" element only loops over the fields, each rendered by forms/field.html.
    allowed = {"forms/field.html", "forms/field_errors.html", "allauth/elements/fields.html"}
    assert set(field_templates(response)) <= allowed
    assert "forms/field.html" in field_templates(response)


def test_an_error_is_announced_with_its_field(client):
    response = client.post("/report/", {"provider": "Anglia Crew Ltd", "description": ""})

    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_description_error"' in text
    field = text[text.index('name="description"') - 300 : text.index('name="description"') + 300]
    assert "id_description_error" in field and "aria-describedby" in field
    assert 'class="field has-error"' in text
