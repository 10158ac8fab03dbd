"""What a lesson page shows besides its body: outline, progress, quiz state, reflections."""

import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import translation
from django.utils.safestring import mark_safe

from courses import access, services
from courses.blocks import Quiz, reflection_ids_in
from courses.models import LessonPage, QuizAttempt, Reflection
from pages.tree import tree_generation


@dataclass
class QuizState:
    quiz: Quiz
    token: str
    latest: QuizAttempt | None
    attempts: int
    passed: bool
    draft: dict[str, list[str]] = field(default_factory=dict)

    def questions(self) -> list[tuple]:
        """Each question with its options and whether the person had ticked them in a refused submission."""
        return [
            (question, [(option, option.key in self.draft.get(question.id, [])) for option in question.options])
            for question in self.quiz.questions
        ]


def draft_key(lesson_pk: int, quiz_id: str) -> str:
    return f"quiz-draft-{lesson_pk}-{quiz_id}"


PERSONAL_BLOCKS = frozenset({"quiz", "reflection"})
BODY_TIMEOUT = 3600


def shared_blocks_html(lesson: LessonPage, *, preview: bool = False) -> list[str | None]:
    """The HTML of the lesson's blocks that are the same for everyone, in body order (None for quizzes
    and reflections, which hold a person's answers and are rendered per request): rendered once per
    published revision, language and page-tree generation and kept in the shared cache. A preview (a
    draft) and a page never published are rendered afresh and not kept."""
    cacheable = not preview and lesson.live_revision_id is not None
    key = f"lesson-body:{lesson.pk}:{lesson.live_revision_id}:{translation.get_language()}:{tree_generation()}"
    html = cache.get(key) if cacheable else None
    if html is None:
        html = [
            None if block.block_type in PERSONAL_BLOCKS else str(block.render(context={"page": lesson, "self": lesson}))
            for block in lesson.body
        ]
        if cacheable:
            cache.set(key, html, timeout=BODY_TIMEOUT)
    return [None if part is None else mark_safe(part) for part in html]


def build(request: HttpRequest, lesson: LessonPage) -> dict:
    verdict = access.lesson_access(request, lesson)
    outline = verdict.outline
    user = request.user
    enrolled = verdict.enrolment is not None
    attempts: list[QuizAttempt] = []
    reflections: dict[str, Reflection] = {}
    row = None
    if outline is not None:
        row = next((r for module in outline.modules for r in module.lessons if r.lesson.pk == lesson.pk), None)
    if enrolled:
        known = row is not None and row.opened
        services.open_lesson(user, lesson, verdict.course, verdict.enrolment, known_opened=known)
        if row is not None:
            row.opened = True
        if lesson.quizzes:
            attempts = list(QuizAttempt.objects.filter(user=user, lesson_key=lesson.translation_key))
        if reflection_ids_in(lesson.body):
            mine = Reflection.objects.filter(user=user, lesson_key=lesson.translation_key)
            reflections = {r.block_id: r for r in mine}

    quiz_states = {}
    for quiz in lesson.quizzes:
        mine = [a for a in attempts if a.quiz_id == quiz.id]
        quiz_states[quiz.id] = QuizState(
            quiz=quiz,
            token=str(uuid.uuid4()),
            latest=mine[0] if mine else None,
            attempts=len(mine),
            passed=any(a.passed for a in mine),
            draft=request.session.pop(draft_key(lesson.pk, quiz.id), {}) if enrolled else {},
        )
    shared = shared_blocks_html(lesson, preview=bool(getattr(request, "is_preview", False)))
    body_items = []
    for block, html in zip(lesson.body, shared, strict=True):
        extra = None
        if block.block_type == "quiz":
            extra = quiz_states.get(block.id)
        elif block.block_type == "reflection":
            extra = reflections.get(block.id)
        body_items.append((block, extra, html))

    previous_lesson, next_lesson = outline.neighbours(lesson) if outline else (None, None)
    return {
        "crumbs": _crumbs(verdict.course, verdict.module),
        "verdict": verdict,
        "course": verdict.course,
        "module": verdict.module,
        "outline": outline,
        "lesson_row": row,
        "enrolled": enrolled,
        "body_items": body_items,
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
    }


def _crumbs(course, module) -> list[tuple[str, str]]:
    """The way back, as on the course page: the pages above the course and the course (worked out once
    per page-tree generation), then the lesson's module, which lives as a section of the course page."""
    key = f"course-trail:{tree_generation()}:{course.pk}"
    trail = cache.get(key)
    if trail is None:
        trail = [(page.title, page.url) for page in course.get_ancestors().filter(depth__gt=1)]
        trail.append((course.title, course.url))
        cache.set(key, trail, timeout=24 * 3600)
    crumbs = list(trail)
    if module is not None:
        course_url = trail[-1][1]
        crumbs.append((module.title, f"{course_url}#module-{module.pk}"))
    return crumbs
