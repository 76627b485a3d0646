"""Check the audit trail's hash chain; exits non-zero and names the first broken entry."""

from django.core.management.base import BaseCommand, CommandError

from licensing.audit_chain import verify_chain


class Command(BaseCommand):
    help = "Check that no audit entry was changed, removed or inserted out of turn."

    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken is not None:
            where = f"entry {broken.entry_id}" if broken.entry_id else "the end of the chain"
            raise CommandError(
                f"Audit chain broken at {where}: {broken.problem} ({checked} entries verified "
                "before it)."
            )
        self.stdout.write(f"Audit chain intact: {checked} entries verified.")
