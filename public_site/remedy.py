"""Workers say whether they were repaid, with the code on their slip; reporters read and
answer staff's questions in their concern's mailbox. Neither needs an account, neither page
needs JavaScript, and nothing about the visitor's connection or browser is stored.

Codes and phrases travel in the form, never in the address, so they stay out of browser
history and server logs; every answer is private and never stored by a cache.
"""

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.ratelimit import limit_reached
from inspections import services
from inspections.models import WorkerCode
from inspections.services.concerns import DESCRIPTION_MAX_CHARS
from licensing.workflow import ServiceError

# Per client address an hour: enough for a worker who mistypes, far too few to guess codes.
CODE_TRIES_PER_HOUR = 20
MAILBOX_OPENS_PER_HOUR = 30


class WorkerCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("The code on your slip"),
        help_text=gettext_lazy("Ten letters and numbers, for example K7MQ4-XH9PW."),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class WorkerAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("Were you repaid?"),
        choices=[c for c in WorkerCode.Answer.choices if c[0]],
        widget=forms.RadioSelect,
    )


class MailboxOpenForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Your reference"),
        help_text=gettext_lazy("For example C-7K2M-9XQ4."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    phrase = forms.CharField(
        label=gettext_lazy("Your secret phrase"),
        help_text=gettext_lazy("Shown once when you reported, for example K7MQ-XH9P-W4CT-8RDA."),
        max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=True),
    )


class MailboxReplyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your answer"),
        required=False,
        max_length=DESCRIPTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    photo = forms.FileField(
        label=gettext_lazy("A photo (optional)"),
        required=False,
        help_text=gettext_lazy(
            "A JPEG or PNG. We remove the location and camera details before we keep it."
        ),
    )


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "POST"])
def repaid(request):
    """Enter the code; then see your own amount and answer; then a thank-you."""
    code_form = WorkerCodeForm(request.POST or None)
    answer_form = None
    slip = None
    answered = None
    if request.method == "POST" and code_form.is_valid():
        refusal = limit_reached(
            request,
            "worker-code",
            limit=CODE_TRIES_PER_HOUR,
            window=3600,
            message=_("Too many attempts from your connection. Please try again in an hour."),
        )
        if refusal is not None:
            return _private(refusal)
        code = code_form.cleaned_data["code"]
        slip = services.worker_slip_for(code)
        if slip is None:
            code_form.add_error("code", _("This code is not valid. Check it against your slip."))
        elif slip.answer:
            code_form.add_error("code", _("This code has already been used to answer."))
            slip = None
        elif "answer" in request.POST:
            answer_form = WorkerAnswerForm(request.POST)
            if answer_form.is_valid():
                try:
                    answered = services.worker_answer(
                        code=code,
                        answer=answer_form.cleaned_data["answer"],
                        language=translation.get_language() or settings.LANGUAGE_CODE,
                    )
                except ServiceError as exc:
                    answer_form.add_error(None, str(exc))
        else:
            answer_form = WorkerAnswerForm()
    return _private(
        render(
            request,
            "public_site/remedy/repaid.html",
            {
                "code_form": code_form,
                "answer_form": answer_form,
                "slip": slip if answered is None else None,
                "answered": answered,
            },
            status=400 if code_form.errors else 200,
        )
    )


@require_http_methods(["GET", "POST"])
def mailbox(request):
    """Open the mailbox with the reference and the secret phrase; read staff's questions and
    answer them, with a photo if it helps."""
    open_form = MailboxOpenForm(request.POST or None)
    concern = None
    reply_form = None
    sent = False
    if request.method == "POST" and open_form.is_valid():
        refusal = limit_reached(
            request,
            "concern-mailbox",
            limit=MAILBOX_OPENS_PER_HOUR,
            window=3600,
            message=_("Too many attempts from your connection. Please try again in an hour."),
        )
        if refusal is not None:
            return _private(refusal)
        concern = services.concern_for_mailbox(
            open_form.cleaned_data["reference"], open_form.cleaned_data["phrase"]
        )
        if concern is None:
            open_form.add_error(
                None, _("The reference and secret phrase do not match. Check them and try again.")
            )
        elif "reply" in request.POST:
            reply_form = MailboxReplyForm(request.POST, request.FILES)
            if reply_form.is_valid():
                try:
                    services.concern_reporter_reply(
                        concern=concern,
                        text=reply_form.cleaned_data["text"],
                        photo=reply_form.cleaned_data.get("photo") or None,
                    )
                except ServiceError as exc:
                    reply_form.add_error(None, str(exc))
                else:
                    sent = True
                    reply_form = MailboxReplyForm()
        else:
            reply_form = MailboxReplyForm()
    return _private(
        render(
            request,
            "public_site/remedy/mailbox.html",
            {
                "open_form": open_form,
                "concern": concern,
                "messages_": concern.messages.all() if concern is not None else [],
                "reply_form": reply_form,
                "sent": sent,
            },
            status=400 if open_form.errors else 200,
        )
    )
