"""`manage.py restore <dir>`: a backup into an empty database and files folder, checked."""

from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database (the configured one, or --database-url) and "
        "an empty private files folder (the configured one, or --files-dir), then compare row "
        "counts and file hashes with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--database-url", help="restore into this database instead")
        parser.add_argument("--files-dir", type=Path, help="restore the files into this folder")

    def handle(self, *args, directory, database_url=None, files_dir=None, **options):
        settings_dict = (
            dj_database_url.parse(database_url) if database_url else connection.settings_dict
        )
        try:
            found = restore(directory, settings_dict=settings_dict, files_location=files_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {len(found['tables'])} tables and {len(found['files'])} files; "
            "row counts and file hashes match the manifest."
        )
