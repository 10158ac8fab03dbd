"""The text of the demo programmes, written for this demo, in Latvian and English: "Jauniešu mentoringa
pamati" (COURSE, MODULES, LESSONS) and the short "Konfidencialitāte un drošība darbā ar jauniešiem"
(SAFETY_COURSE, SAFETY_MODULES, SAFETY_LESSONS).

Each lesson lists blocks as (type, id, {"lv": value, "en": value}); both translations share block ids,
so quiz attempts and reflections belong to the lesson whatever language it is read in.
"""

COURSE = {
    "slug": {"lv": "jauniesu-mentoringa-pamati", "en": "youth-mentoring-basics"},
    "title": {"lv": "Jauniešu mentoringa pamati", "en": "Youth mentoring basics"},
    "summary": {
        "lv": "Programma kopienas mentoriem, kuri atbalsta skolēnus no 13 gadu vecuma, kam ir risks pārtraukt "
        "mācības: mentora loma, uzticamas attiecības, riska pazīmes, mērķi un pašaprūpe.",
        "en": "A programme for community mentors who support pupils aged 13 and over at risk of leaving school "
        "early: the mentor's role, trusting relationships, warning signs, goals and self-care.",
    },
    "outcomes": {
        "lv": "<ul><li>izprot mentora lomu skolas individuālajā atbalsta plānā;</li><li>veido drošas un "
        "uzticamas attiecības ar jaunieti;</li><li>atpazīst agrīnas mācību pārtraukšanas riska pazīmes un zina, "
        "kam ziņot;</li><li>kopā ar jaunieti izvirza sasniedzamus mērķus;</li><li>rūpējas par savu labbūtību un "
        "izmanto supervīziju.</li></ul>",
        "en": "<ul><li>understand the mentor's role in the school's individual support plan;</li><li>build a "
        "safe, trusting relationship with a young person;</li><li>recognise early signs of dropping out and know "
        "whom to tell;</li><li>set achievable goals together with the young person;</li><li>look after their own "
        "wellbeing and use supervision.</li></ul>",
    },
    "audience": {
        "lv": "Kopienas jauniešu mentori – arī tie, kuri nav pedagogi – un skolu atbalsta personāls, kas mentorus "
        "pavada.",
        "en": "Community youth mentors – including those who are not teachers – and the school support staff "
        "who accompany them.",
    },
}

MODULES = [
    {
        "slug": "mentora-loma",
        "title": {"lv": "Mentora loma", "en": "The mentor's role"},
        "summary": {"lv": "Kas ir mentors un kas nav.", "en": "What a mentor is, and what a mentor is not."},
        "requires": [],
    },
    {
        "slug": "attiecibu-veidosana",
        "title": {"lv": "Attiecību veidošana", "en": "Building the relationship"},
        "summary": {"lv": "Pirmās tikšanās, klausīšanās un uzticēšanās.", "en": "First meetings, listening, trust."},
        "requires": [],
    },
    {
        "slug": "riska-pazimes",
        "title": {"lv": "Riska pazīmju atpazīšana", "en": "Recognising the signs of risk"},
        "summary": {
            "lv": "Agrīnās brīdinājuma pazīmes un sadarbība ar skolu.",
            "en": "Early warning signs and working with the school.",
        },
        "requires": [],
    },
    {
        "slug": "merki-un-motivacija",
        "title": {"lv": "Mērķi un motivācija", "en": "Goals and motivation"},
        "summary": {"lv": "Mērķu izvirzīšana kopā ar jaunieti.", "en": "Setting goals together with the young person."},
        "requires": ["riska-pazimes"],
    },
    {
        "slug": "nosleegums-un-pasaprupe",
        "title": {"lv": "Noslēgums un pašaprūpe", "en": "Closing and self-care"},
        "summary": {
            "lv": "Kā noslēgt attiecības un parūpēties par sevi.",
            "en": "Ending well and caring for yourself.",
        },
        "requires": ["merki-un-motivacija"],
    },
]


def p(lv: str, en: str) -> dict:
    return {"lv": f"<p>{lv}</p>", "en": f"<p>{en}</p>"}


def tip(kind: str, title_lv: str, title_en: str, lv: str, en: str) -> dict:
    return {
        "lv": {"kind": kind, "title": title_lv, "text": f"<p>{lv}</p>"},
        "en": {"kind": kind, "title": title_en, "text": f"<p>{en}</p>"},
    }


def same(value) -> dict:
    return {"lv": value, "en": value}


def answer(text: str, correct: bool, feedback: str) -> dict:
    return {"text": text, "correct": correct, "feedback": feedback}


QUIZ_ROLE = {
    "lv": {
        "title": "Pašpārbaude: mentora loma",
        "pass_mark": 66,
        "questions": [
            {
                "type": "single",
                "id": "q-role-1",
                "value": {
                    "question": "Kas ir mentora galvenais uzdevums?",
                    "answers": [
                        answer("Būt uzticamam pieaugušajam, kas regulāri tiekas ar jaunieti", True, "Tieši tā."),
                        answer("Labot skolēna mājasdarbus", False, "Mācību palīdzība var būt daļa, bet ne galvenais."),
                        answer(
                            "Aizstāt sociālo pedagogu", False, "Mentors sadarbojas ar atbalsta personālu, neaizstāj to."
                        ),
                    ],
                },
            },
            {
                "type": "multiple",
                "id": "q-role-2",
                "value": {
                    "question": "Kuras no šīm ir mentora robežas?",
                    "answers": [
                        answer("Nesolīt pilnīgu slepenību", True, "Pareizi: par apdraudējumu jāziņo."),
                        answer("Neaizdot naudu", True, "Pareizi: tas sajauc lomas."),
                        answer("Nekad nerunāt par skolu", False, "Skola ir svarīga sarunu tēma."),
                    ],
                },
            },
            {
                "type": "true_false",
                "id": "q-role-3",
                "value": {
                    "statement": "Mentoram jābūt pedagogam.",
                    "is_true": False,
                    "feedback_true": "Nē – mentori var būt jebkurš piemērots kopienas pieaugušais.",
                    "feedback_false": "Pareizi – mentors nav obligāti pedagogs.",
                },
            },
        ],
    },
    "en": {
        "title": "Self-check: the mentor's role",
        "pass_mark": 66,
        "questions": [
            {
                "type": "single",
                "id": "q-role-1",
                "value": {
                    "question": "What is the mentor's main task?",
                    "answers": [
                        answer("To be a reliable adult who meets the young person regularly", True, "Exactly."),
                        answer(
                            "To correct the pupil's homework",
                            False,
                            "Help with learning may be part of it, not the core.",
                        ),
                        answer(
                            "To replace the social pedagogue",
                            False,
                            "Mentors work with support staff, not instead of them.",
                        ),
                    ],
                },
            },
            {
                "type": "multiple",
                "id": "q-role-2",
                "value": {
                    "question": "Which of these are a mentor's boundaries?",
                    "answers": [
                        answer("Not promising complete secrecy", True, "Right: danger must be reported."),
                        answer("Not lending money", True, "Right: it mixes up roles."),
                        answer("Never talking about school", False, "School is an important topic."),
                    ],
                },
            },
            {
                "type": "true_false",
                "id": "q-role-3",
                "value": {
                    "statement": "A mentor has to be a teacher.",
                    "is_true": False,
                    "feedback_true": "No – any suitable adult from the community can mentor.",
                    "feedback_false": "Right – a mentor need not be a teacher.",
                },
            },
        ],
    },
}

QUIZ_TRUST = {
    "lv": {
        "title": "Pašpārbaude: uzticēšanās",
        "pass_mark": 100,
        "questions": [
            {
                "type": "true_false",
                "id": "q-trust-1",
                "value": {
                    "statement": "Ja jaunietis stāsta, ka viņam draud briesmas, mentors to patur pie sevis.",
                    "is_true": False,
                    "feedback_true": "Nē – par apdraudējumu mentors ziņo skolas kontaktpersonai.",
                    "feedback_false": "Pareizi – drošība ir svarīgāka par slepenību.",
                },
            },
            {
                "type": "single",
                "id": "q-trust-2",
                "value": {
                    "question": "Jaunietis divreiz neatnāk uz tikšanos. Ko darīt vispirms?",
                    "answers": [
                        answer("Mierīgi sazināties un pajautāt, kā viņam iet", True, "Jā – interese, nevis pārmetumi."),
                        answer("Pārtraukt mentoringu", False, "Pārāk ātri; kavējumi ir bieži."),
                        answer("Ziņot direktoram", False, "Vispirms runā ar jaunieti."),
                    ],
                },
            },
        ],
    },
    "en": {
        "title": "Self-check: trust",
        "pass_mark": 100,
        "questions": [
            {
                "type": "true_false",
                "id": "q-trust-1",
                "value": {
                    "statement": "If a young person says they are in danger, the mentor keeps it to themselves.",
                    "is_true": False,
                    "feedback_true": "No – the mentor tells the school's contact person about danger.",
                    "feedback_false": "Right – safety comes before secrecy.",
                },
            },
            {
                "type": "single",
                "id": "q-trust-2",
                "value": {
                    "question": "The young person misses two meetings. What do you do first?",
                    "answers": [
                        answer("Get in touch calmly and ask how they are", True, "Yes – interest, not reproach."),
                        answer("End the mentoring", False, "Too soon; missed meetings are common."),
                        answer("Report to the head teacher", False, "Talk to the young person first."),
                    ],
                },
            },
        ],
    },
}

QUIZ_FINAL = {
    "lv": {
        "title": "Noslēguma pašpārbaude",
        "pass_mark": 75,
        "questions": [
            {
                "type": "multiple",
                "id": "q-final-1",
                "value": {
                    "question": "Kuras ir agrīnas riska pazīmes?",
                    "answers": [
                        answer("Bieži neattaisnoti kavējumi", True, "Pareizi."),
                        answer("Straujš sekmju kritums", True, "Pareizi."),
                        answer("Interese par sportu", False, "Tā drīzāk ir stiprā puse."),
                    ],
                },
            },
            {
                "type": "single",
                "id": "q-final-2",
                "value": {
                    "question": "Kāds ir labs mērķis kopā ar jaunieti?",
                    "answers": [
                        answer(
                            "Līdz mēneša beigām nokārtot divus parādus matemātikā", True, "Konkrēts un sasniedzams."
                        ),
                        answer("Kļūt par labāku cilvēku", False, "Pārāk vispārīgs, grūti izmērīt."),
                    ],
                },
            },
            {
                "type": "true_false",
                "id": "q-final-3",
                "value": {
                    "statement": "Supervīzija palīdz mentoram saglabāt spēkus un skaidras robežas.",
                    "is_true": True,
                    "feedback_true": "Pareizi.",
                    "feedback_false": "Supervīzija ir tieši tam domāta.",
                },
            },
            {
                "type": "true_false",
                "id": "q-final-4",
                "value": {
                    "statement": "Mentoringu vislabāk noslēgt bez brīdinājuma, lai nebūtu skumji.",
                    "is_true": False,
                    "feedback_true": "Nē – noslēgums jāplāno un jāizrunā.",
                    "feedback_false": "Pareizi – noslēgums jāsagatavo kopā.",
                },
            },
        ],
    },
    "en": {
        "title": "Final self-check",
        "pass_mark": 75,
        "questions": [
            {
                "type": "multiple",
                "id": "q-final-1",
                "value": {
                    "question": "Which are early signs of risk?",
                    "answers": [
                        answer("Frequent unexplained absences", True, "Right."),
                        answer("A sudden drop in marks", True, "Right."),
                        answer("An interest in sport", False, "That is rather a strength."),
                    ],
                },
            },
            {
                "type": "single",
                "id": "q-final-2",
                "value": {
                    "question": "Which is a good goal to set with a young person?",
                    "answers": [
                        answer(
                            "Clear two overdue maths tests by the end of the month", True, "Specific and achievable."
                        ),
                        answer("Become a better person", False, "Too general to measure."),
                    ],
                },
            },
            {
                "type": "true_false",
                "id": "q-final-3",
                "value": {
                    "statement": "Supervision helps a mentor keep their strength and clear boundaries.",
                    "is_true": True,
                    "feedback_true": "Right.",
                    "feedback_false": "That is exactly what supervision is for.",
                },
            },
            {
                "type": "true_false",
                "id": "q-final-4",
                "value": {
                    "statement": "It is best to end mentoring without warning, so nobody is sad.",
                    "is_true": False,
                    "feedback_true": "No – the ending is planned and talked through.",
                    "feedback_false": "Right – prepare the ending together.",
                },
            },
        ],
    },
}

VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"

# module slug -> lessons; each lesson: slug, title, summary, minutes, blocks
LESSONS = {
    "mentora-loma": [
        {
            "slug": "kas-ir-jauniesu-mentorings",
            "title": {"lv": "Kas ir jauniešu mentorings", "en": "What youth mentoring is"},
            "summary": {"lv": "Mentorings kā ilgstošas attiecības.", "en": "Mentoring as a lasting relationship."},
            "minutes": 30,
            "blocks": [
                ("heading", "l1-h", {"lv": "Uzticams pieaugušais", "en": "A reliable adult"}),
                (
                    "paragraph",
                    "l1-p",
                    p(
                        "Jauniešu mentorings ir brīvprātīgas, regulāras attiecības starp pieaugušo no kopienas un "
                        "skolēnu, kuram mācībās vai dzīvē klājas grūti. Mentors nav skolotājs un nav vecāks: viņš ir "
                        "cilvēks, kas ierodas norunātajā laikā, ieklausās un palīdz jaunietim pašam "
                        "atrast nākamo soli.",
                        "Youth mentoring is a voluntary, regular relationship between an adult from the community "
                        "and a pupil who is struggling at school or in life. A mentor is neither a teacher nor a "
                        "parent: they turn up when agreed, listen, and help the young person find the next step "
                        "themselves.",
                    ),
                ),
                ("image", "l1-img", None),
                (
                    "tip",
                    "l1-tip",
                    tip(
                        "tip",
                        "Regularitāte",
                        "Regularity",
                        "Viena stunda reizi nedēļā gada garumā dod vairāk nekā retas garas tikšanās.",
                        "One hour a week over a year achieves more than a few long meetings.",
                    ),
                ),
            ],
        },
        {
            "slug": "mentors-un-skola",
            "title": {"lv": "Mentors un skola", "en": "The mentor and the school"},
            "summary": {"lv": "Individuālais atbalsta plāns.", "en": "The individual support plan."},
            "minutes": 40,
            "blocks": [
                (
                    "paragraph",
                    "l2-p",
                    p(
                        "Programmā “Skola – kopienā” mentors darbojas kā daļa no skolēna individuālā atbalsta plāna. "
                        "Plānu sagatavo skolas atbalsta komanda kopā ar skolēnu un ģimeni; mentoram tajā ir skaidri "
                        "aprakstīts uzdevums un kontaktpersona skolā.",
                        "In the programme “School – in the community” the mentor works as part of the pupil's "
                        "individual support plan. The school's support team prepares the plan with the pupil and "
                        "the family; it gives the mentor a clear task and a contact person at school.",
                    ),
                ),
                (
                    "tip",
                    "l2-tip",
                    tip(
                        "note",
                        "Kontaktpersona",
                        "Contact person",
                        "Pirms pirmās tikšanās noskaidrojiet, kurš skolā ir jūsu kontaktpersona "
                        "un kā ar viņu sazināties.",
                        "Before the first meeting, find out who your contact person at school is "
                        "and how to reach them.",
                    ),
                ),
            ],
        },
        {
            "slug": "robezas-un-etika",
            "title": {"lv": "Robežas un ētika", "en": "Boundaries and ethics"},
            "summary": {"lv": "Ko mentors dara un ko nedara.", "en": "What a mentor does and does not do."},
            "minutes": 45,
            "blocks": [
                (
                    "paragraph",
                    "l3-p",
                    p(
                        "Skaidras robežas sargā gan jaunieti, gan mentoru. Mentors nesola pilnīgu slepenību, neaizdod "
                        "naudu, netiekas privātās vietās bez saskaņošanas un neuzņemas terapeita lomu.",
                        "Clear boundaries protect both the young person and the mentor. A mentor does not promise "
                        "complete secrecy, does not lend money, does not meet in private places without agreement "
                        "and does not take on the role of a therapist.",
                    ),
                ),
                ("quiz", "quiz-role", QUIZ_ROLE),
            ],
        },
    ],
    "attiecibu-veidosana": [
        {
            "slug": "pirma-tiksanas",
            "title": {"lv": "Pirmā tikšanās", "en": "The first meeting"},
            "summary": {"lv": "Kā iepazīties bez spiediena.", "en": "Getting to know each other without pressure."},
            "minutes": 40,
            "blocks": [
                (
                    "paragraph",
                    "l4-p",
                    p(
                        "Pirmajā tikšanās reizē nav jāatrisina nekas. Pastāstiet par sevi, norunājiet, cik bieži un "
                        "kur tiksieties, un pajautājiet, kas jaunietim patīk darīt brīvajā laikā.",
                        "Nothing has to be solved at the first meeting. Say a little about yourself, agree how "
                        "often and where you will meet, and ask what the young person likes doing in their free time.",
                    ),
                ),
                (
                    "reflection",
                    "l4-refl",
                    {
                        "lv": {
                            "prompt": "Atcerieties pieaugušo, kuram pusaudža gados uzticējāties. Ko viņš darīja citādi?"
                        },
                        "en": {"prompt": "Think of an adult you trusted as a teenager. What did they do differently?"},
                    },
                ),
            ],
        },
        {
            "slug": "aktiva-klausisanas",
            "title": {"lv": "Aktīvā klausīšanās", "en": "Active listening"},
            "summary": {"lv": "Klausīties, lai saprastu.", "en": "Listening to understand."},
            "minutes": 45,
            "blocks": [
                (
                    "paragraph",
                    "l5-p",
                    p(
                        "Aktīvā klausīšanās nozīmē atspoguļot dzirdēto savos vārdos, uzdot atvērtus jautājumus un "
                        "izturēt klusumu. Jaunietis pamana, vai jūs gaidāt savu kārtu runāt vai tiešām klausāties.",
                        "Active listening means reflecting back what you heard in your own words, asking open "
                        "questions and being comfortable with silence. Young people notice whether you are waiting "
                        "for your turn to speak or really listening.",
                    ),
                ),
                (
                    "video",
                    "l5-video",
                    {
                        "lv": {
                            "video": VIDEO_URL,
                            "title": "Vingrinājums: vērojiet īsfilmu bez skaņas un pastāstiet, ko redzējāt",
                            "transcript": "Demonstrācijas video (Blender Foundation animācijas filma, CC BY). "
                            "Skatieties to bez skaņas un pierakstiet, ko varoņi jūt, nevis ko dara.",
                        },
                        "en": {
                            "video": VIDEO_URL,
                            "title": "Exercise: watch a short film without sound and describe what you saw",
                            "transcript": "A demonstration video (an animated film by the Blender Foundation, CC BY). "
                            "Watch it muted and note what the characters feel rather than what they do.",
                        },
                    },
                ),
            ],
        },
        {
            "slug": "uzticesanas-un-konfidencialitate",
            "title": {"lv": "Uzticēšanās un konfidencialitāte", "en": "Trust and confidentiality"},
            "summary": {"lv": "Kad klusēt un kad ziņot.", "en": "When to keep quiet and when to tell."},
            "minutes": 45,
            "blocks": [
                (
                    "paragraph",
                    "l6-p",
                    p(
                        "Uzticēšanās rodas, kad jaunietis redz, ka jūs turat vārdu. Jau pirmajās tikšanās reizēs "
                        "izskaidrojiet: par sarunām jūs nestāstāt citiem, izņemot gadījumus, kad kādam draud briesmas.",
                        "Trust grows when the young person sees that you keep your word. Explain early on that you "
                        "do not repeat your conversations to others, except when somebody is in danger.",
                    ),
                ),
                ("quiz", "quiz-trust", QUIZ_TRUST),
            ],
        },
    ],
    "riska-pazimes": [
        {
            "slug": "agrinas-brididinajuma-pazimes",
            "title": {"lv": "Agrīnās brīdinājuma pazīmes", "en": "Early warning signs"},
            "summary": {"lv": "Kavējumi, sekmes, uzvedība.", "en": "Attendance, marks, behaviour."},
            "minutes": 45,
            "blocks": [
                (
                    "paragraph",
                    "l7-p",
                    p(
                        "Pētījumi par priekšlaicīgu mācību pārtraukšanu bieži min trīs pazīmju grupas: kavējumus, "
                        "sekmju kritumu un uzvedības pārmaiņas. Neviena pazīme pati par sevi neko nenozīmē, "
                        "bet vairākas kopā ir iemesls sarunai ar skolu.",
                        "Research on early school leaving often names three groups of signs: absences, falling "
                        "marks and changes in behaviour. No single sign means much on its own, but several together "
                        "are a reason to talk to the school.",
                    ),
                ),
            ],
        },
        {
            "slug": "sadarbiba-ar-atbalsta-personalu",
            "title": {"lv": "Sadarbība ar atbalsta personālu", "en": "Working with support staff"},
            "summary": {
                "lv": "Psihologs, sociālais pedagogs, klases audzinātājs.",
                "en": "Psychologist, social pedagogue, form teacher.",
            },
            "minutes": 40,
            "blocks": [
                (
                    "paragraph",
                    "l8-p",
                    p(
                        "Mentors nav viens. Skolas psihologs, sociālais pedagogs un klases audzinātājs redz citas "
                        "jaunieša dzīves puses. Īsa ikmēneša saruna ar kontaktpersonu palīdz saskaņot atbalstu.",
                        "A mentor is not alone. The school psychologist, social pedagogue and form teacher see other "
                        "sides of the young person's life. A short monthly talk with the contact person keeps the "
                        "support joined up.",
                    ),
                ),
            ],
        },
        {
            "slug": "kad-jazino",
            "title": {"lv": "Kad jāziņo", "en": "When to report"},
            "summary": {"lv": "Drošība pirmajā vietā.", "en": "Safety first."},
            "minutes": 30,
            "blocks": [
                (
                    "tip",
                    "l9-tip",
                    tip(
                        "warning",
                        "Tūlītēja rīcība",
                        "Act at once",
                        "Ja jaunietis stāsta par vardarbību, paškaitējumu vai citām briesmām, tajā pašā dienā "
                        "informējiet skolas kontaktpersonu; akūtās briesmās zvaniet 112.",
                        "If the young person tells you about violence, self-harm or other danger, tell the school's "
                        "contact person the same day; in acute danger call 112.",
                    ),
                ),
                (
                    "paragraph",
                    "l9-p",
                    p(
                        "Pastāstiet jaunietim, ko darīsiet un kāpēc. Tā jūs saglabājat uzticēšanos arī tad, ja "
                        "nevarat paturēt noslēpumu.",
                        "Tell the young person what you are going to do and why. That way you keep their trust even "
                        "when you cannot keep the secret.",
                    ),
                ),
            ],
        },
    ],
    "merki-un-motivacija": [
        {
            "slug": "merku-izvirzisana",
            "title": {"lv": "Mērķu izvirzīšana kopā", "en": "Setting goals together"},
            "summary": {"lv": "Mazi, konkrēti soļi.", "en": "Small, concrete steps."},
            "minutes": 45,
            "blocks": [
                (
                    "paragraph",
                    "l10-p",
                    p(
                        "Labs mērķis ir jaunieša paša mērķis, konkrēts un sasniedzams dažās nedēļās. “Nokārtot divus "
                        "parādus matemātikā līdz mēneša beigām” ir labāks nekā “mācīties labāk”.",
                        "A good goal is the young person's own, specific and reachable within a few weeks. “Clear two "
                        "overdue maths tests by the end of the month” beats “study harder”.",
                    ),
                ),
                (
                    "reflection",
                    "l10-refl",
                    {
                        "lv": {
                            "prompt": "Kādu vienu mazu mērķi jūs varētu piedāvāt apspriest nākamajā tikšanās reizē?"
                        },
                        "en": {"prompt": "Which one small goal could you offer to discuss at your next meeting?"},
                    },
                ),
            ],
        },
        {
            "slug": "motivejosa-saruna",
            "title": {"lv": "Motivējošā saruna", "en": "Motivational conversation"},
            "summary": {"lv": "Jautāt, nevis pārliecināt.", "en": "Asking rather than persuading."},
            "minutes": 45,
            "blocks": [
                (
                    "paragraph",
                    "l11-p",
                    p(
                        "Motivējošā sarunā mentors palīdz jaunietim pašam saskatīt, kāpēc pārmaiņas ir vērtīgas. "
                        "Jautājiet: “Kas notiktu, ja…?”, “Kas tev jau ir izdevies?” un klausieties atbildes.",
                        "In a motivational conversation the mentor helps the young person see for themselves why a "
                        "change is worth it. Ask “What would happen if…?” and “What have you already managed?”, and "
                        "listen to the answers.",
                    ),
                ),
            ],
        },
        {
            "slug": "progresa-fiksesana",
            "title": {"lv": "Progresa fiksēšana", "en": "Keeping track of progress"},
            "summary": {"lv": "Vienkārša tikšanās piezīmju veidne.", "en": "A simple meeting log."},
            "minutes": 30,
            "blocks": [
                (
                    "paragraph",
                    "l12-p",
                    p(
                        "Pēc katras tikšanās pierakstiet datumu, ilgumu un norunāto nākamo soli – bez sensitīvām "
                        "detaļām. Tā redzēsiet progresu un varēsiet to parādīt jaunietim.",
                        "After each meeting write down the date, the length and the next step you agreed – without "
                        "sensitive details. You will see the progress and can show it to the young person.",
                    ),
                ),
                ("document", "l12-doc", None),
            ],
        },
    ],
    "nosleegums-un-pasaprupe": [
        {
            "slug": "mentora-pasaprupe",
            "title": {"lv": "Mentora pašaprūpe un supervīzija", "en": "Self-care and supervision"},
            "summary": {"lv": "Kā nepārdegt.", "en": "How not to burn out."},
            "minutes": 40,
            "blocks": [
                (
                    "paragraph",
                    "l13-p",
                    p(
                        "Jauniešu grūtības var palikt prātā arī pēc tikšanās. Mentoru supervīzijas un intervīzijas "
                        "grupās var droši izrunāt situācijas un saglabāt skaidras robežas.",
                        "Young people's difficulties can stay on your mind after a meeting. Mentor supervision and "
                        "intervision groups are a safe place to talk situations through and keep clear boundaries.",
                    ),
                ),
                (
                    "reflection",
                    "l13-refl",
                    {
                        "lv": {"prompt": "Kas jums palīdz atjaunot spēkus pēc grūtas sarunas?"},
                        "en": {"prompt": "What helps you recover after a difficult conversation?"},
                    },
                ),
            ],
        },
        {
            "slug": "attiecibu-nosleegums",
            "title": {"lv": "Attiecību noslēgšana", "en": "Ending the relationship"},
            "summary": {"lv": "Noslēgums, kas paliek atmiņā labs.", "en": "An ending remembered well."},
            "minutes": 30,
            "blocks": [
                (
                    "paragraph",
                    "l14-p",
                    p(
                        "Mentorings beidzas, un tas ir normāli. Par noslēgumu runājiet vairākas nedēļas iepriekš, "
                        "atcerieties kopā paveikto un izrunājiet, pie kā jaunietis var vērsties turpmāk.",
                        "Mentoring ends, and that is normal. Talk about the ending several weeks ahead, look back "
                        "together at what you achieved and agree whom the young person can turn to next.",
                    ),
                ),
            ],
        },
        {
            "slug": "nosleeguma-pasparbaude",
            "title": {"lv": "Noslēguma pašpārbaude", "en": "Final self-check"},
            "summary": {"lv": "Atkārtojums pirms noslēguma.", "en": "A review before finishing."},
            "minutes": 30,
            "blocks": [("quiz", "quiz-final", QUIZ_FINAL)],
        },
    ],
}


# --- The short programme: "Konfidencialitāte un drošība darbā ar jauniešiem" ---------------------

SAFETY_COURSE = {
    "slug": {"lv": "konfidencialitate-un-drosiba", "en": "confidentiality-and-safety"},
    "title": {
        "lv": "Konfidencialitāte un drošība darbā ar jauniešiem",
        "en": "Confidentiality and safety in youth work",
    },
    "summary": {
        "lv": "Īsa programma mentoriem un brīvprātīgajiem: kādus datus par jaunieti drīkst zināt un pierakstīt, "
        "kā tikties un sazināties droši un ko darīt, ja jaunietis ir apdraudēts.",
        "en": "A short programme for mentors and volunteers: what you may know and write down about a young "
        "person, how to meet and keep in touch safely, and what to do when a young person is at risk.",
    },
    "outcomes": {
        "lv": "<ul><li>pieraksta tikai atbalstam nepieciešamo un glabā piezīmes droši;</li><li>izvēlas drošas "
        "tikšanās vietas un saziņas kanālus;</li><li>zina konfidencialitātes robežas un rīkojas, ja jaunietis "
        "ir apdraudēts.</li></ul>",
        "en": "<ul><li>write down only what support needs and keep notes safe;</li><li>choose safe places to "
        "meet and safe ways to keep in touch;</li><li>know where confidentiality ends and act when a young "
        "person is at risk.</li></ul>",
    },
    "audience": {
        "lv": "Kopienas jauniešu mentori, arī tie, kuri jau apguvuši mentoringa pamatus, un skolu brīvprātīgie.",
        "en": "Community youth mentors, including those who have finished the mentoring basics, and school volunteers.",
    },
}

SAFETY_MODULES = [
    {
        "slug": "drosa-prakse",
        "title": {"lv": "Droša prakse", "en": "Safe practice"},
        "summary": {
            "lv": "Piezīmes, tikšanās un ziņošana par apdraudējumu.",
            "en": "Notes, meetings and reporting a risk.",
        },
        "requires": [],
    },
]

QUIZ_SAFETY = {
    "lv": {
        "title": "Pašpārbaude: drošība un konfidencialitāte",
        "pass_mark": 67,
        "questions": [
            {
                "type": "single",
                "id": "q-safe-1",
                "value": {
                    "question": "Ko no šī ir vērts ierakstīt tikšanās piezīmēs?",
                    "answers": [
                        answer("Datumu un norunāto nākamo soli", True, "Pareizi – tā redzams progress."),
                        answer(
                            "Jaunieša vecāku strīda detaļas",
                            False,
                            "Nē – tās ir sensitīvas un atbalstam nav vajadzīgas.",
                        ),
                        answer("Jaunieša draugu tālruņa numurus", False, "Nē – citu cilvēku datus nepierakstiet."),
                    ],
                },
            },
            {
                "type": "multiple",
                "id": "q-safe-2",
                "value": {
                    "question": "Kuras vietas ir piemērotas parastai tikšanās reizei?",
                    "answers": [
                        answer("Skolas bibliotēka", True, "Pareizi – apkārt ir citi cilvēki."),
                        answer("Jauniešu centrs", True, "Pareizi."),
                        answer("Mentora dzīvoklis", False, "Nē – privātas telpas bez vienošanās nav piemērotas."),
                    ],
                },
            },
            {
                "type": "true_false",
                "id": "q-safe-3",
                "value": {
                    "statement": "Ja jaunietis lūdz nevienam nestāstīt par vardarbību mājās, mentors klusē.",
                    "is_true": False,
                    "feedback_true": "Nē – par vardarbību ziņo tajā pašā dienā un godīgi pasaka to jaunietim.",
                    "feedback_false": "Pareizi – drošība ir svarīgāka par noslēpumu.",
                },
            },
        ],
    },
    "en": {
        "title": "Self-check: safety and confidentiality",
        "pass_mark": 67,
        "questions": [
            {
                "type": "single",
                "id": "q-safe-1",
                "value": {
                    "question": "Which of these is worth writing in your meeting notes?",
                    "answers": [
                        answer("The date and the next step you agreed", True, "Right – it shows the progress."),
                        answer(
                            "The details of the parents' quarrel",
                            False,
                            "No – they are sensitive and support does not need them.",
                        ),
                        answer(
                            "The phone numbers of the young person's friends",
                            False,
                            "No – do not write down other people's data.",
                        ),
                    ],
                },
            },
            {
                "type": "multiple",
                "id": "q-safe-2",
                "value": {
                    "question": "Which places suit an ordinary meeting?",
                    "answers": [
                        answer("The school library", True, "Right – other people are around."),
                        answer("A youth centre", True, "Right."),
                        answer("The mentor's flat", False, "No – private rooms are not suitable without agreement."),
                    ],
                },
            },
            {
                "type": "true_false",
                "id": "q-safe-3",
                "value": {
                    "statement": "If the young person asks you to tell nobody about violence at home, you keep quiet.",
                    "is_true": False,
                    "feedback_true": "No – violence is reported the same day, and you tell the young person so.",
                    "feedback_false": "Right – safety comes before a secret.",
                },
            },
        ],
    },
}

# 3 lessons of 60 minutes: 4 academic hours of 45 minutes.
SAFETY_LESSONS = {
    "drosa-prakse": [
        {
            "slug": "ko-mentors-pieraksta",
            "title": {"lv": "Ko mentors zina un ko pieraksta", "en": "What a mentor knows and writes down"},
            "summary": {"lv": "Personas dati un tikšanās piezīmes.", "en": "Personal data and meeting notes."},
            "minutes": 60,
            "blocks": [
                ("heading", "k1-h", {"lv": "Tikai tas, kas vajadzīgs", "en": "Only what is needed"}),
                (
                    "paragraph",
                    "k1-p",
                    p(
                        "Mentors uzzina daudz par jaunieša dzīvi: par ģimeni, veselību, draugiem, dažreiz arī par "
                        "pārkāpumiem. Tie ir personas dati, un daļa no tiem ir īpaši sensitīvi. Vispārīgā datu "
                        "aizsardzības regula prasa apstrādāt tikai tik daudz datu, cik vajag mērķim, un mentora mērķis "
                        "ir atbalsts, nevis dosjē par jaunieti.",
                        "A mentor learns a great deal about a young person's life: family, health, friends, sometimes "
                        "rule-breaking too. This is personal data, and some of it is especially sensitive. The General "
                        "Data Protection Regulation asks that no more data is processed than the purpose needs, and a "
                        "mentor's purpose is support, not a file on the young person.",
                    ),
                ),
                (
                    "paragraph",
                    "k1-notes",
                    {
                        "lv": "<p>Tikšanās piezīmēs pierakstiet:</p><ul><li>datumu, ilgumu un vietu;</li><li>tēmu "
                        "vispārīgi (“runājām par matemātikas parādiem”);</li><li>norunāto nākamo soli.</li></ul>"
                        "<p>Nepierakstiet diagnozes, ģimenes konfliktu detaļas un citu cilvēku vārdus. Glabājiet "
                        "piezīmes ar paroli aizsargātā ierīcē vai slēdzamā atvilktnē, nevis tālruņa galerijā vai "
                        "kopīgā tērzēšanā.</p>",
                        "en": "<p>In your meeting notes write down:</p><ul><li>the date, length and place;</li>"
                        "<li>the topic in general terms (“we talked about overdue maths tests”);</li><li>the next "
                        "step you agreed.</li></ul><p>Do not write down diagnoses, details of family conflicts or "
                        "other people's names. Keep the notes on a password-protected device or in a locked drawer, "
                        "not in your phone's photo gallery or a shared chat.</p>",
                    },
                ),
                (
                    "tip",
                    "k1-tip",
                    tip(
                        "warning",
                        "Fotogrāfijas un stāsti",
                        "Photos and stories",
                        "Nepublicējiet jaunieša fotogrāfijas vai viņa stāstus sociālajos tīklos – arī bez vārda. "
                        "Mazā kopienā cilvēku atpazīst viegli.",
                        "Do not post photos of the young person or their stories on social media – not even without "
                        "a name. In a small community people are easily recognised.",
                    ),
                ),
            ],
        },
        {
            "slug": "drosas-tiksanas",
            "title": {"lv": "Drošas tikšanās un saziņa", "en": "Safe meetings and keeping in touch"},
            "summary": {"lv": "Kur tikties un kā sarakstīties.", "en": "Where to meet and how to message."},
            "minutes": 60,
            "blocks": [
                (
                    "paragraph",
                    "k2-p",
                    p(
                        "Tiecieties vietās, kur ir arī citi cilvēki: skolā, bibliotēkā, jauniešu centrā, kafejnīcā vai "
                        "ārā. Kopīgu izbraucienu iepriekš saskaņojiet ar skolas kontaktpersonu un jaunieša vecākiem. "
                        "Bez šādas vienošanās mentors nevizina jaunieti savā automašīnā un neaicina pie sevis mājās.",
                        "Meet where other people are around: at school, in a library, a youth centre, a café or "
                        "outdoors. Agree any outing beforehand with the school's contact person and the young "
                        "person's parents. Without such an agreement a mentor does not drive the young person in "
                        "their own car or invite them home.",
                    ),
                ),
                (
                    "paragraph",
                    "k2-p2",
                    p(
                        "Sarakstei izmantojiet kanālu, ko norunājāt sākumā un par ko zina skola. Atbildiet saprātīgā "
                        "laikā – sarakste vēlu vakarā izplūdina robežas. Ja jaunietis raksta par kaut ko nopietnu, "
                        "aiciniet to izrunāt klātienē vai pa tālruni, nevis tērzēšanā.",
                        "For messages use the channel you agreed at the start and that the school knows about. Reply "
                        "at reasonable hours – late-night chats blur boundaries. If the young person writes about "
                        "something serious, suggest talking it through in person or by phone rather than in a chat.",
                    ),
                ),
                (
                    "reflection",
                    "k2-refl",
                    {
                        "lv": {
                            "prompt": "Kur jūs plānojat tikties ar jaunieti, un kā par to uzzinās "
                            "skolas kontaktpersona?"
                        },
                        "en": {
                            "prompt": "Where do you plan to meet the young person, and how will the school's contact "
                            "person know about it?"
                        },
                    },
                ),
            ],
        },
        {
            "slug": "ja-jaunietis-ir-apdraudets",
            "title": {"lv": "Ja jaunietis ir apdraudēts", "en": "When a young person is at risk"},
            "summary": {
                "lv": "Konfidencialitātes robeža un ziņošana.",
                "en": "Where confidentiality ends, and reporting.",
            },
            "minutes": 60,
            "blocks": [
                (
                    "paragraph",
                    "k3-p",
                    p(
                        "Konfidencialitātei ir robeža – jaunieša drošība. Jaunietis līdz 18 gadu vecumam likuma "
                        "izpratnē ir bērns, un Bērnu tiesību aizsardzības likums prasa ziņot par vardarbību pret "
                        "bērnu. Mentora ceļš ir vienkāršs: tajā pašā dienā pastāstiet skolas kontaktpersonai, kura "
                        "kopā ar skolu ziņo bāriņtiesai vai policijai. Akūtās briesmās zvaniet 112.",
                        "Confidentiality has a limit: the young person's safety. In law a young person under 18 is a "
                        "child, and the Law on the Protection of the Rights of the Child requires violence against a "
                        "child to be reported. The mentor's route is simple: tell the school's contact person the same "
                        "day, who reports it to the orphans' and custody court or the police together with the school. "
                        "In acute danger call 112.",
                    ),
                ),
                (
                    "paragraph",
                    "k3-p2",
                    p(
                        "Pēc sarunas pierakstiet jaunieša teikto viņa paša vārdiem, kā arī kad un kam jūs ziņojāt. "
                        "Neizmeklējiet pats un nerunājiet ar iespējamo vainīgo – tas ir speciālistu darbs.",
                        "After the conversation write down what the young person said in their own words, and when "
                        "and to whom you reported it. Do not investigate yourself or speak to the person who may be "
                        "responsible – that is the specialists' job.",
                    ),
                ),
                (
                    "tip",
                    "k3-tip",
                    tip(
                        "note",
                        "Uzticības tālrunis",
                        "Helpline",
                        "Jaunietis pats var zvanīt uz Bērnu un pusaudžu uzticības tālruni 116111 – bez maksas.",
                        "The young person can also call the Children and Adolescents' Helpline 116111 themselves – "
                        "free of charge.",
                    ),
                ),
                ("quiz", "quiz-safety", QUIZ_SAFETY),
            ],
        },
    ],
}
