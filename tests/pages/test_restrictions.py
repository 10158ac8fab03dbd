"""Wagtail's view restrictions, with which of them apply taken from the cache: the same answers as
Wagtail's own, right after an editor sets or removes one."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(db):
    root = Page.objects.get(depth=1).get_children().first()
    section = root.add_child(instance=StandardPage(title="Programmas iekšējā informācija", slug="ieksejais"))
    child = section.add_child(instance=StandardPage(title="Sanāksmju protokoli", slug="protokoli"))
    for p in (section, child):
        p.save_revision().publish()
    return child


def _restrict(page, kind, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)
    return restriction


def test_a_restriction_set_on_a_parent_after_the_page_was_served_applies_at_once(client, page, educator):
    assert client.get(page.url).status_code == 200
    restriction = _restrict(page.get_parent(), PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(educator)
    assert client.get(page.url).status_code == 200
    client.logout()
    restriction.delete()
    assert client.get(page.url).status_code == 200


def test_a_group_restriction_reads_the_group_fresh(client, page, educator):
    staff = Group.objects.create(name="Programmas komanda")
    _restrict(page, PageViewRestriction.GROUPS, [staff])
    client.force_login(educator)
    assert client.get(page.url).status_code != 200
    educator.groups.add(staff)  # membership changes touch no page: the restriction is still read fresh
    assert client.get(page.url).status_code == 200


def test_a_page_under_no_restriction_reads_none(client, page):
    client.get(page.url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page.url).status_code == 200
    assert not [q for q in captured.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]
    assert page.get_view_restrictions().count() == 0
    _restrict(page, PageViewRestriction.LOGIN)
    assert [r.restriction_type for r in page.get_view_restrictions()] == [PageViewRestriction.LOGIN]
