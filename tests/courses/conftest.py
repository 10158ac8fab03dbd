"""A course tree built with the plain ORM: index → course → modules → lessons, in Latvian (and English on demand)."""

from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage, LessonProgress, ModulePage
from pages.models import HomePage

QUIZ = {
    "title": "Pašpārbaude",
    "pass_mark": 50,
    "questions": [
        {
            "type": "single",
            "id": "q1",
            "value": {
                "question": "Kurš ir mentors?",
                "answers": [
                    {"text": "Uzticams pieaugušais", "correct": True, "feedback": "FEEDBACK-RIGHT"},
                    {"text": "Skolas direktors", "correct": False, "feedback": "FEEDBACK-WRONG"},
                ],
            },
        },
        {
            "type": "true_false",
            "id": "q2",
            "value": {
                "statement": "Mentors sola slepenību vienmēr.",
                "is_true": False,
                "feedback_true": "NĒ-TF",
                "feedback_false": "JĀ-TF",
            },
        },
    ],
}


def lesson_body(with_quiz: bool = False) -> list[dict]:
    body = [{"type": "paragraph", "id": "p1", "value": "<p>LESSON-CONTENT</p>"}]
    if with_quiz:
        body.append({"type": "quiz", "id": "quiz1", "value": QUIZ})
    body.append({"type": "reflection", "id": "refl1", "value": {"prompt": "Ko jūs darītu?"}})
    return body


@dataclass
class Tree:
    course: CoursePage
    modules: list[ModulePage] = field(default_factory=list)
    lessons: list[LessonPage] = field(default_factory=list)

    def lesson(self, index: int) -> LessonPage:
        return self.lessons[index]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_course(
    modules: int = 2,
    lessons_per_module: int = 2,
    *,
    quiz_lessons: tuple[int, ...] = (),
    locked_module: int | None = None,
    slug: str = "kurss",
    **course_fields,
) -> Tree:
    lv, _ = Locale.objects.get_or_create(language_code="lv")
    home = HomePage.objects.filter(locale=lv).first()
    if home is None:
        home = HomePage(title="Kopiena", slug="kopiena-home", locale=lv)
        Page.get_first_root_node().add_child(instance=home)
        publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
        else:
            site.root_page = home
            site.save()
    index = CourseIndexPage.objects.filter(locale=lv).first()
    if index is None:
        index = CourseIndexPage(title="Kursi", slug="kursi", locale=lv)
        home.add_child(instance=index)
        publish(index)
    defaults = {"summary": "Kursa apraksts.", "hours": 36, "self_enrolment": True}
    defaults.update(course_fields)
    course = CoursePage(title=f"Kurss {slug}", slug=slug, locale=lv, **defaults)
    index.add_child(instance=course)
    publish(course)
    tree = Tree(course=course)
    number = 0
    for m in range(modules):
        module = ModulePage(title=f"Modulis {m + 1}", slug=f"modulis-{m + 1}", locale=lv)
        course.add_child(instance=module)
        if locked_module == m and tree.modules:
            module.prerequisites.set([tree.modules[m - 1]])
        publish(module)
        tree.modules.append(module)
        for _ in range(lessons_per_module):
            lesson = LessonPage(
                title=f"Nodarbība {number + 1}",
                slug=f"nodarbiba-{number + 1}",
                locale=lv,
                body=lesson_body(with_quiz=number in quiz_lessons),
            )
            module.add_child(instance=lesson)
            tree.lessons.append(publish(lesson))
            number += 1
    return tree


def translate(page, language: str = "en", **fields):
    locale, _ = Locale.objects.get_or_create(language_code=language)
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)


def enrol_directly(user, course: CoursePage) -> Enrolment:
    return Enrolment.objects.create(
        user=user, course=course, course_key=course.translation_key, source=Enrolment.Source.COORDINATOR
    )


def mark_done(user, lesson: LessonPage, course: CoursePage) -> LessonProgress:
    """`user` opened `lesson` and marked it done, now."""
    now = timezone.now()
    return LessonProgress.objects.create(
        user=user,
        lesson_key=lesson.translation_key,
        course_key=course.translation_key,
        opened_at=now,
        completed_at=now,
        completed_how="marked",
    )


@pytest.fixture
def tree(db) -> Tree:
    """Two modules of two lessons; lesson 1 (index) holds a quiz; module 2 requires module 1."""
    return build_course(quiz_lessons=(1,), locked_module=1)


@pytest.fixture
def enrolled(mentor, tree) -> Enrolment:
    return enrol_directly(mentor, tree.course)


@pytest.fixture(autouse=True)
def _english_interface(request):
    """Assertions read the English interface; Latvian catalogues are checked by tests/lms/test_translations.py."""
    if "client" in request.fixturenames:
        request.getfixturevalue("client").cookies["kopiena_language"] = "en"
