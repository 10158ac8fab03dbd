"""The listing's count and pages come from the shared cache: whatever it holds, a person sees the library as
it is now and only what they may have."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import set_roles
from materials import audiences
from materials.models import Material
from materials.results import CachedResults, entries
from materials.services import update_material
from scheduling.models import Booking, SupervisionGroup
from scheduling.services import cancel_booking
from tests.materials.conftest import make_material, upload
from tests.materials.test_search import titles

pytestmark = pytest.mark.django_db

URL = reverse("materials:list")


def test_a_changed_title_is_found_by_its_new_words_on_the_next_search(client, educator):
    material = make_material("Sadarbība ar vecākiem", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    assert titles(client.get(URL, {"q": "sadarbiba"})) == ["Sadarbība ar vecākiem"]
    material.title = "Vecāku sapulces plāns"
    update_material(material, tags=[])
    assert titles(client.get(URL, {"q": "sadarbiba"})) == []
    assert titles(client.get(URL, {"q": "sapulces"})) == ["Vecāku sapulces plāns"]
    assert client.get(URL).context["page"].paginator.count == 1


def test_a_material_narrowed_to_mentors_leaves_an_educators_cached_list(client, educator):
    material = make_material("Kopienas karte", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    assert titles(client.get(URL)) == ["Kopienas karte"]
    material.audience_kind = audiences.ROLES
    material.set_roles(["mentor"])
    update_material(material, tags=[])
    response = client.get(URL)
    assert titles(response) == []
    assert response.context["page"].paginator.count == 0


def test_rows_are_checked_again_even_when_the_cache_missed_a_change(client, educator):
    """A write that bypasses the model (a bulk UPDATE) sends no signal; the cached ids still name the material,
    but the page reads its rows through the person's audience and leaves it out."""
    material = make_material("Kopienas karte", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    assert titles(client.get(URL)) == ["Kopienas karte"]
    Material.objects.filter(pk=material.pk).update(audience_kind=audiences.ROLES, audience_roles=",mentor,")
    assert titles(client.get(URL)) == []


def test_a_person_who_loses_a_role_loses_its_materials_on_the_next_page(client, educator):
    make_material("Pedagogu rokasgrāmata", kind=audiences.ROLES, roles=["educator"])
    make_material("Visiem", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    assert titles(client.get(URL)) == ["Visiem", "Pedagogu rokasgrāmata"]
    set_roles(educator, [])
    assert titles(client.get(URL)) == ["Visiem"]


def test_a_teacher_who_leaves_a_group_no_longer_lists_its_materials(client, educator, valmiera):
    group = SupervisionGroup.objects.create(title="Valmieras grupa", municipality=valmiera)
    make_material("Supervīzijas līgums", kind="group", key=str(group.pk))
    booking = Booking.objects.create(group=group, person=educator, status=Booking.Status.CONFIRMED)
    client.force_login(educator)
    assert titles(client.get(URL)) == ["Supervīzijas līgums"]
    cancel_booking(booking, by=educator)
    assert titles(client.get(URL)) == []


def test_two_people_with_different_roles_never_share_a_cached_page(client, educator, mentor):
    make_material("Mentoriem", kind=audiences.ROLES, roles=["mentor"])
    make_material("Pedagogiem", kind=audiences.ROLES, roles=["educator"])
    for _ in range(2):
        client.force_login(mentor)
        assert titles(client.get(URL, {"q": "mentoriem pedagogiem"})) == []
        assert titles(client.get(URL)) == ["Mentoriem"]
        client.force_login(educator)
        assert titles(client.get(URL)) == ["Pedagogiem"]


def test_new_deleted_and_tagged_materials_show_at_once(client, educator):
    first = make_material("Pirmais", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    assert titles(client.get(URL)) == ["Pirmais"]
    make_material("Otrais", kind=audiences.SIGNED_IN)
    assert titles(client.get(URL)) == ["Otrais", "Pirmais"]
    assert titles(client.get(URL, {"tag": "kopiena"})) == []
    first.tags.add("kopiena")
    assert titles(client.get(URL, {"tag": "kopiena"})) == ["Pirmais"]
    first.delete()
    assert titles(client.get(URL)) == ["Otrais"]
    assert titles(client.get(URL, {"tag": "kopiena"})) == []


def test_a_new_file_moves_the_material_to_the_top_of_the_listing(client, educator, editor):
    from materials.services import add_version

    older = make_material("Vecāks", kind=audiences.SIGNED_IN)
    make_material("Jaunāks", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    assert titles(client.get(URL)) == ["Jaunāks", "Vecāks"]
    add_version(older, upload("jauns.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"), by=editor)
    assert titles(client.get(URL)) == ["Vecāks", "Jaunāks"]


def _queries(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_a_second_look_at_the_same_search_neither_counts_nor_ranks_again(client, educator):
    for number in range(3):
        make_material(f"Sadarbība {number}", kind=audiences.SIGNED_IN)
    client.force_login(educator)
    _queries(client, {"q": "sadarbiba 1"})  # fills the caches every page shares
    first = _queries(client, {"q": "sadarbiba"})
    second = _queries(client, {"q": "sadarbiba"})
    left_out = [q for q in first if q not in second]
    assert set(second) <= set(first)
    assert [q for q in left_out if q.startswith("SELECT COUNT(*)") and "materials_material" in q]
    assert [q for q in left_out if q.startswith('SELECT "materials_material"."id" AS "pk"')]
    assert not [q for q in second if q.startswith("SELECT COUNT(*)")]
    assert titles(client.get(URL, {"q": "sadarbiba"})) == ["Sadarbība 2", "Sadarbība 1", "Sadarbība 0"]


def test_each_language_gets_its_own_filter_form_and_entries(client, educator):
    make_material("Sadarbība", kind=audiences.SIGNED_IN, year=2025)
    client.force_login(educator)
    latvian = client.get(URL, {"year": "9999"}).text
    latvian_entry = client.get(URL).text
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    english = client.get(URL, {"year": "9999"}).text
    english_entry = client.get(URL).text
    assert ">Meklēt:</label>" in latvian and ">Search:</label>" not in latvian
    assert ">Search:</label>" in english and ">Meklēt:</label>" not in english
    assert "Ensure this value is less than or equal to 2100." in english
    assert "Izdales materiāls · Latviešu · 2025" in latvian_entry
    assert "Handout · Latviešu · 2025" in english_entry
    assert 'href="/materials/' in english_entry


@pytest.mark.parametrize("nothing", [Material.objects.none, lambda: Material.objects.filter(pk__in=[])])
def test_a_query_no_material_can_meet_is_an_empty_page_not_an_error(nothing):
    make_material("Sadarbība", kind=audiences.SIGNED_IN)
    page = Paginator(CachedResults(nothing(), allowed=Material.objects.all()), 50).get_page(1)
    assert (page.paginator.count, list(page.object_list), entries(list(page.object_list))) == (0, [], [])
