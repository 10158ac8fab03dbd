"""Demo privacy: the privacy notice (generated retention table) in Latvian and English, one completed
own-data download, erasure requests in each state, and one erased person whose certificate verifies as
"revoked: erased". Running it again changes nothing."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone
from wagtail.models import Locale, Site

from accounts.models import Organisation, User
from accounts.services import set_roles
from certificates.models import Certificate, CertificateProgramme
from certificates.services import issue_certificate, verification_url
from pages.models import HomePage, SiteLinks, StandardPage
from privacy import services
from privacy.models import DataExport, ErasureRequest, PrivacyNoticePage, RetentionRun

OLD_SLUG = "privatuma-pazinojums"
ERASED = ("marta.liepa@demo.kopiena.lv", "Marta", "Liepa", "Jelgavas Valsts ģimnāzija")
NOTICE = {
    "lv": {
        "title": "Privātuma paziņojums",
        "introduction": "Kā Kopiena apstrādā personas datus un kādas tiesības jums ir.",
        "body": [
            ("heading", "Pārzinis"),
            (
                "paragraph",
                "<p>Personas datu pārzinis ir programmas īstenotājs – Valsts izglītības attīstības aģentūra "
                "(VIAA), Vaļņu iela 3, Rīga. Datu aizsardzības speciālists: das@viaa.gov.lv.</p>",
            ),
            ("heading", "Nolūki un tiesiskais pamats"),
            (
                "paragraph",
                "<ul><li>Mācību un supervīziju organizēšana, apmeklējuma uzskaite un apliecību izsniegšana – "
                "sabiedrības interesēs veicams uzdevums (VDAR 6. panta 1. punkta e) apakšpunkts).</li>"
                "<li>ESF+ dalībnieku rādītāju uzskaite un atskaites – juridisks pienākums (VDAR 6. panta 1. punkta "
                "c) apakšpunkts, Regula (ES) 2021/1057, I pielikums).</li><li>Neobligātie jautājumi (piemēram, "
                "invaliditāte) – tikai ar jūsu nepārprotamu piekrišanu (VDAR 9. panta 2. punkta a) apakšpunkts); "
                "piekrišanu var atsaukt jebkurā laikā.</li></ul><p>Mēs vācam tikai programmai nepieciešamos datus: "
                "dzimšanas gadu, nevis datumu, un personas kods netiek prasīts.</p>",
            ),
            ("heading", "Saņēmēji"),
            (
                "paragraph",
                "<p>Apmeklējumu redz jūsu supervizors un jūsu pašvaldības koordinators; supervīziju saturs netiek "
                "reģistrēts. ESF+ atskaites saņem Izglītības un zinātnes ministrija un Centrālā finanšu un līgumu "
                "aģentūra tikai kopsummās. Apliecības pārbaudītājs redz apliecības numuru, vārdu un programmu.</p>",
            ),
            ("heading", "Jūsu tiesības"),
            (
                "paragraph",
                "<p>Jums ir tiesības piekļūt saviem datiem, tos labot, ierobežot apstrādi, iebilst un pieprasīt "
                "dzēšanu. Sūdzību var iesniegt Datu valsts inspekcijai (www.dvi.gov.lv).</p>",
            ),
        ],
    },
    "en": {
        "title": "Privacy notice",
        "introduction": "How Kopiena processes personal data, and your rights.",
        "body": [
            ("heading", "Controller"),
            (
                "paragraph",
                "<p>The controller is the programme body, the State Education Development Agency (VIAA), Vaļņu iela 3, "
                "Riga. Data protection officer: das@viaa.gov.lv.</p>",
            ),
            ("heading", "Purposes and legal basis"),
            (
                "paragraph",
                "<ul><li>Organising training and supervision, keeping attendance and issuing certificates – a task in "
                "the public interest (Article 6(1)(e) GDPR).</li><li>ESF+ participant indicators and reports – a legal "
                "obligation (Article 6(1)(c) GDPR; Regulation (EU) 2021/1057, Annex I).</li><li>The optional questions "
                "(for example disability) – only with your explicit consent (Article 9(2)(a) GDPR), which you can "
                "withdraw at any time.</li></ul><p>We collect only what the programme needs: the year of birth, not "
                "the date, and no personal ID code.</p>",
            ),
            ("heading", "Recipients"),
            (
                "paragraph",
                "<p>Attendance is seen by your supervisor and your municipality's coordinator; the content of "
                "supervision is never recorded. ESF+ reports go to the Ministry of Education and Science and the "
                "Central Finance and Contracting Agency as totals only. Someone verifying a certificate sees its "
                "number, name and programme.</p>",
            ),
            ("heading", "Your rights"),
            (
                "paragraph",
                "<p>You have the right to access, rectify and erase your data, to restrict processing and to object. "
                "You can complain to the Data State Inspectorate (www.dvi.gov.lv).</p>",
            ),
        ],
    },
}


def seed(password: str, stdout) -> None:
    _notice(stdout)
    _download(stdout)
    _erasure_requests(stdout)
    _erased_person(stdout)
    if not RetentionRun.objects.exists():
        services.apply_retention()


def _fill(page, content: dict) -> None:
    page.title = content["title"]
    page.introduction = content["introduction"]
    page.body = list(content["body"])


def _notice(stdout) -> None:
    lv = Locale.objects.filter(language_code="lv").first()
    en = Locale.objects.filter(language_code="en").first()
    home = HomePage.objects.filter(locale=lv).first()
    if home is None or en is None:
        return
    notice = PrivacyNoticePage.objects.filter(locale=lv).first()
    if notice is None:
        # The first demo had a static page at this address; the generated notice replaces it.
        for old in StandardPage.objects.filter(slug=OLD_SLUG, locale=lv):
            for translation in old.get_translations():
                translation.delete()
            old.delete()
        notice = PrivacyNoticePage(slug=OLD_SLUG, locale=lv)
        _fill(notice, NOTICE["lv"])
        home.add_child(instance=notice)
        notice.save_revision().publish()
        stdout.write("Created the privacy notice")
    if not PrivacyNoticePage.objects.filter(locale=en, translation_key=notice.translation_key).exists():
        english = notice.copy_for_translation(en, copy_parents=True)
        _fill(english, NOTICE["en"])
        english.save_revision().publish()
    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    if links.privacy_page_id != notice.pk:
        links.privacy_page = notice
        links.save()


def _download(stdout) -> None:
    educator = User.objects.filter(email="educator@demo.kopiena.lv").first()
    if educator is None or DataExport.objects.filter(person=educator).exists():
        return
    export = DataExport.objects.create(person=educator)
    services.build_export(export)
    stdout.write("Prepared an own-data download for educator@demo.kopiena.lv")


def _erasure_requests(stdout) -> None:
    """Aivars waits for a decision; Ilze's was approved and, as an ESF+ participant, scheduled."""
    admin = User.objects.filter(is_superuser=True, email="admin@demo.kopiena.lv").first()
    waiting = User.objects.filter(email="aivars.demo@demo.kopiena.lv").first()
    scheduled = User.objects.filter(email="ilze.demo@demo.kopiena.lv").first()
    if waiting and not ErasureRequest.objects.filter(person=waiting).exists():
        services.request_erasure(waiting)
    if scheduled and admin and not ErasureRequest.objects.filter(person=scheduled).exists():
        services.approve_erasure(services.request_erasure(scheduled), by=admin)
        stdout.write("Scheduled an erasure request for the end of the ESF+ obligation")


def _erased_person(stdout) -> None:
    """Marta completed the confidentiality course elsewhere; her certificate was issued by hand, and she
    asked to be erased. She never took part in an ESF+ activity here, so nothing keeps her identity."""
    if Certificate.objects.filter(revocation_kind="erased").exists():
        return
    admin = User.objects.filter(is_superuser=True, email="admin@demo.kopiena.lv").first()
    programme = CertificateProgramme.objects.filter(number_prefix="KDR").first()
    if admin is None or programme is None:
        return
    email, first, last, school = ERASED
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(
            email=email,
            password=None,
            first_name=first,
            last_name=last,
            organisation=Organisation.objects.filter(name=school).first(),
        )
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        set_roles(person, ["mentor"])
    certificate = issue_certificate(
        person,
        programme,
        by=admin,
        completed_on=timezone.localdate() - timedelta(days=60),
        override_reason="Kurss apgūts klātienē; apmeklējums reģistrēts papīra sarakstā.",
    )
    services.approve_erasure(services.request_erasure(person), by=admin)
    certificate.refresh_from_db()
    url = verification_url(certificate)
    stdout.write(f"Erased a former participant; {certificate.number} verifies as revoked: erased: {url}")
