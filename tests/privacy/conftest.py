"""Zelma has done everything Kopiena can hold data about, so export and erasure have something in every category."""

import uuid
from datetime import date, timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from accounts.models import Invitation
from attendance.models import AbsenceNotice, SupervisionCompletion
from certificates.services import issue_certificate, reissue_certificate
from courses.models import Cohort, Enrolment, LessonProgress, QuizAttempt, Reflection
from materials.models import Material, MaterialVersion
from notifications.services import render_email, send_once
from participants import services as participant_services
from privacy.models import AccessLogEntry, ErasureRequest, RetentionSettings
from scheduling.models import CalendarFeed
from tests.certificates.conftest import programme  # noqa: F401 – a fixture used below
from tests.courses.conftest import build_course
from tests.factories import make_person
from tests.participants.conftest import ENTRY, attend, esf_group, held_session  # noqa: F401 – esf_group is a fixture

NAME = ("Zelma", "Zvaigznīte")
EMAIL = "zelma.zvaigznite@example.lv"
FREE_TEXT = "Zelmas piezīme par savu slimību"


@pytest.fixture
def no_esf_obligation(db):
    """The ESF+ retention obligation has ended."""
    settings_row = RetentionSettings.load()
    settings_row.esf_obligation_ends_on = date(2025, 12, 31)
    settings_row.save()
    return settings_row


@pytest.fixture
def zelma(valmiera_school, valmiera, supervisor, coordinator, programme):  # noqa: F811
    person = make_person(EMAIL, ["educator", "mentor"], valmiera_school)
    person.first_name, person.last_name = NAME
    person.save()
    Invitation.objects.create(
        email=EMAIL,
        first_name=NAME[0],
        last_name=NAME[1],
        organisation=valmiera_school,
        accepted_at=timezone.now(),
        user=person,
    )
    Authenticator.objects.create(user=person, type="totp", data={"secret": "x"})

    from scheduling.models import SupervisionGroup

    group = SupervisionGroup.objects.create(title="Valmieras supervīzijas grupa B", municipality=valmiera, capacity=10)
    group.supervisors.add(supervisor, person)
    session = held_session(group, days_ago=20)
    attend(person, session)
    AbsenceNotice.objects.create(session=session, person=person, reason="other", note=FREE_TEXT)
    SupervisionCompletion.objects.create(
        group=group,
        person=person,
        completed_on=timezone.localdate(),
        rule_version=1,
        attendance_percent=100,
        clock_hours=3,
    )
    CalendarFeed.objects.create(user=person)

    tree = build_course(modules=1, lessons_per_module=1)
    lesson = tree.lesson(0)
    enrolment = Enrolment.objects.create(
        user=person, course=tree.course, course_key=tree.course.translation_key, source="self"
    )
    cohort = Cohort.objects.create(
        name="Valmieras kohorta",
        course=tree.course,
        municipality=valmiera,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 3, 1),
    )
    cohort.members.add(person)
    LessonProgress.objects.create(
        user=person, lesson_key=lesson.translation_key, course_key=tree.course.translation_key, opened_at=timezone.now()
    )
    QuizAttempt.objects.create(
        user=person,
        lesson_key=lesson.translation_key,
        quiz_id="quiz1",
        token=uuid.uuid4(),
        score=1,
        total=2,
        pass_mark=50,
        passed=True,
    )
    Reflection.objects.create(
        user=person, lesson_key=lesson.translation_key, block_id="refl1", text=f"{FREE_TEXT} – {NAME[0]}"
    )
    assert enrolment.pk

    certificate = issue_certificate(
        person, programme, by=coordinator, completed_on=timezone.localdate() - timedelta(days=1)
    )
    reissue_certificate(certificate, by=coordinator, holder_name="Zelma Zvaigznīte-Ozola")

    send_once(
        "test:mail-1",
        lambda: render_email(
            "privacy/email/export_ready", {"person": person, "export": None, "url": "x"}, to=[EMAIL], language="lv"
        ),
    )

    record = participant_services.submit_entry(person, "supervision", ENTRY, by=person).record
    participant_services.correct_entry(
        record, {**ENTRY, "gender": "man"}, by=coordinator, reason=f"{NAME[0]} lūdza labot"
    )
    participant_services.save_sensitive(record, {"disability": "yes"}, consent=True, by=person)

    material = Material.objects.create(title="Darba lapa")
    MaterialVersion.objects.create(
        material=material,
        number=1,
        file="files/x.pdf",
        original_name="x.pdf",
        size=1,
        content_type="application/pdf",
        uploaded_by=person,
    )
    AccessLogEntry.objects.create(viewer=coordinator, subject=person, kind="person_page", path=f"/people/{person.pk}/")
    ErasureRequest.objects.create(person=person, status="cancelled")
    return person
