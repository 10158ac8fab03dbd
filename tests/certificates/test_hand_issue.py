"""Issuing by hand shows each person's completion and asks for a reason when it overrides it."""

import pytest
from django.urls import reverse

from certificates import services
from certificates.models import Certificate, CertificateEvent
from courses.services import complete_lesson, open_lesson
from tests.courses.conftest import build_course, enrol_directly


@pytest.fixture
def course_programme(programme):
    tree = build_course(modules=1, lessons_per_module=2, slug="rokas")
    programme.course = tree.course
    programme.save()
    return programme, tree


def form(programme, people, **extra):
    return {"programme": programme.pk, "emails": "\n".join(p.email for p in people), **extra}


def test_the_check_shows_who_has_completed_and_issues_nothing(client, coordinator, mentor, educator, course_programme):
    programme, tree = course_programme
    enrolment = enrol_directly(mentor, tree.course)
    for lesson in tree.lessons:
        open_lesson(mentor, lesson, tree.course, enrolment)
        complete_lesson(mentor, lesson)
    enrol_directly(educator, tree.course)
    before = Certificate.objects.count()
    client.force_login(coordinator)
    page = client.post(reverse("certificate_issue"), form(programme, [mentor, educator])).content.decode()
    assert "Kurss pabeigts" in page
    assert "0 % no obligātajām nodarbībām" in page
    assert Certificate.objects.count() == before


def test_issuing_to_someone_who_has_not_completed_needs_a_reason_and_keeps_it(
    client, coordinator, educator, course_programme, django_capture_on_commit_callbacks
):
    programme, tree = course_programme
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        refused = client.post(reverse("certificate_issue"), form(programme, [educator], confirm="1"))
    assert refused.status_code == 200 and queued == []
    assert not Certificate.objects.exists()
    reason = "Mācības pabeigtas citā platformā, apliecinājums pievienots lietai."
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("certificate_issue"), form(programme, [educator], confirm="1", override_reason=reason)
        )
    assert done.status_code == 302
    certificate = Certificate.objects.get(holder=educator)
    assert certificate.override_reason == reason
    assert CertificateEvent.objects.get(certificate=certificate, kind="issued").detail == {"override_reason": reason}
    assert reason in client.get(reverse("certificate_detail", args=[certificate.pk])).content.decode()


def test_the_service_refuses_a_hand_issue_without_completion_or_reason(coordinator, educator, course_programme):
    programme, _tree = course_programme
    with pytest.raises(services.CertificateError) as error:
        services.issue_certificate(educator, programme, by=coordinator)
    assert error.value.code == "not_completed"
    assert not Certificate.objects.exists()


def test_automatic_issue_on_completion_needs_no_reason(mentor, course_programme, django_capture_on_commit_callbacks):
    programme, tree = course_programme
    enrolment = enrol_directly(mentor, tree.course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in tree.lessons:
            open_lesson(mentor, lesson, tree.course, enrolment)
            complete_lesson(mentor, lesson)
    certificate = Certificate.objects.get(holder=mentor)
    assert certificate.override_reason == "" and certificate.issued_by is None
