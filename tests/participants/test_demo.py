"""The demo shows ESF+ records in every state, a downloadable report, the charts and the privacy pieces."""

import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from participants.models import ParticipantRecord, PublicEvent, SensitiveIndicators
from privacy.models import DataExport, ErasureRequest, PrivacyNoticePage


def test_the_demo_has_records_in_every_state(demo):
    records = ParticipantRecord.objects.all()
    assert records.complete().count() >= 3
    assert records.incomplete().count() >= 2
    assert SensitiveIndicators.objects.count() == 1
    overdue = [r for r in records.missing_exit() if r.exit_due_on and r.exit_due_on < timezone.localdate()]
    assert len(overdue) == 1
    assert PublicEvent.objects.count() == 3


def test_the_demo_coordinator_downloads_a_report_and_sees_the_charts(client, demo):
    client.force_login(User.objects.get(email="coordinator@demo.kopiena.lv"))
    page = client.get(reverse("participants:reports"))
    assert page.status_code == 200 and page.context["report"].total_for(None, "national").participants >= 5
    query = page.context["yearly"]["query"]
    xlsx = client.get(reverse("participants:reports") + f"?{query}&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.getvalue()[:2] == b"PK"
    assert client.get(reverse("participants:insight")).status_code == 200


def test_the_demo_has_a_ready_download_an_erased_certificate_and_the_notice(client, demo):
    assert DataExport.objects.get(person__email="educator@demo.kopiena.lv").status == "ready"
    erased = Certificate.objects.get(revocation_kind="erased")
    data = client.get(reverse("certificate_verify", args=[erased.verification_code]) + "?format=json").json()
    assert (data["status"], data["revocation"]) == ("revoked", "erased")
    assert set(ErasureRequest.objects.values_list("status", flat=True)) == {"requested", "scheduled", "done"}
    notice = PrivacyNoticePage.objects.get(locale__language_code="lv")
    assert "2035" in client.get(notice.url).content.decode()


def test_running_the_demo_again_changes_nothing(demo):
    before = (ParticipantRecord.objects.count(), DataExport.objects.count(), ErasureRequest.objects.count())
    call_command("seed_demo", password="demo-password-1", stdout=io.StringIO())
    assert (ParticipantRecord.objects.count(), DataExport.objects.count(), ErasureRequest.objects.count()) == before
