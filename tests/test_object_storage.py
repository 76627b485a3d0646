"""Uploads and generated files in S3-compatible object storage (django-storages), against
moto's server mode: a real HTTP endpoint speaking the S3 protocol."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import override_settings

from api import exports
from core.objectstorage import s3_storages
from tests.api.factories import licensed

BUCKET = "licensing-test"
KEYS = {"S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    moto = Path(sys.executable).with_name("moto_server")
    server = subprocess.Popen(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-west-2",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    env = {"S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": s3_endpoint, "S3_REGION": "eu-west-2", **KEYS}
    with override_settings(STORAGES={**settings.STORAGES, **s3_storages(env)}):
        yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_without_a_bucket_files_stay_in_local_folders():
    assert s3_storages({}) == {}
    assert settings.STORAGES["private"]["BACKEND"].endswith("FileSystemStorage")
    assert settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def test_private_uploads_go_to_the_bucket_under_their_own_prefix(bucket):
    name = storages["private"].save("applications/1/evidence.pdf", ContentFile(b"%PDF-1.7"))

    assert keys(bucket) == [f"private/{name}"]
    assert storages["private"].open(name).read() == b"%PDF-1.7"


@pytest.mark.django_db
def test_the_open_data_files_are_built_into_the_bucket_and_served_from_it(bucket, anonymous):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")

    response = anonymous.get("/open-data/register.csv")

    assert response.status_code == 200
    assert "ANGL0001" in b"".join(response.streaming_content).decode()
    assert keys(bucket) == ["public/open-data/register.csv"]
    exports.build("json")
    assert keys(bucket) == ["public/open-data/register.csv", "public/open-data/register.json"]
