"""With a bucket configured, material files live on the object store and are still served only through
the checking views: tested against moto's standalone S3 server, started here."""

import io
import socket
import zipfile

import boto3
import pytest
from django.core.files.storage import storages
from django.urls import reverse
from moto.server import ThreadedMotoServer

from materials.models import MaterialVersion
from tests.materials.conftest import make_material, pdf_bytes

pytestmark = pytest.mark.django_db

BUCKET = "kopiena-materiali"
REGION = "eu-north-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    credentials = {"aws_access_key_id": "test", "aws_secret_access_key": "test", "region_name": REGION}
    client = boto3.client("s3", endpoint_url=s3_endpoint, **credentials)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    options = {"bucket_name": BUCKET, "endpoint_url": s3_endpoint, "access_key": "test", "secret_key": "test"}
    settings.STORAGES = {
        **settings.STORAGES,
        "materials": {
            "BACKEND": "materials.s3_storage.PrivateS3Storage",
            "OPTIONS": {**options, "region_name": REGION},
        },
    }
    # FileField resolves its storage callable once, at import; point both fields at the bucket.
    for name in ("file", "preview"):
        monkeypatch.setattr(MaterialVersion._meta.get_field(name), "storage", storages["materials"])
    yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_upload_goes_to_the_bucket_and_not_to_the_disk(bucket, settings):
    data = pdf_bytes("Sadarbība ar vecākiem")
    material = make_material("Rokasgrāmata", data=data)
    stored = material.current_version.file.name
    assert f"materials/{stored}" in keys(bucket)
    assert bucket.get_object(Bucket=BUCKET, Key=f"materials/{stored}")["Body"].read() == data
    assert not (settings.MATERIALS_ROOT / stored).exists()
    preview = material.current_version.preview.name  # the first page, drawn at upload
    assert preview and f"materials/{preview}" in keys(bucket)
    with pytest.raises(ValueError):
        _ = material.current_version.file.url


def test_a_range_and_the_whole_file_come_through_the_checking_view(bucket, client, educator):
    data = pdf_bytes("Ieraksts – garš fails") * 3
    material = make_material("Ieraksts", data=data)
    client.force_login(educator)
    url = reverse("materials:download", args=[material.pk])
    partial = client.get(url, HTTP_RANGE="bytes=10-19")
    assert partial.status_code == 206 and partial.getvalue() == data[10:20]
    whole = client.get(url)
    assert whole.status_code == 200 and whole.getvalue() == data
    assert whole["Cache-Control"] == "private, no-store"


def test_nobody_signed_out_gets_a_file_from_the_bucket(bucket, client):
    material = make_material("Tikai pedagogiem")
    response = client.get(reverse("materials:download", args=[material.pk]))
    assert response.status_code in (302, 404)
    assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_the_streamed_zip_reads_each_file_from_the_bucket(bucket, client, educator):
    first = make_material("Pirmais", data=pdf_bytes("pirmais"), name="fails.pdf")
    second = make_material("Otrais", data=pdf_bytes("otrais"), name="fails.pdf")
    client.force_login(educator)
    response = client.post(reverse("materials:zip"), {"material": [first.pk, second.pk]})
    archive = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    assert sorted(archive.namelist()) == ["fails (2).pdf", "fails.pdf"]
    stored = bucket.get_object(Bucket=BUCKET, Key=f"materials/{first.current_version.file.name}")["Body"].read()
    assert archive.read("fails.pdf") == stored
