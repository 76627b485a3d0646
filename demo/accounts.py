"""The demo's sign-in accounts: regulator staff in their groups, and the agency user (made by
the showcase, as the Principal Authority of a licensed provider). All share one password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_PASSWORD = "demo-password-2026"

STAFF = [
    ("officer", "Olivia", "Hartley", "Licensing officer", {}),
    ("inspector", "Rhys", "Pritchard", "Inspector", {}),
    ("decider", "Margaret", "Okonjo", "Decision maker", {}),
    ("admin", "Sanjay", "Mehta", "Administrator", {"is_staff": True, "is_superuser": True}),
    ("editor", "Fiona", "MacLeod", "Editor", {"is_staff": True}),
]

User = get_user_model()


def demo_user(username, first, last, *, email=None, **flags):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": email or f"{username}@regulator.example",
            **flags,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def ensure_staff() -> dict:
    staff = {}
    for username, first, last, group, flags in STAFF:
        user = demo_user(username, first, last, **flags)
        user.groups.add(Group.objects.get(name=group))
        staff[username] = user
    return staff
