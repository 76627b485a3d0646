"""Every free-text field is bounded (issue 12, item 7): a megabyte message is refused by the
form, never stored."""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.db import models

PROJECT_APPS = (
    "core",
    "registry",
    "licensing",
    "inspections",
    "public_register",
    "office",
    "portal",
    "public_site",
    "api",
    "demo",
)


def project_modules():
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        yield package.__name__
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            yield info.name


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def form_fields(cls):
    """The fields a form shows; some (sign-in) are only bounded once built."""
    try:
        return cls().fields
    except TypeError:
        return cls.base_fields


def test_every_free_text_model_field_has_a_max_length():
    offenders = [
        f"{model._meta.label}.{field.name}"
        for app in PROJECT_APPS
        if apps.is_installed(app)
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField))
        and field.model._meta.app_label in PROJECT_APPS
        and field.max_length is None
    ]
    assert offenders == [], "Unbounded text fields: " + ", ".join(offenders)


@pytest.mark.django_db
def test_every_free_text_form_field_has_a_max_length():
    for name in project_modules():
        importlib.import_module(name)
    form_classes = {
        cls
        for cls in all_subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in PROJECT_APPS
    }
    assert len(form_classes) > 10
    offenders = sorted(
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in form_classes
        for name, field in form_fields(cls).items()
        if isinstance(field, forms.CharField) and field.max_length is None
    )
    assert offenders == [], "Unbounded form fields: " + ", ".join(offenders)


@pytest.mark.django_db
def test_a_megabyte_message_is_refused_by_the_form():
    from portal.forms import BusinessForm

    form = BusinessForm(data={"legal_name": "x", "registered_address": "a" * 1_000_000})

    assert not form.is_valid()
    assert "registered_address" in form.errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    "names", ["a" * 5_000, "word " * 1_000, "\n".join(f"Name {n}" for n in range(60))]
)
def test_a_huge_trading_name_already_stored_still_makes_a_record_pdf(anonymous, names):
    import pypdfium2

    from tests.public_site.factories import licensed_provider

    licence = licensed_provider(
        legal_name="Anglia Crew Ltd", urn="ANGL0002", trading_names=names.splitlines()
    )

    response = anonymous.get(f"/register/{licence.urn}/record.pdf")

    assert response.status_code == 200
    pdf = pypdfium2.PdfDocument(response.content)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "ANGL0002" in text
    assert "…" in text


@pytest.mark.django_db
def test_trading_names_are_capped_in_count_and_length():
    from portal.forms import BusinessForm

    too_long = BusinessForm(data={"trading_names": "a" * 201})
    too_many = BusinessForm(data={"trading_names": "\n".join(f"Name {n}" for n in range(11))})
    fine = BusinessForm(data={"trading_names": "\n".join(f"Name {n}" for n in range(10))})

    assert too_long.errors["trading_names"] == ["Each trading name must be at most 200 characters."]
    assert too_many.errors["trading_names"] == ["Give at most 10 trading names."]
    assert "trading_names" not in fine.errors
