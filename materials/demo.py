"""About twenty demo materials across audiences and languages, generated here: PDFs with original text
(reportlab) and diagrams drawn with Pillow. Running it again changes nothing."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from accounts.models import User
from materials import audiences
from materials.folding import fold
from materials.models import Material, MaterialKind
from materials.services import create_material

FONT_FILES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
]
MENTORS = "Mentoru apmācība"
SUPERVISION = "Grupu supervīzijas"

# title, language, type, audience, roles, year, programme, topics, description, paragraphs (PDF) or colours (image)
MATERIALS = [
    (
        "Programmas “Skola – kopienā” īss apraksts",
        "lv",
        MaterialKind.HANDOUT,
        audiences.PUBLIC,
        [],
        2025,
        "",
        ["programma", "sadarbība"],
        "Divu lappušu ievads programmā: mērķi, dalībnieki un aktivitātes.",
        [
            "Programma stiprina skolas un kopienas sadarbību, lai ikviens skolēns pabeigtu mācības.",
            "Skolas, pašvaldības un jauniešu mentori strādā kopā ap skolēna individuālo atbalsta plānu.",
        ],
    ),
    (
        "The programme “School – in the community” at a glance",
        "en",
        MaterialKind.HANDOUT,
        audiences.PUBLIC,
        [],
        2025,
        "",
        ["programme", "cooperation"],
        "A two-page introduction: aims, participants and activities.",
        [
            "The programme strengthens cooperation between schools and their communities.",
            "Schools, municipalities and youth mentors work together around a pupil's individual support plan.",
        ],
    ),
    (
        "Skolas un kopienas sadarbības karte",
        "lv",
        MaterialKind.IMAGE,
        audiences.PUBLIC,
        [],
        2025,
        "",
        ["sadarbība"],
        "Shēma: skola, ģimene, pašvaldība un jaunatnes darbs ap skolēnu.",
        ("#1b5e7a", "#f2c14e"),
    ),
    (
        "Mentora rokasgrāmata: pirmās tikšanās",
        "lv",
        MaterialKind.METHODOLOGY,
        audiences.ROLES,
        ["mentor"],
        2026,
        MENTORS,
        ["mentorings", "uzticēšanās"],
        "Kā sagatavoties pirmajām trim tikšanās reizēm ar skolēnu.",
        [
            "Pirmajā tikšanās reizē klausieties vairāk nekā runājat; vienojieties par laiku un vietu.",
            "Otrajā reizē kopā izvēlieties vienu mazu, sasniedzamu mērķi nākamajām divām nedēļām.",
            "Trešajā reizē atskatieties uz paveikto un pierakstiet, kas palīdzēja.",
        ],
    ),
    (
        "Mentor handbook: the first meetings",
        "en",
        MaterialKind.METHODOLOGY,
        audiences.ROLES,
        ["mentor"],
        2026,
        MENTORS,
        ["mentoring", "trust"],
        "How to prepare for the first three meetings with a pupil.",
        [
            "At the first meeting, listen more than you speak and agree on a time and place.",
            "At the second, choose one small goal for the next two weeks together.",
        ],
    ),
    (
        "Tikšanās dienasgrāmatas veidne",
        "lv",
        MaterialKind.TEMPLATE,
        audiences.ROLES,
        ["mentor"],
        2026,
        MENTORS,
        ["mentorings", "veidne"],
        "Viena lapa katrai tikšanās reizei: datums, mērķis, nākamais solis.",
        ["Datums: ____   Vieta: ____", "Ko šodien izdevās paveikt?", "Kas ir nākamais mazais solis?"],
    ),
    (
        "Riska pazīmju kontrolsaraksts",
        "lv",
        MaterialKind.METHODOLOGY,
        audiences.ROLES,
        ["mentor", "educator"],
        2025,
        MENTORS,
        ["agrīna brīdināšana", "sadarbība"],
        "Pazīmes, kas liecina par mācību pārtraukšanas risku, un ar ko par tām runāt.",
        [
            "Bieži neattaisnoti kavējumi, krītošas atzīmes un izolēšanās no klasesbiedriem.",
            "Par novērojumiem runājiet ar klases audzinātāju un atbalsta personālu, nevis citu skolēnu klātbūtnē.",
        ],
    ),
    (
        "Mentoru apmācības programma (36 akadēmiskās stundas)",
        "lv",
        MaterialKind.HANDOUT,
        audiences.SIGNED_IN,
        [],
        2026,
        MENTORS,
        ["mentorings", "programma"],
        "Trīs dienu apmācības plāns pa tēmām un stundām.",
        [
            "1. diena: jaunieša attīstība un riska faktori (12 akadēmiskās stundas).",
            "2. diena: saruna, robežas un uzticēšanās (12 akadēmiskās stundas).",
            "3. diena: atbalsta plāns un sadarbība ar skolu (12 akadēmiskās stundas).",
        ],
    ),
    (
        "Grupu supervīzijas norise: ko sagaidīt",
        "lv",
        MaterialKind.HANDOUT,
        audiences.SIGNED_IN,
        [],
        2025,
        SUPERVISION,
        ["supervīzija"],
        "Dalībniekiem: grupas lielums, biežums, konfidencialitāte.",
        [
            "Grupā ir līdz desmit dalībniekiem; tikšanās notiek reizi trijās līdz četrās nedēļās.",
            "Tas, kas tiek runāts supervīzijā, netiek izpausts ārpus grupas.",
        ],
    ),
    (
        "What to expect from group supervision",
        "en",
        MaterialKind.HANDOUT,
        audiences.SIGNED_IN,
        [],
        2025,
        SUPERVISION,
        ["supervision"],
        "For participants: group size, rhythm and confidentiality.",
        [
            "Groups have up to ten participants and meet every three to four weeks.",
            "What is said in supervision stays in the group.",
        ],
    ),
    (
        "Supervīzijas sesijas struktūras shēma",
        "lv",
        MaterialKind.IMAGE,
        audiences.ROLES,
        ["supervisor"],
        2025,
        SUPERVISION,
        ["supervīzija", "metodika"],
        "Sesijas fāzes: ienākšana, gadījums, refleksija, noslēgums.",
        ("#5b3b8c", "#c9e4de"),
    ),
    (
        "Supervizora piezīmju principi",
        "lv",
        MaterialKind.METHODOLOGY,
        audiences.ROLES,
        ["supervisor"],
        2026,
        SUPERVISION,
        ["supervīzija", "konfidencialitāte"],
        "Kāpēc piezīmes ir tikai supervizora rīcībā un kā tās glabāt.",
        [
            "Piezīmes kalpo tikai supervizora darbam; tās netiek nodotas darba devējam vai koordinatoram.",
            "Apmeklējuma uzskaitē ieraksta tikai datumu, ilgumu un dalībniekus, nevis saturu.",
        ],
    ),
    (
        "Atgriezeniskās saites anketa pedagogiem",
        "lv",
        MaterialKind.TEMPLATE,
        audiences.ROLES,
        ["educator"],
        2026,
        SUPERVISION,
        ["supervīzija", "veidne"],
        "Anonīma anketa pēc supervīziju cikla.",
        ["Cik noderīgas bija tikšanās jūsu ikdienas darbā? (1–5)", "Ko vēlaties mainīt nākamajā ciklā?"],
    ),
    (
        "Sarunas ar vecākiem: septiņi jautājumi",
        "lv",
        MaterialKind.HANDOUT,
        audiences.ROLES,
        ["educator"],
        2025,
        "",
        ["vecāki", "sadarbība"],
        "Atvērti jautājumi sarunai ar skolēna ģimeni.",
        ["Kas jūsu bērnam šobrīd padodas vislabāk?", "Kad jūs pēdējo reizi redzējāt viņu aizrautīgu?"],
    ),
    (
        "Talking with parents: seven questions",
        "en",
        MaterialKind.HANDOUT,
        audiences.ROLES,
        ["educator"],
        2025,
        "",
        ["parents", "cooperation"],
        "Open questions for a conversation with a pupil's family.",
        ["What is your child best at right now?", "When did you last see them excited about something?"],
    ),
    (
        "Pašvaldības atbalsta tīkla karte",
        "lv",
        MaterialKind.IMAGE,
        audiences.ROLES,
        ["coordinator"],
        2026,
        "",
        ["pašvaldība", "sadarbība"],
        "Kurš pašvaldībā ko dara: sociālais dienests, jaunatnes centrs, skolas.",
        ("#2e7d32", "#fff3e0"),
    ),
    (
        "Koordinatora gada plāna veidne",
        "lv",
        MaterialKind.TEMPLATE,
        audiences.ROLES,
        ["coordinator"],
        2026,
        "",
        ["plānošana", "veidne"],
        "Mēnešu sadalījums: grupas, mentoru kohortas, atskaites līdz 30. janvārim.",
        ["Septembris: grupu sastādīšana un supervizoru piesaiste.", "Janvāris: ESF+ dalībnieku gada atskaite."],
    ),
    (
        "Mentoru apmācības ievadlekcijas slaidi",
        "lv",
        MaterialKind.PRESENTATION,
        audiences.ROLES,
        ["mentor"],
        2026,
        MENTORS,
        ["mentorings"],
        "Slaidi ievadlekcijai PDF formātā.",
        ["Kāpēc jaunieši pamet skolu?", "Mentora loma: blakus, nevis priekšā.", "Ko mentors nedara."],
    ),
    (
        "Intervīzijas grupas vadīšana",
        "lv",
        MaterialKind.METHODOLOGY,
        audiences.ROLES,
        ["mentor", "supervisor"],
        2026,
        MENTORS,
        ["intervīzija", "supervīzija"],
        "Kā mentori var atbalstīt cits citu bez supervizora.",
        [
            "Katrā tikšanās reizē viens dalībnieks atnes situāciju, pārējie uzdod jautājumus.",
            "Padomus dod tikai pēc tam, kad situācijas autors to lūdz.",
        ],
    ),
    (
        "Pārskats par programmas rādītājiem 2025",
        "lv",
        MaterialKind.OTHER,
        audiences.SIGNED_IN,
        [],
        2025,
        "",
        ["atskaites"],
        "Apmācīto mentoru un notikušo supervīziju skaits 2025. gadā (ilustratīvs).",
        ["Šis ir demonstrācijas dokuments; skaitļi ir izdomāti un nav oficiāli."],
    ),
]


def _font_name() -> str:
    for path in FONT_FILES:
        if path.exists():
            if "DemoSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DemoSans", str(path)))
            return "DemoSans"
    return "Helvetica"


def _pdf(title: str, paragraphs: list[str]) -> bytes:
    font = _font_name()
    text = (lambda s: s) if font != "Helvetica" else fold  # without a Unicode font, plain letters stay legible
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setTitle(title)
    width, height = A4
    page.setFillColorRGB(0.11, 0.37, 0.48)
    page.rect(0, height - 90, width, 90, fill=1, stroke=0)
    page.setFillColorRGB(1, 1, 1)
    page.setFont(font, 18)
    page.drawString(50, height - 55, text(title)[:70])
    page.setFillColorRGB(0, 0, 0)
    page.setFont(font, 12)
    y = height - 140
    for paragraph in paragraphs:
        line = ""
        for word in text(paragraph).split():
            if page.stringWidth(f"{line} {word}", font, 12) > width - 100:
                page.drawString(50, y, line)
                y -= 18
                line = word
            else:
                line = f"{line} {word}".strip()
        page.drawString(50, y, line)
        y -= 30
    page.setFont(font, 9)
    page.drawString(50, 40, text("Kopiena – demonstrācijas materiāls"))
    page.save()
    return out.getvalue()


def _image(title: str, colours: tuple[str, str]) -> bytes:
    ink, paper = colours
    picture = Image.new("RGB", (1200, 800), paper)
    draw = ImageDraw.Draw(picture)
    try:
        font = ImageFont.truetype(str(FONT_FILES[0]), 40)
    except OSError:
        font = ImageFont.load_default()
    centre = (600, 430)
    labels = ["Skola", "Ģimene", "Pašvaldība", "Kopiena"]
    spots = [(600, 200), (930, 430), (600, 660), (270, 430)]
    for (x, y), label in zip(spots, labels, strict=True):
        draw.line([centre, (x, y)], fill=ink, width=6)
        draw.ellipse([x - 150, y - 55, x + 150, y + 55], fill="white", outline=ink, width=6)
        draw.text((x, y), label, fill=ink, font=font, anchor="mm")
    draw.ellipse([centre[0] - 90, centre[1] - 90, centre[0] + 90, centre[1] + 90], fill=ink)
    draw.text(centre, "Skolēns", fill="white", font=font, anchor="mm")
    draw.text((40, 40), title[:45], fill=ink, font=font)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


def seed(password: str, stdout) -> None:
    editor = User.objects.filter(email="editor@demo.kopiena.lv").first()
    created = 0
    for entry in MATERIALS:
        title, language, kind, audience, roles, year, programme, topics, description, content = entry
        if Material.objects.filter(title=title, language=language).exists():
            continue
        is_image = kind == MaterialKind.IMAGE
        name = f"{fold(title).replace(' ', '-')[:50]}.{'png' if is_image else 'pdf'}"
        data = _image(title, content) if is_image else _pdf(title, content)
        material = Material(
            title=title,
            description=description,
            language=language,
            kind=kind,
            year=year,
            programme=programme,
            audience_kind=audience,
            alt_text=description if is_image else "",
        )
        material.set_roles(roles)
        create_material(material, SimpleUploadedFile(name, data), tags=topics, by=editor)
        created += 1
    if created:
        stdout.write(f"Created {created} materials")
