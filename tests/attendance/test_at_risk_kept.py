"""The judgement behind "people at risk" is kept between requests: every change to what it reads, and
the time passing a session's end or a register's closing, shows at once on the next page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from attendance import reports, services
from attendance.models import AttendanceRecord, SupervisionCompletion
from scheduling import services as scheduling_services
from scheduling.models import Booking, SupervisionGroup
from tests.factories import make_person, make_session, seat


def held(group, count):
    return [make_session(group, starts_in=-timedelta(days=60 - 7 * i)) for i in range(count)]


def mark(sessions, person, statuses):
    for session, status in zip(sessions, statuses, strict=True):
        AttendanceRecord.objects.create(session=session, person=person, status=status)


@pytest.fixture
def flagged(cycle, member):
    """`member` attended one of four held sessions; with one to come, 80 % is out of reach."""
    sessions = held(cycle, 4)
    mark(sessions, member, ["absent", "absent", "absent", "present"])
    upcoming = make_session(cycle, starts_in=timedelta(days=3))
    return sessions, upcoming


def at_risk_figure(client, person) -> int:
    """How many people the at-risk page lists for `person`."""
    client.force_login(person)
    page = client.get(reverse("attendance:at_risk"))
    assert page.status_code == 200
    return page.context["page"].paginator.count


def test_a_kept_judgement_reads_no_attendance_and_gives_the_same_people(flagged, member, coordinator):
    first = [(item.booking.person, item.result.attended) for item in reports.at_risk_page(coordinator, 1)]
    with CaptureQueriesContext(connection) as again:
        second = [(item.booking.person, item.result.attended) for item in reports.at_risk_page(coordinator, 1)]
    assert first == second == [(member, 1)]
    assert not [q["sql"] for q in again.captured_queries if "attendance_attendancerecord" in q["sql"]]


def _mark_second_member_absent(cycle, sessions, upcoming, second_member, supervisor, jelgava, valmiera):
    mark(sessions, second_member, ["absent"] * 4)


def _cancel_the_members_seat(cycle, sessions, upcoming, member, supervisor, jelgava, valmiera):
    booking = Booking.objects.get(group=cycle, person=member)
    scheduling_services.cancel_booking(booking, by=supervisor)


def _lower_the_threshold(cycle, sessions, upcoming, member, supervisor, jelgava, valmiera):
    services.update_completion_rule(cycle, by=supervisor, min_attendance_percent=40)


def _cancel_the_last_session(cycle, sessions, upcoming, member, supervisor, jelgava, valmiera):
    scheduling_services.cancel_session(upcoming, by=supervisor, reason="Slimība")


def _correct_a_record(cycle, sessions, upcoming, member, supervisor, jelgava, valmiera):
    for session in sessions[:3]:
        services.record_attendance(session, member, "present", by=supervisor)


def _schedule_twelve_more_sessions(cycle, sessions, upcoming, member, supervisor, jelgava, valmiera):
    for week in range(12):  # 14 of 17 would reach 80 %
        make_session(cycle, starts_in=timedelta(days=10 + 7 * week))


def _delete_the_last_session(cycle, sessions, upcoming, member, supervisor, jelgava, valmiera):
    upcoming.delete()


def _record_a_completion(cycle, sessions, upcoming, member, supervisor, jelgava, valmiera):
    SupervisionCompletion.objects.create(
        group=cycle,
        person=member,
        completed_on=timezone.localdate(),
        rule_version=1,
        attendance_percent=Decimal("25.0"),
        clock_hours=Decimal("2.00"),
    )


def _move_the_group_to_another_municipality(cycle, sessions, upcoming, member, supervisor, jelgava, valmiera):
    cycle.municipality = jelgava
    cycle.save()


@pytest.mark.parametrize(
    ("change", "after"),
    [
        (_mark_second_member_absent, 2),
        (_cancel_the_members_seat, 0),
        (_lower_the_threshold, 0),
        (_cancel_the_last_session, 0),
        (_schedule_twelve_more_sessions, 0),
        (_correct_a_record, 0),
        (_delete_the_last_session, 0),
        (_record_a_completion, 0),
        (_move_the_group_to_another_municipality, 0),
    ],
)
def test_every_change_to_what_the_judgement_reads_shows_on_the_next_page(
    client, flagged, cycle, member, second_member, supervisor, coordinator, jelgava, valmiera, change, after
):
    assert at_risk_figure(client, coordinator) == 1
    sessions, upcoming = flagged
    person = second_member if change is _mark_second_member_absent else member
    change(cycle, sessions, upcoming, person, supervisor, jelgava, valmiera)
    assert at_risk_figure(client, coordinator) == after
    assert reports.at_risk_count(coordinator) == after


def test_a_deleted_record_shows_on_the_next_page(client, flagged, cycle, second_member, coordinator):
    sessions, _upcoming = flagged
    Booking.objects.filter(person=second_member).update(confirmed_at=sessions[0].starts_at - timedelta(days=1))
    mark(sessions, second_member, ["present"] * 4)
    assert at_risk_figure(client, coordinator) == 1
    AttendanceRecord.objects.filter(person=second_member).delete()  # closed registers: absent from then on
    assert at_risk_figure(client, coordinator) == 2


def test_the_session_ending_changes_the_judgement_with_nothing_written(monkeypatch, flagged, coordinator):
    _sessions, upcoming = flagged
    assert reports.at_risk_count(coordinator) == 1
    later = upcoming.ends_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert reports.at_risk_count(coordinator) == 0  # no session remains: nothing more to talk about


def test_a_register_closing_changes_the_judgement_with_nothing_written(
    monkeypatch, settings, cycle, member, coordinator
):
    """Two present, one absent and one unmarked held session, and one to come: while the last
    register is open the unmarked session may still be marked present (4 of 5 reach 80 %); once it
    closes the session counts as missed and 3 of 5 cannot."""
    settings.ATTENDANCE_AUTO_ABSENT_HOURS = 12
    sessions = held(cycle, 3)
    mark(sessions, member, ["present", "present", "absent"])
    unmarked = make_session(cycle, starts_in=-timedelta(hours=3))
    make_session(cycle, starts_in=timedelta(days=20))
    assert reports.at_risk_count(coordinator) == 0
    closed = unmarked.ends_at + timedelta(hours=12, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: closed)
    assert reports.at_risk_count(coordinator) == 1


def test_each_scope_keeps_its_own_judgement(flagged, cycle, coordinator, national_coordinator, jelgava):
    elsewhere = SupervisionGroup.objects.create(title="Jelgavas grupa", municipality=jelgava, capacity=10)
    person = make_person("cits.dalibnieks@example.lv", ["educator"], jelgava)
    seat(elsewhere, person)
    mark(held(elsewhere, 4), person, ["absent"] * 4)
    make_session(elsewhere, starts_in=timedelta(days=3))
    assert reports.at_risk_count(national_coordinator) == 2
    assert reports.at_risk_count(coordinator) == 1
    assert reports.at_risk_count(national_coordinator) == 2


def test_the_list_comes_fifty_people_a_page_in_the_same_order(client, cycle, coordinator, valmiera, valmiera_school):
    """55 people in two groups of the coordinator's, ordered by group and then by name."""
    other = SupervisionGroup.objects.create(title="Valmiera cycle 2", municipality=valmiera, capacity=30)
    cycle.capacity = 30
    cycle.save()
    expected = []
    for group, size in [(cycle, 28), (other, 27)]:
        sessions = held(group, 4)
        make_session(group, starts_in=timedelta(days=3))
        people = []
        for i in range(size):
            email = f"dalibniece{group.pk}-{i}@example.lv"
            person = make_person(email, ["educator"], valmiera_school, last_name=f"Ozola {i:02d}")
            seat(group, person)
            mark(sessions, person, ["absent"] * 4)
            people.append(person)
        expected += sorted(people, key=lambda p: (p.last_name, p.first_name))
    client.force_login(coordinator)
    first = client.get(reverse("attendance:at_risk"))
    second = client.get(reverse("attendance:at_risk"), {"page": 2})
    shown = [item.booking.person for item in first.context["page"]] + [
        item.booking.person for item in second.context["page"]
    ]
    assert shown == expected
    assert "55 dalībnieki, kuriem apdraudēta supervīzijas cikla pabeigšana" in first.content.decode()
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()
    assert client.get(reverse("attendance:at_risk"), {"page": "999999999999"}).status_code == 200


def test_a_change_in_one_group_leaves_the_other_groups_judgements_kept(
    monkeypatch, flagged, cycle, member, supervisor, coordinator, valmiera
):
    other = SupervisionGroup.objects.create(title="Valmiera cycle 2", municipality=valmiera, capacity=10)
    other.supervisors.add(supervisor)
    person = make_person("otra.grupa@example.lv", ["educator"], valmiera)
    seat(other, person)
    other_sessions = held(other, 4)
    mark(other_sessions, person, ["absent"] * 4)
    make_session(other, starts_in=timedelta(days=3))
    assert reports.at_risk_count(coordinator) == 2

    judged_groups = []
    judge = reports.judge_bookings

    def judging(group_seats, now):
        judged_groups.extend({s.group_id for s in group_seats})
        return judge(group_seats, now)

    monkeypatch.setattr(reports, "judge_bookings", judging)
    services.record_attendance(other_sessions[0], person, "present", by=supervisor)
    assert reports.at_risk_count(coordinator) == 2  # one present of four: still out of reach
    assert judged_groups == [other.pk]
    assert reports.at_risk_count(coordinator) == 2
    assert judged_groups == [other.pk]


def test_the_charts_page_counts_the_people_at_risk_per_municipality(
    client, flagged, national_coordinator, jelgava, second_member, cycle
):
    sessions, _upcoming = flagged
    mark(sessions, second_member, ["absent"] * 4)
    elsewhere = SupervisionGroup.objects.create(title="Jelgavas grupa", municipality=jelgava, capacity=10)
    person = make_person("cits.dalibnieks@example.lv", ["educator"], jelgava)
    seat(elsewhere, person)
    mark(held(elsewhere, 4), person, ["absent"] * 4)
    make_session(elsewhere, starts_in=timedelta(days=3))
    client.force_login(national_coordinator)
    page = client.get(reverse("participants:insight")).content.decode()
    valmiera_row = '<tr><th scope="row">Valmieras novads</th><td>2</td></tr>'
    jelgava_row = '<tr><th scope="row">Jelgavas valstspilsēta</th><td>1</td></tr>'
    assert valmiera_row in page and jelgava_row in page
    assert page.index(valmiera_row) < page.index(jelgava_row)  # most first
