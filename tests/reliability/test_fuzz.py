"""Every form the demo shows, as every role, submitted with hostile values: no server error and no
unhandled exception; afterwards every page and calendar feed still answers."""

import io
import logging
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.test import Client

from accounts.models import User

HOSTILE = [
    "",
    "x" * 10_000,
    "<script>alert(1)</script>",
    "a\x00b",
    "9999-12-31",
    "99999999999999999999",
    "abc",
]
ROLES = ["mentor", "educator", "supervisor", "coordinator", "editor", "admin", None]
SKIPPED_PREFIXES = ("/admin", "/accounts/logout", "/static/", "/media/", "/documents/", "/mail/")
FILE_SUFFIXES = (".pdf", ".ics", ".csv", ".xlsx", ".zip", ".png", ".jpg", "/download/")
MAX_PAGES_PER_ROLE = 30
figures = logging.getLogger("kopiena.figures")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select", "button") and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else tag
            self._form["fields"].setdefault(a["name"], {"kind": kind, "value": a.get("value", "")})
            if tag == "select":
                self._select = a["name"]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def parse(body: str) -> _Page:
    page = _Page()
    page.feed(body)
    return page


def wanted(path: str) -> bool:
    parts = urlsplit(path)
    return (
        not parts.scheme
        and not parts.netloc
        and parts.path.startswith("/")
        and not parts.path.startswith(SKIPPED_PREFIXES)
        and not parts.path.endswith(FILE_SUFFIXES)
    )


def hostile_data(fields: dict, value: str) -> dict:
    data = {}
    for name, field in fields.items():
        if name == "csrfmiddlewaretoken":
            data[name] = field["value"]
        elif field["kind"] == "file":
            data[name] = SimpleUploadedFile("<script>.csv", f"email,first name\n{value},{value}\n".encode())
        elif field["kind"] in ("submit", "button") and not value:
            data[name] = field["value"]
        else:
            data[name] = value
    return data


@pytest.fixture
def demo(db):
    call_command("seed_demo", password="demo-password-1", stdout=io.StringIO())


def crawl(client: Client, start: list[str]) -> tuple[list[str], list[tuple[str, dict]]]:
    seen, queue, forms = set(), list(start), []
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = parse(response.content.decode())
        for href in page.links:
            target = urljoin(path, href).split("#")[0]
            if wanted(target) and target not in seen:
                queue.append(target)
        for form in page.forms:
            action = urljoin(path, form["action"] or path)
            if wanted(action) and "logout" not in action:
                forms.append((action, form))
    return sorted(seen), forms


def test_hostile_values_in_every_form_as_every_role_never_break_the_site(demo):
    exceptions: list[str] = []

    def collect(sender, request=None, **kwargs):
        exceptions.append(getattr(request, "path", "?"))

    got_request_exception.connect(collect)
    submissions, server_errors, pages_by_role = 0, [], {}
    try:
        for role in ROLES:
            client = Client(raise_request_exception=False)
            if role:
                client.force_login(User.objects.get(email=f"{role}@demo.kopiena.lv"))
            pages, forms = crawl(client, ["/", "/dashboard/", "/supervision/", "/learning/", "/materials/"])
            pages_by_role[role] = pages
            done = set()
            for action, form in forms:
                # One form of a kind: the booking form of every group is the same code.
                signature = (re.sub(r"\d+", "N", action), form["method"], tuple(sorted(form["fields"])))
                if signature in done:
                    continue
                done.add(signature)
                for value in HOSTILE:
                    data = hostile_data(form["fields"], value)
                    if form["method"] == "post":
                        response = client.post(action, data)
                    else:
                        response = client.get(action, {k: v for k, v in data.items() if isinstance(v, str)})
                    submissions += 1
                    if response.status_code >= 500:
                        server_errors.append((role, form["method"], action, value[:20], response.status_code))
            if role:  # the person is still signed in: hostile input did not log anyone out or lock them out
                assert client.get("/dashboard/").status_code == 200, role
    finally:
        got_request_exception.disconnect(collect)
    figures.warning("fuzz: %d hostile submissions of %d roles' forms", submissions, len(ROLES))
    assert sorted(set(server_errors)) == []
    assert sorted(set(exceptions)) == []
    assert submissions > 300

    # Afterwards every page each role saw, and every calendar feed, still answers.
    from scheduling.models import CalendarFeed, SupervisionGroup

    for role, pages in pages_by_role.items():
        client = Client(raise_request_exception=True)
        if role:
            client.force_login(User.objects.get(email=f"{role}@demo.kopiena.lv"))
        for path in pages:
            assert client.get(path).status_code < 500, (role, path)
    anonymous = Client(raise_request_exception=True)
    for feed in CalendarFeed.objects.select_related("user"):
        assert anonymous.get(f"/calendar/feed/{feed.token}.ics").status_code == 200
        for group in SupervisionGroup.objects.filter(supervisors=feed.user):
            assert anonymous.get(f"/calendar/feed/{feed.token}/groups/{group.pk}.ics").status_code == 200
