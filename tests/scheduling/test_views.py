from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from scheduling import services
from scheduling.models import Booking, CalendarFeed, Session, SupervisionGroup
from tests.factories import add_sessions


@pytest.fixture
def booking(group, educator):
    return services.book_seat(group, educator)


def signed_in(client, user):
    client.force_login(user)
    return client


# --- anonymous visitors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "scheduling:find",
        "scheduling:my_sessions",
        "scheduling:calendar",
        "scheduling:supervising",
        "scheduling:coordination",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- educator -------------------------------------------------------------------------------------


def test_an_educator_finds_groups_of_their_municipality(client, educator, group, jelgava):
    SupervisionGroup.objects.create(title="Jelgavas grupa", municipality=jelgava)
    response = signed_in(client, educator).get(reverse("scheduling:find"))
    assert group.title in response.text
    assert "Jelgavas grupa" not in response.text


def test_the_group_list_filters_by_kind_mode_weekday_and_free_seats(client, educator, group, valmiera, supervisor):
    online = SupervisionGroup.objects.create(
        title="Tiešsaistes grupa", municipality=valmiera, mode="online", meeting_link="https://meet.example.lv/x"
    )
    add_sessions(online, count=1, hour=9, first_day=10)
    signed_in(client, educator)
    weekday = timezone.localtime(group.sessions.first().starts_at).isoweekday()
    assert "Tiešsaistes grupa" in client.get(reverse("scheduling:find"), {"mode": "online"}).text
    assert group.title not in client.get(reverse("scheduling:find"), {"mode": "online"}).text
    assert group.title in client.get(reverse("scheduling:find"), {"weekday": weekday}).text
    assert group.title not in client.get(reverse("scheduling:find"), {"kind": "leaders"}).text
    group.capacity = 1
    group.save()
    services.book_seat(group, educator)
    assert group.title not in client.get(reverse("scheduling:find"), {"free_seats": "on"}).text


def test_a_bad_group_filter_value_is_an_error_on_its_field_not_an_empty_or_broken_page(client, educator, group):
    signed_in(client, educator)
    response = client.get(reverse("scheduling:find"), {"weekday": "9", "municipality": "999999999999", "mode": "x"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"weekday", "municipality", "mode"}
    assert group.title in response.text


def test_an_educator_books_cancels_and_books_again(client, educator, group):
    signed_in(client, educator)
    response = client.post(reverse("scheduling:book", args=[group.pk]), follow=True)
    assert "Your seat is booked" in response.text or "Jūsu vieta ir rezervēta" in response.text
    booking = Booking.objects.get(person=educator, status="confirmed")
    client.post(reverse("scheduling:cancel_booking", args=[booking.pk]))
    assert Booking.objects.get(pk=booking.pk).status == "cancelled"
    client.post(reverse("scheduling:book", args=[group.pk]))
    assert Booking.objects.filter(person=educator, status="confirmed").count() == 1


def test_a_double_clicked_booking_makes_one_booking(client, educator, group):
    signed_in(client, educator)
    first = client.post(reverse("scheduling:book", args=[group.pk]))
    second = client.post(reverse("scheduling:book", args=[group.pk]))
    assert first.status_code == second.status_code == 302
    assert Booking.objects.filter(person=educator).count() == 1


def test_booking_needs_post(client, educator, group):
    assert signed_in(client, educator).get(reverse("scheduling:book", args=[group.pk])).status_code == 405


def test_someone_elses_booking_id_is_404(client, booking, mentor):
    signed_in(client, mentor)
    assert client.post(reverse("scheduling:cancel_booking", args=[booking.pk])).status_code == 404
    assert client.post(reverse("scheduling:accept_offer", args=[booking.pk])).status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"


def test_my_sessions_lists_the_persons_groups_and_sessions(client, booking, educator, group):
    response = signed_in(client, educator).get(reverse("scheduling:my_sessions"))
    assert group.title in response.text
    assert reverse("scheduling:session", args=[group.sessions.first().pk]) in response.text


def test_a_participant_sees_the_session_page_and_others_get_404(client, booking, educator, outsider, group):
    session = group.sessions.first()
    assert signed_in(client, educator).get(reverse("scheduling:session", args=[session.pk])).status_code == 200
    assert signed_in(client, outsider).get(reverse("scheduling:session", args=[session.pk])).status_code == 404
    assert signed_in(client, outsider).get(reverse("scheduling:session_ics", args=[session.pk])).status_code == 404


def test_an_educator_cannot_open_supervisor_or_coordinator_screens(client, educator, group):
    signed_in(client, educator)
    session = group.sessions.first()
    for url in (
        reverse("scheduling:supervising"),
        reverse("scheduling:coordination"),
        reverse("scheduling:create_series", args=[group.pk]),
        reverse("scheduling:move_session", args=[session.pk]),
        reverse("scheduling:cancel_session", args=[session.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_an_outsider_cannot_see_a_group_of_another_municipality(client, outsider, group):
    assert signed_in(client, outsider).get(reverse("scheduling:group", args=[group.pk])).status_code == 404


def test_the_group_page_does_not_list_participants_to_educators(client, booking, mentor, group, valmiera_school):
    response = signed_in(client, mentor).get(reverse("scheduling:group", args=[group.pk]))
    assert response.status_code == 200
    assert "janis.skolotajs" not in response.text and "Skolotajs" not in response.text


# --- calendar -------------------------------------------------------------------------------------


def test_my_calendar_shows_month_agenda_and_feed_links(client, booking, educator, group):
    session = group.sessions.order_by("starts_at").first()
    month = timezone.localtime(session.starts_at).strftime("%Y-%m")
    signed_in(client, educator).post(reverse("scheduling:feed_create"))
    response = client.get(reverse("scheduling:calendar"), {"month": month})
    feed = CalendarFeed.objects.get(user=educator)
    assert f"/calendar/feed/{feed.token}.ics" in response.text
    assert "webcal://testserver/calendar/feed/" in response.text
    assert "Google" in response.text
    assert '<th scope="col">' in response.text
    assert reverse("scheduling:session", args=[session.pk]) in response.text


def test_a_bad_month_falls_back_to_the_current_one(client, educator):
    assert signed_in(client, educator).get(reverse("scheduling:calendar"), {"month": "13-2026"}).status_code == 200


@pytest.mark.parametrize("month", ["9999-12", "0001-01"])
def test_a_month_at_the_end_of_the_calendar_falls_back_to_the_current_one(client, educator, month):
    from django.utils import timezone
    from django.utils.formats import date_format

    response = signed_in(client, educator).get(reverse("scheduling:calendar"), {"month": month})
    assert response.status_code == 200
    assert date_format(timezone.localdate(), "YEAR_MONTH_FORMAT") in response.text


def test_regenerating_the_feed_link_stops_the_old_one(client, educator):
    signed_in(client, educator)
    client.post(reverse("scheduling:feed_create"))
    old = CalendarFeed.objects.get(user=educator).token
    client.post(reverse("scheduling:feed_regenerate"))
    new = CalendarFeed.objects.get(user=educator).token
    assert new != old
    assert client.get(reverse("scheduling:feed", args=[old])).status_code == 404


def test_the_hide_cancelled_setting_is_saved(client, educator):
    signed_in(client, educator).post(reverse("scheduling:feed_settings"), {"hide_cancelled": "on"})
    assert CalendarFeed.objects.get(user=educator).hide_cancelled


# --- supervisor -----------------------------------------------------------------------------------


def test_a_supervisor_sees_their_groups_and_participants(client, booking, supervisor, group):
    signed_in(client, supervisor)
    assert group.title in client.get(reverse("scheduling:supervising")).text
    response = client.get(reverse("scheduling:group", args=[group.pk]))
    assert str(booking.person) in response.text


def test_a_supervisor_creates_a_series_through_the_form(client, supervisor, group):
    year = timezone.localdate().year + 1
    before = group.sessions.count()
    response = signed_in(client, supervisor).post(
        reverse("scheduling:create_series", args=[group.pk]),
        {
            "first_date": f"{year}-05-07",
            "start_time": "17:00",
            "duration": "180",
            "frequency": "weekly",
            "interval": "3",
            "count": "4",
            "skip": "",
            "room": "",
        },
    )
    assert response.status_code == 302
    assert group.sessions.count() - before == 4


def test_the_series_form_explains_a_nonexistent_time(client, supervisor, group):
    year = timezone.localdate().year + 1
    last_sunday = max(d for d in range(25, 32) if timezone.datetime(year, 3, d).weekday() == 6)
    response = signed_in(client, supervisor).post(
        reverse("scheduling:create_series", args=[group.pk]),
        {
            "first_date": f"{year}-03-{last_sunday}",
            "start_time": "03:30",
            "duration": "60",
            "frequency": "weekly",
            "interval": "1",
            "count": "2",
        },
    )
    assert response.status_code == 200
    assert "03:30" in response.text


def test_a_supervisor_moves_a_session_with_a_reason(client, booking, supervisor, group):
    session = group.sessions.order_by("starts_at").first()
    day = timezone.localtime(session.starts_at).date() + timedelta(days=1)
    response = signed_in(client, supervisor).post(
        reverse("scheduling:move_session", args=[session.pk]),
        {
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "13:00",
            "room": group.room_id,
            "reason": "Telpa remontā",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (timezone.localtime(session.starts_at).hour, session.sequence) == (10, 1)


def test_the_move_form_refuses_an_end_before_the_start(client, supervisor, group):
    session = group.sessions.first()
    day = timezone.localtime(session.starts_at).date()
    response = signed_in(client, supervisor).post(
        reverse("scheduling:move_session", args=[session.pk]),
        {"date": day.isoformat(), "start_time": "13:00", "end_time": "10:00", "reason": "x"},
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.sequence == 0


def test_a_supervisor_cancels_a_session_with_a_reason(client, supervisor, group):
    session = group.sessions.first()
    signed_in(client, supervisor).post(reverse("scheduling:cancel_session", args=[session.pk]), {"reason": "Slimība"})
    session.refresh_from_db()
    assert session.status == "cancelled"


def test_a_supervisor_cannot_edit_another_supervisors_group(client, other_supervisor, group):
    signed_in(client, other_supervisor)
    session = group.sessions.first()
    assert client.get(reverse("scheduling:create_series", args=[group.pk])).status_code == 404
    assert client.post(reverse("scheduling:cancel_session", args=[session.pk]), {"reason": "x"}).status_code == 404
    assert group.title not in client.get(reverse("scheduling:supervising")).text


# --- coordinator ----------------------------------------------------------------------------------


def test_a_coordinator_sees_the_groups_of_their_municipality_only(client, coordinator, group, jelgava):
    SupervisionGroup.objects.create(title="Jelgavas grupa", municipality=jelgava)
    response = signed_in(client, coordinator).get(reverse("scheduling:coordination"))
    assert group.title in response.text and "Jelgavas grupa" not in response.text


def test_a_national_coordinator_sees_every_group(client, national_coordinator, group, jelgava):
    SupervisionGroup.objects.create(title="Jelgavas grupa", municipality=jelgava)
    response = signed_in(client, national_coordinator).get(reverse("scheduling:coordination"))
    assert group.title in response.text and "Jelgavas grupa" in response.text


def test_a_national_coordinator_pages_through_hundreds_of_groups(client, national_coordinator, jelgava):
    SupervisionGroup.objects.bulk_create(
        SupervisionGroup(title=f"Jelgavas grupa {n:03}", municipality=jelgava) for n in range(120)
    )
    first = signed_in(client, national_coordinator).get(reverse("scheduling:coordination"))
    assert first.status_code == 200
    assert "Jelgavas grupa 000" in first.text and "Jelgavas grupa 050" not in first.text
    assert "120 groups" in first.text or "120 grupas" in first.text
    assert "?page=2" in first.text
    last = client.get(reverse("scheduling:coordination"), {"page": 3})
    assert "Jelgavas grupa 119" in last.text and "Jelgavas grupa 049" not in last.text
    assert client.get(reverse("scheduling:coordination"), {"page": 99999999999}).status_code == 200


def test_a_coordinator_sees_the_waiting_list(client, coordinator, group, teachers):
    for teacher in teachers[:4]:
        services.book_seat(group, teacher)
    response = signed_in(client, coordinator).get(reverse("scheduling:group", args=[group.pk]))
    assert str(teachers[3]) in response.text


def test_a_coordinator_moves_a_person_between_groups(client, coordinator, booking, group, valmiera, supervisor):
    other = SupervisionGroup.objects.create(title="Otrā grupa", municipality=valmiera)
    add_sessions(other, count=1, hour=9, first_day=12)
    signed_in(client, coordinator).post(reverse("scheduling:move_person", args=[booking.pk]), {"to_group": other.pk})
    assert Booking.objects.get(person=booking.person, status="confirmed").group == other


def test_a_coordinator_releases_a_seat_after_the_deadline(client, coordinator, booking, group):
    group.cancellation_deadline_hours = 24 * 365
    group.save()
    signed_in(client, coordinator).post(reverse("scheduling:cancel_booking", args=[booking.pk]), {"next": "group"})
    assert Booking.objects.get(pk=booking.pk).status == "cancelled"


def test_a_coordinator_of_another_municipality_gets_404(client, group, jelgava, booking):
    from tests.factories import make_person

    other = make_person("juris.jelgava@example.lv", ["coordinator"], jelgava)
    signed_in(client, other)
    assert client.get(reverse("scheduling:group", args=[group.pk])).status_code == 404
    assert client.get(reverse("scheduling:create_series", args=[group.pk])).status_code == 404
    assert client.post(reverse("scheduling:cancel_booking", args=[booking.pk])).status_code == 404


# --- Wagtail admin --------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["groups", "sessions", "rooms", "leaders"])
def test_the_admin_lists_groups_sessions_and_rooms(client, admin_user, group, model):
    response = signed_in(client, admin_user).get(f"/admin/scheduling/{model}/")
    assert response.status_code == 200


def test_editing_a_session_in_the_admin_goes_through_the_rules(client, admin_user, group, booking):
    session = group.sessions.order_by("starts_at").first()
    new_start = timezone.localtime(session.starts_at + timedelta(days=1))
    response = signed_in(client, admin_user).post(
        f"/admin/scheduling/sessions/edit/{session.pk}/",
        {
            "group": group.pk,
            "starts_at": new_start.strftime("%Y-%m-%d %H:%M"),
            "ends_at": (new_start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
            "room": group.room_id,
            "location": "",
            "meeting_link": "",
            "change_reason": "Pārcelts",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    session.refresh_from_db()
    assert session.sequence == 1


def test_raising_capacity_in_the_admin_offers_the_new_seats_to_the_waiting_list(client, admin_user, group, teachers):
    bookings = [services.book_seat(group, t) for t in teachers[:4]]
    signed_in(client, admin_user)
    edit_url = f"/admin/scheduling/groups/edit/{group.pk}/"
    form = client.get(edit_url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        supervisors=[s.pk for s in group.supervisors.all()],
        schools=[],
        capacity=4,
        room=group.room_id,
        municipality=group.municipality_id,
    )
    data = {k: v for k, v in data.items() if not isinstance(v, bool) or v}
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert Booking.objects.get(pk=bookings[3].pk).status == "offered"


def test_the_group_finder_lists_the_soonest_first_twenty_at_a_time(client, educator, group, valmiera):
    later = []
    for n in range(24):
        other = SupervisionGroup.objects.create(title=f"Vēlāka grupa {n:02}", municipality=valmiera)
        add_sessions(other, count=3, first_day=40 + n)
        later.append(other)
    services.book_seat(later[-1], educator)
    signed_in(client, educator)
    first = client.get(reverse("scheduling:find"))
    assert "25 groups" in first.text or "25 grupas" in first.text
    titles = [group.title] + [g.title for g in later]
    assert all(first.text.index(a) < first.text.index(b) for a, b in zip(titles[:19], titles[1:20], strict=True))
    assert "Vēlāka grupa 19" not in first.text and "?page=2" in first.text
    shown = timezone.localtime(later[0].sessions.order_by("starts_at").first().starts_at)
    assert f"{shown:%H:%M}" in first.text

    last = client.get(reverse("scheduling:find"), {"page": 99999999999})
    assert "Vēlāka grupa 23" in last.text and "Vēlāka grupa 18" not in last.text
    assert "You have a place in this group." in last.text or "Jums ir vieta šajā grupā." in last.text
    filtered = client.get(reverse("scheduling:find"), {"municipality": valmiera.pk, "page": 2})
    assert "municipality=" in filtered.text and "Vēlāka grupa 23" in filtered.text


@pytest.mark.parametrize("pk", [1, 42, 2_147_483_647, 10**12])
def test_a_session_link_is_the_address_reverse_gives(pk):
    from scheduling.models import session_url

    assert session_url(pk) == reverse("scheduling:session", args=[pk])


def test_a_session_link_keeps_the_script_prefix_the_site_runs_under():
    from django.urls import set_script_prefix

    from scheduling.models import session_url

    set_script_prefix("/kopiena/")
    try:
        assert session_url(7) == reverse("scheduling:session", args=[7])
        assert session_url(7).startswith("/kopiena/")
    finally:
        set_script_prefix("/")
    assert session_url(7) == reverse("scheduling:session", args=[7])


def test_the_calendar_shows_every_kind_of_session_line_without_a_query_per_session(client, booking, educator, group):
    """Sessions are read with only what their lines show: a room, a free-text place, a meeting link,
    a moved or a cancelled session needs no further query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, second, third = group.sessions.order_by("starts_at")
    signed_in(client, educator)

    def agenda() -> tuple[str, int]:
        for _ in range(2):  # the shared caches (site, footer) warmed again after the edits
            client.get(reverse("scheduling:calendar"))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("scheduling:calendar"))
        assert response.status_code == 200
        return response.text, len(captured.captured_queries)

    _text, plain = agenda()
    second.status, second.sequence = Session.Status.CANCELLED, 1
    second.save()
    third.room, third.location, third.sequence = None, "Rūjienas bibliotēka", 2
    third.meeting_link = "https://meet.example.lv/valmiera"
    third.save()
    text, varied = agenda()
    assert varied == plain
    assert "Valmieras novada pašvaldības zāle, Lāčplēša iela 2" in text  # the first session's room
    assert "Rūjienas bibliotēka" in text
    assert "(atcelta)" in text or "(cancelled)" in text
    assert all(session.get_absolute_url() in text for session in (first, second, third))


def _selected(html: str, name: str) -> list[str]:
    """The values selected in the select `name` of the finder's filter form."""
    from html.parser import HTMLParser

    class Selected(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside, self.values = False, []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "select":
                self.inside = attrs.get("name") == name
            elif tag == "option" and self.inside and "selected" in attrs:
                self.values.append(attrs.get("value"))

    parser = Selected()
    parser.feed(html)
    return parser.values


def test_the_finders_kept_filter_form_follows_the_values_the_municipalities_and_the_language(
    client, educator, group, valmiera
):
    """The filter form's HTML is kept per values asked for, municipalities offered and language."""
    from accounts.models import Organisation

    signed_in(client, educator)
    find = reverse("scheduling:find")
    for _ in range(2):
        assert _selected(client.get(find, {"mode": "online"}).text, "mode") == ["online"]
        assert _selected(client.get(find).text, "mode") == [""]
        assert _selected(client.get(find, {"municipality": valmiera.pk}).text, "municipality") == [str(valmiera.pk)]
    Organisation.objects.create(name="Jaunais novads", kind=Organisation.Kind.MUNICIPALITY)
    assert "Jaunais novads" in client.get(find).text
    wrong = client.get(find, {"municipality": 10**9}).text
    assert "errorlist" in wrong or 'aria-invalid="true"' in wrong
    assert 'aria-invalid="true"' not in client.get(find).text
    client.cookies["kopiena_language"] = "en"
    assert ">Any<" in client.get(find).text
    client.cookies["kopiena_language"] = "lv"
    assert ">Any<" not in client.get(find).text


def test_the_kept_session_list_follows_every_change_and_who_is_looking(client, booking, educator, supervisor, group):
    """The group page's and the calendar's session lines are kept by what they show: a moved or a
    cancelled session, the manager's links and the language are never served from another's copy."""
    first, second, third = group.sessions.order_by("starts_at")
    group_page, calendar = reverse("scheduling:group", args=[group.pk]), reverse("scheduling:calendar")
    move = reverse("scheduling:move_session", args=[first.pk])
    for _ in range(2):
        assert move in signed_in(client, supervisor).get(group_page).text
        assert move not in signed_in(client, educator).get(group_page).text
    moved_to = first.starts_at + timedelta(days=1, hours=2)
    services.move_session(
        first, starts_at=moved_to, ends_at=moved_to + timedelta(hours=3), by=supervisor, reason="Telpa"
    )
    services.cancel_session(second, by=supervisor, reason="Slimība")
    shown = timezone.localtime(moved_to).strftime("%H:%M")
    for page in (group_page, calendar):
        text = client.get(page).text
        assert shown in text, page
        assert "(atcelta)" in text, page
    # An edit that leaves the SEQUENCE alone (the admin, a data fix) still shows at once.
    later = third.starts_at + timedelta(minutes=25)
    Session.objects.filter(pk=third.pk).update(starts_at=later)
    for page in (group_page, calendar):
        assert timezone.localtime(later).strftime("%H:%M") in client.get(page).text, page
    client.cookies["kopiena_language"] = "en"
    assert "(cancelled)" in client.get(group_page).text
    assert "(cancelled)" in client.get(calendar).text
