"""Grant a PostgreSQL role what the running app needs, and nothing that could rewrite history.

Migrations run as the tables' owner; the web and task processes connect as this role:

- SELECT, INSERT, UPDATE, DELETE on every table, USAGE and SELECT on every sequence;
- on the audit table only SELECT and INSERT: no UPDATE, DELETE or TRUNCATE;
- no ownership, so ALTER TABLE, DROP and trigger changes are refused everywhere.

Run it after every `migrate` (new tables get no grants until it runs); it is idempotent.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg2 import sql

from licensing.models import AuditEntry


class Command(BaseCommand):
    help = "Grant a PostgreSQL role the app's privileges on the tables (after each migrate)."

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role the app connects as (must exist)")

    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles apply to PostgreSQL only.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"Role {role!r} does not exist: create it first.")
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
        audit = connection.introspection.identifier_converter(AuditEntry._meta.db_table)
        who = sql.Identifier(role)
        where = sql.Identifier(schema)
        statements = [
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(connection.settings_dict["NAME"]), who
            ),
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(where, who),
            sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(where, who),
            sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(where, who),
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(
                where, who
            ),
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(where, who),
            # The audit trail is append-only for the app.
            sql.SQL("REVOKE UPDATE, DELETE ON TABLE {}.{} FROM {}").format(
                where, sql.Identifier(audit), who
            ),
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement.as_string(cursor.cursor))
        self.stdout.write(f"Granted {role} the app's privileges; audit table {audit} append-only.")
