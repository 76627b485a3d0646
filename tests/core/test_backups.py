"""Backup and restore drill (issue 12, item 9): a fresh database and folder get the same rows
and the same files."""

import json
import sqlite3

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection

from core.backups import file_hashes
from registry.models import LabourProvider
from tests.factories import LabourProviderFactory


@pytest.fixture
def stored_files():
    storage = storages["private"]
    names = [
        storage.save("documents/contract.pdf", ContentFile(b"%PDF-1.4\n% contract\n%%EOF\n")),
        storage.save("evidence/2026/photo.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x01" * 64)),
    ]
    yield names
    for name in names:
        storage.delete(name)


def sql_as_owner(admin, *statements):
    conn = psycopg2.connect(dbname="postgres", **admin)
    conn.autocommit = True
    with conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    conn.close()


def _backup(tmp_path):
    LabourProviderFactory(legal_name="Backup Crew Ltd")
    call_command("backup", str(tmp_path / "backup"))
    return json.loads((tmp_path / "backup" / "manifest.json").read_text())


@pytest.mark.django_db(transaction=True)
def test_a_backup_has_the_database_the_files_and_a_manifest(tmp_path, stored_files):
    manifest = _backup(tmp_path)

    assert manifest["tables"][LabourProvider._meta.db_table] == LabourProvider.objects.count()
    assert manifest["files"] == file_hashes(storages["private"])
    assert set(stored_files) <= set(manifest["files"])
    dump = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert (tmp_path / "backup" / dump).stat().st_size > 0
    assert (tmp_path / "backup" / "files" / stored_files[0]).read_bytes().startswith(b"%PDF")


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore")
@pytest.mark.django_db(transaction=True)
def test_restore_drill_into_a_fresh_database_and_folder(tmp_path, stored_files):
    manifest = _backup(tmp_path)
    settings = connection.settings_dict
    fresh = f"{settings['NAME']}_restore"
    admin = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    sql_as_owner(admin, f'DROP DATABASE IF EXISTS "{fresh}"', f'CREATE DATABASE "{fresh}"')
    try:
        url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{fresh}"
        call_command(
            "restore",
            str(tmp_path / "backup"),
            database_url=url,
            files_dir=str(tmp_path / "restored-files"),
        )

        conn = psycopg2.connect(dbname=fresh, **admin)
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT legal_name FROM {LabourProvider._meta.db_table}")
            names = [row[0] for row in cursor.fetchall()]
        conn.close()
        count = len(names)
        assert count == manifest["tables"][LabourProvider._meta.db_table] >= 1
        assert "Backup Crew Ltd" in names
        restored = {
            str(path.relative_to(tmp_path / "restored-files")): path.read_bytes()
            for path in (tmp_path / "restored-files").rglob("*")
            if path.is_file()
        }
        assert restored[stored_files[0]].startswith(b"%PDF")
        assert set(restored) == set(manifest["files"])
    finally:
        sql_as_owner(admin, f'DROP DATABASE IF EXISTS "{fresh}"')


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's online backup API")
@pytest.mark.django_db(transaction=True)
def test_restore_drill_on_sqlite(tmp_path, stored_files):
    manifest = _backup(tmp_path)

    call_command(
        "restore",
        str(tmp_path / "backup"),
        database_url=f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        files_dir=str(tmp_path / "restored-files"),
    )

    assert (tmp_path / "restored-files" / stored_files[1]).read_bytes().startswith(b"\x89PNG")
    with sqlite3.connect(tmp_path / "restored.sqlite3") as conn:
        names = [r[0] for r in conn.execute("SELECT legal_name FROM registry_labourprovider")]
    assert "Backup Crew Ltd" in names
    assert len(names) == manifest["tables"]["registry_labourprovider"]
