"""Personal data held by courses/ (see privacy/registry.py): enrolments, progress, quizzes, reflections."""

from courses.models import Cohort, CoursePage, Enrolment, LessonPage, LessonProgress, QuizAttempt, Reflection


def _titles(model, keys) -> dict:
    return dict(
        model.objects.filter(translation_key__in=set(keys), locale__language_code="lv").values_list(
            "translation_key", "title"
        )
    )


def export(user) -> dict[str, list[dict]]:
    progress = list(LessonProgress.objects.filter(user=user).order_by("opened_at"))
    attempts = list(QuizAttempt.objects.filter(user=user).order_by("submitted_at"))
    reflections = list(Reflection.objects.filter(user=user).order_by("updated_at"))
    lessons = _titles(LessonPage, [p.lesson_key for p in progress + attempts + reflections])
    courses = _titles(CoursePage, [p.course_key for p in progress])
    return {
        "enrolments": [
            {
                "course": e.course.title,
                "how": str(e.get_source_display()),
                "cohort": e.cohort.name if e.cohort else "",
                "enrolled": e.enrolled_at,
                "completed": e.completed_at,
                "left": e.left_at,
            }
            for e in Enrolment.objects.filter(user=user).select_related("course", "cohort").order_by("enrolled_at")
        ],
        "lesson_progress": [
            {
                "course": courses.get(p.course_key, ""),
                "lesson": lessons.get(p.lesson_key, str(p.lesson_key)),
                "opened": p.opened_at,
                "completed": p.completed_at,
            }
            for p in progress
        ],
        "quiz_attempts": [
            {
                "lesson": lessons.get(a.lesson_key, str(a.lesson_key)),
                "score": a.score,
                "total": a.total,
                "passed": a.passed,
                "answers": a.answers,
                "submitted": a.submitted_at,
            }
            for a in attempts
        ],
        "reflections": [
            {"lesson": lessons.get(r.lesson_key, str(r.lesson_key)), "text": r.text, "updated": r.updated_at}
            for r in reflections
        ],
        "cohorts": [
            {"cohort": c.name, "starts": c.starts_on, "ends": c.ends_on}
            for c in Cohort.objects.filter(members=user).order_by("starts_on")
        ],
    }


def erase(user) -> dict[str, int]:
    """Reflections are the person's own words: deleted. Enrolments, progress and quiz scores stay,
    anonymous, for ESF+ entry dates and results."""
    return {"reflections": Reflection.objects.filter(user=user).delete()[0]}
