"""{% course_outline outline show_progress=… can_open=… current=page %}: a course's contents with one
person's progress, as on the course page and beside every lesson.

The HTML is kept in the shared cache under a digest of everything it shows: the language, the site
(which decides the links), the page-tree generation (the modules' and lessons' titles and URLs come
from the tree) and each module's and lesson's state as worked out for this request. A kept outline is
therefore only ever the outline those very states render: two people at the same point of a course
share one entry, a step forward asks for another, and nothing in it names the person.
"""

from django import template
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

from courses.progress import Outline
from lms.cache import digest
from pages.routing import site_for_request
from pages.tree import TIMEOUT, tree_generation

register = template.Library()

TEMPLATE = "courses/includes/outline.html"


def outline_key(outline: Outline, *, show_progress: bool, can_open: bool, current_pk: int | None, site_pk) -> str:
    modules = tuple(
        (
            module.module.pk,
            module.percent,
            tuple(required.pk for required in module.missing),
            tuple((row.lesson.pk, row.status, row.locked) for row in module.lessons),
        )
        for module in outline.modules
    )
    shown = (translation.get_language(), site_pk, tree_generation(), outline.course.pk)
    return "course-outline:" + digest(*shown, show_progress, can_open, current_pk, modules)


@register.simple_tag(takes_context=True)
def course_outline(context, outline: Outline, *, show_progress=False, can_open=False, current=None) -> str:
    request = context.get("request")
    site = site_for_request(request) if request is not None else None
    values = {"outline": outline, "show_progress": bool(show_progress), "can_open": bool(can_open), "current": current}
    key = outline_key(
        outline,
        show_progress=values["show_progress"],
        can_open=values["can_open"],
        current_pk=current.pk if current is not None else None,
        site_pk=site.pk if site is not None else None,
    )
    html = cache.get(key)
    if html is None:
        # The included template alone, without the page's context processors.
        html = context.template.engine.get_template(TEMPLATE).render(context.new({**values, "request": request}))
        cache.set(key, html, timeout=TIMEOUT)
    return mark_safe(html)
