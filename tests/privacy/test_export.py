"""Own-data download: a background task builds a private ZIP with every category, and emails the person once."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from privacy import registry, services
from privacy.models import DataExport
from tests.privacy.conftest import EMAIL, FREE_TEXT

pytestmark = pytest.mark.django_db


def _zip(export) -> zipfile.ZipFile:
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_the_zip_contains_every_category_as_json_and_csv(zelma, mailoutbox, after_commit):
    with after_commit():  # eager: built as the request commits
        export = services.request_export(zelma)
    archive = _zip(export)
    data = json.loads(archive.read("data.json"))["categories"]
    for key in registry.CATEGORY_TITLES:
        assert data.get(key), f"category {key} is empty"
        assert f"{key}.csv" in archive.namelist()
    assert data["profile"][0]["email"] == EMAIL
    assert any(FREE_TEXT in r["text"] for r in data["reflections"])
    assert data["access_log"][0]["what"]  # who looked at her page
    csv = archive.read("attendance.csv").decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Group;Session start")
    assert "README.txt" in archive.namelist()
    assert [m.to for m in mailoutbox if "/my-data/" in m.body] == [[EMAIL]]


def test_the_file_is_kept_outside_media_and_served_to_its_owner_only(client, zelma, educator, after_commit):
    with after_commit():
        export = services.request_export(zelma)
    export.refresh_from_db()
    path = Path(export.file.path).resolve()
    assert Path(settings.PRIVACY_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    with pytest.raises(ValueError):
        export.file.url  # noqa: B018 – no public URL exists
    url = reverse("privacy:export_download", args=[export.pk])
    client.force_login(educator)
    assert client.get(url).status_code == 404
    assert client.get(reverse("privacy:export", args=[export.pk])).status_code == 404
    client.force_login(zelma)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_the_progress_page_and_one_download_in_progress(client, educator, django_capture_on_commit_callbacks):
    client.force_login(educator)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("privacy:request_export"))
    export = DataExport.objects.get()
    assert response["Location"] == reverse("privacy:export", args=[export.pk])
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and export.status == "queued"
    with pytest.raises(services.PrivacyError) as error:
        services.request_export(educator)
    assert error.value.code == "in_progress"
    assert client.get(reverse("privacy:export_download", args=[export.pk])).status_code == 404  # not ready yet


def test_a_retried_task_builds_once_and_emails_once(educator, mailoutbox, after_commit):
    from privacy.tasks import build_export_task

    with after_commit():
        export = services.request_export(educator)
    assert build_export_task(export.pk) == "ready"
    assert DataExport.objects.get(pk=export.pk).status == "ready"
    assert len([m for m in mailoutbox if "/my-data/" in m.body]) == 1


def test_the_download_pages_for_anonymous_people(client):
    for url in (
        reverse("privacy:my_data"),
        reverse("privacy:export", args=[1]),
        reverse("privacy:export_download", args=[1]),
    ):
        assert client.get(url).status_code == 302
    assert client.post(reverse("privacy:request_export")).status_code == 302
    assert not DataExport.objects.exists()
