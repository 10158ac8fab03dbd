"""The public site tree in Latvian and English: home, about, accessibility statement (the privacy notice,
generated from the retention settings, is privacy/demo.py's)."""

from wagtail.models import Locale, Page, Site

from pages.models import HomePage, SiteLinks, StandardPage

HOME = {
    "lv": {
        "title": "Kopiena",
        "introduction": (
            "Mācību un supervīziju vide programmai “Skola – kopienā”: mentoru apmācība, grupu supervīzijas "
            "pedagogiem un atbalsta personālam, apliecības un materiāli vienuviet."
        ),
        "body": [
            ("heading", "Kam paredzēta Kopiena"),
            (
                "paragraph",
                "<p>Mentori šeit apgūst mentoru apmācības programmu, pedagogi un atbalsta personāls piesakās grupu "
                "supervīzijām, supervizori plāno sesijas un ved apmeklējuma uzskaiti, bet koordinatori pārrauga "
                "visu savā pašvaldībā.</p>",
            ),
        ],
    },
    "en": {
        "title": "Kopiena",
        "introduction": (
            "The learning and supervision platform of the programme “School – in the community”: mentor training, "
            "group supervision for teachers and support staff, certificates and materials in one place."
        ),
        "body": [
            ("heading", "Who Kopiena is for"),
            (
                "paragraph",
                "<p>Mentors take the mentor training programme here, teachers and support staff book group "
                "supervisions, supervisors plan sessions and keep the attendance register, and coordinators oversee "
                "everything in their municipality.</p>",
            ),
        ],
    },
}

PAGES = [
    {
        "slug": "par-programmu",
        "show_in_menus": True,
        "lv": {
            "title": "Par programmu",
            "introduction": (
                "“Skola – kopienā” ir Eiropas Sociālā fonda Plus programma (2025–2029), kas stiprina skolas un "
                "kopienas sadarbību, lai mazinātu priekšlaicīgas mācību pārtraukšanas risku."
            ),
            "body": [
                ("heading", "Divas programmas aktivitātes šajā vietnē"),
                (
                    "paragraph",
                    "<ul><li><b>Grupu supervīzijas</b> pedagogiem un atbalsta personālam: līdz desmit dalībniekiem "
                    "grupā, tikšanās reizi trijās līdz četrās nedēļās.</li><li><b>Mentoru apmācības programma</b>: "
                    "36 akadēmiskās stundas jauniešu mentoriem, kuri atbalsta skolēnus no 13 gadu vecuma.</li></ul>",
                ),
            ],
        },
        "en": {
            "title": "About the programme",
            "introduction": (
                "“School – in the community” is a European Social Fund Plus programme (2025–2029) that strengthens "
                "cooperation between schools and communities to reduce the risk of early school leaving."
            ),
            "body": [
                ("heading", "Two programme activities on this site"),
                (
                    "paragraph",
                    "<ul><li><b>Group supervision</b> for teachers and support staff: up to ten people per group, "
                    "meeting every three to four weeks.</li><li><b>The mentor training programme</b>: 36 academic "
                    "hours for youth mentors who support pupils aged 13 and over.</li></ul>",
                ),
            ],
        },
    },
    {
        "slug": "pieklustamibas-pazinojums",
        "show_in_menus": False,
        "link": "accessibility_page",
        "lv": {
            "title": "Piekļūstamības paziņojums",
            "introduction": "Kopiena cenšas atbilst standartam EN 301 549 un WCAG 2.1 AA līmenim.",
            "body": [
                ("heading", "Atbilstības statuss"),
                (
                    "paragraph",
                    "<p>Vietne tiek automātiski pārbaudīta ar axe-core katrā izmaiņā. Ja atrodat šķērsli, lūdzu, "
                    "ziņojiet mums, un mēs atbildēsim divu nedēļu laikā.</p>",
                ),
                ("heading", "Atsauksmes"),
                ("paragraph", "<p>Rakstiet uz pieejamiba@kopiena.lv.</p>"),
            ],
        },
        "en": {
            "title": "Accessibility statement",
            "introduction": "Kopiena aims to meet EN 301 549 and WCAG 2.1 level AA.",
            "body": [
                ("heading", "Compliance status"),
                (
                    "paragraph",
                    "<p>The site is checked automatically with axe-core on every change. If you meet a barrier, "
                    "please tell us and we will answer within two weeks.</p>",
                ),
                ("heading", "Feedback"),
                ("paragraph", "<p>Write to pieejamiba@kopiena.lv.</p>"),
            ],
        },
    },
]


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _fill(page, content: dict) -> None:
    page.title = content["title"]
    page.introduction = content["introduction"]
    page.body = list(content["body"])


def home_page(language: str = "lv") -> HomePage:
    return HomePage.objects.get(locale__language_code=language)


def seed(password: str, stdout) -> None:
    lv, _ = Locale.objects.get_or_create(language_code="lv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(locale=lv).first()
    if home is None:
        home = HomePage(slug="kopiena", locale=lv)
        _fill(home, HOME["lv"])
        root.add_child(instance=home)
        _publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "Kopiena"
            site.save()
        else:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Kopiena")
        if old_root and old_root.pk != home.pk and old_root.depth > 1 and not old_root.specific_class == HomePage:
            old_root.delete()  # Wagtail's "Welcome" placeholder page
        stdout.write("Created the home page")
    if not HomePage.objects.filter(locale=en).exists():
        english = home.copy_for_translation(en)
        _fill(english, HOME["en"])
        _publish(english)

    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    for spec in PAGES:
        page = StandardPage.objects.filter(locale=lv, slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(slug=spec["slug"], locale=lv, show_in_menus=spec["show_in_menus"])
            _fill(page, spec["lv"])
            home.add_child(instance=page)
            _publish(page)
            stdout.write(f"Created page {page.title}")
        if not StandardPage.objects.filter(locale=en, translation_key=page.translation_key).exists():
            english = page.copy_for_translation(en, copy_parents=True)
            _fill(english, spec["en"])
            _publish(english)
        if spec.get("link") and getattr(links, f"{spec['link']}_id") is None:
            setattr(links, spec["link"], page)
            links.save()
