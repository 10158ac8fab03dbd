"""The dashboard answers "what now" for each role, with figures that match direct counts, in a number of
queries that does not grow with the person's groups, sessions or the municipality's size."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from attendance import reports
from attendance.models import AttendanceRecord, SupervisionCompletion
from certificates.eligibility import completed_without_certificate
from certificates.models import CertificateProgramme, HoursUnit
from scheduling.models import Booking, SupervisionGroup
from tests.factories import add_sessions, make_person, make_session, seat

# One page whatever the person's rows: measured 13 (17 with a course to continue), 14 and 20 queries;
# the bounds leave a little room.
PARTICIPANT_QUERIES = 19
SUPERVISOR_QUERIES = 16
COORDINATOR_QUERIES = 22


def text_of(response) -> str:
    body = response.content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def figure(response, href: str) -> int:
    """The big number of the coordinator's figure that links to `href`."""
    body = response.content.decode()
    found = re.search(rf'<a href="{re.escape(href)}"><span class="figure-number">(\d+)', body)
    assert found, href
    return int(found.group(1))


def group_with_sessions(title, municipality, supervisor, *, capacity=10, count=2):
    group = SupervisionGroup.objects.create(title=title, municipality=municipality, capacity=capacity)
    group.supervisors.add(supervisor)
    add_sessions(group, count=count)
    return group


def offer(group, person, hours=30) -> Booking:
    return Booking.objects.create(
        group=group,
        person=person,
        status=Booking.Status.OFFERED,
        offer_expires_at=timezone.now() + timedelta(hours=hours),
    )


def wait(group, person, minutes_ago=60) -> Booking:
    return Booking.objects.create(
        group=group,
        person=person,
        status=Booking.Status.WAITING,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


# --- mentor / educator ------------------------------------------------------------------------------


@pytest.fixture
def participant_world(member, live_session, future_session, past_session, valmiera, supervisor, valmiera_school):
    """The educator: a seat in the cycle (a session on now, one next week, one held and attended), a seat
    offered in one group and a place on the waiting list of another, behind someone else."""
    AttendanceRecord.objects.create(session=past_session, person=member, status="present", marked_by=supervisor)
    offered_in = group_with_sessions("Valmieras grupa ar piedāvājumu", valmiera, supervisor)
    offer(offered_in, member)
    full = group_with_sessions("Valmieras pilnā grupa", valmiera, supervisor, capacity=1)
    seat(full, make_person("anna.pilna@example.lv", ["educator"], valmiera_school))
    wait(full, make_person("juris.pirmais@example.lv", ["educator"], valmiera_school), minutes_ago=120)
    wait(full, member, minutes_ago=60)
    return member


def test_a_participant_sees_what_is_next_for_them(client, participant_world, live_session, future_session):
    client.force_login(participant_world)
    response = client.get(reverse("dashboard"))
    body = response.content.decode()
    text = text_of(response)

    # The session on now offers check-in; every upcoming one its page and its calendar file.
    assert f'href="{reverse("attendance:checkin")}?s={live_session.pk}"' in body
    assert body.count(f'href="{reverse("attendance:checkin")}?s=') == 1
    for session in (live_session, future_session):
        assert reverse("scheduling:session", args=[session.pk]) in body
        assert reverse("scheduling:session_ics", args=[session.pk]) in body

    # The offer: its deadline and a one-tap accept that is a POST form.
    booking = Booking.objects.get(person=participant_world, status=Booking.Status.OFFERED)
    assert f'<form method="post" action="{reverse("scheduling:accept_offer", args=[booking.pk])}"' in body
    assert "Piedāvājums ir spēkā līdz" in text
    # The waiting list place, as the scheduling rule counts it.
    waiting = Booking.objects.get(person=participant_world, status=Booking.Status.WAITING)
    from scheduling.services import queue_place

    assert queue_place(waiting) == 2
    assert "2. rindā" in text

    # Hours in the rolling window against 36, as attendance reports them.
    hours = reports.hours_for(participant_world)
    assert hours.window_academic > 0
    assert f'<progress max="100" value="{hours.window_percent}"' in body
    assert f"no {hours.required} akadēmiskajām stundām" in text

    # Nothing that is not theirs: no supervisor or coordinator panels.
    assert "Supervīziju vadīšana" not in text
    assert "Jūsu pašvaldība īsumā" not in text


def test_a_participant_without_anything_yet_is_told_what_to_do(client, mentor):
    client.force_login(mentor)
    text = text_of(client.get(reverse("dashboard")))
    assert "Jums vēl nav vietas nevienā supervīzijas grupā." in text
    assert "Atrast supervīzijas grupu" in text
    assert "Pašlaik Jums nav neviena iesākta kursa." in text
    assert "Apliecības vēl nav" in text


def test_a_participant_dashboard_costs_the_same_with_more_groups(
    client, participant_world, valmiera, supervisor, django_assert_max_num_queries
):
    client.force_login(participant_world)
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(PARTICIPANT_QUERIES):
        assert client.get(reverse("dashboard")).status_code == 200
    for i in range(4):
        extra = group_with_sessions(f"Papildu grupa {i}", valmiera, supervisor, count=3)
        seat(extra, participant_world)
        wait(group_with_sessions(f"Rindas grupa {i}", valmiera, supervisor, capacity=1), participant_world)
    with django_assert_max_num_queries(PARTICIPANT_QUERIES):
        assert client.get(reverse("dashboard")).status_code == 200


# --- supervisor -------------------------------------------------------------------------------------


@pytest.fixture
def supervisor_world(supervisor, member, second_member, live_session, future_session, cycle):
    """Ērika's cycle: a session on now, one that ended an hour ago with an unmarked register, and a full
    group with a waiting list."""
    held = make_session(cycle, starts_in=-timedelta(hours=3), hours=2)
    AttendanceRecord.objects.create(session=held, person=member, status="present", marked_by=supervisor)
    return held


def test_a_supervisor_sees_today_registers_and_seats(client, supervisor, supervisor_world, live_session, cycle):
    client.force_login(supervisor)
    response = client.get(reverse("dashboard"))
    body = response.content.decode()
    text = text_of(response)

    # The session on now: its check-in code and register one tap away.
    assert reverse("attendance:checkin_code", args=[live_session.pk]) in body
    assert reverse("attendance:register", args=[live_session.pk]) in body

    # Registers still unmarked after the session, counted as attendance counts them.
    expected = reports.registers_to_mark(supervisor)
    assert [item.session for item in expected] == [supervisor_world]
    assert f'<span class="count">{len(expected)}</span>' in body
    assert "1 persona bez statusa" in text

    # Groups with free seats, with the seats held as scheduling counts them.
    taken = Booking.objects.holding_seat().filter(group=cycle).count()
    assert f"aizņemtas {taken} no {cycle.capacity} vietām" in text
    assert "Jūsu nākamās sesijas" not in text  # holds no seat: no participant panel


def test_a_supervisor_dashboard_costs_the_same_with_more_groups(
    client, supervisor, supervisor_world, valmiera, teachers, django_assert_max_num_queries
):
    client.force_login(supervisor)
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(SUPERVISOR_QUERIES):
        assert client.get(reverse("dashboard")).status_code == 200
    for i in range(4):
        group = group_with_sessions(f"Papildu grupa {i}", valmiera, supervisor, capacity=2)
        make_session(group, starts_in=timedelta(hours=1))
        held = make_session(group, starts_in=-timedelta(hours=4), hours=2)
        for person in teachers[:2]:
            seat(group, person, confirmed_at=timezone.now() - timedelta(days=5))
        wait(group, teachers[3 + i % 3])
        assert held
    with django_assert_max_num_queries(SUPERVISOR_QUERIES):
        assert client.get(reverse("dashboard")).status_code == 200


# --- coordinator ------------------------------------------------------------------------------------


@pytest.fixture
def municipality_world(coordinator, valmiera, jelgava, supervisor, teachers, cycle, member, past_session):
    """Valmiera: the cycle (the educator completed it, no certificate yet) and a full group with a
    waiting list; Jelgava's group and invitation must not count."""
    make_session(cycle, starts_in=timedelta(days=10))
    full = group_with_sessions("Valmieras pilnā grupa", valmiera, supervisor, capacity=2)
    seat(full, teachers[0])
    seat(full, teachers[1])
    wait(full, teachers[2])
    wait(full, teachers[3])
    elsewhere = group_with_sessions("Jelgavas grupa", jelgava, supervisor, capacity=5)
    wait(elsewhere, make_person("ilze.jelgava@example.lv", ["educator"], jelgava))
    programme = CertificateProgramme.objects.create(
        title_lv="Supervīzijas cikls",
        hours=Decimal("12"),
        hours_unit=HoursUnit.CLOCK,
        provider_lv="Programma",
        number_prefix="SUP",
    )
    programme.supervision_groups.add(cycle)
    SupervisionCompletion.objects.create(
        group=cycle,
        person=member,
        completed_on=timezone.localdate(),
        rule_version=1,
        attendance_percent=Decimal("100"),
        clock_hours=Decimal("12"),
    )
    Invitation.objects.create(email="jauns@example.lv", first_name="Jauns", last_name="Cilvēks", organisation=valmiera)
    Invitation.objects.create(email="cits@example.lv", first_name="Cits", last_name="Cilvēks", organisation=jelgava)
    return coordinator


def test_a_coordinator_sees_the_municipality_as_the_database_counts_it(client, municipality_world, valmiera):
    client.force_login(municipality_world)
    response = client.get(reverse("dashboard"))
    text = text_of(response)

    meeting = SupervisionGroup.objects.filter(municipality=valmiera, sessions__starts_at__gt=timezone.now()).distinct()
    capacity = sum(g.capacity for g in meeting)
    taken = Booking.objects.holding_seat().filter(group__in=meeting).count()
    assert f"{round(100 * taken / capacity)} %" in text
    assert f"({taken} no {capacity})" in text

    waiting = Booking.objects.filter(status=Booking.Status.WAITING, group__municipality=valmiera).count()
    assert waiting == 2
    assert figure(response, reverse("scheduling:coordination")) in (round(100 * taken / capacity), waiting)
    assert f"{waiting} gaida vietu 1 grupā" in text

    assert (
        figure(response, reverse("attendance:at_risk")) == reports.at_risk_page(municipality_world, 1).paginator.count
    )
    unissued = completed_without_certificate(municipality_world)
    assert len(unissued) == 1
    assert figure(response, reverse("certificates_manage")) == 1
    assert "Valmiera cycle" in text
    pending = Invitation.objects.pending().filter(organisation=valmiera).count()
    assert figure(response, reverse("invitations")) == pending == 1


def test_a_certificate_takes_a_completion_off_the_coordinators_list(municipality_world, member):
    from certificates.models import Certificate

    programme = CertificateProgramme.objects.get(number_prefix="SUP")
    Certificate.objects.create(
        holder=member,
        programme=programme,
        year=2026,
        serial=1,
        number="SUP-2026-000001",
        holder_name=str(member),
        hours=programme.hours,
        hours_unit=programme.hours_unit,
        completed_on=timezone.localdate(),
        issued_on=timezone.localdate(),
        language="lv",
    )
    assert completed_without_certificate(municipality_world) == []


def test_a_coordinator_dashboard_costs_the_same_for_a_bigger_municipality(
    client, municipality_world, valmiera, supervisor, valmiera_school, django_assert_max_num_queries
):
    client.force_login(municipality_world)
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(COORDINATOR_QUERIES):
        assert client.get(reverse("dashboard")).status_code == 200
    for i in range(4):
        group = group_with_sessions(f"Papildu grupa {i}", valmiera, supervisor, capacity=1)
        seat(group, make_person(f"p{i}.papildu@example.lv", ["educator"], valmiera_school))
        wait(group, make_person(f"w{i}.papildu@example.lv", ["educator"], valmiera_school))
    with django_assert_max_num_queries(COORDINATOR_QUERIES):
        assert client.get(reverse("dashboard")).status_code == 200


def test_someone_without_a_role_gets_a_plain_dashboard(client, valmiera_school):
    person = make_person("bez.lomas@example.lv", [], valmiera_school)
    client.force_login(person)
    text = text_of(client.get(reverse("dashboard")))
    assert "Ko šeit varat darīt" in text
    assert "Jūsu nākamās sesijas" not in text
