"""Demo certificates: the two demo courses and a supervision cycle, the demo mentor's certificate,
and a revoked certificate of a former participant so the revoked verification page can be seen.

Every certificate is a signed PDF with its Open Badges credential inside (a development key the
embedded set-up makes under data/signing/). The programmes have validities, so the demo also holds a
certificate due for renewal (KDR, expiring within the reminder window, with a reissued earlier
version that reads as superseded) and an expired one (SUP), which the coordinator sees as due.

The demo mentor is halfway through "Jauniešu mentoringa pamati" (KOP) and has completed the short
"Konfidencialitāte un drošība darbā ar jauniešiem" (KDR) in courses/demo.py, which runs first. That
completion sent `course_completed` before any programme named the course, so nothing was issued then;
once the KDR programme names the course, this issues what the signal would have: an automatic
certificate (no issuer) with the enrolment's own dates.
"""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

from allauth.account.models import EmailAddress
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from accounts.models import Organisation, User
from accounts.services import set_roles
from certificates.models import Certificate, CertificateProgramme, HoursUnit
from certificates.services import issue_certificate, reissue_certificate, revoke_certificate, verification_url
from courses.demo import MENTORING, SAFETY
from lms.pdf import FONT_DIR

# The State Education Development Agency's number in the Register of Enterprises.
VIAA_REGISTRATION = "90001800413"
PROVIDER_LV = "Valsts izglītības attīstības aģentūra, ESF+ programma “Skola – kopienā”"
PROVIDER_EN = "State Education Development Agency, ESF+ programme “School – in the community”"

PROGRAMMES = [
    {
        "number_prefix": "KOP",
        "title_lv": "Jauniešu mentoringa pamati",
        "title_en": "Foundations of youth mentoring",
        "approval_number": "VIAA-PI-2025/117",
        "approving_body_lv": "Valsts izglītības attīstības aģentūra",
        "approving_body_en": "State Education Development Agency",
        "hours": Decimal("36"),
        "hours_unit": HoursUnit.ACADEMIC_45,
        "provider_lv": PROVIDER_LV,
        "provider_en": PROVIDER_EN,
        "signatory_name": "Ilze Krūmiņa",
        "signatory_title_lv": "Programmas “Skola – kopienā” vadītāja",
        "signatory_title_en": "Director of the programme “School – in the community”",
        "provider_legal_identifier": VIAA_REGISTRATION,
        "validity_months": 36,
    },
    {
        "number_prefix": "KDR",
        "title_lv": "Konfidencialitāte un drošība darbā ar jauniešiem",
        "title_en": "Confidentiality and safety in youth work",
        "approval_number": "VIAA-MP-2026/031",
        "approving_body_lv": "Valsts izglītības attīstības aģentūra",
        "approving_body_en": "State Education Development Agency",
        "hours": Decimal("4"),
        "hours_unit": HoursUnit.ACADEMIC_45,
        "provider_lv": PROVIDER_LV,
        "provider_en": PROVIDER_EN,
        "signatory_name": "Ilze Krūmiņa",
        "signatory_title_lv": "Programmas “Skola – kopienā” vadītāja",
        "signatory_title_en": "Director of the programme “School – in the community”",
        "provider_legal_identifier": VIAA_REGISTRATION,
        "validity_months": 24,
    },
    {
        "number_prefix": "SUP",
        "title_lv": "Grupu supervīziju cikls pedagogiem un atbalsta personālam",
        "title_en": "Group supervision cycle for teachers and support staff",
        "hours": Decimal("18"),
        "hours_unit": HoursUnit.CLOCK,
        "provider_lv": PROVIDER_LV,
        "provider_en": PROVIDER_EN,
        "signatory_name": "Ilze Krūmiņa",
        "signatory_title_lv": "Programmas “Skola – kopienā” vadītāja",
        "signatory_title_en": "Director of the programme “School – in the community”",
        "show_approval": False,
        "provider_legal_identifier": VIAA_REGISTRATION,
        "validity_months": 12,
    },
]

# The programmes a demo course completes: number prefix -> the course's Latvian slug.
COMPLETED_BY_COURSE = {
    "KOP": MENTORING["course"]["slug"]["lv"],
    "KDR": SAFETY["course"]["slug"]["lv"],
}
FORMER_PARTICIPANT = ("karlis.abele@demo.kopiena.lv", "Kārlis", "Ābele", "Rūjienas vidusskola")
# Issued by hand before the person's progress was in Kopiena, then found to be a mistake.
OVERRIDE_REASON = "Mācības apmeklētas klātienē Jelgavā; apmeklējums reģistrēts papīra sarakstā."
# Earlier cohorts whose certificates show renewal: (email, first, last, school, prefix, issued days ago).
EARLIER_PARTICIPANTS = [
    ("ieva.kalnina@demo.kopiena.lv", "Ieva", "Kalniņa", "Valmieras pamatskola", "KDR", 2 * 365 - 40),
    ("andris.ozols@demo.kopiena.lv", "Andris", "Ozols", "Valmieras pamatskola", "SUP", 365 + 20),
]
REFRESHER_GROUP = "Atbalsta personāla grupa (tiešsaistē)"
# Earlier cohorts trained before their attendance was kept in Kopiena.
EARLIER_COHORT_REASON = (
    "Mācības pabeigtas, pirms apmeklējumu sāka uzskaitīt Kopienā; apmeklējums reģistrēts papīra sarakstā."
)
REVOCATION_REASON = "Izsniegta kļūdas pēc: dalībnieks neapmeklēja programmas trešo dienu."


def _image(title: str, draw) -> "object":
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PILImage.new("RGB", (480, 160), "white")
    draw(ImageDraw.Draw(canvas))
    buffer = BytesIO()
    canvas.save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png"))


def _draw_logo(pen: ImageDraw.ImageDraw) -> None:
    pen.rectangle((0, 0, 160, 160), fill="#8a1538")
    pen.ellipse((40, 40, 120, 120), outline="white", width=10)
    pen.text((180, 45), "Kopiena", fill="#8a1538", font=ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 56))


def _draw_signature(pen: ImageDraw.ImageDraw) -> None:
    points = [(20, 120), (60, 40), (90, 110), (130, 50), (170, 115), (230, 60), (300, 100), (380, 70), (450, 90)]
    pen.line(points, fill="#0b2f66", width=5, joint="curve")


def seed(password: str, stdout) -> None:
    logo = _image("Kopiena logotips", _draw_logo)
    signature = _image("Paraksts – Ilze Krūmiņa", _draw_signature)
    programmes = {}
    for spec in PROGRAMMES:
        programme, created = CertificateProgramme.objects.get_or_create(
            number_prefix=spec["number_prefix"], defaults={**spec, "logo": logo, "signature_image": signature}
        )
        programmes[spec["number_prefix"]] = programme
        if created:
            stdout.write(f"Created certificate programme {programme.title_lv}")
        elif programme.validity_months is None and not programme.provider_legal_identifier:
            # A demo database from before renewal existed: give its programmes what the demo shows now.
            programme.validity_months = spec["validity_months"]
            programme.provider_legal_identifier = spec["provider_legal_identifier"]
            programme.save(update_fields=["validity_months", "provider_legal_identifier"])

    _link_to_what_completes_them(programmes, stdout)

    coordinator = User.objects.filter(email="coordinator@demo.kopiena.lv").first()
    today = timezone.localdate()
    mentor = User.objects.filter(email="mentor@demo.kopiena.lv").first()
    mentoring = programmes["KOP"]
    if mentor is not None:
        _issue_for_completed_course(mentor, programmes["KDR"], stdout)

    former = _former_participant()
    if not Certificate.objects.filter(holder=former, programme=mentoring).exists():
        certificate = issue_certificate(
            former,
            mentoring,
            by=coordinator,
            started_on=today - timedelta(days=45),
            completed_on=today - timedelta(days=3),
            override_reason=OVERRIDE_REASON,
        )
        revoke_certificate(certificate, by=coordinator or _any_admin(), reason=REVOCATION_REASON)
        stdout.write(f"Issued and revoked {certificate.number}: {verification_url(certificate)}")

    for email, first, last, school, prefix, days_ago in EARLIER_PARTICIPANTS:
        holder = _participant(email, first, last, school)
        programme = programmes[prefix]
        if Certificate.objects.filter(holder=holder, programme=programme).exists():
            continue
        issued_on = today - timedelta(days=days_ago)
        certificate = issue_certificate(
            holder,
            programme,
            by=coordinator,
            issued_on=issued_on,
            started_on=issued_on - timedelta(days=30),
            completed_on=issued_on - timedelta(days=2),
            override_reason=EARLIER_COHORT_REASON,
        )
        if not certificate.is_expired(today):
            # A name corrected after issue: version 1's PDF stays recognisable as superseded.
            certificate = reissue_certificate(
                certificate, by=coordinator or _any_admin(), holder_name=f"{first} {last}"
            )
        stdout.write(
            f"Issued {certificate.number}, valid until {certificate.valid_until}: {verification_url(certificate)}"
        )


def _link_to_what_completes_them(programmes: dict, stdout) -> None:
    """The two programmes are completed by the demo courses, the supervision cycle by the staff groups."""
    from courses.models import CoursePage
    from scheduling.models import SupervisionGroup

    for prefix, slug in COMPLETED_BY_COURSE.items():
        programme = programmes[prefix]
        if programme.course_id is None:
            course = CoursePage.objects.filter(locale__language_code="lv", slug=slug).first()
            if course is not None:
                programme.course = course
                programme.save(update_fields=["course"])
                stdout.write(f"{programme.title_lv}: issued when the course is completed")
    cycle = programmes["SUP"]
    if not cycle.supervision_groups.exists():
        staff_groups = SupervisionGroup.objects.filter(kind=SupervisionGroup.Kind.STAFF)
        cycle.supervision_groups.add(*staff_groups)
    # The short safety course is renewed by taking it again; the supervision cycle by a refresher group.
    safety = programmes["KDR"]
    if safety.refresher_course_id is None and safety.course_id is not None:
        safety.refresher_course = safety.course
        safety.save(update_fields=["refresher_course"])
    if cycle.refresher_group_id is None:
        cycle.refresher_group = SupervisionGroup.objects.filter(title=REFRESHER_GROUP).order_by("-pk").first()
        cycle.save(update_fields=["refresher_group"])


def _issue_for_completed_course(holder: User, programme: CertificateProgramme, stdout) -> None:
    """Issue the certificate that the holder's completion of the programme's course earns, as the
    `course_completed` receiver would have had the programme existed then: no issuer, the enrolment's dates.

    Issued here and now rather than queued, so the demo has it without a running worker.
    """
    from courses.models import Enrolment

    if programme.course_id is None or Certificate.objects.filter(holder=holder, programme=programme).exists():
        return
    enrolment = (
        Enrolment.objects.filter(user=holder, course_key=programme.course.translation_key, completed_at__isnull=False)
        .order_by("completed_at")
        .first()
    )
    if enrolment is None:
        return
    certificate = issue_certificate(
        holder,
        programme,
        by=None,
        started_on=timezone.localdate(enrolment.enrolled_at),
        completed_on=timezone.localdate(enrolment.completed_at),
    )
    stdout.write(f"Issued {certificate.number} to {holder.email}: {verification_url(certificate)}")


def _former_participant() -> User:
    return _participant(*FORMER_PARTICIPANT)


def _participant(email: str, first: str, last: str, school: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=None,  # a record of a past participant; nobody signs in as them
            first_name=first,
            last_name=last,
            organisation=Organisation.objects.filter(name=school).first(),
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        set_roles(user, ["mentor"])
    return user


def _any_admin() -> User:
    return User.objects.filter(is_superuser=True).order_by("pk").first()
