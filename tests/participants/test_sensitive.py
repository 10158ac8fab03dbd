"""Sensitive indicators: consent, a separate table, aggregates only, for national coordinators with the permission."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from participants import reports, services
from participants.models import SensitiveIndicators
from tests.participants.conftest import ENTRY

pytestmark = pytest.mark.django_db

ANSWERS = {
    "disability": "yes",
    "third_country_national": "no",
    "foreign_background": "prefer_not",
    "minority": "no",
    "homeless": "no",
    "rural": "yes",
}


@pytest.fixture
def answered(attendee):
    record = services.submit_entry(attendee, "supervision", ENTRY, by=attendee).record
    services.save_sensitive(record, ANSWERS, consent=True, by=attendee)
    return record


def test_answers_are_stored_apart_only_with_consent(attendee):
    record = services.submit_entry(attendee, "supervision", ENTRY, by=attendee).record
    with pytest.raises(services.ParticipantError) as error:
        services.save_sensitive(record, ANSWERS, consent=False, by=attendee)
    assert error.value.code == "consent_required"
    assert not SensitiveIndicators.objects.exists()
    services.save_sensitive(record, ANSWERS, consent=True, by=attendee)
    assert SensitiveIndicators.objects.get(record=record).disability == "yes"


def test_only_the_person_answers_and_withdrawing_deletes(answered, coordinator, attendee):
    with pytest.raises(services.ParticipantError):
        services.save_sensitive(answered, ANSWERS, consent=True, by=coordinator)
    assert services.withdraw_sensitive(answered, by=attendee)
    assert not SensitiveIndicators.objects.exists()


def test_the_form_offers_prefer_not_to_say_and_needs_consent(client, attendee):
    services.submit_entry(attendee, "supervision", ENTRY, by=attendee)
    client.force_login(attendee)
    url = reverse("participants:sensitive", args=["supervision"])
    page = client.get(url).content.decode()
    assert page.count('value="prefer_not"') == 6
    response = client.post(url, ANSWERS)
    assert response.status_code == 200 and response.context["form"].errors["consent"]
    assert client.post(url, {**ANSWERS, "consent": "on"}).status_code == 302
    assert SensitiveIndicators.objects.get().rural == "yes"


def _report(client, user):
    client.force_login(user)
    return client.get(reverse("participants:reports") + "?start=2020-01-01&end=2027-12-31")


def test_municipal_coordinators_never_see_sensitive_figures(client, answered, coordinator):
    response = _report(client, coordinator)
    assert response.context["report"].sensitive is None
    xlsx = client.get(reverse("participants:reports") + "?start=2020-01-01&end=2027-12-31&format=xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.getvalue()))
    assert len(workbook.sheetnames) == 7


def test_national_coordinators_need_the_dedicated_permission(client, answered, national_coordinator):
    assert _report(client, national_coordinator).context["report"].sensitive is None


def test_with_the_permission_only_suppressed_aggregates_are_shown(client, answered, sensitive_reader):
    response = _report(client, sensitive_reader)
    report = response.context["report"]
    assert report.sensitive is not None
    header, rows = reports.sensitive_table(report, [None])
    national = [r for r in rows if r[0] == report.scope_label(reports.NATIONAL)]
    disability = national[0]  # the first indicator
    assert reports.SUPPRESSED in disability  # one person: never shown as 1
    assert 1 not in disability[3:]
    xlsx = client.get(reverse("participants:reports") + "?start=2020-01-01&end=2027-12-31&format=xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.getvalue()))
    assert len(workbook.sheetnames) == 8
    values = {c.value for row in workbook.worksheets[-1].iter_rows() for c in row}
    assert 1 not in values and reports.SUPPRESSED in values


def test_sensitive_answers_are_absent_from_every_per_person_page_and_export(
    client, answered, coordinator, sensitive_reader
):
    SensitiveIndicators.objects.filter(record=answered).update(disability="yes")
    for user in (coordinator, sensitive_reader):
        client.force_login(user)
        page = client.get(reverse("participants:record", args=[answered.pk])).content.decode()
        assert "disability" not in page.lower() and "invalid" not in page.lower()
        listing = b"".join(client.get(reverse("participants:records") + "?export=csv").streaming_content).decode()
        assert answered.person.email in listing
        for label in ("invalid", "disab", "trešās", "third-country", "romi", "roma", "lauku", "rural"):
            assert label not in listing.lower()
        assert len(listing.splitlines()[0].split(";")) == 9  # the nine non-sensitive columns


def test_the_report_for_five_or_more_shows_the_count(valmiera, django_user_model):
    from participants.models import EntryVersion, ParticipantRecord

    for i in range(6):
        person = django_user_model.objects.create_user(email=f"s{i}@example.lv")
        record = ParticipantRecord.objects.create(
            person=person, activity="supervision", municipality=valmiera, entry_date=date(2026, 2, 1)
        )
        record.current_entry = EntryVersion.objects.create(record=record, number=1, gender="man")
        record.save()
        SensitiveIndicators.objects.create(record=record, consent_at=record.created_at, **{**ANSWERS, "rural": "yes"})
    report = reports.build(reports.Scope(date(2026, 1, 1), date(2026, 12, 31)), include_sensitive=True)
    rural = report.sensitive_for(None, reports.NATIONAL)["rural"]
    assert reports.suppress(rural) == {"yes": 6, "no": 0, "prefer_not": 0}
