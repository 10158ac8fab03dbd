"""The lesson body (the site's common blocks plus learning blocks), and the quiz grading that reads it.

Quiz blocks carry the correct answers; templates render questions and answer texts only, and
`grade_quiz` compares a submission against the block on the server.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from pages.blocks import RICH_TEXT_FEATURES, BaseStreamBlock


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo link."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.TextBlock(label=_("Transcript or summary"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document or material")
        template = "courses/blocks/document_block.html"


class ReflectionBlock(blocks.StructBlock):
    """The mentor's written answer is stored per person; the lesson template renders the form."""

    prompt = blocks.TextBlock(label=_("Reflection prompt"))

    class Meta:
        icon = "edit"
        label = _("Reflection prompt")


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback when chosen"), required=False, max_length=500)


class ChoiceQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    answers = blocks.ListBlock(AnswerBlock(), label=_("Answers"), min_num=2)


class TrueFalseQuestionBlock(blocks.StructBlock):
    statement = blocks.CharBlock(label=_("Statement"), max_length=500)
    is_true = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    feedback_true = blocks.CharBlock(label=_("Feedback for “true”"), required=False, max_length=500)
    feedback_false = blocks.CharBlock(label=_("Feedback for “false”"), required=False, max_length=500)


class QuestionsBlock(blocks.StreamBlock):
    single = ChoiceQuestionBlock(label=_("Single choice"))
    multiple = ChoiceQuestionBlock(label=_("Multiple choice"))
    true_false = TrueFalseQuestionBlock(label=_("True or false"))


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"),
        min_value=1,
        max_value=100,
        default=70,
        help_text=_("Share of questions answered right."),
    )
    questions = QuestionsBlock(label=_("Questions"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Self-check quiz")


class LessonBodyBlock(BaseStreamBlock):
    """A page body plus what a lesson teaches with: video, documents, reflection and quizzes."""

    paragraph = blocks.RichTextBlock(label=_("Rich text"), features=[*RICH_TEXT_FEATURES, "document-link"])
    video = VideoBlock()
    document = DocumentBlock()
    reflection = ReflectionBlock()
    quiz = QuizBlock()


# --- Reading quizzes out of a lesson body -------------------------------------------------------


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # single, multiple, true_false
    text: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    pass_mark: int
    questions: tuple[Question, ...]


def _question(child) -> Question:
    value = child.value
    if child.block_type == "true_false":
        options = (
            Option("true", str(_("True")), bool(value["is_true"]), value["feedback_true"]),
            Option("false", str(_("False")), not value["is_true"], value["feedback_false"]),
        )
        return Question(child.id, "true_false", value["statement"], options)
    options = tuple(
        Option(str(i), answer["text"], bool(answer["correct"]), answer["feedback"])
        for i, answer in enumerate(value["answers"])
    )
    return Question(child.id, child.block_type, value["question"], options)


def quizzes_in(body) -> list[Quiz]:
    found = []
    for child in body:
        if child.block_type == "quiz":
            value = child.value
            questions = tuple(_question(q) for q in value["questions"])
            found.append(Quiz(child.id, value["title"], int(value["pass_mark"]), questions))
    return found


def reflection_ids_in(body) -> set[str]:
    return {child.id for child in body if child.block_type == "reflection"}


@dataclass
class Grading:
    score: int
    total: int
    passed: bool
    results: list[dict] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


class QuizInputError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def grade_quiz(quiz: Quiz, answers: dict[str, list[str]]) -> Grading:
    """Score a submission: `answers` maps question id to the chosen option keys.

    A question is right when exactly the correct options are chosen. Raises QuizInputError
    "unknown_question" (an id not in the quiz), "unknown_answer", "too_many_answers" or "unanswered".
    """
    by_id = {q.id: q for q in quiz.questions}
    if set(answers) - set(by_id):
        raise QuizInputError("unknown_question")
    results = []
    score = 0
    for question in quiz.questions:
        chosen = answers.get(question.id) or []
        if not chosen:
            raise QuizInputError("unanswered")
        keys = {o.key for o in question.options}
        if set(chosen) - keys:
            raise QuizInputError("unknown_answer")
        if question.kind != "multiple" and len(chosen) > 1:
            raise QuizInputError("too_many_answers")
        right = {o.key for o in question.options if o.correct}
        ok = set(chosen) == right
        score += int(ok)
        results.append(
            {
                "question": question.id,
                "text": question.text,
                "correct": ok,
                "chosen": [
                    {"text": o.text, "correct": o.correct, "feedback": o.feedback}
                    for o in question.options
                    if o.key in set(chosen)
                ],
            }
        )
    total = len(quiz.questions)
    passed = total > 0 and 100 * score >= quiz.pass_mark * total
    return Grading(score=score, total=total, passed=passed, results=results)
