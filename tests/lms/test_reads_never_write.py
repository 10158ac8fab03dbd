"""Reads never write: crawling the demo as every role with GET requests changes no data, sends no
email and queues no task — and no page answers with a server error.

Allowed bookkeeping a person expects: their session, the "lesson opened" mark and the time of
their last activity in a course.
"""

from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlparse

import pytest
from celery.app.task import Task
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from wagtail.fields import StreamField

from accounts.demo import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Pages per role: enough to reach every kind of page the demo links to, bounded for the suite's time.
PAGES_PER_ROLE = 90
SKIPPED_PREFIXES = ("/accounts/logout", "/static/", "/admin/")
# Bookkeeping that reading is allowed to do: the session, "lesson opened", download statistics,
# image renditions (a cache of resized files), the profile row Wagtail keeps for each person, and
# the GDPR access log (who opened someone else's personal data is the one thing a read must record).
ALLOWED_TABLES = {
    "django_session",
    "privacy_accesslogentry",
    "courses_lessonprogress",
    "materials_downloadcount",
    "materials_kopienarendition",
    "wagtailusers_userprofile",
}
ALLOWED_FIELDS = {("courses", "enrolment"): {"last_activity_at"}}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        href, _fragment = urldefrag(href)
        parsed = urlparse(href)
        if parsed.scheme in ("", "http", "https") and parsed.netloc in ("", "testserver") and parsed.path:
            if parsed.path.startswith("/") and not parsed.path.startswith(SKIPPED_PREFIXES):
                found.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return found


def snapshot() -> dict:
    """Every row of every project and auth table, minus the bookkeeping reads may do."""
    state = {}
    for model in apps.get_models():
        if model._meta.db_table in ALLOWED_TABLES or model._meta.proxy or not model._meta.managed:
            continue
        skipped = ALLOWED_FIELDS.get((model._meta.app_label, model._meta.model_name), set())
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in skipped and not isinstance(f, StreamField)  # its value has no stable repr
        ]
        if model._meta.app_label == "accounts" and model._meta.model_name == "user":
            fields.remove("last_login")  # signing in, not reading
        state[model._meta.label] = sorted(map(repr, model.objects.values_list(*fields)))
    return state


def crawl(client, start: list[str]) -> tuple[int, list[tuple[str, int]]]:
    seen, queue, errors, visited = set(start), deque(start), [], 0
    while queue and visited < PAGES_PER_ROLE:
        path = queue.popleft()
        response = client.get(path)
        visited += 1
        if response.status_code >= 500:
            errors.append((path, response.status_code))
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            for link in links_in(response.content.decode()):
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
    return visited, errors


def test_crawling_the_demo_as_every_role_writes_nothing_sends_nothing_and_queues_nothing(client, monkeypatch):
    call_command("seed_demo", stdout=StringIO())
    queued = []
    real_apply_async = Task.apply_async

    def record(task, args=None, kwargs=None, **options):
        queued.append(task.name)
        return real_apply_async(task, args, kwargs, **options)

    monkeypatch.setattr(Task, "apply_async", record)
    mail.outbox.clear()
    before = snapshot()
    from accounts.models import User

    visited = {}
    errors = []
    for email in [None, *(account[0] for account in DEMO_ACCOUNTS)]:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        count, failed = crawl(client, ["/", "/dashboard/"])
        visited[email or "anonymous"] = count
        errors += failed
    after = snapshot()
    changed = {
        label: {
            "gone": sorted(set(before[label]) - set(after[label]))[:3],
            "new": sorted(set(after[label]) - set(before[label]))[:3],
        }
        for label in before
        if before[label] != after[label]
    }
    assert errors == []
    assert list(changed) == [], changed
    assert mail.outbox == []
    assert queued == []
    # The public site has a handful of pages; every signed-in role reaches many more.
    assert visited.pop("anonymous") >= 5
    assert all(count >= 30 for count in visited.values()), visited
