"""“Do I need a licence?”: a short questionnaire (a GET form, so it works without JavaScript)
that answers from the scope of the Gangmasters (Licensing) Act 2004 and its exclusions.

It gives guidance, not a decision: anything borderline is sent to the regulator.
"""

from dataclasses import dataclass, field

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

NEED = "need"
PROBABLY_NOT = "probably_not"
TALK = "talk"

SECTORS = [
    ("agriculture", _("Agriculture or horticulture (farming, picking, packing produce)")),
    ("shellfish", _("Shellfish gathering")),
    ("food_processing", _("Processing or packaging food, drink or agricultural produce")),
    ("forestry", _("Forestry (other than land-based tree planting)")),
    ("other", _("Another sector (for example construction, care, hospitality)")),
]
ACTIVITIES = [
    ("supply", _("I supply workers to another business")),
    ("use_own", _("I use my own workers to provide a service to another business")),
    ("gather", _("I use workers to gather shellfish")),
    ("employ_direct", _("I only employ workers for my own business")),
]
WHERE = [
    ("uk", _("In the United Kingdom (or its coastal waters)")),
    ("abroad", _("Outside the United Kingdom only")),
]
EXCLUSIONS = [
    ("none", _("None of these")),
    ("retail", _("The food is processed or packaged in a shop or catering business")),
    ("shared_farm", _("Farmers sharing their own workers with each other occasionally")),
    ("specialist", _("Workers operate specialist machinery with their own skills")),
    ("unsure", _("I am not sure")),
]


class EligibilityForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Which sector is the work in?"), choices=SECTORS, widget=forms.RadioSelect
    )
    activity = forms.ChoiceField(
        label=_("What do you do?"), choices=ACTIVITIES, widget=forms.RadioSelect
    )
    where = forms.ChoiceField(
        label=_("Where is the work done?"), choices=WHERE, widget=forms.RadioSelect
    )
    exclusion = forms.ChoiceField(
        label=_("Does any of these describe the work?"),
        choices=EXCLUSIONS,
        widget=forms.RadioSelect,
    )


@dataclass
class Answer:
    outcome: str
    headline: str
    reasons: list = field(default_factory=list)


def answer(data: dict) -> Answer:
    """The guidance for one set of answers; the regulated sectors and activities come from
    section 3 and 4 of the Act, the exclusions from the Gangmasters (Exclusions) Regulations."""
    reasons = []
    if data["where"] == "abroad":
        reasons.append(_("The licensing scheme covers work done in the United Kingdom."))
    if data["sector"] == "other":
        reasons.append(_("The work is not in a sector the licensing scheme covers."))
    if data["activity"] == "employ_direct":
        reasons.append(
            _("Employing workers only for your own business is not acting as a gangmaster.")
        )
    if reasons:
        return Answer(PROBABLY_NOT, _("You probably do not need a licence."), reasons)
    if data["exclusion"] == "unsure" or data["sector"] == "forestry":
        return Answer(
            TALK,
            _("Talk to us."),
            [_("Whether you need a licence depends on details we should check with you.")],
        )
    if data["exclusion"] != "none":
        return Answer(
            TALK,
            _("Talk to us."),
            [
                _(
                    "An exclusion may apply to your work, but exclusions are narrow: check with "
                    "us before you supply workers without a licence."
                )
            ],
        )
    return Answer(
        NEED,
        _("You need a licence."),
        [
            _("The work is in a sector the licensing scheme covers, in the United Kingdom."),
            _("Supplying or using workers there without a licence is a criminal offence."),
        ],
    )


@require_GET
def eligibility(request):
    form = EligibilityForm(request.GET or None)
    result = answer(form.cleaned_data) if form.is_valid() else None
    return render(
        request,
        "public_site/eligibility.html",
        {
            "form": form,
            "result": result,
            "register_url": reverse("public_site:register"),
            "contact_url": reverse("public_site:report"),
        },
    )
