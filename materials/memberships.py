"""Audience kinds that come from other apps: people enrolled in a course, members of a supervision group."""

from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Enrolment
from materials import audiences
from scheduling.models import Booking, SupervisionGroup


def _course_keys(user):

    return [str(k) for k in Enrolment.objects.active().filter(user=user).values_list("course_key", flat=True)]


def _course_choices():
    from django.conf import settings

    courses = CoursePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")
    return [(str(c.translation_key), c.title) for c in courses.only("title", "translation_key")]


def _group_keys(user):

    confirmed = Booking.objects.filter(person=user, status=Booking.Status.CONFIRMED)
    return [str(pk) for pk in confirmed.values_list("group_id", flat=True)]


def _group_choices():

    return [(str(g.pk), str(g)) for g in SupervisionGroup.objects.order_by("-school_year", "title")]


def register_all() -> None:
    audiences.register(
        "course",
        label=_("People enrolled in a course"),
        keys_for=_course_keys,
        choices=_course_choices,
    )
    audiences.register(
        "group",
        label=_("Members of a supervision group"),
        keys_for=_group_keys,
        choices=_group_choices,
    )
