"""Random registers, corrections and rule changes: completion is forward-only, judging never writes,
and a recorded completion always met the rule of its version (property-based, Hypothesis)."""

from datetime import timedelta

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attendance import services
from attendance.completion import judge, record_completions, rule_for
from attendance.models import AttendanceStatus, SupervisionCompletion
from scheduling.models import Booking
from tests.factories import make_session, seat

statuses = st.sampled_from(AttendanceStatus.values)
events = st.lists(
    st.one_of(
        st.tuples(st.just("mark"), st.integers(0, 3), statuses),
        st.tuples(st.just("rule"), st.integers(1, 100), st.booleans()),
        st.tuples(st.just("record"), st.just(0), st.just(None)),
    ),
    min_size=1,
    max_size=15,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=events)
def test_completion_is_forward_only_and_judging_never_writes(cycle, educator, supervisor, events):
    with transaction.atomic():
        sessions = [make_session(cycle, starts_in=-timedelta(days=40 - 7 * i)) for i in range(4)]
        seat(cycle, educator)
        booking = Booking.objects.get(group=cycle, person=educator)
        completed_once = None
        for kind, value, extra in events:
            if kind == "mark":
                services.record_attendance(sessions[value], educator, extra, by=supervisor)
            elif kind == "rule":
                services.update_completion_rule(
                    cycle, by=supervisor, min_attendance_percent=value, excused_leave_count=extra
                )
            else:
                record_completions(cycle)
            rows = SupervisionCompletion.objects.count()
            result = judge(booking)
            assert SupervisionCompletion.objects.count() == rows  # a judgement never records anything
            if completed_once is not None:
                assert result.completed and result.completion.pk == completed_once.pk
                assert result.completion.rule_version == completed_once.rule_version
            elif result.completed:
                completed_once = result.completion
                rule = rule_for(cycle)
                assert completed_once.rule_version == rule.version
                assert completed_once.attendance_percent >= rule.min_attendance_percent
        transaction.set_rollback(True)
