from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex

from courses.access import lesson_verdict
from courses.models import LessonPage


@hooks.register("before_serve_document")
def lessons_guard_their_documents(document, request):
    """A document a lesson links to is served only to people who may open one of those lessons."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    lesson_ids = [int(object_id) for object_id in references.values_list("object_id", flat=True)]
    lessons = list(LessonPage.objects.filter(pk__in=lesson_ids))
    if not lessons:
        return None
    for lesson in lessons:
        if lesson_verdict(request.user, lesson).allowed:
            return None
    return HttpResponse(
        _("This document belongs to a course lesson you cannot open."),
        status=403,
        content_type="text/plain; charset=utf-8",
    )
