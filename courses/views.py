from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.models import User
from courses import access, services
from courses.forms import AddMemberForm, CohortForm, EnrolmentCSVForm
from courses.lesson_context import draft_key
from courses.models import Cohort, Enrolment, LessonPage, LessonProgress, Reflection
from courses.progress import outline
from lms import downloads
from lms.csvimport import CSVFormatError, Staging

PREVIEW_SESSION_KEY = "enrolment_csv_preview"


# --- Mentor side --------------------------------------------------------------------------------


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    """Mana mācīšanās: courses in progress and completed, each with its bar and next lesson."""
    enrolments = Enrolment.objects.filter(user=request.user).select_related("course", "course__locale")
    active, history = [], []
    for enrolment in enrolments:
        if enrolment.left_at is not None:
            history.append(enrolment)
            continue
        course = enrolment.course.localized
        course_outline = outline(course, request.user)
        active.append({"enrolment": enrolment, "course": course, "outline": course_outline})
    return render(request, "courses/my_learning.html", {"active": active, "history": history})


@login_required
@require_POST
def course_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    course = access.get_course_for_user(request, pk)
    try:
        services.enrol(request.user, course, by=request.user, source=Enrolment.Source.SELF)
    except services.CourseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(course.url)


@login_required
def course_leave(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation and says what stays; POST ends the enrolment."""
    course = access.get_course_for_user(request, pk)
    enrolment = access.active_enrolment(request.user, course)
    if enrolment is None:
        raise Http404
    if request.method != "POST":
        return render(request, "courses/leave.html", {"course": course.localized, "enrolment": enrolment})
    services.leave(enrolment, by=request.user)
    messages.success(request, _("You have left the course. Your progress is kept if you return."))
    return redirect("my_learning")


@login_required
@require_POST
def lesson_complete(request: HttpRequest, pk: int) -> HttpResponse:
    lesson, verdict = access.get_lesson_for_user(request, pk)
    try:
        services.complete_lesson(request.user, lesson)
    except services.CourseError as error:
        messages.error(request, error.message)
        return redirect(lesson.url)
    messages.success(request, _("Lesson completed."))
    _previous, following = verdict.outline.neighbours(lesson)
    return redirect(following.url if following else verdict.course.url)


def _answers_from(post) -> dict[str, list[str]]:
    answers: dict[str, list[str]] = {}
    for name in post:
        if name.startswith("q-"):
            answers[name[2:]] = [v for v in post.getlist(name) if v]
    return answers


@login_required
@require_POST
def quiz_submit(request: HttpRequest, pk: int, quiz_id: str) -> HttpResponse:
    lesson, _verdict = access.get_lesson_for_user(request, pk)
    answers = _answers_from(request.POST)
    try:
        attempt, created = services.submit_quiz(request.user, lesson, quiz_id, answers, request.POST.get("token", ""))
    except services.CourseError as error:
        messages.error(request, error.message)
        # Keep what was ticked so the person does not answer everything again.
        request.session[draft_key(lesson.pk, quiz_id)] = answers
    else:
        if not created:
            messages.info(request, _("This attempt was already submitted; here is its result."))
        elif attempt.passed:
            messages.success(
                request, _("Quiz passed: %(score)d of %(total)d.") % {"score": attempt.score, "total": attempt.total}
            )
        else:
            messages.warning(
                request,
                _("Not passed yet: %(score)d of %(total)d. Read the feedback and try again.")
                % {"score": attempt.score, "total": attempt.total},
            )
    return redirect(f"{lesson.url}#quiz-{quiz_id}")


@login_required
@require_POST
def reflection_save(request: HttpRequest, pk: int, block_id: str) -> HttpResponse:
    lesson, _verdict = access.get_lesson_for_user(request, pk)
    try:
        services.save_reflection(request.user, lesson, block_id, request.POST.get("text", ""))
    except services.CourseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your reflection is saved."))
    return redirect(f"{lesson.url}#reflection-{block_id}")


# --- Coordinator side ---------------------------------------------------------------------------


def _require_coordinator(request: HttpRequest) -> None:
    if not permissions.can_coordinate(request.user):
        raise Http404


def _get_cohort_for_user(request: HttpRequest, pk: int, *, manage: bool = True) -> Cohort:
    """A cohort the person coordinates (or, with manage=False, also one they train), or 404."""
    cohorts = Cohort.objects.visible_to(request.user)
    if not manage:
        cohorts = Cohort.objects.filter(Q(pk__in=cohorts.values("pk")) | Q(trainer=request.user))
    cohort = cohorts.select_related("course", "municipality", "trainer").filter(pk=pk).first()
    if cohort is None:
        raise Http404
    return cohort


@login_required
def cohorts(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = CohortForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        cohort = form.save(commit=False)
        cohort.created_by = request.user
        cohort.save()
        messages.success(request, _("Cohort “%(name)s” created. Now add its members.") % {"name": cohort.name})
        return redirect("cohort_detail", pk=cohort.pk)
    listing = Cohort.objects.visible_to(request.user).select_related("course", "municipality")
    return render(request, "courses/cohorts.html", {"form": form, "cohorts": listing})


@dataclass
class MemberRow:
    person: User
    enrolment: Enrolment | None
    done: int
    total: int
    last_activity: datetime | None

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def cohort_rows(cohort: Cohort) -> list[MemberRow]:
    """Each member's progress in the cohort's course: a fixed number of queries for any cohort size."""
    required = services.course_required_keys(cohort.course)
    members = list(cohort.members.select_related("organisation").order_by("last_name", "first_name", "email"))
    done: dict[int, int] = {}
    for user_id, key in LessonProgress.objects.filter(
        user__in=members, course_key=cohort.course.translation_key, completed_at__isnull=False
    ).values_list("user_id", "lesson_key"):
        if key in required:
            done[user_id] = done.get(user_id, 0) + 1
    enrolments = {
        e.user_id: e
        for e in Enrolment.objects.filter(user__in=members, course_key=cohort.course.translation_key).order_by(
            "enrolled_at"
        )
    }
    return [
        MemberRow(
            person=m,
            enrolment=enrolments.get(m.pk),
            done=done.get(m.pk, 0),
            total=len(required),
            last_activity=enrolments[m.pk].last_activity_at if m.pk in enrolments else None,
        )
        for m in members
    ]


@login_required
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _get_cohort_for_user(request, pk, manage=False)
    can_manage = permissions.can_coordinate(request.user) and services.can_manage_cohort(request.user, cohort)
    form = AddMemberForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            try:
                services.add_to_cohort(cohort, [form.cleaned_data["person"]], by=request.user)
            except services.CourseError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("%(email)s added and enrolled.") % {"email": form.cleaned_data["email"]})
                return redirect("cohort_detail", pk=cohort.pk)
    show_reflections = cohort.trainer_id == request.user.pk and cohort.course.reflections_visible_to_trainer
    return render(
        request,
        "courses/cohort_detail.html",
        {
            "cohort": cohort,
            "rows": cohort_rows(cohort),
            "form": form,
            "can_manage": can_manage,
            "show_reflections": show_reflections,
        },
    )


@login_required
def cohort_export(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _get_cohort_for_user(request, pk)
    header = [
        _("Name"),
        _("Email address"),
        _("Organisation"),
        _("Lessons completed"),
        _("Required lessons"),
        _("Progress (%)"),
        _("Last activity"),
        _("Completed"),
        _("Left"),
    ]

    def stamp(value):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""

    rows = (
        [
            row.person.get_full_name(),
            row.person.email,
            row.person.organisation,
            row.done,
            row.total,
            row.percent,
            stamp(row.last_activity),
            stamp(row.enrolment.completed_at if row.enrolment else None),
            stamp(row.enrolment.left_at if row.enrolment else None),
        ]
        for row in cohort_rows(cohort)
    )
    return downloads.csv_download(f"cohort-{cohort.pk}-progress.csv", header, rows)


@login_required
def cohort_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a CSV, see every row checked, then confirm; nothing is saved before the confirmation."""
    cohort = _get_cohort_for_user(request, pk)
    preview = None
    form = EnrolmentCSVForm()
    staging = Staging(request.session, PREVIEW_SESSION_KEY, scope=cohort.pk)
    if request.method == "POST" and "confirm" in request.POST:
        stored = staging.take()
        if stored is None:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("cohort_import", pk=cohort.pk)
        try:
            count = services.import_enrolments([row["email"] for row in stored["rows"]], cohort, by=request.user)
        except services.CourseError as error:
            messages.error(request, _("Nothing was saved: %(error)s") % {"error": error.message})
            return redirect("cohort_import", pk=cohort.pk)
        staging.clear()
        messages.success(request, _("People enrolled: %(count)d.") % {"count": count})
        return redirect("cohort_detail", pk=cohort.pk)
    if request.method == "POST":
        form = EnrolmentCSVForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                preview = services.preview_enrolment_csv(form.cleaned_data["file"], cohort, by=request.user)
            except CSVFormatError as error:
                form.add_error("file", str(error))
            else:
                staging.keep(preview)
    return render(request, "courses/cohort_import.html", {"cohort": cohort, "form": form, "preview": preview})


@login_required
def cohort_reflections(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    """A cohort member's reflections, for the cohort's trainer only and only when the course allows it."""
    cohort = _get_cohort_for_user(request, pk, manage=False)
    if cohort.trainer_id != request.user.pk or not cohort.course.reflections_visible_to_trainer:
        raise Http404
    member = cohort.members.filter(pk=user_pk).first()
    if member is None:
        raise Http404
    lessons = {
        lesson.translation_key: lesson
        for lesson in LessonPage.objects.descendant_of(cohort.course.localized).live().specific()
    }
    items = []
    for reflection in Reflection.objects.filter(user=member, lesson_key__in=list(lessons)).order_by("updated_at"):
        lesson = lessons[reflection.lesson_key]
        prompt = next((b.value["prompt"] for b in lesson.body if b.id == reflection.block_id), "")
        items.append({"lesson": lesson, "prompt": prompt, "reflection": reflection})
    return render(request, "courses/cohort_reflections.html", {"cohort": cohort, "member": member, "items": items})
