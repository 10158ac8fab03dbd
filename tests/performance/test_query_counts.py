"""Every page a person opens often costs the same number of queries however much data there is.

Each test builds a small world, counts the queries of one request, grows the world (more lessons,
groups, sessions, certificates, materials, other people) and counts again: the count must not grow,
and learner pages stay within LEARNER_LIMIT.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.models import Certificate, CertificateProgramme, HoursUnit
from courses.models import LessonProgress
from materials import audiences, results
from materials.folding import fold
from materials.models import Material
from scheduling.models import SupervisionGroup
from tests.courses.conftest import build_course, enrol_directly
from tests.factories import add_sessions, make_person, seat

pytestmark = pytest.mark.django_db

LEARNER_LIMIT = 10


@pytest.fixture
def within_limit(django_assert_max_num_queries):
    """`within_limit(client, url)`: one request to a learner page in at most LEARNER_LIMIT queries."""

    def check(client, url: str) -> None:
        with django_assert_max_num_queries(LEARNER_LIMIT):
            assert client.get(url).status_code == 200

    return check


def queries(client, url: str, *, status: int = 200) -> int:
    """The queries of one warm request: earlier requests fill the shared caches (footer links, content
    types, the site's routes) that every later request finds filled."""
    for _ in range(2):
        assert client.get(url).status_code == status
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status
    return len(captured)


# --- courses -----------------------------------------------------------------------------------


def _progress(user, tree, done: int) -> None:
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(
            user=user,
            lesson_key=lesson.translation_key,
            course_key=tree.course.translation_key,
            opened_at=now,
            completed_at=now if number < done else None,
            completed_how="marked" if number < done else "",
        )
        for number, lesson in enumerate(tree.lessons[: done + 1])
    )


def _others_in(tree, count: int, school) -> None:
    for i in range(count):
        other = make_person(f"other{i}.{tree.course.slug}@example.lv", ["mentor"], school)
        enrol_directly(other, tree.course)
        _progress(other, tree, done=len(tree.lessons) // 2)


@pytest.mark.parametrize("page", ["lesson", "course"])
def test_course_pages_cost_the_same_queries_for_a_short_and_a_long_course(
    client, mentor, valmiera_school, page, within_limit
):
    counts = []
    for lessons, others, slug in ((5, 0, "iss"), (15, 3, "gars")):
        tree = build_course(modules=5, lessons_per_module=lessons // 5, quiz_lessons=(2,), slug=slug)
        enrol_directly(mentor, tree.course)
        _progress(mentor, tree, done=3)
        _others_in(tree, others, valmiera_school)
        client.force_login(mentor)
        url = tree.lesson(2).url if page == "lesson" else tree.course.url
        counts.append(queries(client, url))
    assert counts[0] == counts[1]
    within_limit(client, url)


# --- dashboard --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["mentor", "educator", "supervisor", "coordinator", "editor", "admin_user"])
def test_the_dashboard_costs_a_fixed_number_of_queries_for_each_role(client, request, role, within_limit):
    person = request.getfixturevalue(role)
    client.force_login(person)
    queries(client, "/dashboard/")
    within_limit(client, "/dashboard/")


# --- supervision ------------------------------------------------------------------------------


def _groups(municipality, supervisor, school, count: int, *, sessions: int, people: int, tag: str):
    groups = []
    for g in range(count):
        group = SupervisionGroup.objects.create(title=f"{tag} {g}", municipality=municipality, capacity=20)
        group.supervisors.add(supervisor)
        add_sessions(group, count=sessions)
        for p in range(people):
            seat(group, make_person(f"p{p}.{tag}{g}@example.lv", ["educator"], school))
        groups.append(group)
    return groups


def test_the_group_finder_costs_the_same_queries_with_2_or_12_groups(
    client, educator, supervisor, valmiera, valmiera_school, within_limit
):
    client.force_login(educator)
    _groups(valmiera, supervisor, valmiera_school, 2, sessions=2, people=1, tag="a")
    small = queries(client, "/supervision/")
    _groups(valmiera, supervisor, valmiera_school, 10, sessions=4, people=3, tag="b")
    large = queries(client, "/supervision/")
    assert small == large
    within_limit(client, "/supervision/")


@pytest.mark.parametrize("viewer", ["educator", "supervisor", "coordinator"])
def test_a_group_page_costs_the_same_queries_with_few_or_many_sessions_and_people(
    client, request, viewer, supervisor, valmiera, valmiera_school, within_limit
):
    person = request.getfixturevalue(viewer)
    client.force_login(person)
    counts = []
    for sessions, people, tag in ((2, 1, "maza"), (12, 10, "liela")):
        (group,) = _groups(valmiera, supervisor, valmiera_school, 1, sessions=sessions, people=people, tag=tag)
        if viewer == "educator":
            seat(group, person)
        url = f"/supervision/groups/{group.pk}/"
        counts.append(queries(client, url))
    assert counts[0] == counts[1]
    if viewer == "educator":
        within_limit(client, url)


def test_my_calendar_costs_the_same_queries_with_few_or_many_sessions(
    client, educator, supervisor, valmiera, valmiera_school, within_limit
):
    client.force_login(educator)
    for group in _groups(valmiera, supervisor, valmiera_school, 1, sessions=2, people=0, tag="k1"):
        seat(group, educator)
    month = (timezone.localdate() + timedelta(days=7)).strftime("%Y-%m")
    small = queries(client, f"/calendar/?month={month}")
    for group in _groups(valmiera, supervisor, valmiera_school, 4, sessions=8, people=2, tag="k2"):
        seat(group, educator)
    large = queries(client, f"/calendar/?month={month}")
    assert small == large
    within_limit(client, f"/calendar/?month={month}")


# --- certificates -----------------------------------------------------------------------------


def _certificates(holder, count: int, start: int) -> None:
    for number in range(start, start + count):
        programme = CertificateProgramme.objects.create(
            title_lv=f"Programma {number}",
            title_en=f"Programme {number}",
            approval_number=f"VIAA-{number}",
            approving_body_lv="Valsts izglītības attīstības aģentūra",
            hours=Decimal("36"),
            hours_unit=HoursUnit.ACADEMIC_45,
            provider_lv="Programma",
            number_prefix=f"P{number:02d}",
            signatory_name="Ilze Krūmiņa",
            signatory_title_lv="Vadītāja",
        )
        Certificate.objects.create(
            holder=holder,
            programme=programme,
            year=2026,
            serial=1,
            number=f"P{number:02d}-2026-1",
            holder_name=holder.get_full_name(),
            hours=programme.hours,
            hours_unit=programme.hours_unit,
            completed_on=date(2026, 1, 5),
            issued_on=date(2026, 1, 6),
            language="lv",
            **({"status": Certificate.Status.REVOKED, "revoked_at": timezone.now()} if number % 3 == 2 else {}),
        )


def test_my_certificates_costs_the_same_queries_with_1_or_8_certificates(client, mentor, within_limit):
    client.force_login(mentor)
    _certificates(mentor, 1, 0)
    small = queries(client, "/certificates/mine/")
    _certificates(mentor, 7, 1)
    large = queries(client, "/certificates/mine/")
    assert small == large
    within_limit(client, "/certificates/mine/")


# --- materials --------------------------------------------------------------------------------

WORDS = ["sadarbība", "kopiena", "mentors", "vecāki", "skolēns", "atbalsts", "plāns", "grupa"]


def _materials(count: int, start: int) -> None:
    rows = []
    for number in range(start, start + count):
        title = f"{WORDS[number % len(WORDS)].capitalize()} {WORDS[(number * 3) % len(WORDS)]} {number}"
        kind = [audiences.PUBLIC, audiences.SIGNED_IN, audiences.ROLES][number % 3]
        material = Material(
            title=title,
            description=" ".join(WORDS),
            language="lv",
            year=2026,
            audience_kind=kind,
            folded_text=fold(f"{title} {' '.join(WORDS)}"),
        )
        if kind == audiences.ROLES:
            material.set_roles(["educator"])
        rows.append(material)
    created = Material.objects.bulk_create(rows)
    for material in created[::4]:
        material.tags.add("sadarbība", "mentorings")
    results.changed()  # bulk_create sends no signals


@pytest.mark.parametrize("url", ["/materials/", "/materials/?page=3", "/materials/?q=sadarbiba"])
def test_materials_pages_cost_the_same_queries_with_few_or_many_materials(client, educator, url, within_limit):
    client.force_login(educator)
    _materials(160, 0)
    small = queries(client, url)
    _materials(400, 160)
    large = queries(client, url)
    assert small == large
    within_limit(client, url)
