"""Demo attendance: registers for the demo educator's group A so far, a notice of absence and the
group's completion rule, built on scheduling's demo groups. Rows are written with the ORM (the
sessions are in the past). Running it again changes nothing."""

from django.utils import timezone

from accounts.models import User
from attendance.models import AbsenceNotice, AttendanceChange, AttendanceRecord, CompletionRule
from scheduling.models import Booking, SupervisionGroup, current_school_year

# The demo educator's cycle in group A: statuses by the order of past sessions (cycled).
EDUCATOR_STATUSES = ["present", "late", "present", "excused", "present"]
OTHERS_STATUSES = ["present", "present", "absent", "present", "late", "excused"]


def seed(password: str, stdout) -> None:
    """Registers for group A's sessions held so far, one notice of absence from the demo educator
    for the next session, and the group's completion rule. Existing rows are left as they are."""
    group = SupervisionGroup.objects.filter(
        title="Valmieras pedagogu supervīzijas grupa A", school_year=current_school_year()
    ).first()
    if group is None:
        return
    CompletionRule.objects.get_or_create(
        group=group, defaults={"min_attendance_percent": 80, "excused_leave_count": True, "min_clock_hours": 12}
    )
    supervisor = group.supervisors.first()
    now = timezone.now()
    people = list(
        User.objects.filter(bookings__group=group, bookings__status=Booking.Status.CONFIRMED).order_by("email")
    )
    educator = User.objects.get(email="educator@demo.kopiena.lv")
    joined = dict(Booking.objects.confirmed().filter(group=group).values_list("person_id", "confirmed_at"))
    held = group.sessions.scheduled().filter(ends_at__lte=now).order_by("starts_at")
    created = 0
    for index, session in enumerate(held):
        for offset, person in enumerate(people):
            if person == educator:
                status = EDUCATOR_STATUSES[index % len(EDUCATOR_STATUSES)]
            elif joined.get(person.pk) and joined[person.pk] > session.starts_at and index == 0:
                status = "n_a"  # joined after the cycle's first meeting
            else:
                status = OTHERS_STATUSES[(index + offset) % len(OTHERS_STATUSES)]
            record, new = AttendanceRecord.objects.get_or_create(
                session=session,
                person=person,
                defaults={"status": status, "marked_by": supervisor, "marked_at": session.starts_at},
            )
            if new:
                AttendanceChange.objects.create(
                    record=record,
                    changed_by=supervisor,
                    changed_at=session.starts_at,
                    to_status=status,
                    source=AttendanceRecord.Source.REGISTER,
                )
                created += 1
    upcoming = group.sessions.scheduled().filter(starts_at__gt=now).order_by("starts_at").first()
    if upcoming is not None:
        notice, new = AbsenceNotice.objects.get_or_create(
            session=upcoming,
            person=educator,
            defaults={"reason": AbsenceNotice.Reason.WORK, "note": "Tajā dienā vadu skolas atvērto durvju dienu."},
        )
        if new:
            record = AttendanceRecord.objects.create(
                session=upcoming, person=educator, status="excused", marked_by=educator, source="notice"
            )
            AttendanceChange.objects.create(
                record=record, changed_by=educator, to_status="excused", source=AttendanceRecord.Source.NOTICE
            )
    if created:
        stdout.write(f"Recorded attendance for {created} places in {group.title}")
