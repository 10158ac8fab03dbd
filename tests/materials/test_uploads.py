"""Upload checks: each refusal has its own clear message and stores nothing."""

import io
import zipfile

import pytest
from django.urls import reverse
from PIL import Image

from materials import audiences
from materials.models import Material, MaterialVersion
from materials.validation import safe_name
from tests.materials.conftest import pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(editor):
    editor.preferred_language = "en"
    editor.save()
    return editor


def post_new(client, name: str, data: bytes, **extra):
    fields = {
        "title": "Jauns materiāls",
        "language": "lv",
        "kind": "handout",
        "audience_kind": audiences.SIGNED_IN,
        "upload": upload(name, data),
        **extra,
    }
    return client.post(reverse("materials:create"), fields)


def wide_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (40_000, 10)).save(out, "PNG")
    return out.getvalue()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tukss.pdf", b"", "The submitted file is empty."),
        ("programma.pdf", b"MZ\x90\x00" + b"\x00" * 200, "The file is a program"),
        ("skripts.pdf", b"#!/bin/sh\nrm -rf /\n", "The file is a program"),
        ("teksts.pdf", b"just some text, not a PDF", "does not match its .pdf extension"),
        ("attels.png", pdf_bytes(), "does not match its .png extension"),
        ("zime.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG drawings"),
        ("virus.exe", b"MZ" + b"\x00" * 100, "Files of type .exe are not accepted"),
        ("plats.png", wide_png(), "The image is too large"),
        ("bojats.png", png_bytes()[:40], "The image could not be read"),
        (".pdf", pdf_bytes(), "cannot be used"),
        ("bez_paplasinajuma", pdf_bytes(), "cannot be used"),
    ],
)
def test_a_bad_upload_is_refused_with_a_clear_message(client, editor, name, data, message):
    client.force_login(editor)
    response = post_new(client, name, data, alt_text="Attēls")
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert not Material.objects.exists()
    assert not MaterialVersion.objects.exists()


def test_a_file_larger_than_the_limit_is_refused(client, editor, settings):
    settings.MATERIALS_MAX_UPLOAD_SIZE = 100
    client.force_login(editor)
    response = post_new(client, "liels.pdf", pdf_bytes())
    assert "the limit is 100" in response.content.decode()
    assert not Material.objects.exists()


def test_path_tricks_in_a_file_name_are_reduced_to_a_plain_name():
    assert safe_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_name("..\\..\\windows\\system.ini.pdf") == "system.ini.pdf"
    assert safe_name("sadarbība ar vecākiem.pdf") == "sadarbība_ar_vecākiem.pdf"


def test_a_stored_file_lands_inside_the_private_root_whatever_its_name(client, editor, settings):
    client.force_login(editor)
    response = post_new(client, "../../../escape.pdf", pdf_bytes())
    assert response.status_code == 302
    version = MaterialVersion.objects.get()
    assert version.original_name == "escape.pdf"
    assert version.file.path.startswith(str(settings.MATERIALS_ROOT))


def test_an_image_needs_alternative_text(client, editor):
    client.force_login(editor)
    response = post_new(client, "attels.png", png_bytes(), kind="image")
    assert "Describe the image in the alternative text." in response.content.decode()
    assert not Material.objects.exists()
    response = post_new(client, "attels.png", png_bytes(), kind="image", alt_text="Zaļš taisnstūris")
    assert response.status_code == 302
    assert Material.objects.get().alt_text == "Zaļš taisnstūris"


@pytest.mark.parametrize(("name", "data"), [("veidne.docx", docx_bytes()), ("attels.png", png_bytes())])
def test_office_files_and_images_with_matching_content_are_accepted(client, editor, name, data):
    client.force_login(editor)
    assert post_new(client, name, data, alt_text="Attēls").status_code == 302


def test_a_roles_audience_needs_a_role(client, editor):
    client.force_login(editor)
    response = post_new(client, "a.pdf", pdf_bytes(), audience_kind=audiences.ROLES)
    assert "Choose at least one role." in response.content.decode()
    assert post_new(client, "a.pdf", pdf_bytes(), audience_kind=audiences.ROLES, roles=["mentor"]).status_code == 302
    assert Material.objects.get().role_list == ["mentor"]


def test_the_validator_refuses_an_empty_file_on_its_own():
    from django.core.exceptions import ValidationError

    from materials.validation import check_upload

    with pytest.raises(ValidationError) as caught:
        check_upload(upload("tukss.pdf", b""))
    assert caught.value.code == "empty"


def test_a_latvian_editor_reads_the_refusal_in_latvian(client, agency):
    from tests.factories import make_person

    latvian_editor = make_person("ilze.redaktore@example.lv", ["editor"], agency, preferred_language="lv")
    client.force_login(latvian_editor)
    response = post_new(client, "programma.pdf", b"MZ" + b"\0" * 100)
    assert "Fails ir programma, nevis dokuments" in response.content.decode()
