"""The retention task removes exactly what is past its period, category by category, and keeps the counts."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Invitation
from attendance.models import AbsenceNotice, AttendanceChange, AttendanceRecord
from materials.models import DownloadCount, Material
from notifications.models import SentEmail
from participants.models import ParticipantRecord
from privacy import services
from privacy.models import AccessLogEntry, DataExport, RetentionRun, RetentionSettings
from tests.participants.conftest import held_session

pytestmark = pytest.mark.django_db
NOW = timezone.now()
DAY = timedelta(days=1)


@pytest.fixture
def periods(db):
    row = RetentionSettings.load()
    row.invitations_days, row.absence_notices_days, row.audit_trail_days = 30, 60, 90
    row.sent_email_days, row.download_statistics_months, row.own_data_download_days = 20, 12, 7
    row.save()
    return row


def _at(model, pk, **fields):
    model.objects.filter(pk=pk).update(**fields)


def test_each_category_loses_exactly_what_is_past_its_period(periods, educator, coordinator, esf_group, after_commit):
    old_accepted = Invitation.objects.create(
        email="a@example.lv", first_name="A", last_name="A", accepted_at=NOW - 31 * DAY
    )
    new_accepted = Invitation.objects.create(
        email="b@example.lv", first_name="B", last_name="B", accepted_at=NOW - 29 * DAY
    )
    old_expired = Invitation.objects.create(
        email="c@example.lv", first_name="C", last_name="C", expires_at=NOW - 31 * DAY
    )
    still_open = Invitation.objects.create(email="d@example.lv", first_name="D", last_name="D")

    old_session, new_session = held_session(esf_group, days_ago=61), held_session(esf_group, days_ago=59)
    old_notice = AbsenceNotice.objects.create(session=old_session, person=educator, reason="illness", note="x")
    new_notice = AbsenceNotice.objects.create(session=new_session, person=educator, reason="illness", note="y")

    record = AttendanceRecord.objects.create(session=new_session, person=educator, status="present")
    old_change = AttendanceChange.objects.create(
        record=record, to_status="present", source="register", changed_at=NOW - 91 * DAY
    )
    new_change = AttendanceChange.objects.create(
        record=record, to_status="present", source="register", changed_at=NOW - 89 * DAY
    )
    old_log = AccessLogEntry.objects.create(
        viewer=coordinator, subject=educator, kind="person_page", path="/p/", at=NOW - 91 * DAY
    )
    new_log = AccessLogEntry.objects.create(
        viewer=coordinator, subject=educator, kind="person_page", path="/p/", at=NOW - 89 * DAY
    )

    old_mail = SentEmail.objects.create(key="old", to=educator.email, subject="Sveiki", sent_at=NOW)
    new_mail = SentEmail.objects.create(key="new", to=educator.email, subject="Sveiki", sent_at=NOW)
    _at(SentEmail, old_mail.pk, created_at=NOW - 21 * DAY)
    _at(SentEmail, new_mail.pk, created_at=NOW - 19 * DAY)

    material = Material.objects.create(title="Lapa")
    this_month = timezone.localdate(NOW).replace(day=1)
    first_kept = services._months_before(timezone.localdate(NOW), 12)
    old_count = DownloadCount.objects.create(material=material, month=first_kept - DAY, role="mentor", count=3)
    kept_count = DownloadCount.objects.create(material=material, month=first_kept, role="mentor", count=4)
    DownloadCount.objects.create(material=material, month=this_month, role="educator", count=1)

    expired = DataExport.objects.create(person=educator, status="ready", expires_at=NOW - DAY)
    expired.file.save("data.zip", ContentFile(b"PK"), save=True)
    path = expired.file.path
    current = DataExport.objects.create(person=coordinator, status="ready", expires_at=NOW + DAY)

    with after_commit():  # the file goes when the deletion commits
        counts = services.apply_retention(NOW)

    assert counts == {
        "invitations": 2,
        "absence_notices": 1,
        "attendance_changes": 1,
        "access_log": 1,
        "sent_emails": 1,
        "download_statistics": 1,
        "own_data_downloads": 1,
        "participant_records": 0,
    }
    assert set(Invitation.objects.values_list("pk", flat=True)) == {new_accepted.pk, still_open.pk}
    assert not Invitation.objects.filter(pk__in=[old_accepted.pk, old_expired.pk]).exists()
    assert list(AbsenceNotice.objects.all()) == [new_notice] and old_notice.pk != new_notice.pk
    assert list(AttendanceChange.objects.all()) == [new_change] and old_change.pk
    assert list(AccessLogEntry.objects.all()) == [new_log] and old_log.pk
    assert SentEmail.objects.get(key="old").to == "" and SentEmail.objects.get(key="new").to == educator.email
    assert not DownloadCount.objects.filter(pk=old_count.pk).exists()
    assert DownloadCount.objects.filter(pk=kept_count.pk).exists()
    expired.refresh_from_db()
    assert expired.status == "expired" and not expired.file
    import os

    assert not os.path.exists(path)
    assert DataExport.objects.get(pk=current.pk).status == "ready"
    assert RetentionRun.objects.get().counts == counts
    assert services.apply_retention(NOW)["invitations"] == 0  # a second run finds nothing more


def test_participant_records_go_only_after_the_esf_obligation(periods, educator):
    ParticipantRecord.objects.create(person=educator, activity="supervision", entry_date=date(2026, 1, 5))
    periods.esf_obligation_ends_on = timezone.localdate(NOW)
    periods.save()
    assert services.apply_retention(NOW)["participant_records"] == 0
    periods.esf_obligation_ends_on = timezone.localdate(NOW) - DAY
    periods.save()
    assert services.apply_retention(NOW)["participant_records"] == 1
    assert not ParticipantRecord.objects.exists()
