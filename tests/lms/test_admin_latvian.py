"""The Wagtail admin reads in Latvian: the screens editors and coordinators use all day, rendered as
they see them, carry none of the English that upstream's catalogue leaves behind."""

import json
import re

import lxml.html
import pytest
from django.core import mail
from wagtail.models import Task, Workflow

from tests.courses.conftest import build_course

# English an editor met in the admin before our catalogue (the first lines are the reported ones),
# and the admin's everyday words that would show it slipping back. Matched as whole words.
ENGLISH = [
    "Snippets",
    "Reports",
    "Help",
    "Current page status",
    "CURRENT PAGE STATUS",
    "minute ago",
    "minūte ago",
    "minutes ago",
    "ago",
    "None",
    "Moderators approval",
    "Actions",
    "Pages",
    "Images",
    "Documents",
    "Settings",
    "Users",
    "Workflows",
    "Workflow",
    "Tasks",
    "Collections",
    "Redirects",
    "Sites",
    "Locales",
    "locale",
    "Dashboard",
    "Search",
    "Edit",
    "Delete",
    "Save draft",
    "Publish",
    "Unpublish",
    "Preview",
    "Draft",
    "Live",
    "Status",
    "Title",
    "Updated",
    "Sort by",
    "Show filters",
    "Choose",
    "Upload",
    "Select all",
    "Previous",
    "Next",
    "History",
    "Comments",
    "Account",
    "Log out",
    "Privacy",
    "Usage",
    "Locked pages",
    "Aging pages",
    "Site history",
    "Site name",
    "Root page",
    "Port",
    "Add child page",
    "Breadcrumb",
    "Sidebar",
    "Pagination",
    "Minimap",
    "Checks",
    "Content",
    "Promote",
    "Toggle",
    "item",
    "items",
    "Sorry",
    "Why not",
    "Please",
    "There are no",
    "You",
    "Your",
    "of",
]
ENGLISH_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")
SHOWN_ATTRIBUTES = ["aria-label", "title", "placeholder", "alt", "data-w-tooltip-content-value"]
JSON_TEXT_KEYS = {"label", "footer_text", "SINGULAR", "PLURAL", "ALL", "ALL_IN_LISTING"}


def _json_texts(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if k in JSON_TEXT_KEYS and isinstance(v, str):
                yield v
            else:
                yield from _json_texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_texts(v)


def shown_texts(html: str) -> list[str]:
    """What a person reads or hears: visible text, accessible names and tooltips, and the labels of the
    menus the admin's JavaScript draws from JSON."""
    doc = lxml.html.fromstring(html)
    texts = []
    for script in doc.xpath('//script[@type="application/json"]'):
        texts += _json_texts(json.loads(script.text or "null"))
    for hidden in doc.xpath("//script|//style|//template|//*[@hidden]|//select[@name='current_time_zone']"):
        hidden.drop_tree()
    texts += [t.strip() for t in doc.xpath("//text()") if t.strip()]
    for attribute in SHOWN_ATTRIBUTES:
        texts += [v for v in doc.xpath(f"//@{attribute}") if v.strip()]
    return texts


def english_in(html: str) -> list[str]:
    return sorted({t for t in shown_texts(html) if ENGLISH_PATTERN.search(t)})


@pytest.fixture
def lesson(db):
    return build_course().lesson(0)


EDITOR_SCREENS = {
    "dashboard": "/admin/",
    "page explorer": "/admin/pages/{course}/",
    "page search": "/admin/pages/search/?q=Nodarb%C4%ABba+1",
    "lesson editor": "/admin/pages/{lesson}/edit/",
    "new lesson": "/admin/pages/add/courses/lessonpage/{module}/",
    "page history": "/admin/pages/{lesson}/history/",
    "snippets": "/admin/snippets/",
    "images": "/admin/images/",
    "documents": "/admin/documents/",
    "workflow report": "/admin/reports/workflow/",
    "site history": "/admin/reports/site-history/",
    "aging pages": "/admin/reports/aging-pages/",
    "account": "/admin/account/",
}
ADMIN_SCREENS = {
    "site links settings": "/admin/settings/pages/sitelinks/{site}/",
    "users": "/admin/users/",
    "groups": "/admin/groups/",
    "workflows": "/admin/workflows/list/",
    "workflow tasks": "/admin/workflows/tasks/index/",
    "workflow editor": "/admin/workflows/edit/{workflow}/",
    "locked pages": "/admin/reports/locked/",
    "collections": "/admin/collections/",
    "redirects": "/admin/redirects/",
    "sites": "/admin/sites/",
    "locales": "/admin/locales/",
}


def _url(template: str, lesson) -> str:
    from wagtail.models import Site

    return template.format(
        course=lesson.get_parent().get_parent().pk,
        module=lesson.get_parent().pk,
        lesson=lesson.pk,
        site=Site.objects.get(is_default_site=True).pk,
        workflow=Workflow.objects.first().pk,
    )


@pytest.mark.parametrize("screen", EDITOR_SCREENS)
def test_editor_reads_the_admin_in_latvian(client, editor, lesson, screen):
    client.force_login(editor)
    response = client.get(_url(EDITOR_SCREENS[screen], lesson))
    assert response.status_code == 200
    assert english_in(response.content.decode()) == []


@pytest.mark.parametrize("screen", ADMIN_SCREENS)
def test_administrator_reads_the_admin_settings_in_latvian(client, admin_user, lesson, screen):
    client.force_login(admin_user)
    response = client.get(_url(ADMIN_SCREENS[screen], lesson))
    assert response.status_code == 200
    assert english_in(response.content.decode()) == []


def test_the_checker_finds_the_english_it_is_meant_to_find():
    html = (
        '<nav aria-label="Actions"><p>CURRENT PAGE STATUS</p><p>12 minūte ago</p><p>1-1 of 1 None</p>'
        '<script type="application/json">{"label": "Snippets"}</script><p hidden>None</p></nav>'
    )
    assert english_in(html) == ["1-1 of 1 None", "12 minūte ago", "Actions", "CURRENT PAGE STATUS", "Snippets"]


def test_a_single_search_result_is_counted_in_latvian(client, editor, lesson):
    client.force_login(editor)
    body = client.get("/admin/pages/search/?q=Nodarb%C4%ABba+1").content.decode()
    assert "1–1 no 1 lapas" in body


def test_listings_count_with_latvian_plural_forms(client, admin_user, lesson):
    client.force_login(admin_user)
    assert "1 ieraksts" in client.get("/admin/locales/").content.decode()


def test_the_default_workflow_has_a_latvian_name(db):
    assert Workflow.objects.filter(name="Moderatoru apstiprinājums").exists()
    assert Task.objects.filter(name="Moderatoru apstiprinājums").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_no_gravatar_address_appears_in_the_admin(client, editor, lesson):
    client.force_login(editor)
    for screen in ("dashboard", "lesson editor", "account"):
        body = client.get(_url(EDITOR_SCREENS[screen], lesson)).content.decode()
        assert "gravatar" not in body.lower()


def test_moderation_email_greets_without_a_wrong_vocative(
    editor, admin_user, lesson, django_capture_on_commit_callbacks
):
    """Wagtail writes "Hello Pēteris," (nominative, where Latvian needs "Pēteri"); ours says "Labdien!"."""
    admin_user.first_name = "Pēteris"
    admin_user.save()
    lesson.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        Workflow.objects.get(name="Moderatoru apstiprinājums").start(lesson, editor)
    to_admin = [m for m in mail.outbox if admin_user.email in m.to]
    assert to_admin, "the superuser was not told of the submission"
    for message in to_admin:
        assert message.body.startswith("Labdien!\n")
        assert "Pēteris" not in message.body
        assert "Moderatoru apstiprinājums" in message.subject
        assert ENGLISH_PATTERN.findall(message.subject + message.body) == []
