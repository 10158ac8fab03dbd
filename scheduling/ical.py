"""Sessions in, iCalendar bytes out. No database access: callers pass loaded sessions.

Every event carries a UID derived only from the session id and the site's domain, so a calendar
client replaces its copy when the session moves (higher SEQUENCE) and marks it cancelled when
STATUS:CANCELLED arrives. Times are written with TZID=Europe/Riga and the matching VTIMEZONE.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vDuration, vText

from lms.bounds import EARLIEST_DATE, LATEST_DATE

RIGA = ZoneInfo("Europe/Riga")
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


def _event(data: EventData, attendee: tuple[str, str] | None, organizer: tuple[str, str] | None) -> Event:
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
    return event


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
    first = last = None
    for data in events:
        calendar.add_component(_event(data, attendee, organizer))
        first = data.starts_at if first is None or data.starts_at < first else first
        last = data.ends_at if last is None or data.ends_at > last else last
    if first is not None:
        # Every event uses Europe/Riga, so its VTIMEZONE is added directly instead of searching the events.
        calendar.add_component(
            Timezone.from_tzinfo(
                RIGA,
                "Europe/Riga",
                # Clamped to the dates the site accepts: an event stored near year 9999 before that
                # bound existed must not overflow the date arithmetic (or list 8,000 years of DST).
                first_date=max(first.date(), EARLIEST_DATE) - timedelta(days=366),
                last_date=min(last.date(), LATEST_DATE) + timedelta(days=366),
            )
        )
    return calendar.to_ical()
