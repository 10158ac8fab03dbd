"""The demo accounts' dashboards each show something to try (README, "What to try")."""

import io
import re

from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from tests.lms.test_dashboard import COORDINATOR_QUERIES, PARTICIPANT_QUERIES, SUPERVISOR_QUERIES

EXPECTED = {
    "mentor": (
        ["Grupā “Atbalsta personāla grupa (tiešsaistē)” Jums ir brīva vieta.", "Jaunākā apliecība", "Turpināt:"],
        PARTICIPANT_QUERIES,
    ),
    "educator": (["Jūsu nākamās sesijas", "Atzīmēties", "akadēmiskajām stundām", "2. rindā"], PARTICIPANT_QUERIES),
    "supervisor": (["Šodien", "Rādīt atzīmēšanās kodu", "1 persona bez statusa"], SUPERVISOR_QUERIES),
    "coordinator": (["Jūsu pašvaldība īsumā", "uzaicinājums, kas vēl nav pieņemts"], COORDINATOR_QUERIES),
}


def test_each_demo_dashboard_shows_what_to_do_next(client, db, django_assert_max_num_queries):
    call_command("seed_demo", password="demo-password-1", stdout=io.StringIO())
    for persona, (phrases, bound) in EXPECTED.items():
        client.force_login(User.objects.get(email=f"{persona}@demo.kopiena.lv"))
        client.get(reverse("dashboard"))
        with django_assert_max_num_queries(bound):
            body = client.get(reverse("dashboard")).content.decode()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
        for phrase in phrases:
            assert phrase in text, (persona, phrase)
