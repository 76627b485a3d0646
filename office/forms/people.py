"""Forms for the regulator's word on a provider's people: authorise, refuse or end a role,
and confirm or reject a possible match with somebody on record."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.limits import SHORT_TEXT
from office.forms.licensing import OfficeForm


class RoleAuthoriseForm(OfficeForm):
    account = forms.ModelChoiceField(
        label=_("Portal account that acts in this role"),
        queryset=None,
        required=False,
        empty_label=_("No account yet"),
        help_text=_("Only the account linked here may act for the provider in the portal."),
    )

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts
        self.fields["account"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.get_username()} <{user.email}>"
        )


class RoleReasonForm(OfficeForm):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=SHORT_TEXT
    )


class PersonMatchForm(OfficeForm):
    SAME = "same"
    DIFFERENT = "different"

    verdict = forms.ChoiceField(
        label=_("Is this the same person?"),
        widget=forms.RadioSelect,
        choices=[
            (SAME, _("Yes: the same person, link their history")),
            (DIFFERENT, _("No: a different person")),
        ],
    )
