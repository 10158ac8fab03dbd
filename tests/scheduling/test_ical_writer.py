"""The feed writer gives the bytes icalendar would give for the same events (property-based: Hypothesis
writes the titles, places, notes, times and people), so a calendar client cannot tell the difference."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, vCalAddress, vDuration, vText

from scheduling import ical

RIGA = ZoneInfo("Europe/Riga")

# Any text a person could type or paste: Latvian letters, quotes, the characters TEXT escapes, line
# breaks of every kind, a literal "\N", long runs that need folding next to an escape.
texts = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(list("āčēģīķļņšūž;,\\^\"':\r\n") + ["\\N", "\r\n", "🙂"]),
    ),
    max_size=300,
).map("".join)
line_free = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=200)
moments = st.datetimes(
    min_value=datetime(2000, 1, 2), max_value=datetime(2100, 12, 30), timezones=st.sampled_from([UTC, RIGA])
)
people = st.none() | st.tuples(st.emails(), line_free)


@st.composite
def events(draw):
    starts_at = draw(moments)
    return ical.EventData(
        uid=draw(line_free),
        starts_at=starts_at,
        ends_at=starts_at + draw(st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=2))),
        summary=draw(texts),
        location=draw(texts),
        description=draw(texts),
        url=draw(line_free),
        sequence=draw(st.integers(0, 10**6)),
        cancelled=draw(st.booleans()),
        stamp=draw(moments).astimezone(UTC),
    )


def icalendar_calendar(events, *, name, method, attendee, organizer) -> bytes:
    """The same calendar built the plain way, with an icalendar Event per session."""
    calendar = Calendar()
    calendar.add("prodid", ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("name", ical.one_line(name))
    calendar.add("x-wr-calname", ical.one_line(name))
    calendar.add("x-wr-timezone", "Europe/Riga")
    calendar.add("refresh-interval", ical.REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(ical.REFRESH))
    for data in events:
        event = Event()
        event.add("uid", data.uid)
        event.add("dtstamp", data.stamp)
        event.add("dtstart", data.starts_at.astimezone(RIGA))
        event.add("dtend", data.ends_at.astimezone(RIGA))
        event.add("sequence", data.sequence)
        event.add("summary", data.summary)
        if data.location:
            event.add("location", data.location)
        event.add("description", data.description)
        event.add("url", data.url)
        event.add("status", "CANCELLED" if data.cancelled else "CONFIRMED")
        if data.cancelled:
            event.add("transp", "TRANSPARENT")
        if organizer:
            address = vCalAddress(f"mailto:{organizer[0]}")
            address.params["cn"] = vText(organizer[1])
            event.add("organizer", address)
        if attendee:
            address = vCalAddress(f"mailto:{attendee[0]}")
            address.params["cn"] = vText(attendee[1])
            address.params["role"] = vText("REQ-PARTICIPANT")
            address.params["partstat"] = vText("DECLINED" if data.cancelled else "ACCEPTED")
            event.add("attendee", address)
        calendar.add_component(event)
    if events:
        first = min(e.starts_at for e in events).date()
        last = max(e.ends_at for e in events).date()
        calendar.add_component(ical.riga_timezone(first, last))
    return calendar.to_ical()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(events(), max_size=4),
    line_free,
    st.sampled_from([None, "REQUEST", "CANCEL"]),
    people,
    people,
)
def test_the_writer_gives_the_bytes_icalendar_gives(events, name, method, attendee, organizer):
    ours = ical.build_calendar(events, name=name, method=method, attendee=attendee, organizer=organizer)
    assert ours == icalendar_calendar(events, name=name, method=method, attendee=attendee, organizer=organizer)
    assert all(len(line) < 76 for line in ours.split(b"\r\n"))


@pytest.fixture
def vobject_reads_each_vtimezone(monkeypatch):
    """vobject keeps the first VTIMEZONE it meets per TZID for the rest of the process; each test here
    starts from an empty registry so that it reads the VTIMEZONE of its own feed."""
    monkeypatch.setattr(vobject.icalendar, "__tzidMap", {"UTC": vobject.icalendar.utc})


def session(number: int, starts_at: datetime, **fields) -> ical.EventData:
    """A three-hour session as the feeds write it; `fields` replace the plain defaults."""
    return ical.EventData(
        **{
            "uid": f"session-{number}@kopiena.lv",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=3),
            "summary": "Supervīzija",
            "location": "",
            "description": "",
            "url": f"https://kopiena.lv/supervision/sessions/{number}/",
            "sequence": 0,
            "cancelled": False,
            "stamp": datetime(2026, 3, 1, 12, tzinfo=UTC),
            **fields,
        }
    )


def test_a_feed_reads_back_in_an_independent_parser(vobject_reads_each_vtimezone):
    starts_at = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # the night the clocks go forward in Riga
    event = session(
        7,
        starts_at,
        summary="Supervīzija, 2. grupa; Valmiera \\ 🙂 " + "ž" * 80,
        location="Skolas iela 1, Valmiera",
        description="Vieta: Skolas iela 1\nSesijas lapa: https://kopiena.lv/supervision/sessions/7/",
        sequence=3,
    )
    parsed = vobject.readOne(ical.build_calendar([event], name="Kopiena").decode())
    vevent = parsed.vevent_list[0]
    assert vevent.summary.value == event.summary
    assert vevent.description.value == event.description
    assert vevent.location.value == event.location
    assert vevent.dtstart.value == starts_at
    assert vevent.dtstart.value.astimezone(RIGA).hour == 4
    assert vevent.sequence.value == "3"


def test_a_parser_that_reads_the_vtimezone_places_every_event_of_a_long_feed_at_its_hour(
    vobject_reads_each_vtimezone,
):
    """vobject works the times out from the feed's own VTIMEZONE (as some CalDAV servers and older
    clients do) rather than from the TZID's name: summer and winter events years after the first one
    must still read at 18:00 in Riga."""
    starts = [datetime(year, month, 15, 18, tzinfo=RIGA) for year in range(2026, 2031) for month in (1, 4, 7, 10, 12)]
    events = [session(number, starts_at) for number, starts_at in enumerate(starts)]
    parsed = vobject.readOne(ical.build_calendar(events, name="Kopiena").decode())
    read = sorted(vevent.dtstart.value.astimezone(UTC) for vevent in parsed.vevent_list)
    assert read == [s.astimezone(UTC) for s in starts]


@pytest.mark.parametrize("field", ["summary", "location", "description", "url"])
def test_a_value_that_starts_with_a_byte_order_mark_is_written_as_icalendar_writes_it(field):
    """Found by the property above: icalendar drops one leading U+FEFF from every value it writes."""
    fields = {"location": "Valmiera", "description": "Apraksts"}
    plain = session(1, datetime(2026, 3, 29, 0, 30, tzinfo=UTC), **fields)
    data = session(1, plain.starts_at, **{**fields, field: "\ufeff\ufeff" + getattr(plain, field)})
    ours = ical.build_calendar([data], name="Kalendārs", method=None, attendee=None, organizer=None)
    assert ours == icalendar_calendar([data], name="Kalendārs", method=None, attendee=None, organizer=None)
    assert ours.count("\ufeff".encode()) == 1  # only the first mark goes, as in icalendar
