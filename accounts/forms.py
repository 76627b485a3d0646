"""The portal's sign-up form: allauth's, with the full name, closing the sign-up race."""

from allauth.account.forms import SignupForm
from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _


class SignUpForm(SignupForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)

    field_order = ["full_name", "email", "password1"]

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
