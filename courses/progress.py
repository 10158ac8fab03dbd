"""The course outline with one person's progress: a fixed handful of queries however long the course."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from uuid import UUID

from django.core.cache import cache

from courses.models import CoursePage, LessonPage, LessonProgress, ModulePage
from pages.tree import tree_generation


def required_keys(lessons: Iterable) -> frozenset[UUID]:
    """The lessons a course requires, by translation key: those marked required, or every lesson
    when the course marks none. The one rule for progress bars, completion, cohorts and exports;
    a module whose lessons are all optional requires nothing."""
    lessons = list(lessons)
    required = {lesson.translation_key for lesson in lessons if lesson.required}
    return frozenset(required or {lesson.translation_key for lesson in lessons})


@dataclass
class LessonRow:
    lesson: LessonPage
    opened: bool = False
    done: bool = False
    locked: bool = False
    counts: bool = True  # required for completion (see required_keys)

    @property
    def status(self) -> str:
        if self.done:
            return "done"
        if self.locked:
            return "locked"
        return "opened" if self.opened else "new"


@dataclass
class ModuleRow:
    module: ModulePage
    lessons: list[LessonRow] = field(default_factory=list)
    missing: list[ModulePage] = field(default_factory=list)

    @property
    def locked(self) -> bool:
        return bool(self.missing)

    @property
    def required_rows(self) -> list[LessonRow]:
        return [row for row in self.lessons if row.counts]

    @property
    def is_done(self) -> bool:
        """Every required lesson done; a module of optional lessons only never holds anyone back."""
        return all(row.done for row in self.required_rows)

    @property
    def percent(self) -> int:
        """Shown beside the module: its required lessons, or all of them when none is required."""
        rows = self.required_rows or self.lessons
        return round(100 * sum(r.done for r in rows) / len(rows)) if rows else 0


@dataclass
class Outline:
    course: CoursePage
    modules: list[ModuleRow]

    def rows(self) -> list[LessonRow]:
        return [row for module in self.modules for row in module.lessons]

    @property
    def percent(self) -> int:
        count = self.required_count
        return round(100 * self.required_done / count) if count else 0

    @property
    def required_done(self) -> int:
        return sum(row.done for row in self.rows() if row.counts)

    @property
    def required_count(self) -> int:
        """What the bar counts (required lessons), so "n of m" and the percentage always agree."""
        return sum(row.counts for row in self.rows())

    @property
    def done_count(self) -> int:
        return sum(row.done for row in self.rows())

    @property
    def lesson_count(self) -> int:
        return len(self.rows())

    def next_lesson(self) -> LessonPage | None:
        """Continue where you left off: the first lesson not done and not locked."""
        for row in self.rows():
            if not row.done and not row.locked:
                return row.lesson
        return None

    def module_of(self, lesson: LessonPage) -> ModuleRow | None:
        for module in self.modules:
            if any(row.lesson.pk == lesson.pk for row in module.lessons):
                return module
        return None

    def neighbours(self, lesson: LessonPage) -> tuple[LessonPage | None, LessonPage | None]:
        rows = self.rows()
        for index, row in enumerate(rows):
            if row.lesson.pk == lesson.pk:
                before = rows[index - 1].lesson if index else None
                after = rows[index + 1].lesson if index + 1 < len(rows) else None
                return before, after
        return None, None


def completed_keys(user, course_key: UUID) -> tuple[set[UUID], set[UUID]]:
    opened, done = set(), set()
    for key, completed_at in LessonProgress.objects.filter(user=user, course_key=course_key).values_list(
        "lesson_key", "completed_at"
    ):
        opened.add(key)
        if completed_at:
            done.add(key)
    return opened, done


def _structure(course: CoursePage) -> tuple[list[ModulePage], list[LessonPage], list[tuple[int, UUID]]]:
    """The live modules and lessons of `course` and the modules' prerequisites: the same for everyone,
    so kept in the shared cache for the current page-tree generation (any page saved, published,
    unpublished, moved or deleted starts a new one)."""
    key = f"course-structure:{tree_generation()}:{course.pk}"
    structure = cache.get(key)
    if structure is None:
        modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
        lessons = list(
            LessonPage.objects.descendant_of(course)
            .live()
            .order_by("path")
            .only(
                "id", "path", "depth", "title", "slug", "url_path", "translation_key", "required", "locale_id", "live"
            )
        )
        through = ModulePage.prerequisites.through
        prerequisite_pairs = list(
            through.objects.filter(from_modulepage__in=[m.pk for m in modules]).values_list(
                "from_modulepage_id", "to_modulepage__translation_key"
            )
        )
        structure = (modules, lessons, prerequisite_pairs)
        cache.set(key, structure, timeout=24 * 3600)
    return structure


def outline(course: CoursePage, user=None) -> Outline:
    """Modules and lessons of `course` in order, with `user`'s progress and prerequisite locks: one query
    for the person's progress, and three for the course's structure when it is not in the cache."""
    modules, lessons, prerequisite_pairs = _structure(course)
    opened, done = completed_keys(user, course.translation_key) if user is not None else (set(), set())

    rows = {m.pk: ModuleRow(module=m) for m in modules}
    required = required_keys(lessons)
    for lesson in lessons:
        module = next((rows[m.pk] for m in modules if lesson.path.startswith(m.path)), None)
        if module is not None:
            key = lesson.translation_key
            module.lessons.append(
                LessonRow(lesson=lesson, opened=key in opened, done=key in done, counts=key in required)
            )

    by_key = {m.translation_key: rows[m.pk] for m in modules}
    for module_id, required_key in prerequisite_pairs:
        required = by_key.get(required_key)
        if required is not None and not required.is_done:
            rows[module_id].missing.append(required.module)
    for module in rows.values():
        if module.locked:
            for row in module.lessons:
                row.locked = not row.done
    return Outline(course=course, modules=[rows[m.pk] for m in modules])
