"""The workflow kit every service uses: permission checks, row locks, the one transition
helper and the audit trail.

A state change is always ``transition(obj, name, actor=..., ...)`` inside the caller's
transaction, on a row the caller locked with ``lock``. It refuses, in words for the user,
a transition the state or a condition does not allow; runs the django-fsm transition; bumps
the record's version; saves; writes the audit row; and, for the records the public register
is derived from, refreshes the provider's register entry. Nothing else calls a transition
method, and no caller writes a state and its audit row by hand.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from core.pagecache import register_changed
from licensing.models import (
    TRANSITION_ACTIONS,
    AdverseDecision,
    Application,
    AuditAction,
    AuditEntry,
    Licence,
    LicensingPolicy,
)
from licensing.register import register_entry_refresh, register_status
from registry import selectors as registry_selectors
from registry.models import LabourProvider


class ServiceError(Exception):
    """A request that cannot be carried out; the message is shown to the user as it is."""


class TransitionRefused(ServiceError):
    """The record's state, or a condition of the step, does not allow it now."""


class CaseChanged(ServiceError):
    """Somebody changed the record since the user saw it: nothing was saved."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _(
                "This case changed while you were working on it. Nothing was saved: "
                "review the latest version and try again."
            )
        )


class NotAllowedHere(ServiceError, PermissionDenied):
    """The actor may do this kind of thing, but not on this case: they belong to the
    provider, or the four-eyes rule asks for somebody else. Shown in words on the page."""


# Who may do what.


def require_perm(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied(_("You do not have permission to do this."))


def require_member(actor, provider) -> None:
    if not registry_selectors.is_member(actor, provider):
        raise PermissionDenied(_("Only the labour provider's own users can do this."))


def require_member_or_perm(actor, provider, perm: str) -> None:
    if not (
        registry_selectors.is_member(actor, provider)
        or (actor is not None and actor.has_perm(perm))
    ):
        raise PermissionDenied(_("You do not have permission to do this."))


def require_can_act(actor, provider) -> None:
    if not registry_selectors.can_act(actor, provider):
        raise PermissionDenied(
            _(
                "Only the Principal Authority, or an Alternative Business Representative the "
                "regulator has authorised, can do this."
            )
        )


def require_independent(actor, provider) -> None:
    """Nobody works on a case of a provider they belong to (a member, former member or an
    account linked to one of its named individuals)."""
    if registry_selectors.belongs_to(actor, provider):
        raise NotAllowedHere(
            _(
                "You belong to this labour provider, so you cannot work on its cases. "
                "Ask a colleague."
            )
        )


def require_office(actor, perm: str, provider) -> None:
    """The check every office-side service makes: the permission, and independence from the
    provider whose case it is."""
    require_perm(actor, perm)
    require_independent(actor, provider)


# Who assessed a case or recommended its outcome: the four-eyes rule keeps them from deciding.
ASSESSMENT_ACTIONS = (AuditAction.START_ASSESSMENT, AuditAction.INSPECTION_SUBMIT)


def require_four_eyes(actor, *, application=None, licence=None) -> None:
    """When the licensing policy asks for four eyes (the default), the decision maker is not
    the person who started the assessment of the application or submitted an inspection
    report recommending the outcome."""
    if not LicensingPolicy.load().four_eyes_decisions or actor is None:
        return
    about = models.Q(pk__in=[])
    if application is not None:
        about |= models.Q(application=application)
    if licence is not None:
        about |= models.Q(licence=licence)
    assessed = AuditEntry.objects.filter(about, action__in=ASSESSMENT_ACTIONS, actor_id=actor.pk)
    if assessed.exists():
        raise NotAllowedHere(
            _(
                "Four eyes: you assessed this case or recommended its outcome, so another "
                "decision maker must decide it."
            )
        )


# Locks.


def lock(instance, expected_version: int | None = None):
    """Reload `instance` with a row lock (SQLite serialises writers instead) and check that
    nobody changed it since the user saw version `expected_version`."""
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and getattr(locked, "version", None) != expected_version:
        raise CaseChanged()
    return locked


# The audit trail.


def actor_display_name(actor) -> str:
    if actor is None:
        return _("System")
    return actor.get_full_name() or actor.get_username()


def audit(
    *,
    actor,
    action: AuditAction,
    obj: models.Model,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    public: bool = False,
    data: dict | None = None,
) -> AuditEntry:
    """Append an audit row for something that is not a state change (a message, an
    assignment, a document); call it inside the transaction of the change it records."""
    application = licence = provider = None
    if isinstance(obj, Application):
        application, licence, provider = obj, obj.licence, obj.provider
    elif isinstance(obj, Licence):
        licence, provider = obj, obj.provider
    elif isinstance(obj, LabourProvider):
        provider = obj
    else:
        application = getattr(obj, "application", None)
        licence = getattr(obj, "licence", None) or getattr(application, "licence", None)
        provider = getattr(obj, "provider", None) or getattr(
            licence or application, "provider", None
        )
    if public:
        register_changed()
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor_display_name(actor),
        action=AuditAction(action),
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        provider=provider,
        application=application,
        licence=licence,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        is_public=public,
        data=data or {},
    )


# Transitions.


def refusal_reasons(instance, name: str) -> list[str]:
    """Why transition `name` cannot run now, in words for the user; empty when it can."""
    meta = getattr(instance, name)._django_fsm
    state = meta.field.get_state(instance)
    if not meta.has_transition(state):
        label = dict(meta.field.choices).get(state, state)
        return [
            _("This cannot be done while the %(thing)s is “%(state)s”.")
            % {"thing": instance._meta.verbose_name, "state": label}
        ]
    return [
        str(getattr(condition, "refusal_message", _("A condition for this step is not met.")))
        for condition in meta.get_transition(state).conditions or []
        if not condition(instance)
    ]


def check(instance, name: str) -> None:
    """Refuse now, with the reasons, a transition that could not run: for services that do
    other work before the transition itself."""
    reasons = refusal_reasons(instance, name)
    if reasons:
        raise TransitionRefused(" ".join(reasons))


def available_transitions(instance) -> list[str]:
    """Names of the transitions allowed from the instance's current state."""
    return [t.name for t in instance.get_available_state_transitions()]


# Records the public register entry is derived from (see licensing.register).
REGISTER_SOURCES = (Application, Licence, AdverseDecision)


def transition(
    obj,
    name: str,
    *,
    actor,
    reason: str = "",
    public: bool = False,
    data: dict | Callable[[], dict] | None = None,
    expected_version: int | None = None,
    **kwargs,
) -> AuditEntry:
    """Run transition `name` on `obj` (locked by the caller, inside its transaction), bump its
    version, save it and write its audit row; refresh the provider's register entry when the
    register is derived from `obj`. `kwargs` go to the transition method; `data` may be a
    function, called after the transition, when the details are what it computed."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition() must run inside the service's transaction.")
    if expected_version is not None and getattr(obj, "version", None) != expected_version:
        raise CaseChanged()
    check(obj, name)
    action = TRANSITION_ACTIONS[(obj._meta.label_lower, name)]
    state_field = getattr(obj, name)._django_fsm.field
    from_state = state_field.get_state(obj)
    standing_before = (
        register_status(provider_id=obj.provider_id) if isinstance(obj, REGISTER_SOURCES) else ""
    )
    try:
        getattr(obj, name)(**kwargs)
    except TransitionNotAllowed as exc:
        raise TransitionRefused(str(exc)) from exc
    if hasattr(obj, "version"):
        obj.version += 1
    obj.save()
    details = data() if callable(data) else data
    if isinstance(obj, REGISTER_SOURCES):
        register_entry_refresh(provider_id=obj.provider_id)
        standing = register_status(provider_id=obj.provider_id)
        if standing != standing_before:
            # The provider entered, left or changed its standing on the register: the feed
            # must say so, whatever the transition's own wording.
            public = True
            details = {**(details or {}), "register_status": standing}
    return audit(
        actor=actor,
        action=action,
        obj=obj,
        from_state=from_state,
        to_state=state_field.get_state(obj),
        reason=reason,
        public=public,
        data=details,
    )
