"""Sessions in, iCalendar bytes out. No database access: callers pass loaded sessions.

Every event carries a UID derived only from the session id and the site's domain, so a calendar
client replaces its copy when the session moves (higher SEQUENCE) and marks it cancelled when
STATUS:CANCELLED arrives. Times are written with TZID=Europe/Riga and the matching VTIMEZONE.

The calendar's own properties and the VTIMEZONE are written by icalendar; the events, a feed's bulk,
are written line by line in the same form icalendar gives them (tests/scheduling/test_ical_writer.py
compares the bytes), because building an icalendar Event per session costs more than the query.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone, vCalAddress, vDuration, vText
from icalendar.parser import Contentline

from lms.bounds import EARLIEST_DATE, LATEST_DATE

RIGA = ZoneInfo("Europe/Riga")
UTC_ZONE = ZoneInfo("UTC")
PRODID = "-//Kopiena//Supervision scheduling//LV"
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class EventData:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str
    description: str
    url: str
    sequence: int
    cancelled: bool
    stamp: datetime


def domain_of(site_url: str) -> str:
    return urlsplit(site_url).hostname or "kopiena.lv"


def session_uid(session_id: int, site_url: str) -> str:
    return f"session-{session_id}@{domain_of(site_url)}"


def one_line(text: str, limit: int = 250) -> str:
    """Titles may arrive with line breaks or be very long; a SUMMARY is one readable line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def session_event(session, *, site_url: str, page_path: str, sequence_bump: int = 0, cancelled=None) -> EventData:
    """Describe one Session (with `group` and `room` loaded) for a calendar, in the active language."""
    group = session.group
    place = session.place
    location = place or session.meeting_link
    lines = []
    if session.meeting_link:
        lines.append(_("Join online: %(link)s") % {"link": session.meeting_link})
    if place:
        lines.append(_("Place: %(place)s") % {"place": place})
    lines.append(_("Session page: %(url)s") % {"url": site_url + page_path})
    if session.change_reason and (session.sequence or session.is_cancelled):
        lines.append(_("Note from the supervisor: %(reason)s") % {"reason": session.change_reason})
    is_cancelled = session.is_cancelled if cancelled is None else cancelled
    summary = one_line(group.title)
    if is_cancelled:
        summary = _("Cancelled: %(title)s") % {"title": summary}
    return EventData(
        uid=session_uid(session.pk, site_url),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=summary,
        location=location,
        description="\n".join(lines),
        url=session.meeting_link or site_url + page_path,
        sequence=session.sequence + sequence_bump,
        cancelled=is_cancelled,
        stamp=session.updated_at,
    )


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping, in icalendar's order (a literal \\N is a line break, CR LF one break)."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str, limit: int = 75) -> str:
    """Fold a content line below 75 octets without splitting a character or an escape, as icalendar does."""
    if len(line) * 4 < limit or len(line.encode()) < limit:
        return line
    pieces: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = len(char.encode())
        if current and count + size >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current, count = [carried], len(carried.encode())
            else:
                pieces.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _moment(moment: datetime, zone: ZoneInfo) -> str:
    """A DATE-TIME in `zone`, to the second: with TZID for Riga, with a Z for UTC (the caller adds those)."""
    moment = moment.astimezone(zone)
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def _property(name: str, value: str) -> str:
    """One folded content line. icalendar reads back each value it writes as UTF-8 with a byte-order
    mark, which drops one leading U+FEFF; so does this, so a pasted mark never starts a value here either."""
    return _fold(f"{name}:{value.removeprefix(chr(0xFEFF))}")


def _address(name: str, email: str, common_name: str, **params: str) -> str:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(common_name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return Contentline.from_parts(name, address.params, address).to_ical().decode()


def _event(data: EventData, attendee: tuple[str, str] | None, organizer: tuple[str, str] | None) -> str:
    """One VEVENT, its properties in icalendar's order (the canonical ones, then alphabetical)."""
    lines = [
        "BEGIN:VEVENT",
        _property("SUMMARY", _text(data.summary)),
        "DTSTART;TZID=Europe/Riga:" + _moment(data.starts_at, RIGA),
        "DTEND;TZID=Europe/Riga:" + _moment(data.ends_at, RIGA),
        "DTSTAMP:" + _moment(data.stamp, UTC_ZONE) + "Z",
        _property("UID", _text(data.uid)),
        f"SEQUENCE:{data.sequence}",
    ]
    if attendee:
        partstat = "DECLINED" if data.cancelled else "ACCEPTED"
        lines.append(_address("ATTENDEE", *attendee, partstat=partstat, role="REQ-PARTICIPANT"))
    lines.append(_property("DESCRIPTION", _text(data.description)))
    if data.location:
        lines.append(_property("LOCATION", _text(data.location)))
    if organizer:
        lines.append(_address("ORGANIZER", *organizer))
    lines.append("STATUS:CANCELLED" if data.cancelled else "STATUS:CONFIRMED")
    if data.cancelled:
        lines.append("TRANSP:TRANSPARENT")
    lines.append(_property("URL", data.url))
    lines.append("END:VEVENT")
    return "\r\n".join(lines) + "\r\n"


def riga_timezone(first_date: date, last_date: date) -> Timezone:
    """Europe/Riga's VTIMEZONE from a year before `first_date` to a year after `last_date`, clamped to the
    dates the site accepts (an event stored near year 9999 before that bound existed must not overflow the
    date arithmetic or list 8,000 years of DST).

    Each change of offset is an RDATE line of its own: icalendar lists them on one line, comma-separated,
    which RFC 5545 allows but parsers that read the VTIMEZONE (vobject among them) take only the first of,
    so events more than a year after a feed's first one read an hour off.
    """
    timezone = Timezone.from_tzinfo(
        RIGA,
        "Europe/Riga",
        first_date=max(first_date, EARLIEST_DATE) - timedelta(days=366),
        last_date=min(last_date, LATEST_DATE) + timedelta(days=366),
    )
    for part in timezone.subcomponents:
        listed = part.pop("RDATE", None)
        for dates in listed if isinstance(listed, list) else [listed] if listed else []:
            for moment in dates.dts:
                part.add("rdate", moment.dt)
    return timezone


@lru_cache(maxsize=64)
def _timezone(first_date: date, last_date: date) -> bytes:
    """`riga_timezone` as bytes, once per process per range of dates."""
    return riga_timezone(first_date, last_date).to_ical()


def build_calendar(
    events: Iterable[EventData],
    *,
    name: str,
    method: str | None = None,
    attendee: tuple[str, str] | None = None,
    organizer: tuple[str, str] | None = None,
) -> bytes:
    """A complete VCALENDAR. `method` is "REQUEST" or "CANCEL" for email invitations, None for feeds."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("name", one_line(name))
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", "Europe/Riga")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    parts = [head[: -len(end)]]
    first = last = None
    for data in events:
        parts.append(_event(data, attendee, organizer).encode())
        first = data.starts_at if first is None or data.starts_at < first else first
        last = data.ends_at if last is None or data.ends_at > last else last
    if first is not None:
        # Every event uses Europe/Riga, so its VTIMEZONE is added directly instead of searching the events.
        parts.append(_timezone(first.date(), last.date()))
    parts.append(end)
    return b"".join(parts)
