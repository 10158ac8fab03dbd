"""Who may read a course's lessons. Every lesson view, lesson action and lesson file asks here."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.http import Http404, HttpRequest

from accounts import permissions
from courses.models import CoursePage, Enrolment, LessonPage, ModulePage
from courses.progress import Outline, outline
from pages.tree import tree_generation


@dataclass
class CourseAccess:
    course: CoursePage
    enrolment: Enrolment | None
    is_editor: bool = False
    is_preview: bool = False

    @property
    def can_read_lessons(self) -> bool:
        return self.enrolment is not None or self.is_editor or self.is_preview


@dataclass
class LessonVerdict:
    """`reason` is one of: ok, anonymous, not_enrolled, locked."""

    lesson: LessonPage
    course: CoursePage
    module: ModulePage | None
    reason: str
    enrolment: Enrolment | None = None
    outline: Outline | None = None
    missing: list[ModulePage] = field(default_factory=list)
    is_editor: bool = False

    @property
    def allowed(self) -> bool:
        return self.reason == "ok"


def active_enrolment(user, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.active().for_course(course).filter(user=user).first()


def course_access(request: HttpRequest, course: CoursePage) -> CourseAccess:
    user = request.user
    return CourseAccess(
        course=course,
        enrolment=active_enrolment(user, course),
        is_editor=permissions.can_edit_content(user),
        is_preview=bool(getattr(request, "is_preview", False)),
    )


def course_of(lesson: LessonPage) -> CoursePage:
    """The lesson's course, kept in the shared cache for the current page-tree generation."""
    key = f"course-of:{tree_generation()}:{lesson.pk}"
    course = cache.get(key)
    if course is None:
        course = CoursePage.objects.ancestor_of(lesson).first()
        if course is None:
            raise Http404
        cache.set(key, course, timeout=24 * 3600)
    return course


def lesson_verdict(user, lesson: LessonPage, *, preview: bool = False) -> LessonVerdict:
    """Decide whether `user` may open `lesson`: enrolled and not locked, an editor, or a preview."""
    course = course_of(lesson)
    is_editor = permissions.can_edit_content(user)
    enrolment = active_enrolment(user, course)
    course_outline = outline(course, user if enrolment else None)
    module_row = course_outline.module_of(lesson)
    module = module_row.module if module_row else None
    verdict = LessonVerdict(
        lesson=lesson, course=course, module=module, reason="ok", enrolment=enrolment, outline=course_outline
    )
    verdict.is_editor = is_editor
    if preview or is_editor:
        return verdict
    if not user.is_authenticated:
        verdict.reason = "anonymous"
    elif enrolment is None:
        verdict.reason = "not_enrolled"
    elif module_row is not None and module_row.locked:
        row = next(r for r in module_row.lessons if r.lesson.pk == lesson.pk)
        if not row.done:
            verdict.reason = "locked"
            verdict.missing = module_row.missing
    return verdict


def lesson_access(request: HttpRequest, lesson: LessonPage) -> LessonVerdict:
    """The verdict for this request, computed once and reused by serve() and get_context()."""
    cache = request.__dict__.setdefault("_lesson_verdicts", {})
    if lesson.pk not in cache:
        cache[lesson.pk] = lesson_verdict(request.user, lesson, preview=bool(getattr(request, "is_preview", False)))
    return cache[lesson.pk]


# Page ids are 64-bit; a larger number in a URL names nothing (and must not reach the database).
MAX_ID = 2**63 - 1


def get_lesson_for_user(request: HttpRequest, pk: int) -> tuple[LessonPage, LessonVerdict]:
    """A live lesson the current person may work in, or 404 (no hint that it exists)."""
    if not 0 < pk <= MAX_ID:
        raise Http404
    lesson = LessonPage.objects.live().filter(pk=pk).first()
    if lesson is None:
        raise Http404
    verdict = lesson_access(request, lesson)
    if not verdict.allowed:
        raise Http404
    return lesson, verdict


def get_course_for_user(request: HttpRequest, pk: int) -> CoursePage:
    """A live, public course (overviews are public), or 404."""
    if not 0 < pk <= MAX_ID:
        raise Http404
    course = CoursePage.objects.live().public().filter(pk=pk).first()
    if course is None:
        raise Http404
    return course
