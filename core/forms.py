"""How every form field is rendered, on every page: one template (``forms/field.html``) with
its label, hint, errors and the ids that the widget's ``aria-describedby`` points at, so that
a screen reader reads the hint and the error with the field wherever it is."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
