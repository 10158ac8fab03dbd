"""Demo supervision groups across the current school year, built on accounts' demo organisations.

Rows are written with the ORM, not through the services: the demo needs sessions in the past
(services refuse those) and must not send emails. Running it again changes nothing.
"""

from datetime import date, time, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.services import set_roles
from scheduling.models import (
    Booking,
    CalendarFeed,
    ParticipantProfile,
    Room,
    Session,
    SupervisionGroup,
    current_school_year,
)
from scheduling.recurrence import Frequency, Series, expand

# email, first name, last name, roles, organisation
SUPERVISORS = [
    ("supervisor2@demo.kopiena.lv", "Dace", "Ozola", ["supervisor"], "Jelgavas valstspilsēta"),
    ("supervisor3@demo.kopiena.lv", "Raimonds", "Vītols", ["supervisor"], "Rēzeknes novads"),
]
PARTICIPANTS = [
    ("ilze.demo@demo.kopiena.lv", "Ilze", "Kalna", "Valmieras Viestura vidusskola"),
    ("aivars.demo@demo.kopiena.lv", "Aivars", "Priede", "Valmieras Viestura vidusskola"),
    ("santa.demo@demo.kopiena.lv", "Santa", "Lapiņa", "Valmieras pamatskola"),
    ("edgars.demo@demo.kopiena.lv", "Edgars", "Krūmiņš", "Rūjienas vidusskola"),
    ("laura.demo@demo.kopiena.lv", "Laura", "Siliņa", "Rūjienas vidusskola"),
    ("kristaps.demo@demo.kopiena.lv", "Kristaps", "Eglītis", "Valmieras pamatskola"),
    ("zane.demo@demo.kopiena.lv", "Zane", "Jansone", "Valmieras Viestura vidusskola"),
]
LEADER = ("inga.direktore@demo.kopiena.lv", "Inga", "Bērziņa", "Rūjienas vidusskola")

ROOMS = [
    ("Valmieras novada pašvaldības zāle 204", "Lāčplēša iela 2, Valmiera", "Valmieras novads", 14),
    ("Jelgavas Izglītības pārvaldes semināru telpa", "Svētes iela 22, Jelgava", "Jelgavas valstspilsēta", 12),
    ("Rēzeknes novada Izglītības centrs", "Atbrīvošanas aleja 95A, Rēzekne", "Rēzeknes novads", 16),
]

MEET = "https://meet.kopiena.lv/"


def _school_year_start(today: date) -> date:
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def _holidays(start: date) -> frozenset[date]:
    """Approximate school holidays: late October, Christmas to New Year, mid-March."""
    ranges = [
        (date(start.year, 10, 26), date(start.year, 11, 1)),
        (date(start.year, 12, 22), date(start.year + 1, 1, 4)),
        (date(start.year + 1, 3, 16), date(start.year + 1, 3, 22)),
    ]
    days = set()
    for first, last in ranges:
        day = first
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


def _first_weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _person(email, first, last, roles, org_name, password, stdout) -> User:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first,
        last_name=last,
        organisation=Organisation.objects.get(name=org_name),
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    set_roles(user, roles)
    stdout.write(f"Created {email}")
    return user


def seed(password: str, stdout) -> None:
    _seed_groups(password, stdout)
    # The demo people have made their private calendar links, so the feeds can be tried at once.
    for user in User.objects.filter(email__endswith="@demo.kopiena.lv", calendar_feed__isnull=True):
        CalendarFeed.objects.create(user=user)


def _seed_groups(password: str, stdout) -> None:
    supervisor1 = User.objects.get(email="supervisor@demo.kopiena.lv")
    supervisor2, supervisor3 = (_person(*row, password, stdout) for row in SUPERVISORS)
    participants = [_person(e, f, la, ["educator"], org, password, stdout) for e, f, la, org in PARTICIPANTS]
    leader = _person(*LEADER[:3], ["educator"], LEADER[3], password, stdout)
    ParticipantProfile.objects.get_or_create(user=leader, defaults={"is_school_leader": True})
    educator = User.objects.get(email="educator@demo.kopiena.lv")

    rooms = {}
    for name, address, municipality, capacity in ROOMS:
        rooms[municipality], _ = Room.objects.get_or_create(
            name=name,
            address=address,
            defaults={"municipality": Organisation.objects.get(name=municipality), "capacity": capacity},
        )

    today = timezone.localdate()
    start = _school_year_start(today)
    end = date(start.year + 1, 5, 29)
    holidays = _holidays(start)
    school_year = current_school_year(today)

    # title, kind, mode, municipality, supervisor, weekday, start, hours, frequency, capacity
    plans = [
        (
            "Valmieras pedagogu supervīzijas grupa A",
            "staff",
            "in_person",
            "Valmieras novads",
            supervisor1,
            1,
            15,
            3,
            "3w",
            10,
        ),
        (
            "Valmieras pedagogu supervīzijas grupa B",
            "staff",
            "in_person",
            "Valmieras novads",
            supervisor2,
            2,
            15,
            3,
            "3w",
            6,
        ),
        (
            "Valmieras novada skolu vadītāju grupa",
            "leaders",
            "hybrid",
            "Valmieras novads",
            supervisor3,
            0,
            14,
            3,
            "m1",
            8,
        ),
        (
            "Atbalsta personāla grupa (tiešsaistē)",
            "staff",
            "online",
            "Valmieras novads",
            supervisor1,
            3,
            16,
            2,
            "3w",
            10,
        ),
        (
            "Jelgavas pedagogu supervīzijas grupa",
            "staff",
            "in_person",
            "Jelgavas valstspilsēta",
            supervisor2,
            1,
            14,
            3,
            "3w",
            10,
        ),
        (
            "Jelgavas skolu vadītāju grupa (tiešsaistē)",
            "leaders",
            "online",
            "Jelgavas valstspilsēta",
            supervisor3,
            3,
            10,
            3,
            "m2",
            8,
        ),
        ("Rēzeknes novada pedagogu grupa", "staff", "in_person", "Rēzeknes novads", supervisor1, 4, 12, 3, "3w", 10),
        (
            "Vienreizēja supervīzija: pārmaiņu vadība skolā",
            "staff",
            "online",
            "Valmieras novads",
            supervisor2,
            0,
            16,
            3,
            "once",
            10,
        ),
    ]
    groups = {}
    for title, kind, mode, municipality_name, supervisor, weekday, hour, hours, rhythm, capacity in plans:
        if SupervisionGroup.objects.filter(title=title, school_year=school_year).exists():
            continue
        municipality = Organisation.objects.get(name=municipality_name)
        online = mode in ("online", "hybrid")
        room = rooms[municipality_name] if mode in ("in_person", "hybrid") else None
        group = SupervisionGroup.objects.create(
            title=title,
            kind=kind,
            mode=mode,
            municipality=municipality,
            room=room,
            meeting_link=MEET + f"{municipality.pk}-{len(groups) + 1}" if online else "",
            capacity=capacity,
            school_year=school_year,
            single_session=rhythm == "once",
        )
        group.supervisors.add(supervisor)
        first = _first_weekday_on_or_after(start + timedelta(days=14), weekday)
        if rhythm == "3w":
            series = Series(first, time(hour), timedelta(hours=hours), interval=3, until=end, skip=holidays)
        elif rhythm.startswith("m"):
            nth = int(rhythm[1])
            series = Series(
                _nth_weekday(first, weekday, nth),
                time(hour),
                timedelta(hours=hours),
                frequency=Frequency.MONTHLY,
                nth=nth,
                until=end,
                skip=holidays,
            )
        else:
            once = _first_weekday_on_or_after(today + timedelta(days=21), weekday)
            series = Series(once, time(hour), timedelta(hours=hours), count=1)
        Session.objects.bulk_create(
            Session(group=group, starts_at=s, ends_at=e, room=room, meeting_link=group.meeting_link)
            for s, e in expand(series)
        )
        groups[title] = group
        stdout.write(f"Created supervision group {title}")

    if not groups:
        return
    now = timezone.now()
    group_a = groups.get(plans[0][0])
    group_b = groups.get(plans[1][0])
    leaders = groups.get(plans[2][0])
    online = groups.get(plans[3][0])

    def book(group, person, status, minutes_ago):
        created = now - timedelta(minutes=minutes_ago)
        Booking.objects.create(
            group=group,
            person=person,
            school=person.organisation,
            status=status,
            created_at=created,
            confirmed_at=created if status == Booking.Status.CONFIRMED else None,
        )

    if group_a:
        book(group_a, educator, Booking.Status.CONFIRMED, 60 * 24 * 20)
        for i, person in enumerate(participants[:3]):
            book(group_a, person, Booking.Status.CONFIRMED, 60 * 24 * 19 - i)
        # Group A's managers choose whom to offer a freed seat, so two people wait although seats are
        # free: the supervisor can offer one to either of them.
        SupervisionGroup.objects.filter(pk=group_a.pk).update(offers_in_queue_order=False)
        book(group_a, participants[5], Booking.Status.WAITING, 60 * 24 * 4)
        book(group_a, participants[6], Booking.Status.WAITING, 60 * 24 * 2)
        upcoming = group_a.sessions.filter(starts_at__gt=now).order_by("starts_at").first()
        if upcoming:
            upcoming.status = Session.Status.CANCELLED
            upcoming.sequence = 1
            upcoming.change_reason = "Supervizore slimo; nākamā tikšanās notiks pēc grafika."
            upcoming.save()
    if group_b:
        for i, person in enumerate(participants[1:7]):
            book(group_b, person, Booking.Status.CONFIRMED, 60 * 24 * 15 - i)
        book(group_b, participants[0], Booking.Status.WAITING, 60 * 24 * 3)
        book(group_b, educator, Booking.Status.WAITING, 60 * 24 * 2)
    if leaders:
        book(leaders, leader, Booking.Status.CONFIRMED, 60 * 24 * 10)
    if online:
        book(online, educator, Booking.Status.CONFIRMED, 60 * 24 * 9)
        upcoming = online.sessions.filter(starts_at__gt=now).order_by("starts_at").first()
        if upcoming:
            upcoming.starts_at += timedelta(days=1)
            upcoming.ends_at += timedelta(days=1)
            upcoming.sequence = 1
            upcoming.change_reason = "Pārcelts uz piektdienu skolas pasākuma dēļ."
            upcoming.save()
        # An extra session earlier today whose register the supervisor has still to fill in.
        _extra_session(online, now - timedelta(hours=3), hours=2)
    if group_a:
        # A session on now: the educator can check in, the supervisor shows the code.
        _extra_session(group_a, now - timedelta(minutes=30), hours=2)
    if online:
        # A seat offered to the mentor, waiting for an answer.
        Booking.objects.create(
            group=online,
            person=User.objects.get(email="mentor@demo.kopiena.lv"),
            school=User.objects.get(email="mentor@demo.kopiena.lv").organisation,
            status=Booking.Status.OFFERED,
            created_at=now - timedelta(days=1),
            offer_expires_at=now + timedelta(hours=40),
        )


def _extra_session(group: SupervisionGroup, starts_at, *, hours: int) -> None:
    """A session outside the group's rhythm, unless it would clash with its supervisors' other sessions."""
    starts_at = starts_at.replace(second=0, microsecond=0)
    ends_at = starts_at + timedelta(hours=hours)
    clash = Session.objects.overlapping(starts_at, ends_at).filter(group__supervisors__in=group.supervisors.all())
    if not clash.exists():
        Session.objects.create(
            group=group,
            starts_at=starts_at,
            ends_at=ends_at,
            room=group.room,
            meeting_link=group.meeting_link,
            change_reason="Papildu sesija.",
        )


def _nth_weekday(after: date, weekday: int, nth: int) -> date:
    """The first month, from `after`'s month on, whose n-th `weekday` is on or after `after`."""
    year, month = after.year, after.month
    while True:
        first = date(year, month, 1)
        day = _first_weekday_on_or_after(first, weekday) + timedelta(weeks=nth - 1)
        if day.month == month and day >= after:
            return day
        month += 1
        if month > 12:
            year, month = year + 1, 1
