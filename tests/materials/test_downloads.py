"""Downloads: byte ranges, streamed ZIPs, versions, previews and counts by role and month."""

import io
import zipfile

import pytest
from django.urls import reverse

from materials import audiences
from materials.models import DownloadCount
from materials.services import add_version, record_downloads
from tests.materials.conftest import make_material, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_byte_range_is_served_with_206(client, educator):
    data = pdf_bytes("Video vietā – garš fails") * 3
    material = make_material("Ieraksts", data=data)
    client.force_login(educator)
    url = reverse("materials:download", args=[material.pk])
    response = client.get(url, HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 10-19/{len(data)}"
    assert body(response) == data[10:20]
    response = client.get(url, HTTP_RANGE="bytes=-5")
    assert body(response) == data[-5:]
    response = client.get(url, HTTP_RANGE=f"bytes={len(data) + 5}-")
    assert response.status_code == 416
    response = client.get(url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == data


def test_the_zip_holds_the_current_files_of_the_selection(client, educator):
    first = make_material("Pirmais", data=pdf_bytes("pirmais"), name="fails.pdf")
    second = make_material("Otrais", data=pdf_bytes("otrais"), name="fails.pdf")
    client.force_login(educator)
    response = client.post(reverse("materials:zip"), {"material": [first.pk, second.pk]})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    assert sorted(archive.namelist()) == ["fails (2).pdf", "fails.pdf"]
    assert archive.read("fails.pdf") == first.current_version.file.open("rb").read()
    assert DownloadCount.objects.filter(role="educator").count() == 2


def test_a_newer_upload_replaces_the_file_for_readers_and_editors_keep_the_old_one(client, educator, editor):
    material = make_material("Veidne", data=pdf_bytes("pirmā versija"))
    old = material.current_version.file.open("rb").read()
    client.force_login(editor)
    response = client.post(
        reverse("materials:version_create", args=[material.pk]),
        {"upload": upload("veidne-2.pdf", pdf_bytes("otrā versija"))},
    )
    assert response.status_code == 302
    client.force_login(educator)
    new = body(client.get(reverse("materials:download", args=[material.pk])))
    assert new != old
    assert new.startswith(b"%PDF-")
    detail = client.get(reverse("materials:detail", args=[material.pk])).content.decode()
    assert "veidne-2.pdf" in detail
    assert reverse("materials:version_download", args=[material.pk, 1]) not in detail
    client.force_login(editor)
    detail = client.get(reverse("materials:detail", args=[material.pk])).content.decode()
    assert reverse("materials:version_download", args=[material.pk, 1]) in detail
    assert body(client.get(reverse("materials:version_download", args=[material.pk, 1]))) == old


def test_a_replacement_is_checked_like_a_first_upload(client, editor):
    material = make_material("Veidne")
    client.force_login(editor)
    response = client.post(
        reverse("materials:version_create", args=[material.pk]), {"upload": upload("x.pdf", b"MZ" + b"\0" * 50)}
    )
    assert response.status_code == 200
    assert material.versions.count() == 1


def test_the_detail_shows_facts_and_a_pdf_preview(client, educator):
    material = make_material("Rokasgrāmata", description="Īss apraksts", language="lv", year=2026)
    client.force_login(educator)
    page = client.get(reverse("materials:detail", args=[material.pk])).content.decode()
    for text in ("Rokasgrāmata", "Īss apraksts", "2026", material.current_version.original_name):
        assert text in page
    preview = client.get(reverse("materials:preview", args=[material.pk]))
    assert preview.status_code == 200
    assert preview.content.startswith(b"\x89PNG")


def test_an_image_has_a_preview_with_its_alt_text(client, educator):
    material = make_material(
        "Shēma", kind=audiences.PUBLIC, data=png_bytes((800, 600)), name="shema.png", alt_text="Trīs apļi"
    )
    page = client.get(reverse("materials:detail", args=[material.pk])).content.decode()
    assert 'alt="Trīs apļi"' in page
    assert client.get(reverse("materials:preview", args=[material.pk])).content.startswith(b"\x89PNG")


def test_downloads_are_counted_by_role_and_month_without_names(client, mentor, educator, editor, coordinator):
    material = make_material("Skaitītais", kind=audiences.PUBLIC)
    client.get(reverse("materials:download", args=[material.pk]))
    for person in (mentor, educator, educator):
        client.force_login(person)
        client.get(reverse("materials:download", args=[material.pk]))
    counts = {c.role: c.count for c in DownloadCount.objects.filter(material=material)}
    assert counts == {"anonymous": 1, "mentor": 1, "educator": 2}
    assert [f.name for f in DownloadCount._meta.get_fields()] == ["id", "material", "month", "role", "count"]
    for person in (editor, coordinator):
        client.force_login(person)
        response = client.get(reverse("materials:detail", args=[material.pk]))
        assert response.context["statistics"]["total"] == 4
    client.force_login(educator)
    assert "statistics" not in client.get(reverse("materials:detail", args=[material.pk])).context


def test_a_continued_range_request_is_not_counted_again(client, educator):
    material = make_material("Video")
    client.force_login(educator)
    client.get(reverse("materials:download", args=[material.pk]), HTTP_RANGE="bytes=0-")
    client.get(reverse("materials:download", args=[material.pk]), HTTP_RANGE="bytes=100-")
    assert DownloadCount.objects.get(material=material).count == 1


def test_record_downloads_adds_to_an_existing_month(educator):
    material = make_material("Skaitītais")
    record_downloads([material], educator)
    record_downloads([material], educator)
    assert DownloadCount.objects.get().count == 2


def test_add_version_numbers_versions_in_order(editor):
    material = make_material("Veidne")
    version = add_version(material, upload("b.pdf", pdf_bytes("b")), by=editor)
    assert version.number == 2
    material.refresh_from_db()
    assert material.current_version == version


def test_a_zip_selection_with_an_id_too_large_for_the_database_is_refused_clearly(client, educator):
    client.force_login(educator)
    response = client.post(reverse("materials:zip"), {"material": ["99999999999999999999"]})
    assert response.status_code == 400
    assert response.content.decode() == "Izvēli nevarēja nolasīt."
