"""The app runs as a PostgreSQL role that does not own the tables (issue 12, item 8).

The role is named after the database (`<database>_app`); `.ci/run` creates it.
"""

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import ProgrammingError

from licensing.models import AuditAction, AuditEntry
from licensing.workflow import audit
from registry import services as registry_services
from registry.models import LabourProvider

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def app_role():
    from django.conf import settings

    role = f"{settings.DATABASES['default']['NAME']}_app"
    if role.startswith("test_"):
        role = role.removeprefix("test_")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE ROLE "{role}" LOGIN')
    call_command("grant_app_role", role)
    return role


@pytest.fixture
def as_app_role(app_role):
    """The test's own connection, with the app role's privileges (and only those)."""
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{app_role}"')
    yield app_role
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def refused(statement):
    with pytest.raises(ProgrammingError) as error, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement)
    return str(error.value)


def test_the_app_role_can_sign_in_and_does_not_own_the_tables(app_role):
    settings = connection.settings_dict
    app = psycopg2.connect(
        host=settings["HOST"], port=settings["PORT"], dbname=settings["NAME"], user=app_role
    )
    try:
        with app.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (app_role,)
            cursor.execute("SELECT count(*) FROM registry_labourprovider")
            assert cursor.fetchone()[0] >= 0
            cursor.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                " AND tableowner = current_user"
            )
            assert cursor.fetchone() == (0,)
    finally:
        app.close()


def test_the_apps_reads_and_writes_work_and_the_audit_table_is_append_only(as_app_role):
    table = AuditEntry._meta.db_table

    with transaction.atomic():
        provider = registry_services.provider_create(
            legal_name="Role Crew Ltd", email="office@role.example"
        )
        audit(actor=None, action=AuditAction.ORGANISATION_CREATED, obj=provider)
    provider.legal_name = "Role Crew Limited"
    provider.save()
    assert LabourProvider.objects.get(pk=provider.pk).legal_name == "Role Crew Limited"
    assert AuditEntry.objects.filter(object_id=provider.pk).exists()

    assert "permission denied" in refused(f"UPDATE {table} SET reason = 'x'")
    assert "permission denied" in refused(f"DELETE FROM {table}")
    assert "permission denied" in refused(f"TRUNCATE {table}")
    assert "must be owner" in refused(f"ALTER TABLE {table} ADD COLUMN forged text")
    assert "must be owner" in refused(f"ALTER TABLE {table} DISABLE TRIGGER ALL")
    assert "permission denied" in refused(
        f"CREATE TRIGGER forged BEFORE INSERT ON {table}"
        " FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()"
    )
    assert "must be owner" in refused(f"DROP TABLE {table}")
