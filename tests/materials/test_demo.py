import pytest
from django.core.management import call_command

from materials.models import Material, MaterialVersion

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_materials_across_audiences_and_languages_once():
    call_command("seed_demo", password="demo-password-123")
    first = {(m.title, m.audience_kind, m.language) for m in Material.objects.all()}
    assert len(first) >= 20
    assert {kind for _t, kind, _l in first} == {"public", "signed_in", "roles"}
    assert {language for _t, _k, language in first} == {"lv", "en"}
    assert all(v.preview for v in MaterialVersion.objects.all())
    versions = MaterialVersion.objects.count()
    call_command("seed_demo", password="demo-password-123")
    assert {(m.title, m.audience_kind, m.language) for m in Material.objects.all()} == first
    assert MaterialVersion.objects.count() == versions
