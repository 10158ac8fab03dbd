"""Browse and search: filters, Latvian words found without diacritics, constant queries per page."""

import html
import re

import pytest
from django.urls import reverse

from materials import audiences
from materials.models import Material, MaterialVersion
from tests.materials.conftest import make_material

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    """The titles the listing shows, in order, as a person reads them."""
    return [html.unescape(t) for t in re.findall(r'<a id="title-\d+" href="[^"]+">([^<]*)</a>', response.text)]


def test_a_word_typed_without_diacritics_finds_the_latvian_title(client, educator):
    make_material("Skolas un kopienas sadarbība", kind=audiences.SIGNED_IN)
    make_material("Mentoru rokasgrāmata", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    assert titles(client.get(reverse("materials:list"), {"q": "sadarbiba"})) == ["Skolas un kopienas sadarbība"]
    assert titles(client.get(reverse("materials:list"), {"q": "sadarbība"})) == ["Skolas un kopienas sadarbība"]
    assert titles(client.get(reverse("materials:list"), {"q": "ROKASGRAMATA"})) == ["Mentoru rokasgrāmata"]


def test_search_never_shows_materials_outside_the_persons_audience(client, educator):
    make_material("Mentoru sadarbība", kind=audiences.ROLES, roles=["mentor"])
    make_material("Pedagogu sadarbība", kind=audiences.ROLES, roles=["educator"])
    client.force_login(educator)
    assert titles(client.get(reverse("materials:list"), {"q": "sadarbiba"})) == ["Pedagogu sadarbība"]


@pytest.mark.parametrize(
    "query", ["x" * 10_000, "'; DROP TABLE materials_material; --", '" OR 1=1 --', "NEAR(a b)", "*", "%_"]
)
def test_long_or_hostile_search_strings_get_an_ordinary_answer(client, educator, query):
    make_material("Sadarbība", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    response = client.get(reverse("materials:list"), {"q": query})
    assert response.status_code == 200
    assert Material.objects.count() == 1


def test_filters_narrow_the_list(client, educator):
    make_material("Veidne 2025", kind=audiences.SIGNED_IN, year=2025, language="lv", programme="Mentoru apmācība")
    make_material("Template 2026", kind=audiences.PUBLIC, year=2026, language="en", tags=["supervision"])
    client.force_login(educator)
    url = reverse("materials:list")
    assert titles(client.get(url, {"year": 2025})) == ["Veidne 2025"]
    assert titles(client.get(url, {"language": "en"})) == ["Template 2026"]
    assert titles(client.get(url, {"audience": "public"})) == ["Template 2026"]
    assert titles(client.get(url, {"programme": "mentoru"})) == ["Veidne 2025"]
    assert titles(client.get(url, {"tag": "supervision"})) == ["Template 2026"]
    assert titles(client.get(url, {"kind": "handout", "q": "template"})) == ["Template 2026"]


def test_a_bad_filter_value_is_shown_on_its_field_and_the_other_filters_still_apply(client, educator):
    make_material("Veidne 2025", kind=audiences.SIGNED_IN, year=2025, language="lv")
    make_material("Template 2026", kind=audiences.PUBLIC, year=2026, language="en")
    client.force_login(educator)
    response = client.get(reverse("materials:list"), {"year": "9999", "language": "en", "kind": "<script>"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"year", "kind"}
    assert titles(response) == ["Template 2026"]
    assert "<script>" not in response.text


def test_a_signed_out_visitor_lists_public_materials_only(client):
    make_material("Publisks apraksts", kind=audiences.PUBLIC)
    make_material("Tikai pierakstītajiem", kind=audiences.SIGNED_IN)
    assert titles(client.get(reverse("materials:list"))) == ["Publisks apraksts"]


QUERIES_PER_PAGE = 12  # the ten below, plus one membership query per audience kind (course, group)


def _bulk(count: int) -> None:
    first = make_material("Paraugs", kind=audiences.SIGNED_IN, tags=["paraugs"])
    version = first.current_version
    materials = Material.objects.bulk_create(
        Material(title=f"Materiāls {i}", audience_kind=audiences.SIGNED_IN, folded_text=f"materials {i}")
        for i in range(count)
    )
    versions = MaterialVersion.objects.bulk_create(
        MaterialVersion(
            material=m, number=1, file=version.file.name, original_name="a.pdf", size=10, content_type="application/pdf"
        )
        for m in materials
    )
    for m, v in zip(materials, versions, strict=True):
        m.current_version = v
    Material.objects.bulk_update(materials, ["current_version"])
    for m in materials[:200]:
        m.tags.add("paraugs")


def test_the_listing_runs_the_same_number_of_queries_with_1000_materials(
    client, educator, django_assert_max_num_queries
):
    """Session, user, roles, memberships, count, page, tags, site: the same handful for 20 or 1,020 materials."""
    _bulk(20)
    client.force_login(educator)
    url = reverse("materials:list")
    client.get(url)
    with django_assert_max_num_queries(QUERIES_PER_PAGE):
        client.get(url, {"page": 1})
    _bulk(1000)
    with django_assert_max_num_queries(QUERIES_PER_PAGE):
        response = client.get(url, {"page": 20})
    assert len(titles(response)) == 50
    assert "Materiāls" in response.content.decode()


def test_search_needs_every_word_and_matches_whole_words_alike_on_every_database(client, educator):
    make_material("Mentoru plāns", kind=audiences.SIGNED_IN)
    make_material("Plānošana mentoriem", kind=audiences.SIGNED_IN)
    make_material("Mentoru plāns vecākiem", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    url = reverse("materials:list")
    assert sorted(titles(client.get(url, {"q": "mentoru plans"}))) == ["Mentoru plāns", "Mentoru plāns vecākiem"]
    assert titles(client.get(url, {"q": "plans vecakiem"})) == ["Mentoru plāns vecākiem"]
    assert titles(client.get(url, {"q": "plan"})) == []
    assert titles(client.get(url, {"q": "planosana"})) == ["Plānošana mentoriem"]


@pytest.mark.postgres
def test_postgresql_answers_a_search_from_the_gin_index(postgres, educator):
    from django.db import connection

    make_material("Skolas un kopienas sadarbība", kind=audiences.SIGNED_IN)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = Material.objects.matching("sadarbiba").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "material_search_vector_gin" in plan
