"""allauth's sign-in and sign-up forms in our words; sign-up asks for the full name and
closes the sign-up race."""

from allauth.account.forms import LoginForm, SignupForm
from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _


class SignUpForm(SignupForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)

    field_order = ["full_name", "email", "password1"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["password1"].help_text = _(
            "At least 8 characters; not a common password or only numbers."
        )
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def try_save(self, request):
        """Two sign-ups with one address at once both pass the form's check; the username
        (the address) is unique, so the loser is answered exactly as any sign-up with a
        registered address: "check your email", and an email to the owner."""
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            self.account_already_exists = True
            return super().try_save(request)


class SignInForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Username or email address")
        login.widget.attrs.update(autocomplete="username")
        login.help_text = _("Agency accounts: the email address you signed up with.")
        self.fields["password"].help_text = ""
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
