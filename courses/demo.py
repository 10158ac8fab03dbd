"""The demo programmes in Latvian and English, a cohort, and the demo mentor's progress.

"Jauniešu mentoringa pamati" is the long programme: the demo mentor is in its cohort and about halfway.
"Konfidencialitāte un drošība darbā ar jauniešiem" is a short one the demo mentor has completed, through
the same services a person's clicks go through, so the completion is a real one (certificates/demo.py
issues its certificate).
"""

import io
import json
import uuid
from datetime import date, timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Locale

from accounts.models import Organisation, User
from courses import services
from courses.models import (
    Cohort,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
    QuizAttempt,
    Reflection,
)
from pages.models import HomePage

# The demo programmes' text, written for this demo in Latvian and English: each lesson lists its blocks
# as [type, id, {"lv": value, "en": value}]; both translations share block ids, so quiz attempts and
# reflections belong to the lesson whatever language it is read in.
DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
MENTORING = json.loads((DEMO_DATA / "mentoring.json").read_text(encoding="utf-8"))
SAFETY = json.loads((DEMO_DATA / "safety.json").read_text(encoding="utf-8"))

INDEX = {
    "lv": {"slug": "kursi", "title": "Mācību programmas", "introduction": "Programmas mentoriem un pedagogiem."},
    "en": {"slug": "courses", "title": "Training programmes", "introduction": "Programmes for mentors and teachers."},
}
COHORT_NAME = "Valmieras mentori – 2026. gada pavasaris"
MENTOR_EMAIL = "mentor@demo.kopiena.lv"
LESSONS_DONE = 7  # of 15: the demo mentor is about halfway
SAFETY_REFLECTION = (
    "Tiksimies skolas bibliotēkā otrdienās pēc stundām; to jau norunāju ar sociālo pedagoģi, un sarakstei "
    "izmantosim tikai skolas e-klasi."
)


def _image() -> AbstractImage:
    image = get_image_model().objects.filter(title="Mentors un jaunietis (ilustrācija)").first()
    if image:
        return image
    from PIL import Image as PILImage
    from PIL import ImageDraw

    canvas = PILImage.new("RGB", (960, 540), (236, 243, 247))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((260, 140, 420, 300), fill=(31, 94, 140))
    draw.rectangle((250, 310, 430, 480), fill=(31, 94, 140))
    draw.ellipse((560, 190, 680, 310), fill=(214, 134, 44))
    draw.rectangle((550, 320, 690, 480), fill=(214, 134, 44))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Mentors un jaunietis (ilustrācija)", file=ImageFile(buffer, name="mentors-un-jaunietis.png")
    )


def _safety_image() -> AbstractImage:
    image = get_image_model().objects.filter(title="Piekaramā atslēga (ilustrācija)").first()
    if image:
        return image
    from PIL import Image as PILImage
    from PIL import ImageDraw

    canvas = PILImage.new("RGB", (960, 540), (236, 243, 247))
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((390, 120, 570, 320), radius=90, outline=(31, 94, 140), width=34)
    draw.rounded_rectangle((340, 250, 620, 460), radius=24, fill=(31, 94, 140))
    draw.ellipse((458, 315, 502, 359), fill=(214, 134, 44))
    draw.rectangle((470, 345, 490, 410), fill=(214, 134, 44))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Piekaramā atslēga (ilustrācija)", file=ImageFile(buffer, name="piekarama-atslega.png")
    )


def _document() -> Document:
    document = Document.objects.filter(title="Tikšanās piezīmju veidne").first()
    if document:
        return document
    text = (
        "Tikšanās piezīmes / Meeting log\n\n"
        "Datums / Date:\nIlgums / Length:\nKur tikāmies / Where we met:\n"
        "Par ko runājām (bez sensitīvām detaļām) / What we talked about (no sensitive details):\n"
        "Norunātais nākamais solis / Next step agreed:\nNākamā tikšanās / Next meeting:\n"
    )
    return Document.objects.create(
        title="Tikšanās piezīmju veidne", file=ContentFile(text.encode("utf-8"), name="tiksanas-piezimes.txt")
    )


def _video_embed() -> None:
    """Cache the demo video's embed so pages render without fetching it from the provider."""
    Embed.objects.get_or_create(
        hash=get_embed_hash(MENTORING["video_url"], 800),
        defaults={
            "url": MENTORING["video_url"],
            "max_width": 800,
            "type": "video",
            "title": "Big Buck Bunny",
            "provider_name": "YouTube",
            "html": '<iframe width="800" height="450" src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" '
            'title="Big Buck Bunny" allowfullscreen></iframe>',
        },
    )


def _body(blocks, language: str, image: AbstractImage | None, document: Document | None) -> list[dict]:
    body = []
    for block_type, block_id, value in blocks:
        if block_type == "image":
            value = {
                "lv": {
                    "image": image.pk,
                    "alt_text": "Zīmējums: pieaugušais un pusaudzis sēž viens otram pretī.",
                    "caption": "Mentors un jaunietis sarunā.",
                },
                "en": {
                    "image": image.pk,
                    "alt_text": "Drawing: an adult and a teenager sitting facing each other.",
                    "caption": "A mentor and a young person talking.",
                },
            }
        elif block_type == "document":
            value = {
                "lv": {
                    "document": document.pk,
                    "title": "Tikšanās piezīmju veidne",
                    "description": "Vienkārša veidne, ko izdrukāt vai aizpildīt datorā.",
                },
                "en": {
                    "document": document.pk,
                    "title": "Meeting log template",
                    "description": "A simple template to print or fill in on a computer.",
                },
            }
        body.append({"type": block_type, "id": block_id, "value": value[language]})
    return body


def _publish(page) -> None:
    page.save_revision().publish()


def _translate(page, en: Locale, fields: dict):
    translated = page.get_translation_or_none(en)
    if translated is None:
        translated = page.copy_for_translation(en)
    for name, value in fields.items():
        setattr(translated, name, value)
    _publish(translated)
    return translated


def _course_index(lv: Locale, en: Locale) -> CourseIndexPage:
    index = CourseIndexPage.objects.filter(locale=lv).first()
    if index is None:
        index = CourseIndexPage(locale=lv, **INDEX["lv"])
        HomePage.objects.get(locale=lv).add_child(instance=index)
        _publish(index)
        _translate(index, en, INDEX["en"])
    return index


def _build_mentoring_course(lv: Locale, en: Locale) -> CoursePage:
    image, document = _image(), _document()
    _video_embed()
    return _build_course(
        lv,
        en,
        MENTORING["course"],
        MENTORING["modules"],
        MENTORING["lessons"],
        {
            "hours": 36,
            "approval_number": "VIAA-MP-2026/014",
            "cover_image": image,
            "cover_image_alt": "Zīmējums: pieaugušais un pusaudzis sarunā.",
            "reflections_visible_to_trainer": True,
        },
        {"cover_image_alt": "Drawing: an adult and a teenager talking."},
        image,
        document,
    )


def _build_safety_course(lv: Locale, en: Locale) -> CoursePage:
    return _build_course(
        lv,
        en,
        SAFETY["course"],
        SAFETY["modules"],
        SAFETY["lessons"],
        {
            "hours": 4,
            "approval_number": "VIAA-MP-2026/031",
            "cover_image": _safety_image(),
            "cover_image_alt": "Zīmējums: aizslēgta piekaramā atslēga.",
        },
        {"cover_image_alt": "Drawing: a locked padlock."},
        None,
        None,
    )


def _build_course(
    lv: Locale,
    en: Locale,
    c: dict,
    module_specs: list[dict],
    lesson_specs: dict[str, list[dict]],
    fields_lv: dict,
    fields_en: dict,
    image: AbstractImage | None,
    document: Document | None,
) -> CoursePage:
    """The course, its modules and lessons in Latvian, published, then each translated to English."""
    index = _course_index(lv, en)
    course = CoursePage(
        locale=lv,
        slug=c["slug"]["lv"],
        title=c["title"]["lv"],
        summary=c["summary"]["lv"],
        learning_outcomes=c["outcomes"]["lv"],
        audience=c["audience"]["lv"],
        hour_unit="academic",
        academic_hour_minutes=45,
        approving_body="Valsts izglītības attīstības aģentūra",
        self_enrolment=True,
        enrolment_opens=date(2026, 1, 5),
        enrolment_closes=date(2029, 6, 30),
        **fields_lv,
    )
    index.add_child(instance=course)
    _publish(course)
    _translate(
        course,
        en,
        {
            "slug": c["slug"]["en"],
            "title": c["title"]["en"],
            "summary": c["summary"]["en"],
            "learning_outcomes": c["outcomes"]["en"],
            "audience": c["audience"]["en"],
            "approving_body": "State Education Development Agency",
            **fields_en,
        },
    )

    modules: dict[str, ModulePage] = {}
    for spec in module_specs:
        module = ModulePage(locale=lv, slug=spec["slug"], title=spec["title"]["lv"], summary=spec["summary"]["lv"])
        course.add_child(instance=module)
        module.prerequisites.set([modules[slug] for slug in spec["requires"]])
        _publish(module)
        modules[spec["slug"]] = module
        for lesson_spec in lesson_specs[spec["slug"]]:
            lesson = LessonPage(
                locale=lv,
                slug=lesson_spec["slug"],
                title=lesson_spec["title"]["lv"],
                summary=lesson_spec["summary"]["lv"],
                minutes=lesson_spec["minutes"],
                body=_body(lesson_spec["blocks"], "lv", image, document),
            )
            module.add_child(instance=lesson)
            _publish(lesson)

    for spec in module_specs:
        module = modules[spec["slug"]]
        translated = _translate(module, en, {"title": spec["title"]["en"], "summary": spec["summary"]["en"]})
        translated.prerequisites.set([modules[slug].get_translation(en) for slug in spec["requires"]])
        _publish(translated)
        for lesson_spec in lesson_specs[spec["slug"]]:
            lesson = LessonPage.objects.child_of(module).get(slug=lesson_spec["slug"])
            _translate(
                lesson,
                en,
                {
                    "title": lesson_spec["title"]["en"],
                    "summary": lesson_spec["summary"]["en"],
                    "body": _body(lesson_spec["blocks"], "en", image, document),
                },
            )
    return course


def _mentor_halfway(course: CoursePage, mentor: User, coordinator: User | None, cohort: Cohort) -> None:
    if Enrolment.objects.filter(user=mentor, course_key=course.translation_key).exists():
        return
    enrolment = Enrolment.objects.create(
        user=mentor,
        course=course,
        course_key=course.translation_key,
        cohort=cohort,
        source=Enrolment.Source.COHORT,
        enrolled_by=coordinator,
    )
    cohort.members.add(mentor)
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
    start = timezone.now() - timedelta(days=20)
    for number, lesson in enumerate(lessons[: LESSONS_DONE + 1]):
        moment = start + timedelta(days=2 * number)
        done = number < LESSONS_DONE
        LessonProgress.objects.create(
            user=mentor,
            lesson_key=lesson.translation_key,
            course_key=course.translation_key,
            opened_at=moment,
            completed_at=moment + timedelta(minutes=40) if done else None,
            completed_how=(LessonProgress.How.QUIZ if lesson.has_quiz else LessonProgress.How.MARKED) if done else "",
        )
        for quiz in lesson.quizzes if done else []:
            answers = {q.id: [o.key for o in q.options if o.correct] for q in quiz.questions}
            QuizAttempt.objects.create(
                user=mentor,
                lesson_key=lesson.translation_key,
                quiz_id=quiz.id,
                token=uuid.uuid4(),
                answers=answers,
                results=[
                    {
                        "question": q.id,
                        "text": q.text,
                        "correct": True,
                        "chosen": [
                            {"text": o.text, "correct": True, "feedback": o.feedback} for o in q.options if o.correct
                        ],
                    }
                    for q in quiz.questions
                ],
                score=len(quiz.questions),
                total=len(quiz.questions),
                pass_mark=quiz.pass_mark,
                passed=True,
            )
        if done and any(b.block_type == "reflection" for b in lesson.body):
            block = next(b for b in lesson.body if b.block_type == "reflection")
            Reflection.objects.create(
                user=mentor,
                lesson_key=lesson.translation_key,
                block_id=block.id,
                text="Mana klases audzinātāja – viņa vienmēr atcerējās, par ko runājām iepriekšējo reizi.",
            )
    enrolment.last_activity_at = start + timedelta(days=2 * LESSONS_DONE)
    enrolment.save(update_fields=["last_activity_at"])


def _mentor_completes(course: CoursePage, mentor: User) -> None:
    """The demo mentor enrols in the short course and works through it lesson by lesson, as on the site:
    open, mark done or pass the quiz, answer the reflection. The last lesson completes the course, which
    records the rule that applied and sends `course_completed`."""
    completed = Enrolment.objects.filter(
        user=mentor, course_key=course.translation_key, completed_at__isnull=False
    ).exists()
    if completed:
        return
    enrolment = Enrolment.objects.active().for_course(course).filter(user=mentor).first()
    if enrolment is None:
        enrolment = services.enrol(mentor, course, by=mentor, source=Enrolment.Source.SELF)
    for lesson in LessonPage.objects.descendant_of(course).live().order_by("path"):
        services.open_lesson(mentor, lesson, course, enrolment)
        for block in lesson.body:
            if block.block_type == "reflection":
                services.save_reflection(mentor, lesson, block.id, SAFETY_REFLECTION)
        if not lesson.has_quiz:
            services.complete_lesson(mentor, lesson)
        for quiz in lesson.quizzes:
            answers = {q.id: [o.key for o in q.options if o.correct] for q in quiz.questions}
            services.submit_quiz(mentor, lesson, quiz.id, answers, str(uuid.uuid4()))
    enrolment.refresh_from_db()
    if not services.evaluate_completion(enrolment):
        raise RuntimeError(f"The demo mentor did not complete “{course.title}”")


@transaction.atomic
def seed(password: str, stdout) -> None:
    lv, _ = Locale.objects.get_or_create(language_code="lv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    course = CoursePage.objects.filter(locale=lv, slug=MENTORING["course"]["slug"]["lv"]).first()
    if course is None:
        course = _build_mentoring_course(lv, en)
        stdout.write(f"Created the course “{course.title}” in Latvian and English")
    safety = CoursePage.objects.filter(locale=lv, slug=SAFETY["course"]["slug"]["lv"]).first()
    if safety is None:
        safety = _build_safety_course(lv, en)
        stdout.write(f"Created the course “{safety.title}” in Latvian and English")

    municipality = Organisation.objects.filter(name="Valmieras novads", parent=None).first()
    mentor = User.objects.filter(email=MENTOR_EMAIL).first()
    coordinator = User.objects.filter(email="coordinator@demo.kopiena.lv").first()
    if municipality is None or mentor is None:
        return
    cohort, created = Cohort.objects.get_or_create(
        name=COHORT_NAME,
        defaults={
            "course": course,
            "municipality": municipality,
            "starts_on": date(2026, 3, 2),
            "ends_on": date(2026, 12, 18),
            "created_by": coordinator,
            "trainer": User.objects.filter(email="supervisor@demo.kopiena.lv").first(),
        },
    )
    if created:
        stdout.write(f"Created the cohort “{cohort.name}”")
    _mentor_halfway(course, mentor, coordinator, cohort)
    _mentor_completes(safety, mentor)
