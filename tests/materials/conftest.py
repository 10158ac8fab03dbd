import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reportlab.pdfgen import canvas

from materials import audiences
from materials.models import Material
from materials.services import create_material


@pytest.fixture(autouse=True)
def _data_from_migrations(db):
    """A test marked browser/worker/postgres that ran earlier ends with a flush (serialized rollback puts the
    data back only when the next such test starts), so content types, collections and groups may be gone.
    Put back what migrations created, inside this test's transaction, as Django's serialized rollback does."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    serialized = getattr(connection, "_test_serialized_contents", None)
    if not serialized or ContentType.objects.exists():
        return
    # Some models look up their content type while being built; answer them from the snapshot's ids.
    ContentType.objects.clear_cache()
    for entry in json.loads(serialized):
        if entry["model"] == "contenttypes.contenttype":
            content_type = ContentType(pk=entry["pk"], **entry["fields"])
            ContentType.objects._add_to_cache(connection.alias, content_type)
    connection.creation.deserialize_db_from_string(serialized)


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.MATERIALS_ROOT = tmp_path / "materials"


def pdf_bytes(text: str = "Sadarbība ar kopienu") -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def png_bytes(size=(60, 40), colour="teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_material(
    title="Sadarbība ar vecākiem",
    *,
    kind=audiences.SIGNED_IN,
    roles=(),
    key="",
    by=None,
    data=None,
    name="rokasgramata.pdf",
    **fields,
) -> Material:
    tags = fields.pop("tags", [])
    material = Material(title=title, audience_kind=kind, audience_key=key, **fields)
    material.set_roles(roles)
    return create_material(material, upload(name, data or pdf_bytes(title)), tags=tags, by=by)


@pytest.fixture
def public_material(db):
    return make_material("Programmas apraksts", kind=audiences.PUBLIC)


@pytest.fixture
def signed_in_material(db):
    return make_material("Sadarbība ar vecākiem", kind=audiences.SIGNED_IN)


@pytest.fixture
def mentors_material(db):
    return make_material("Mentoru rokasgrāmata", kind=audiences.ROLES, roles=["mentor"])
