from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance import completion, reports, services
from attendance.completion import judge, judge_bookings, record_completions
from attendance.models import AttendanceRecord, CompletionRule, SupervisionCompletion
from scheduling.models import Booking
from tests.factories import make_session


@pytest.fixture(autouse=True)
def _english(speaks_english):
    pass


def held(cycle, count, *, first_days_ago=60):
    return [make_session(cycle, starts_in=-timedelta(days=first_days_ago - 7 * i)) for i in range(count)]


def judged(person, group):
    """The person's cycle as every page shows it: a pure read."""
    return judge(Booking.objects.confirmed().get(person=person, group=group))


def mark(sessions, person, statuses):
    for session, status in zip(sessions, statuses, strict=True):
        AttendanceRecord.objects.create(session=session, person=person, status=status)


def test_excused_sessions_leave_the_count_when_the_rule_says_so(cycle, member):
    sessions = held(cycle, 5)
    mark(sessions, member, ["present", "present", "late", "present", "excused"])
    result = judged(member, cycle)
    assert (result.held, result.counted, result.attended, result.percent) == (5, 4, 4, Decimal("100.0"))
    assert result.can_be_recorded and not result.completed
    assert not SupervisionCompletion.objects.exists()  # judging never writes
    record_completions(cycle)
    assert judged(member, cycle).completed
    completion = SupervisionCompletion.objects.get(person=member, group=cycle)
    assert completion.rule_version == 1


def test_excused_sessions_count_as_missed_when_the_rule_keeps_them(cycle, member, supervisor):
    services.update_completion_rule(cycle, by=supervisor, excused_leave_count=False, min_attendance_percent=90)
    sessions = held(cycle, 5)
    mark(sessions, member, ["present", "present", "late", "present", "excused"])
    record_completions(cycle)
    result = judged(member, cycle)
    assert (result.counted, result.percent, result.completed) == (5, Decimal("80.0"), False)


def test_minimum_hours_are_required_too(cycle, member, supervisor):
    services.update_completion_rule(cycle, by=supervisor, min_clock_hours=Decimal("10"))
    mark(held(cycle, 3), member, ["present"] * 3)
    record_completions(cycle)
    result = judged(member, cycle)
    assert result.clock_hours == Decimal("6.00")
    assert not result.completed and not result.reachable


def test_completion_waits_until_the_cycle_is_over(cycle, member):
    mark(held(cycle, 2), member, ["present", "present"])
    make_session(cycle, starts_in=timedelta(days=5))
    record_completions(cycle)
    result = judged(member, cycle)
    assert not result.completed and result.reachable and result.remaining == 1
    assert not SupervisionCompletion.objects.exists()


def test_completion_is_forward_only_and_keeps_its_rule_version(cycle, member, supervisor):
    mark(held(cycle, 2), member, ["present", "present"])
    record_completions(cycle)
    assert judged(member, cycle).completed
    rule = services.update_completion_rule(cycle, by=supervisor, min_attendance_percent=100, min_clock_hours=50)
    assert rule.version == 2
    AttendanceRecord.objects.filter(person=member).update(status="absent")
    record_completions(cycle)
    result = judged(member, cycle)
    assert result.completed and result.completion.rule_version == 1
    assert SupervisionCompletion.objects.count() == 1


def test_rule_changes_are_for_the_groups_managers(cycle, outsider):
    with pytest.raises(services.AttendanceError) as error:
        services.update_completion_rule(cycle, by=outsider, min_attendance_percent=50)
    assert error.value.code == "forbidden"
    assert not CompletionRule.objects.exists()


def test_a_person_who_can_no_longer_reach_the_threshold_is_flagged_while_sessions_remain(
    client, cycle, member, second_member, coordinator
):
    sessions = held(cycle, 4)
    mark(sessions, member, ["absent", "absent", "absent", "present"])
    mark(sessions, second_member, ["present"] * 4)
    make_session(cycle, starts_in=timedelta(days=3))
    assert judged(member, cycle).at_risk
    assert not judged(second_member, cycle).at_risk
    client.force_login(coordinator)
    page = client.get(reverse("attendance:at_risk")).content.decode()
    assert str(member) in page
    assert str(second_member) not in page


def test_the_at_risk_list_and_the_dashboards_count_agree_in_the_same_queries_for_more_people(
    cycle, member, second_member, coordinator
):
    sessions = held(cycle, 4)
    make_session(cycle, starts_in=timedelta(days=3))
    mark(sessions, member, ["absent", "absent", "absent", "present"])
    assert reports.at_risk_count(coordinator) == 1
    cache.clear()  # judged afresh here, as after the next marks
    with CaptureQueriesContext(connection) as one:
        flagged = reports.at_risk_page(coordinator, 1)
    assert [(item.booking.person, item.result.attended, item.result.counted) for item in flagged] == [(member, 1, 4)]

    mark(sessions, second_member, ["absent"] * 4)
    with CaptureQueriesContext(connection) as two:
        flagged = reports.at_risk_page(coordinator, 1)
    assert {item.booking.person for item in flagged} == {member, second_member}
    assert reports.at_risk_count(coordinator) == 2
    assert len(two.captured_queries) == len(one.captured_queries)


def test_judging_many_people_per_group_gives_what_judging_them_alone_gives(monkeypatch, cycle, member, second_member):
    sessions = held(cycle, 4)
    make_session(cycle, starts_in=timedelta(days=3))
    mark(sessions, member, ["absent", "present", "excused", "late"])
    mark(sessions, second_member, ["present"] * 4)
    booking = Booking.objects.confirmed().get(person=member, group=cycle)

    def figures(result):
        return (result.held, result.counted, result.attended, result.unmarked, result.remaining, result.percent)

    alone = figures(judge_bookings([booking])[booking.pk])
    monkeypatch.setattr(completion, "FEW_PEOPLE", 0)  # as for thousands: the whole group's records are read
    assert figures(judge_bookings([booking])[booking.pk]) == alone == (4, 3, 2, 0, 1, Decimal("66.7"))


def test_a_coordinator_changes_the_rule_and_its_version_grows(client, cycle, coordinator):
    client.force_login(coordinator)
    url = reverse("attendance:completion_rule", args=[cycle.pk])
    client.post(url, {"min_attendance_percent": "75", "excused_leave_count": "on", "min_clock_hours": "6"})
    rule = CompletionRule.objects.get(group=cycle)
    assert (rule.min_attendance_percent, rule.min_clock_hours, rule.version) == (75, Decimal("6.0"), 2)
    response = client.post(url, {"min_attendance_percent": "0", "min_clock_hours": "6"}, follow=True)
    assert response.status_code == 200
    assert CompletionRule.objects.get(group=cycle).min_attendance_percent == 75


@pytest.mark.parametrize("persona", ["educator", "other_supervisor", "outsider"])
def test_others_cannot_change_the_rule(db, client, request, cycle, persona):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("attendance:completion_rule", args=[cycle.pk])
    assert client.post(url, {"min_attendance_percent": "10", "min_clock_hours": "0"}).status_code == 404
    assert not CompletionRule.objects.exists()


def test_closing_the_last_register_records_the_completion(settings, cycle, member, second_member):
    from attendance import tasks

    settings.ATTENDANCE_AUTO_ABSENT_HOURS = 1
    sessions = held(cycle, 3)
    mark(sessions[:2], member, ["present", "present"])
    mark(sessions[:2], second_member, ["absent", "absent"])
    last = make_session(cycle, starts_in=-timedelta(hours=5))
    AttendanceRecord.objects.create(session=last, person=member, status="present")
    AttendanceRecord.objects.create(session=sessions[2], person=member, status="present")
    AttendanceRecord.objects.create(session=sessions[2], person=second_member, status="present")
    tasks.close_registers.delay()
    assert list(SupervisionCompletion.objects.values_list("person_id", "rule_version")) == [(member.pk, 1)]
