"""The rules of enrolment, progress, quizzes and completion. Views, admin and imports call these."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.models import User
from accounts.services import resolve_organisation
from courses.access import lesson_verdict
from courses.blocks import QuizInputError, grade_quiz, reflection_ids_in
from courses.models import (
    Cohort,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    Reflection,
)
from courses.progress import required_keys
from courses.signals import course_completed
from lms.csvimport import Preview, read_rows

MESSAGES = {
    "already_enrolled": gettext_lazy("This person is already enrolled in the course."),
    "enrolment_closed": gettext_lazy("Enrolment in this course is not open now."),
    "not_allowed": gettext_lazy("You may not enrol this person."),
    "not_enrolled": gettext_lazy("You are not enrolled in this course."),
    "not_opened": gettext_lazy("Open and read the lesson before marking it as done."),
    "quiz_required": gettext_lazy("This lesson is completed by passing its quiz."),
    "locked": gettext_lazy("Finish the earlier modules first."),
    "unknown_quiz": gettext_lazy("This quiz is not in the lesson."),
    "unknown_question": gettext_lazy("The answers do not match this quiz's questions; reload the page and try again."),
    "unknown_answer": gettext_lazy("One of the answers is not among the choices; reload the page and try again."),
    "too_many_answers": gettext_lazy("Choose one answer for single-choice and true-or-false questions."),
    "unanswered": gettext_lazy("Answer every question before submitting."),
    "bad_token": gettext_lazy("The form has expired; reload the page and try again."),
    "unknown_prompt": gettext_lazy("This reflection prompt is not in the lesson."),
    "empty_reflection": gettext_lazy("Write your answer before saving."),
    "already_left": gettext_lazy("You have already left this course."),
}


class CourseError(Exception):
    def __init__(self, code: str):
        self.code = code
        self.message = str(MESSAGES[code])
        super().__init__(self.message)


# --- Completion: the one place a course is decided complete -------------------------------------


@dataclass(frozen=True)
class CompletionFacts:
    """What a rule may look at. Later rules (e.g. supervision attendance) add fields here."""

    required_lessons: frozenset[UUID]
    completed_lessons: frozenset[UUID]


class LessonsRule:
    """Every required lesson completed; a lesson with a quiz completes only when its quiz is passed."""

    code = "lessons"
    version = 1

    def is_met(self, facts: CompletionFacts) -> bool:
        return bool(facts.required_lessons) and facts.required_lessons <= facts.completed_lessons

    @property
    def label(self) -> str:
        return f"{self.code}/v{self.version}"


COMPLETION_RULES = {LessonsRule.code: LessonsRule()}


def course_required_keys(course: CoursePage) -> frozenset[UUID]:
    """The required lessons of `course` (see courses.progress.required_keys), in one query."""
    lessons = LessonPage.objects.descendant_of(course).live().only("translation_key", "required")
    return required_keys(lessons)


def completion_facts(enrolment: Enrolment) -> CompletionFacts:
    required = course_required_keys(enrolment.course)
    completed = set(
        LessonProgress.objects.filter(
            user_id=enrolment.user_id, course_key=enrolment.course_key, completed_at__isnull=False
        ).values_list("lesson_key", flat=True)
    )
    return CompletionFacts(required_lessons=required, completed_lessons=frozenset(completed))


@dataclass(frozen=True)
class CourseState:
    """Where a person stands in a course, for pages that show it (never written)."""

    enrolled: bool
    completed_on: date | None
    required_done: int
    required_count: int

    @property
    def percent(self) -> int:
        return round(100 * self.required_done / self.required_count) if self.required_count else 0


def course_states(people_ids: list[int], course: CoursePage) -> dict[int, CourseState]:
    """Each person's state in `course` (any translation): three queries for any number of people."""
    required = course_required_keys(course)
    done: dict[int, int] = {}
    for user_id, key in LessonProgress.objects.filter(
        user_id__in=people_ids, course_key=course.translation_key, completed_at__isnull=False
    ).values_list("user_id", "lesson_key"):
        if key in required:
            done[user_id] = done.get(user_id, 0) + 1
    enrolments: dict[int, Enrolment] = {}
    for enrolment in Enrolment.objects.filter(user_id__in=people_ids, course_key=course.translation_key).order_by(
        "enrolled_at"
    ):
        # A completed enrolment wins over a later one; otherwise the latest counts.
        kept = enrolments.get(enrolment.user_id)
        if kept is None or kept.completed_at is None:
            enrolments[enrolment.user_id] = enrolment
    states = {}
    for person_id in people_ids:
        enrolment = enrolments.get(person_id)
        completed = enrolment.completed_at if enrolment else None
        states[person_id] = CourseState(
            enrolled=enrolment is not None,
            completed_on=timezone.localdate(completed) if completed else None,
            required_done=done.get(person_id, 0),
            required_count=len(required),
        )
    return states


@transaction.atomic
def evaluate_completion(enrolment: Enrolment) -> bool:
    """Decide whether the course is complete for this enrolment, under the course's completion rule.

    Forward-only: a completed enrolment stays completed whatever later happens to the course; the
    row keeps the date and the rule version that applied. Returns whether it is complete.
    """
    enrolment = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    if enrolment.completed_at is not None:
        return True
    rule = COMPLETION_RULES[enrolment.course.completion_rule]
    if not rule.is_met(completion_facts(enrolment)):
        return False
    enrolment.completed_at = timezone.now()
    enrolment.completion_rule = rule.label
    enrolment.save(update_fields=["completed_at", "completion_rule"])
    course_completed.send(sender=Enrolment, enrolment=enrolment)
    return True


# --- Enrolment ------------------------------------------------------------------------------------


@transaction.atomic
def enrol(person: User, course: CoursePage, *, by: User, source: str, cohort: Cohort | None = None) -> Enrolment:
    """Enrol `person` in `course` (in all its languages).

    Self-enrolment needs the course to allow it today; others may enrol only people they coordinate.
    Raises CourseError: "enrolment_closed", "not_allowed", "already_enrolled".
    """
    if by.pk == person.pk and source == Enrolment.Source.SELF:
        if not course.self_enrolment_open():
            raise CourseError("enrolment_closed")
    elif not permissions.people_visible_to(by).filter(pk=person.pk).exists():
        raise CourseError("not_allowed")
    User.objects.select_for_update().filter(pk=person.pk).first()
    if Enrolment.objects.active().for_course(course).filter(user=person).exists():
        raise CourseError("already_enrolled")
    return Enrolment.objects.create(
        user=person,
        course=course,
        course_key=course.translation_key,
        cohort=cohort,
        source=source,
        enrolled_by=by,
        last_activity_at=None,
    )


@transaction.atomic
def leave(enrolment: Enrolment, *, by: User) -> Enrolment:
    """End an enrolment; the row, lesson progress and quiz attempts stay. Raises CourseError "already_left"."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.left_at is not None:
        raise CourseError("already_left")
    if by.pk != enrolment.user_id and not permissions.people_visible_to(by).filter(pk=enrolment.user_id).exists():
        raise CourseError("not_allowed")
    enrolment.left_at = timezone.now()
    enrolment.save(update_fields=["left_at"])
    return enrolment


# --- Progress -------------------------------------------------------------------------------------


ACTIVITY_RESOLUTION = timedelta(minutes=5)


def _touch(enrolment: Enrolment | None, *, reading: bool = False) -> None:
    """Note activity; merely reading refreshes it at most every few minutes, so reading does not write."""
    if enrolment is None:
        return
    now = timezone.now()
    last = enrolment.last_activity_at
    if reading and last is not None and now - last < ACTIVITY_RESOLUTION:
        return
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
    enrolment.last_activity_at = now


def open_lesson(
    person: User, lesson: LessonPage, course: CoursePage, enrolment: Enrolment, *, known_opened: bool = False
) -> None:
    """Record that the person opened the lesson (any translation of it).

    `known_opened` says the caller already read the progress row, so no query is needed to find it.
    """
    now = timezone.now()
    if known_opened:
        _touch(enrolment, reading=True)
        return
    try:
        with transaction.atomic():
            LessonProgress.objects.get_or_create(
                user=person,
                lesson_key=lesson.translation_key,
                defaults={"course_key": course.translation_key, "opened_at": now},
            )
    except IntegrityError:  # a parallel request recorded it first
        pass
    _touch(enrolment, reading=True)


def _verdict(person: User, lesson: LessonPage):

    verdict = lesson_verdict(person, lesson)
    if verdict.enrolment is None:
        raise CourseError("not_enrolled")
    if verdict.reason == "locked":
        raise CourseError("locked")
    return verdict


def _complete(person: User, lesson: LessonPage, how: str, verdict) -> LessonProgress:
    progress = LessonProgress.objects.select_for_update().filter(user=person, lesson_key=lesson.translation_key).first()
    if progress is None:
        raise CourseError("not_opened")
    if progress.completed_at is None:
        progress.completed_at = timezone.now()
        progress.completed_how = how
        progress.save(update_fields=["completed_at", "completed_how"])
    _touch(verdict.enrolment)
    evaluate_completion(verdict.enrolment)
    return progress


@transaction.atomic
def complete_lesson(person: User, lesson: LessonPage) -> LessonProgress:
    """Mark a lesson done; only after it was opened, and never for a lesson completed by its quiz.

    Raises CourseError: "not_enrolled", "locked", "not_opened", "quiz_required".
    """
    verdict = _verdict(person, lesson)
    if lesson.has_quiz:
        raise CourseError("quiz_required")
    return _complete(person, lesson, LessonProgress.How.MARKED, verdict)


@transaction.atomic
def submit_quiz(
    person: User, lesson: LessonPage, quiz_id: str, answers: dict[str, list[str]], token: str
) -> tuple[QuizAttempt, bool]:
    """Grade an attempt on the server and keep it. The same form token twice gives back the first attempt.

    The lesson is completed when every quiz in it has a passed attempt. Returns (attempt, created).
    Raises CourseError: "not_enrolled", "locked", "not_opened", "unknown_quiz", "bad_token",
    "unknown_question", "unknown_answer", "too_many_answers", "unanswered".
    """
    try:
        token_uuid = uuid.UUID(str(token))
    except ValueError:
        raise CourseError("bad_token") from None
    verdict = _verdict(person, lesson)
    existing = QuizAttempt.objects.filter(user=person, token=token_uuid).first()
    if existing is not None:
        return existing, False
    quiz = next((q for q in lesson.quizzes if q.id == quiz_id), None)
    if quiz is None:
        raise CourseError("unknown_quiz")
    if not LessonProgress.objects.filter(user=person, lesson_key=lesson.translation_key).exists():
        raise CourseError("not_opened")
    try:
        grading = grade_quiz(quiz, answers)
    except QuizInputError as error:
        raise CourseError(error.code) from None
    # Users are locked so two parallel submissions of one form cannot both pass the token check.
    User.objects.select_for_update().filter(pk=person.pk).first()
    existing = QuizAttempt.objects.filter(user=person, token=token_uuid).first()
    if existing is not None:
        return existing, False
    attempt = QuizAttempt.objects.create(
        user=person,
        lesson_key=lesson.translation_key,
        quiz_id=quiz.id,
        token=token_uuid,
        answers=answers,
        results=grading.results,
        score=grading.score,
        total=grading.total,
        pass_mark=quiz.pass_mark,
        passed=grading.passed,
    )
    passed = set(
        QuizAttempt.objects.filter(user=person, lesson_key=lesson.translation_key, passed=True).values_list(
            "quiz_id", flat=True
        )
    )
    if {q.id for q in lesson.quizzes} <= passed:
        _complete(person, lesson, LessonProgress.How.QUIZ, verdict)
    else:
        _touch(verdict.enrolment)
    return attempt, True


@transaction.atomic
def save_reflection(person: User, lesson: LessonPage, block_id: str, text: str) -> Reflection:
    """Keep the person's answer to a reflection prompt. Raises CourseError: "not_enrolled", "locked",
    "unknown_prompt", "empty_reflection"."""

    _verdict(person, lesson)
    if block_id not in reflection_ids_in(lesson.body):
        raise CourseError("unknown_prompt")
    text = text.strip()
    if not text:
        raise CourseError("empty_reflection")
    reflection, _created = Reflection.objects.update_or_create(
        user=person, lesson_key=lesson.translation_key, block_id=block_id, defaults={"text": text}
    )
    return reflection


# --- Cohorts and bulk enrolment -------------------------------------------------------------------


@transaction.atomic
def add_to_cohort(cohort: Cohort, people: list[User], *, by: User, source: str = Enrolment.Source.COHORT) -> int:
    """Add people to a cohort and enrol them in its course; those already enrolled stay as they are.

    All or nothing. Raises CourseError "not_allowed" when one of them is outside `by`'s scope.
    Returns the number of new enrolments.
    """
    visible = set(permissions.people_visible_to(by).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    if any(p.pk not in visible for p in people):
        raise CourseError("not_allowed")
    cohort.members.add(*people)
    enrolled = set(
        Enrolment.objects.active().for_course(cohort.course).filter(user__in=people).values_list("user_id", flat=True)
    )
    count = 0
    for person in people:
        if person.pk not in enrolled:
            enrol(person, cohort.course, by=by, source=source, cohort=cohort)
            count += 1
    return count


CSV_COLUMNS = {
    "email": ("e-pasts", "epasts", "e-mail", "email address"),
    "name": ("vārds", "vards", "vārds, uzvārds", "full name"),
    "organisation": ("organizācija", "organizacija", "iestāde", "skola", "school"),
}


def preview_enrolment_csv(uploaded, cohort: Cohort, *, by: User) -> Preview:
    """Check every row (email, name, organisation) of an enrolment file without saving anything.

    A row must name a person who has an account, within `by`'s municipalities; the organisation, when
    given, must be theirs. Raises lms.csvimport.CSVFormatError when the file as a whole is unreadable.
    """
    rows = read_rows(uploaded, CSV_COLUMNS, required={"email"})
    emails = [r.values["email"].strip().lower() for r in rows]
    people = {u.email: u for u in User.objects.filter(email__in=emails).select_related("organisation")}
    visible = set(permissions.people_visible_to(by).filter(email__in=emails).values_list("email", flat=True))
    enrolled = set(
        Enrolment.objects.active()
        .for_course(cohort.course)
        .filter(user__email__in=emails)
        .values_list("user__email", flat=True)
    )
    seen: dict[str, int] = {}
    for row in rows:
        email = row.values["email"].strip().lower()
        row.values["email"] = email
        try:
            validate_email(email)
        except ValidationError:
            row.errors.append(_("“%(email)s” is not a valid email address.") % {"email": email})
            continue
        if email in seen:
            row.errors.append(_("Same email as row %(line)d.") % {"line": seen[email]})
            continue
        seen[email] = row.line
        person = people.get(email)
        if person is None:
            row.errors.append(_("Nobody has an account with this address; invite the person first."))
            continue
        if email not in visible:
            row.errors.append(_("This person is outside the municipalities you coordinate."))
            continue
        organisation_name = row.values.get("organisation", "")
        if organisation_name:
            organisation, error = resolve_organisation(organisation_name, by)
            if error:
                row.errors.append(error)
            elif organisation != person.organisation:
                row.errors.append(
                    _("This person belongs to “%(organisation)s”, not “%(named)s”.")
                    % {"organisation": person.organisation or "—", "named": organisation}
                )
        row.values["person_name"] = person.get_full_name() or email
        row.values["status"] = str(_("already enrolled")) if email in enrolled else str(_("will be enrolled"))
    return Preview(rows=rows)


def import_enrolments(emails: list[str], cohort: Cohort, *, by: User) -> int:
    """Add every previewed person to the cohort and enrol them, or nobody. Raises CourseError."""
    people = list(User.objects.filter(email__in=emails))
    if len(people) != len(set(emails)):
        raise CourseError("not_allowed")
    return add_to_cohort(cohort, people, by=by, source=Enrolment.Source.CSV)


def can_manage_cohort(user: User, cohort: Cohort) -> bool:
    return Cohort.objects.visible_to(user).filter(pk=cohort.pk).exists()
