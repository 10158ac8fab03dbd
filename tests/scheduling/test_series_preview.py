"""The series form's preview: the dates it would create, Riga time, clashes marked, nothing saved."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from lms import latvian
from notifications.models import OutboxItem
from scheduling.models import Session, SupervisionGroup
from scheduling.recurrence import RIGA

YEAR = timezone.localdate().year + 1


def last_sunday(month: int) -> date:
    return max(date(YEAR, month, d) for d in range(25, 32) if date(YEAR, month, d).weekday() == 6)


def series(first: date, **extra) -> dict:
    data = {
        "first_date": first.isoformat(),
        "start_time": "17:00",
        "duration": "180",
        "frequency": "weekly",
        "interval": "1",
        "count": "3",
        "until": "",
        "skip": "",
        "room": "",
        "preview": "1",
    }
    data.update(extra)
    return data


def rows(response) -> list[str]:
    table = re.search(r'<section aria-labelledby="preview-heading".*?</section>', response.text, re.S).group(0)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in re.findall(r"<tr.*?</tr>", table, re.S)
    ][1:]


def label(day: date) -> str:
    with translation.override("lv"):
        return f"{date_format(day, 'l')}, {latvian.long_date(day, 'nominative')}"


@pytest.fixture
def preview(client, supervisor, group):
    client.force_login(supervisor)
    url = reverse("scheduling:create_series", args=[group.pk])
    return lambda data: client.post(url, data)


def test_a_weekly_preview_across_the_march_clock_change_keeps_17_00_and_saves_nothing(preview, group):
    first = last_sunday(3) - timedelta(days=5)  # the Tuesday before the clocks go forward
    sessions, outbox = Session.objects.count(), OutboxItem.objects.count()
    response = preview(series(first))
    assert response.status_code == 200
    found = rows(response)
    assert len(found) == 3
    for number, (row, day) in enumerate(zip(found, [first + timedelta(weeks=i) for i in range(3)], strict=True), 1):
        assert row == f"{number} {label(day)} 17:00–20:00 Jā"
    assert label(first).startswith("otrdiena, ")
    assert Session.objects.count() == sessions
    assert OutboxItem.objects.count() == outbox
    assert "Izveidot" in response.text


def test_a_fortnightly_preview_across_the_october_clock_change_keeps_the_local_time(preview):
    first = last_sunday(10) - timedelta(days=13)
    response = preview(series(first, interval="2", count="3", start_time="09:30", duration="120"))
    days = [first + timedelta(weeks=2 * i) for i in range(3)]
    assert [r.split(" ", 1)[1] for r in rows(response)] == [f"{label(d)} 09:30–11:30 Jā" for d in days]
    offsets = {datetime.combine(d, time(9, 30), tzinfo=RIGA).utcoffset() for d in days}
    assert len(offsets) == 2  # the series really crosses the change


def test_a_clash_with_the_groups_own_session_and_the_supervisors_other_group_is_said_in_words(
    preview, group, supervisor, valmiera
):
    first = date(YEAR, 5, 4)
    own = datetime.combine(first, time(18), tzinfo=RIGA)
    Session.objects.create(group=group, starts_at=own, ends_at=own + timedelta(hours=1))
    other = SupervisionGroup.objects.create(title="Otra grupa", municipality=valmiera)
    other.supervisors.add(supervisor)
    later = datetime.combine(first + timedelta(weeks=2), time(16), tzinfo=RIGA)
    Session.objects.create(group=other, starts_at=later, ends_at=later + timedelta(hours=2))
    sessions = Session.objects.count()
    response = preview(series(first))
    first_row, second_row, third_row = rows(response)
    assert first_row.endswith("Nē: Šai grupai tajā laikā jau ir sesija.")
    assert second_row.endswith("Jā")
    assert third_row.endswith("Nē: Šīs grupas supervizoram tajā laikā jau ir sesija.")
    assert "2 no tām nevar izveidot" in response.text
    assert Session.objects.count() == sessions
    # Saving the same settings is refused by the same rule, and saves nothing.
    saved = preview(_without_preview(first))
    assert saved.status_code == 200
    assert "Šai grupai tajā laikā jau ir sesija." in saved.text
    assert Session.objects.count() == sessions


def _without_preview(first: date) -> dict:
    data = series(first)
    del data["preview"]
    data["create"] = "1"
    return data


def test_create_after_a_clean_preview_saves_the_sessions(preview, group):
    first = date(YEAR, 5, 4)
    before = group.sessions.count()
    response = preview(_without_preview(first))
    assert response.status_code == 302
    assert group.sessions.count() - before == 3


@pytest.mark.parametrize(
    "changes",
    [
        {"first_date": "9999-01-01"},
        {"first_date": "", "start_time": "", "duration": "", "frequency": "", "interval": ""},
        {"count": "100000000000000000000"},
        {"count": "", "until": "9999-12-31"},
        {"interval": "-3"},
        {"start_time": "25:99"},
        {"skip": "31.02.2027"},
        {"count": "", "until": ""},
    ],
)
def test_hostile_values_give_form_errors_and_save_nothing(preview, changes):
    sessions = Session.objects.count()
    response = preview(series(date(YEAR, 5, 4), **changes))
    assert response.status_code == 200
    assert "field-invalid" in response.text or 'class="form-errors"' in response.text
    assert 'aria-labelledby="preview-heading"' not in response.text
    assert Session.objects.count() == sessions


def test_another_supervisor_cannot_preview_a_groups_series(client, other_supervisor, group):
    client.force_login(other_supervisor)
    response = client.post(reverse("scheduling:create_series", args=[group.pk]), series(date(YEAR, 5, 4)))
    assert response.status_code == 404
