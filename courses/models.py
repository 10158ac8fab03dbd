import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from accounts import permissions
from accounts.models import Organisation
from courses.blocks import LessonBodyBlock, quizzes_in
from pages.restrictions import ViewRestrictionsFromCache


class CourseIndexPage(ViewRestrictionsFromCache, Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = list(CoursePage.objects.child_of(self).live().public().specific())
        context["courses"] = courses
        # What each course means for the person reading: enrolled, completed, or open to enrol in (one query).
        states = {}
        if request.user.is_authenticated:
            for key, completed_at in (
                Enrolment.objects.active().filter(user=request.user).values_list("course_key", "completed_at")
            ):
                states[key] = "completed" if completed_at else "enrolled"
        context["rows"] = [
            {
                "course": course,
                "state": states.get(course.translation_key) or ("open" if course.self_enrolment_open() else "closed"),
            }
            for course in courses
        ]
        return context


class HourUnit(models.TextChoices):
    ACADEMIC = "academic", _("academic hours")
    CLOCK = "clock", _("clock hours")


class CompletionRuleChoice(models.TextChoices):
    LESSONS = "lessons", _("All required lessons completed (quizzes passed)")


class CoursePage(ViewRestrictionsFromCache, Page):
    """A programme. Its overview is public; its lessons are for enrolled people."""

    summary = models.TextField(_("summary"))
    learning_outcomes = RichTextField(_("learning outcomes"), blank=True, features=["bold", "italic", "ul", "ol"])
    audience = models.TextField(_("who it is for"), blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    hour_unit = models.CharField(_("hour unit"), max_length=10, choices=HourUnit.choices, default=HourUnit.ACADEMIC)
    academic_hour_minutes = models.PositiveSmallIntegerField(
        _("length of an academic hour"),
        choices=[(40, _("40 minutes")), (45, _("45 minutes"))],
        default=45,
        help_text=_("Used only when hours are academic."),
    )
    approval_number = models.CharField(_("approval number"), max_length=100, blank=True)
    approving_body = models.CharField(_("approving body"), max_length=200, blank=True)
    cover_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(_("cover image alternative text"), max_length=250, blank=True)
    completion_rule = models.CharField(
        _("completion rule"), max_length=30, choices=CompletionRuleChoice.choices, default=CompletionRuleChoice.LESSONS
    )
    self_enrolment = models.BooleanField(_("people may enrol themselves"), default=False)
    enrolment_opens = models.DateField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes = models.DateField(_("enrolment closes"), null=True, blank=True)
    reflections_visible_to_trainer = models.BooleanField(
        _("trainers may read reflections"),
        default=False,
        help_text=_("When on, a cohort's trainer can read its members' reflection answers."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [FieldPanel("hours"), FieldPanel("hour_unit"), FieldPanel("academic_hour_minutes")], heading=_("Hours")
        ),
        MultiFieldPanel([FieldPanel("approval_number"), FieldPanel("approving_body")], heading=_("Approval")),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover image")),
        MultiFieldPanel(
            [
                FieldPanel("self_enrolment"),
                FieldPanel("enrolment_opens"),
                FieldPanel("enrolment_closes"),
                FieldPanel("completion_rule"),
                FieldPanel("reflections_visible_to_trainer"),
            ],
            heading=_("Enrolment and completion"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("audience")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from courses import access, progress

        context = super().get_context(request, *args, **kwargs)
        context["access"] = course_access = access.course_access(request, self)
        context["outline"] = progress.outline(self, request.user if course_access.enrolment else None)
        context["self_enrolment_open"] = self.self_enrolment_open()
        # The way back: the home page and the course catalogue above this course (one query).
        context["crumbs"] = [(page.title, page.url) for page in self.get_ancestors().filter(depth__gt=1)]
        return context

    def self_enrolment_open(self, today=None) -> bool:
        from django.utils import timezone

        today = today or timezone.localdate()
        if not self.self_enrolment:
            return False
        if self.enrolment_opens and today < self.enrolment_opens:
            return False
        return not (self.enrolment_closes and today > self.enrolment_closes)


def module_prerequisite_errors(module: "ModulePage", required, parent: Page | None = None) -> list[str]:
    """Prerequisites must be other modules of the same course."""
    parent = parent or module.get_parent()
    errors = []
    for other in required:
        if module.pk and other.pk == module.pk:
            errors.append(str(_("A module cannot require itself.")))
        elif parent is None or not other.path.startswith(parent.path) or other.depth != parent.depth + 1:
            errors.append(str(_("“%(module)s” belongs to another course.") % {"module": other.title}))
    return errors


class ModulePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        for error in module_prerequisite_errors(self.instance, cleaned.get("prerequisites") or [], parent):
            self.add_error("prerequisites", error)
        return cleaned


class ModulePage(ViewRestrictionsFromCache, Page):
    summary = models.TextField(_("summary"), blank=True)
    prerequisites = ParentalManyToManyField(
        "courses.ModulePage",
        verbose_name=_("modules to finish first"),
        blank=True,
        related_name="+",
        help_text=_("Lessons of this module stay locked until the required lessons of these modules are completed."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("prerequisites")]
    base_form_class = ModulePageForm
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        from django.shortcuts import redirect

        return redirect(self.get_parent().url + f"#module-{self.pk}")


class LessonPage(ViewRestrictionsFromCache, Page):
    summary = models.TextField(_("summary"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), null=True, blank=True)
    required = models.BooleanField(_("required for completion"), default=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("minutes"),
        FieldPanel("required"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @cached_property
    def quizzes(self):
        return quizzes_in(self.body)

    @property
    def has_quiz(self) -> bool:
        return any(block.block_type == "quiz" for block in self.body)

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """Every lesson request passes the access check; those without access see why, never the content."""
        from courses import access

        verdict = access.lesson_access(request, self)
        if not verdict.allowed:
            context = {"page": self, "self": self, "verdict": verdict, "request": request}
            return TemplateResponse(request, "courses/lesson_refused.html", context, status=403)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from courses import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context.build(request, self))
        return context


# --- Enrolment and progress ---------------------------------------------------------------------


class EnrolmentQuerySet(models.QuerySet):
    def active(self) -> "EnrolmentQuerySet":
        return self.filter(left_at__isnull=True)

    def for_course(self, course: CoursePage) -> "EnrolmentQuerySet":
        return self.filter(course_key=course.translation_key)


class Enrolment(models.Model):
    """A person taking a course. Leaving sets `left_at`; the row and the person's progress stay."""

    class Source(models.TextChoices):
        SELF = "self", _("Enrolled themselves")
        COORDINATOR = "coordinator", _("Enrolled by a coordinator")
        COHORT = "cohort", _("Enrolled with a cohort")
        CSV = "csv", _("Enrolled from a CSV file")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+")
    course_key = models.UUIDField(db_index=True, editable=False)
    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), null=True, blank=True, on_delete=models.SET_NULL
    )
    source = models.CharField(_("how"), max_length=20, choices=Source.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completion_rule = models.CharField(_("completion rule applied"), max_length=40, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_key"], condition=Q(left_at__isnull=True), name="enrolment_one_active"
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | ~Q(completion_rule=""), name="enrolment_completion_has_rule"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class LessonProgress(models.Model):
    """One person's progress in one lesson, shared by all translations of the lesson (its translation key)."""

    class How(models.TextChoices):
        MARKED = "marked", _("Marked as done")
        QUIZ = "quiz", _("Quiz passed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson_key = models.UUIDField()
    course_key = models.UUIDField(db_index=True)
    opened_at = models.DateTimeField(_("opened"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_how = models.CharField(max_length=10, choices=How.choices, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["user", "lesson_key"], name="lessonprogress_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.lesson_key}"


class QuizAttempt(models.Model):
    """Every submitted attempt is kept. `token` comes from the form, so a double submit is one attempt."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    lesson_key = models.UUIDField()
    quiz_id = models.CharField(max_length=64)
    token = models.UUIDField()
    answers = models.JSONField(default=dict)
    results = models.JSONField(default=list)
    score = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    pass_mark = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["user", "lesson_key"])]
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="quizattempt_once_per_form")]

    def __str__(self) -> str:
        return f"{self.user} – {self.quiz_id} ({self.score}/{self.total})"

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


class Reflection(models.Model):
    """A mentor's answer to a reflection prompt: visible to them, and to their trainer if the course allows."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    lesson_key = models.UUIDField()
    block_id = models.CharField(max_length=64)
    text = models.TextField(_("your answer"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key", "block_id"], name="reflection_one_per_prompt")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.block_id}"


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CohortQuerySet":

        return permissions.in_scope(self, user, via="municipality")


class Cohort(models.Model):
    name = models.CharField(_("name"), max_length=200)
    course = models.ForeignKey(CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
        related_name="+",
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="+")
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="cohort_dates")]

    def __str__(self) -> str:
        return self.name


def new_token() -> uuid.UUID:
    return uuid.uuid4()
