"""Every django-fsm transition, of every model, writes exactly one audit row.

``audited_transitions`` wraps each transition method of every model with an FSMField
(enumerated with django-fsm's ``get_all_<field>_transitions``), records each call that
changed state, and after the test checks that each call left exactly one audit row with
the transition's action on that record. Test modules that drive the state machines through
the services use it; ``DRIVEN`` collects which transitions they drove.
"""

import functools
from collections import Counter

import pytest
from django.apps import apps
from django.db import connection, transaction
from django_fsm import FSMField

from licensing.models import TRANSITION_ACTIONS, AuditEntry

NOT_AUDITED = {"api.webhookdelivery"}
DRIVEN: set[tuple[str, str]] = set()


def every_transition():
    """(model, field name, transition name) for every transition of every model."""
    for model in apps.get_models():
        if model._meta.label_lower in NOT_AUDITED:
            continue
        for field in model._meta.fields:
            if isinstance(field, FSMField):
                transitions = getattr(model, f"get_all_{field.name}_transitions")
                for transition in transitions(model()):
                    yield model, field.name, transition.name


@pytest.fixture
def audited_transitions(monkeypatch, db):
    pending, committed = [], {}

    def probe(model, field_name, name, method):
        @functools.wraps(method)
        def wrapper(instance, *args, **kwargs):
            result = method(instance, *args, **kwargs)
            key = (model._meta.label_lower, name, instance.pk)
            # Counted once the change commits (or, in a test's own transaction, is still
            # pending commit at the end): a change rolled back with its savepoint is not.
            marker = functools.partial(committed.__setitem__, len(pending), key)
            pending.append(marker)
            transaction.on_commit(marker)
            return result

        return wrapper

    seen = set()
    for model, field_name, name in every_transition():
        if (model, name) in seen:
            continue
        seen.add((model, name))
        monkeypatch.setattr(model, name, probe(model, field_name, name, getattr(model, name)))
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    yield
    still_pending = {id(func) for _sids, func, _robust in connection.run_on_commit}
    calls = Counter(
        marker.args[1]
        for index, marker in enumerate(pending)
        if index in committed or id(marker) in still_pending
    )
    new_rows = Counter(
        (object_type, action, object_id)
        for object_type, action, object_id in AuditEntry.objects.exclude(pk__in=before).values_list(
            "object_type", "action", "object_id"
        )
    )
    for (label, name, pk), count in calls.items():
        action = TRANSITION_ACTIONS[(label, name)]
        rows = new_rows[(label.split(".")[1], action.value, pk)]
        assert rows == count, f"{label}.{name} on #{pk}: {count} transition(s), {rows} audit row(s)"
        DRIVEN.add((label, name))
