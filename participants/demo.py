"""Demo ESF+ records for the demo people, built on the attendance and lessons of the earlier demos.

Records are opened and exits derived by the same services the daily task runs. The demo educator and
two participants answered the entry questions themselves, the mentor too (with the optional questions,
given with consent), one participant was completed only in part by the coordinator, one has no entry
data yet, and Rūta left last school year's group six weeks ago without his result recorded: past the four
weeks, so he is listed as missing exit data. Public events are counted apart. Running it again
changes nothing.
"""

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.services import set_roles
from attendance.models import AttendanceRecord
from participants import services
from participants.models import ParticipantRecord, PublicEvent, SensitiveIndicators
from scheduling.models import Booking, Session, SupervisionGroup

SELF_ANSWERED = {
    "educator@demo.kopiena.lv": {
        "gender": "man",
        "birth_year": 1979,
        "labour_status": "employed",
        "education": "isced_5_8",
    },
    "ilze.demo@demo.kopiena.lv": {
        "gender": "woman",
        "birth_year": 1990,
        "labour_status": "employed",
        "education": "isced_5_8",
    },
    "santa.demo@demo.kopiena.lv": {
        "gender": "woman",
        "birth_year": 1968,
        "labour_status": "employed",
        "education": "isced_5_8",
    },
    "mentor@demo.kopiena.lv": {
        "gender": "woman",
        "birth_year": 1999,
        "labour_status": "employed",
        "education": "isced_3_4",
    },
}
PARTLY_BY_COORDINATOR = ("aivars.demo@demo.kopiena.lv", {"gender": "man"})
MENTOR_OPTIONAL = {
    "disability": "no",
    "third_country_national": "no",
    "foreign_background": "prefer_not",
    "minority": "no",
    "homeless": "no",
    "rural": "yes",
}
LEFT_WITHOUT_RESULT = ("ruta.ezera@demo.kopiena.lv", "Rūta", "Ezera", "Rūjienas vidusskola")
SPRING_GROUP = "Rūjienas pedagogu supervīzijas grupa (2025/2026)"
EVENTS = [
    ("Atvērtais seminārs “Skola un kopiena kopā”", "seminar", 75, "Valmieras novads", 41),
    ("Informācijas diena mentoriem", "information_day", 40, "Jelgavas valstspilsēta", 27),
    ("Informācijas diena vecākiem", "information_day", 12, "Rēzeknes novads", 63),
]


def seed(password: str, stdout) -> None:
    _spring_group(password, stdout)
    opened = services.materialise_records()
    services.apply_derived_exits()
    if opened:
        stdout.write(f"Opened {opened} ESF+ participant records")
    for email, answers in SELF_ANSWERED.items():
        person = User.objects.filter(email=email).first()
        record = _record(person)
        if record is not None and record.current_entry_id is None:
            services.submit_entry(person, record.activity, answers, by=person)
    email, answers = PARTLY_BY_COORDINATOR
    person = User.objects.filter(email=email).first()
    record = _record(person)
    coordinator = User.objects.filter(email="coordinator@demo.kopiena.lv").first()
    if record is not None and record.current_entry_id is None and coordinator is not None:
        services.submit_entry(person, record.activity, answers, by=coordinator)
    mentor = User.objects.filter(email="mentor@demo.kopiena.lv").first()
    mentor_record = _record(mentor)
    if (
        mentor_record
        and mentor_record.is_confirmed
        and not SensitiveIndicators.objects.filter(record=mentor_record).exists()
    ):
        services.save_sensitive(mentor_record, MENTOR_OPTIONAL, consent=True, by=mentor)
    _events(stdout)


def _record(person) -> ParticipantRecord | None:
    if person is None:
        return None
    return ParticipantRecord.objects.filter(person=person).order_by("activity").first()


def _spring_group(password: str, stdout) -> None:
    """A group that ended six weeks ago: Rūta attended, no completion was recorded."""
    municipality = Organisation.objects.filter(name="Valmieras novads").first()
    supervisor = User.objects.filter(email="supervisor@demo.kopiena.lv").first()
    if municipality is None or SupervisionGroup.objects.filter(title=SPRING_GROUP).exists():
        return
    email, first, last, school = LEFT_WITHOUT_RESULT
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(
            email=email,
            password=password,
            first_name=first,
            last_name=last,
            organisation=Organisation.objects.filter(name=school).first(),
        )
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        set_roles(person, ["educator"])
    group = SupervisionGroup.objects.create(
        title=SPRING_GROUP, municipality=municipality, capacity=10, booking_open=False, school_year="2025/2026"
    )
    if supervisor:
        group.supervisors.add(supervisor)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    joined = now - timedelta(days=200)
    Booking.objects.create(
        group=group,
        person=person,
        school=person.organisation,
        status="confirmed",
        created_at=joined,
        confirmed_at=joined,
    )
    for days_ago, status in ((190, "present"), (160, "absent"), (45, "present")):
        starts_at = now - timedelta(days=days_ago)
        session = Session.objects.create(group=group, starts_at=starts_at, ends_at=starts_at + timedelta(hours=3))
        AttendanceRecord.objects.create(session=session, person=person, status=status, marked_at=starts_at)
    stdout.write(f"Created supervision group {SPRING_GROUP}")


def _events(stdout) -> None:
    today = timezone.localdate()
    creator = User.objects.filter(email="coordinator@demo.kopiena.lv").first()
    for title, kind, days_ago, municipality_name, attendees in EVENTS:
        municipality = Organisation.objects.filter(name=municipality_name).first()
        if municipality is None or PublicEvent.objects.filter(title=title).exists():
            continue
        held_on = max(today - timedelta(days=days_ago), date(today.year, 1, 1))
        PublicEvent.objects.create(
            title=title, kind=kind, held_on=held_on, municipality=municipality, attendees=attendees, created_by=creator
        )
        stdout.write(f"Counted public event {title}")
