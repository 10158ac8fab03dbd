"""A lesson page and a course overview for a signed-in mentor, against the minimal signed-in view.

Dataset: 3 courses of 5 modules × 3 lessons (one quiz each module), 400 mentors spread over them
with progress from none to complete.
"""

import random

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from accounts.models import Organisation, User, UserRole
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage, LessonProgress, ModulePage
from pages.models import HomePage

MENTORS = 400
COURSES = 3
EMAIL = "bench-mentor-0@example.lv"
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
                    {"text": "Uzticams pieaugušais", "correct": True, "feedback": "Jā."},
                    {"text": "Skolas direktors", "correct": False, "feedback": "Nē."},
                ],
            },
        }
    ],
}
TEXT = "<p>" + "Mentors ieklausās, jautā un palīdz jaunietim atrast nākamo soli. " * 30 + "</p>"


READ_ONLY = True  # run() only loads pages: run.py repeats it for the memory figure


def _publish(page) -> None:
    page.save_revision().publish()


def _tree() -> list[CoursePage]:
    lv, _ = Locale.objects.get_or_create(language_code="lv")
    home = HomePage(title="Kopiena", slug="kopiena-bench", locale=lv)
    Page.get_first_root_node().add_child(instance=home)
    _publish(home)
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "127.0.0.1", "root_page": home})
    index = CourseIndexPage(title="Kursi", slug="kursi", locale=lv)
    home.add_child(instance=index)
    _publish(index)
    courses = []
    for c in range(COURSES):
        course = CoursePage(
            title=f"Programma {c + 1}", slug=f"programma-{c + 1}", summary="Apraksts.", hours=36, locale=lv
        )
        index.add_child(instance=course)
        _publish(course)
        previous = None
        for m in range(5):
            module = ModulePage(title=f"Modulis {m + 1}", slug=f"modulis-{m + 1}", locale=lv)
            course.add_child(instance=module)
            if previous is not None:
                module.prerequisites.set([previous])
            _publish(module)
            previous = module
            for n in range(3):
                body = [
                    {"type": "heading", "id": f"h{n}", "value": "Galvenais"},
                    {"type": "paragraph", "id": f"p{n}", "value": TEXT},
                    {"type": "reflection", "id": f"r{n}", "value": {"prompt": "Ko jūs darītu?"}},
                ]
                if n == 2:
                    body.append({"type": "quiz", "id": "quiz", "value": QUIZ})
                lesson = LessonPage(title=f"Nodarbība {m + 1}.{n + 1}", slug=f"nodarbiba-{n + 1}", locale=lv, body=body)
                module.add_child(instance=lesson)
                _publish(lesson)
        courses.append(course)
    return courses


def setup(ctx) -> None:
    courses = _tree()
    school = Organisation.objects.create(name="Bench skola novads", kind=Organisation.Kind.MUNICIPALITY)
    users = User.objects.bulk_create(
        [
            User(email=f"bench-mentor-{i}@example.lv", first_name="Mentors", last_name=str(i), organisation=school)
            for i in range(MENTORS)
        ]
    )
    UserRole.objects.bulk_create([UserRole(user=u, role="mentor") for u in users])
    lessons = {c.pk: list(LessonPage.objects.descendant_of(c).order_by("path")) for c in courses}
    random.seed(7)
    enrolments, progress = [], []
    now = timezone.now()
    for i, user in enumerate(users):
        course = courses[i % COURSES]
        enrolments.append(Enrolment(user=user, course=course, course_key=course.translation_key, source="cohort"))
        done = 7 if i == 0 else random.randint(0, 15)
        for number, lesson in enumerate(lessons[course.pk][: done + 1]):
            progress.append(
                LessonProgress(
                    user=user,
                    lesson_key=lesson.translation_key,
                    course_key=course.translation_key,
                    opened_at=now,
                    completed_at=now if number < done else None,
                )
            )
    Enrolment.objects.bulk_create(enrolments)
    LessonProgress.objects.bulk_create(progress)
    mentor_course = courses[0]
    ctx.env["BENCH_COURSES_LESSON"] = lessons[mentor_course.pk][7].url_path
    ctx.env["BENCH_COURSES_OVERVIEW"] = mentor_course.url_path


def _public_path(url_path: str) -> str:
    # url_path includes the site root's slug: /kopiena-bench/kursi/... → /kursi/...
    return "/" + url_path.strip("/").split("/", 1)[1] + "/"


def run(ctx) -> None:
    for label, key in (("lesson page", "BENCH_COURSES_LESSON"), ("course overview", "BENCH_COURSES_OVERVIEW")):
        path = _public_path(ctx.env[key])
        result = ctx.wrk(path, user_email=EMAIL)
        if result.non_2xx or result.errors:
            print(f"  {label} {path}: {result.non_2xx} non-2xx answers, {result.errors} errors", flush=True)
        ctx.report(f"{label} throughput (mentor, 400 mentors in 3 courses)", result.rps, "req/s", ctx.baseline.rps)
        ctx.report(f"{label} p95 latency", result.p95_ms, "ms", ctx.baseline.p95_ms)
