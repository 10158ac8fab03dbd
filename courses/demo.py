"""The demo programme "Jauniešu mentoringa pamati" in Latvian and English, a cohort, and a mentor halfway."""

import io
import uuid
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.models import Locale

from accounts.models import Organisation, User
from courses import demo_content as content
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

INDEX = {
    "lv": {"slug": "kursi", "title": "Mācību programmas", "introduction": "Programmas mentoriem un pedagogiem."},
    "en": {"slug": "courses", "title": "Training programmes", "introduction": "Programmes for mentors and teachers."},
}
COHORT_NAME = "Valmieras mentori – 2026. gada pavasaris"
MENTOR_EMAIL = "mentor@demo.kopiena.lv"
LESSONS_DONE = 7  # of 15: the demo mentor is about halfway


def _image() -> Image:
    image = Image.objects.filter(title="Mentors un jaunietis (ilustrācija)").first()
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
    return Image.objects.create(
        title="Mentors un jaunietis (ilustrācija)", file=ImageFile(buffer, name="mentors-un-jaunietis.png")
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
        hash=get_embed_hash(content.VIDEO_URL, 800),
        defaults={
            "url": content.VIDEO_URL,
            "max_width": 800,
            "type": "video",
            "title": "Big Buck Bunny",
            "provider_name": "YouTube",
            "html": '<iframe width="800" height="450" src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" '
            'title="Big Buck Bunny" allowfullscreen></iframe>',
        },
    )


def _body(blocks, language: str, image: Image, document: Document) -> list[dict]:
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


def _build_course(lv: Locale, en: Locale) -> CoursePage:
    home = HomePage.objects.get(locale=lv)
    index = CourseIndexPage.objects.filter(locale=lv).first()
    if index is None:
        index = CourseIndexPage(locale=lv, **INDEX["lv"])
        home.add_child(instance=index)
        _publish(index)
        _translate(index, en, INDEX["en"])

    image, document = _image(), _document()
    _video_embed()
    c = content.COURSE
    course = CoursePage(
        locale=lv,
        slug=c["slug"]["lv"],
        title=c["title"]["lv"],
        summary=c["summary"]["lv"],
        learning_outcomes=c["outcomes"]["lv"],
        audience=c["audience"]["lv"],
        hours=36,
        hour_unit="academic",
        academic_hour_minutes=45,
        approval_number="VIAA-MP-2026/014",
        approving_body="Valsts izglītības attīstības aģentūra",
        cover_image=image,
        cover_image_alt="Zīmējums: pieaugušais un pusaudzis sarunā.",
        self_enrolment=True,
        enrolment_opens=date(2026, 1, 5),
        enrolment_closes=date(2029, 6, 30),
        reflections_visible_to_trainer=True,
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
            "cover_image_alt": "Drawing: an adult and a teenager talking.",
        },
    )

    modules: dict[str, ModulePage] = {}
    for spec in content.MODULES:
        module = ModulePage(locale=lv, slug=spec["slug"], title=spec["title"]["lv"], summary=spec["summary"]["lv"])
        course.add_child(instance=module)
        module.prerequisites.set([modules[slug] for slug in spec["requires"]])
        _publish(module)
        modules[spec["slug"]] = module
        for lesson_spec in content.LESSONS[spec["slug"]]:
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

    for spec in content.MODULES:
        module = modules[spec["slug"]]
        translated = _translate(module, en, {"title": spec["title"]["en"], "summary": spec["summary"]["en"]})
        translated.prerequisites.set([modules[slug].get_translation(en) for slug in spec["requires"]])
        _publish(translated)
        for lesson_spec in content.LESSONS[spec["slug"]]:
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


@transaction.atomic
def seed(password: str, stdout) -> None:
    lv, _ = Locale.objects.get_or_create(language_code="lv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    course = CoursePage.objects.filter(locale=lv, slug=content.COURSE["slug"]["lv"]).first()
    if course is None:
        course = _build_course(lv, en)
        stdout.write(f"Created the course “{course.title}” in Latvian and English")

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
