"""Records open at the first attended session or lesson; entry data are frozen and corrected in versions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from participants import services, sources
from participants.models import EntryVersion, ParticipantRecord
from tests.participants.conftest import ENTRY, attend, held_session, open_lesson

pytestmark = pytest.mark.django_db


def test_entry_date_is_the_first_attended_session_not_an_absence(educator, esf_group):
    absent = held_session(esf_group, days_ago=40)
    present = held_session(esf_group, days_ago=20)
    attend(educator, absent, status="absent")
    attend(educator, present, status="late")
    assert sources.entry_date_for(educator, "supervision") == timezone.localdate(present.starts_at)


def test_a_cancelled_session_does_not_open_participation(educator, esf_group):
    session = held_session(esf_group, days_ago=20)
    session.status = "cancelled"
    session.save()
    attend(educator, session)
    assert sources.entry_date_for(educator, "supervision") is None


def test_mentor_training_starts_at_the_first_opened_lesson(mentor):
    open_lesson(mentor, days_ago=5)
    first = open_lesson(mentor, days_ago=12)
    assert sources.entry_date_for(mentor, "mentor_training") == timezone.localdate(first.opened_at)


def test_the_participation_page_writes_nothing(client, attendee):
    client.force_login(attendee)
    response = client.get(reverse("participants:mine"))
    assert response.status_code == 200
    assert "Dzimums" in response.content.decode() or "Gender" in response.content.decode()
    assert ParticipantRecord.objects.count() == 0


def test_submitting_the_form_opens_the_record_and_confirms_version_one(client, attendee, first_session):
    client.force_login(attendee)
    data = {f"supervision-{k}": v for k, v in ENTRY.items()}
    response = client.post(reverse("participants:submit_entry", args=["supervision"]), data)
    assert response.status_code == 302
    record = ParticipantRecord.objects.get(person=attendee, activity="supervision")
    assert record.entry_date == timezone.localdate(first_session.starts_at)
    assert record.is_complete
    assert record.current_entry.number == 1
    assert record.current_entry.age_band == "30_54"
    assert record.current_entry.entered_by == attendee


def test_confirmed_entry_data_cannot_be_submitted_again(attendee):
    services.submit_entry(attendee, "supervision", ENTRY, by=attendee)
    with pytest.raises(services.ParticipantError) as error:
        services.submit_entry(attendee, "supervision", {**ENTRY, "gender": "man"}, by=attendee)
    assert error.value.code == "frozen"
    assert EntryVersion.objects.get().gender == "woman"


def test_a_correction_is_a_new_version_with_who_when_and_why(attendee, coordinator):
    first = services.submit_entry(attendee, "supervision", ENTRY, by=attendee)
    record = first.record
    second = services.correct_entry(
        record, {**ENTRY, "education": "isced_3_4"}, by=coordinator, reason="Diploms iegūts 2026. gadā"
    )
    first.refresh_from_db()
    record.refresh_from_db()
    assert first.education == "isced_5_8"  # the first version is untouched
    assert (second.number, second.education, second.entered_by, second.reason) == (
        2,
        "isced_3_4",
        coordinator,
        "Diploms iegūts 2026. gadā",
    )
    assert second.entered_at >= first.entered_at
    assert record.current_entry == second


def test_a_correction_needs_a_reason_and_a_change(attendee):
    record = services.submit_entry(attendee, "supervision", ENTRY, by=attendee).record
    with pytest.raises(services.ParticipantError) as no_reason:
        services.correct_entry(record, {**ENTRY, "gender": "man"}, by=attendee, reason="  ")
    with pytest.raises(services.ParticipantError) as unchanged:
        services.correct_entry(record, ENTRY, by=attendee, reason="Pārbaude")
    assert (no_reason.value.code, unchanged.value.code) == ("reason_required", "unchanged")
    assert record.versions.count() == 1


def test_a_stored_version_refuses_to_be_changed(attendee):
    version = services.submit_entry(attendee, "supervision", ENTRY, by=attendee)
    version.gender = "man"
    with pytest.raises(ValueError):
        version.save()
    version.refresh_from_db()
    assert version.gender == "woman"


def test_someone_else_cannot_enter_data_for_a_person(attendee, outsider, jelgava_coordinator):
    for stranger in (outsider, jelgava_coordinator):
        with pytest.raises(services.ParticipantError) as error:
            services.submit_entry(attendee, "supervision", ENTRY, by=stranger)
        assert error.value.code == "forbidden"


def test_a_person_who_has_not_started_gets_no_record(educator):
    with pytest.raises(services.ParticipantError) as error:
        services.submit_entry(educator, "supervision", ENTRY, by=educator)
    assert error.value.code == "not_started"
    assert not ParticipantRecord.objects.exists()


def test_a_coordinator_may_complete_only_part_and_the_record_stays_incomplete(attendee, coordinator):
    services.submit_entry(attendee, "supervision", {"gender": "woman"}, by=coordinator)
    record = ParticipantRecord.objects.get()
    assert record.is_confirmed and not record.is_complete
    assert list(ParticipantRecord.objects.incomplete()) == [record]
    assert not ParticipantRecord.objects.complete().exists()


def test_materialising_opens_missing_records_once(attendee, mentor):
    open_lesson(mentor)
    assert services.materialise_records() == 2
    assert services.materialise_records() == 0
    record = ParticipantRecord.objects.get(person=attendee)
    assert record.municipality == attendee.organisation.parent
    assert record.current_entry is None


def test_leaving_and_coming_back_keeps_the_first_entry_date(attendee, esf_group, first_session):
    services.materialise_records()
    later = held_session(esf_group, days_ago=2)
    attend(attendee, later)
    services.materialise_records()
    assert ParticipantRecord.objects.get(person=attendee).entry_date == timezone.localdate(first_session.starts_at)


def test_a_completed_cycle_gives_derived_exit_data(attendee, esf_group):
    from attendance.models import SupervisionCompletion

    services.materialise_records()
    SupervisionCompletion.objects.create(
        group=esf_group,
        person=attendee,
        completed_on=timezone.localdate() - timedelta(days=1),
        rule_version=1,
        attendance_percent=100,
        clock_hours=3,
    )
    assert services.apply_derived_exits() == 1
    record = ParticipantRecord.objects.get()
    assert (record.exit_result, record.exit_source, record.left_on) == (
        "completed",
        "derived",
        timezone.localdate() - timedelta(days=1),
    )


def test_a_finished_group_without_completion_leaves_the_result_to_the_coordinator(attendee):
    services.materialise_records()
    services.apply_derived_exits()
    record = ParticipantRecord.objects.get()
    assert record.left_on is not None and record.exit_result == ""
    assert list(ParticipantRecord.objects.missing_exit()) == [record]


def test_exit_reminders_go_once_to_the_municipality_coordinators(attendee, coordinator, mailoutbox):
    from participants.tasks import remind_missing_exits

    services.materialise_records()
    services.apply_derived_exits()  # the group's only session ended 30 days ago: the deadline passed
    assert remind_missing_exits() == 1
    assert remind_missing_exits() == 0
    assert [m.to for m in mailoutbox] == [[coordinator.email]]
    assert "/participants/" in mailoutbox[0].body
    assert attendee.last_name not in mailoutbox[0].body  # the email names nobody


def test_national_coordinators_are_reminded_of_the_yearly_report_once_in_january(
    national_coordinator, coordinator, mailoutbox, monkeypatch
):
    from datetime import date

    from participants import tasks

    monkeypatch.setattr(tasks.timezone, "localdate", lambda: date(2027, 1, 5))
    assert tasks.remind_yearly_report() == 1
    assert tasks.remind_yearly_report() == 0
    assert [m.to for m in mailoutbox] == [[national_coordinator.email]]
    assert "start=2026-01-01&end=2026-12-31" in mailoutbox[0].body
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: date(2027, 2, 1))
    assert tasks.remind_yearly_report() == 0
