import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reportlab.pdfgen import canvas

from materials import audiences
from materials.models import Material
from materials.services import create_material


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
