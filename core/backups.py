"""Backups of the database and the private files together, and their restore.

One point in time: on PostgreSQL the row counts are taken in a REPEATABLE READ transaction
whose snapshot is exported and handed to `pg_dump --snapshot`, so the dump and the manifest
see the same rows; on SQLite the online backup API copies a consistent database and the
counts are read from the copy. Private files are copied after the database: a stored file is
written before the row that names it commits and is never changed afterwards, so every file
a backed-up row names is in the copy (a file uploaded meanwhile is harmless extra).

A backup folder holds `database.dump` (PostgreSQL custom format) or `database.sqlite3`,
`files/` (the private storage, same relative names) and `manifest.json` (engine, time,
row count of every table, sha256 and size of every file).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import psycopg2
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.utils import timezone
from psycopg2 import sql

MANIFEST = "manifest.json"
FILES = "files"


class BackupError(Exception):
    pass


def _pg_params(settings_dict) -> dict:
    return {
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "dbname": settings_dict["NAME"],
    }


def _pg_env(params: dict) -> dict:
    env = dict(os.environ)
    for key, name in (
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
    ):
        if params.get(key):
            env[name] = str(params[key])
    return env


def _pg_connect(params):
    return psycopg2.connect(**{key: value for key, value in params.items() if value})


def _pg_counts(conn, tables) -> dict[str, int]:
    counts = {}
    with conn.cursor() as cursor:
        for table in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_tables(conn) -> list[str]:
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY 1"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _walk(storage, folder=""):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        # A fresh install has no private files folder until the first upload.
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_hashes(storage) -> dict[str, str]:
    hashes = {}
    for name in _walk(storage):
        with storage.open(name, "rb") as handle:
            hashes[name] = _sha256(handle)
    return hashes


def backup(target: Path) -> dict:
    """Write a backup of the default database and the private files into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty.")
    settings_dict = connection.settings_dict
    manifest = {"created_at": timezone.now().isoformat(), "engine": connection.vendor}
    if connection.vendor == "postgresql":
        params = _pg_params(settings_dict)
        conn = _pg_connect(params)
        try:
            conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            manifest["tables"] = _pg_counts(conn, _pg_tables(conn))
            subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={target / 'database.dump'}",
                    params["dbname"],
                ],
                check=True,
                env=_pg_env(params),
            )
        finally:
            conn.close()
    elif connection.vendor == "sqlite":
        copy = target / "database.sqlite3"
        with sqlite3.connect(settings_dict["NAME"]) as source, sqlite3.connect(copy) as dest:
            source.backup(dest)
        manifest["tables"] = _sqlite_counts(copy)
    else:
        raise BackupError(f"No backup for the {connection.vendor} database.")

    storage = storages["private"]
    files_dir = FileSystemStorage(location=target / FILES)
    manifest["files"] = {}
    for name in _walk(storage):
        with storage.open(name, "rb") as handle:
            digest = _sha256(handle)
            handle.seek(0)
            files_dir.save(name, handle)
        manifest["files"][name] = digest
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def restore(source: Path, *, settings_dict: dict, files_location: Path | None) -> dict:
    """Restore a backup into an empty database and an empty private files folder, then check
    row counts and file hashes against the manifest. Returns {"tables": ..., "files": ...}
    as found after the restore; raises BackupError on any difference."""
    manifest = json.loads((source / MANIFEST).read_text())
    if manifest["engine"] == "postgresql":
        params = _pg_params(settings_dict)
        conn = _pg_connect(params)
        try:
            if _pg_tables(conn):
                raise BackupError(f"Database {params['dbname']} is not empty.")
        finally:
            conn.close()
        subprocess.run(
            [
                "pg_restore",
                "--exit-on-error",
                "--no-owner",
                "--single-transaction",
                f"--dbname={params['dbname']}",
                str(source / "database.dump"),
            ],
            check=True,
            env=_pg_env(params),
        )
        conn = _pg_connect(params)
        try:
            tables = _pg_counts(conn, _pg_tables(conn))
        finally:
            conn.close()
    else:
        path = Path(settings_dict["NAME"])
        if path.exists() and path.stat().st_size:
            raise BackupError(f"{path} exists: restore into a new file.")
        shutil.copyfile(source / "database.sqlite3", path)
        tables = _sqlite_counts(path)

    if files_location:
        Path(files_location).mkdir(parents=True, exist_ok=True)
        storage = FileSystemStorage(location=files_location)
    else:
        storage = storages["private"]
    if list(_walk(storage)):
        raise BackupError("The private files folder is not empty.")
    copied = FileSystemStorage(location=source / FILES)
    for name in manifest["files"]:
        with copied.open(name, "rb") as handle:
            saved = storage.save(name, handle)
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}.")
    found = {"tables": tables, "files": file_hashes(storage)}
    if found["tables"] != manifest["tables"]:
        raise BackupError("Row counts differ from the manifest.")
    if found["files"] != manifest["files"]:
        raise BackupError("File hashes differ from the manifest.")
    return found
