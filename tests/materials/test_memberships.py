"""Materials for people enrolled in a course or booked into a supervision group."""

from django.urls import reverse

from materials import audiences
from materials.access import can_download, materials_for
from scheduling.models import Booking
from tests.courses.conftest import build_course, enrol_directly
from tests.materials.conftest import make_material


def test_course_materials_open_to_enrolled_people_only(client, mentor, educator):
    course = build_course().course
    material = make_material("Mentora rokasgrāmata", kind="course", key=str(course.translation_key))
    enrol_directly(mentor, course)
    assert can_download(mentor, material)
    assert not can_download(educator, material)
    client.force_login(educator)
    assert client.get(reverse("materials:download", args=[material.pk])).status_code == 404
    client.force_login(mentor)
    assert client.get(reverse("materials:download", args=[material.pk])).status_code == 200


def test_group_materials_open_to_confirmed_members_only(client, educator, mentor, valmiera, supervisor):
    from scheduling.models import SupervisionGroup

    group = SupervisionGroup.objects.create(title="Valmieras grupa", municipality=valmiera)
    material = make_material("Supervīzijas līgums", kind="group", key=str(group.pk))
    Booking.objects.create(group=group, person=educator, status=Booking.Status.CONFIRMED)
    Booking.objects.create(group=group, person=mentor, status=Booking.Status.WAITING)
    assert list(materials_for(educator)) == [material]
    assert list(materials_for(mentor)) == []


def test_editors_choose_among_real_courses_and_groups(db):
    course = build_course().course
    assert (str(course.translation_key), course.title) in list(audiences.registered("course").choices())
    assert "group" in audiences.registered_kinds()
