"""Erasure: refused and scheduled while the ESF+ obligation runs; then no name or email anywhere in the database."""

from datetime import date

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from certificates.models import Certificate
from participants.models import EntryVersion, ParticipantRecord
from privacy import services
from privacy.models import ErasureRequest
from tests.privacy.conftest import EMAIL, FREE_TEXT, NAME

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _mentions(needles) -> list[str]:
    """Every (table.column) holding one of `needles`, across every model and text or JSON column."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            for needle in needles:
                lookup = f"{field.attname}__icontains"
                if isinstance(field, models.JSONField):
                    rows = [
                        v
                        for v in model._default_manager.values_list(field.attname, flat=True)
                        if needle.lower() in str(v).lower()
                    ]
                else:
                    rows = model._default_manager.filter(**{lookup: needle})
                if rows and (not hasattr(rows, "exists") or rows.exists()):
                    found.append(f"{model._meta.db_table}.{field.column} ∋ {needle}")
    return found


def test_the_scan_finds_the_person_before_erasure(zelma):
    before = _mentions([NAME[1], EMAIL])
    assert "accounts_user.email ∋ " + EMAIL in before
    assert any(m.startswith("certificates_certificate.holder_name") for m in before)
    assert any(m.startswith("notifications_sentemail.to") for m in before)


def test_erasure_leaves_no_name_or_email_anywhere(zelma, national_coordinator, no_esf_obligation, mailoutbox):
    request = services.request_erasure(zelma)
    request = services.approve_erasure(request, by=national_coordinator)
    assert request.status == "done"
    found = _mentions([NAME[0], NAME[1], "Zvaigzn", EMAIL, "zelma.", FREE_TEXT])
    assert found == []
    zelma.refresh_from_db()
    assert not zelma.is_active and not zelma.has_usable_password()
    assert mailoutbox[-1].to == [EMAIL]  # told before the address went


def test_erasure_keeps_the_anonymous_rows_reports_and_numbering_need(zelma, national_coordinator, no_esf_obligation):
    number = Certificate.objects.get(holder=zelma).number
    services.approve_erasure(services.request_erasure(zelma), by=national_coordinator)
    certificate = Certificate.objects.get(number=number)
    assert (certificate.status, certificate.revocation_kind, certificate.holder_name, certificate.pdf.name) == (
        "revoked",
        "erased",
        "",
        "",
    )
    record = ParticipantRecord.objects.get(person=zelma)
    assert record.current_entry.gender == "man" and EntryVersion.objects.filter(record=record).count() == 2
    assert (
        not hasattr(record, "sensitive")
        or not type(record).sensitive.related.related_model.objects.filter(record=record).exists()
    )


def test_an_erased_certificate_verifies_as_revoked_erased(client, zelma, national_coordinator, no_esf_obligation):
    code = Certificate.objects.get(holder=zelma).verification_code
    services.approve_erasure(services.request_erasure(zelma), by=national_coordinator)
    page = client.get(reverse("certificate_verify", args=[code]))
    assert page.status_code == 200
    body = page.content.decode()
    with translation.override("lv"):
        assert _("Revoked: erased.") in body and _("Revoked: erased.") != "Revoked: erased."
    data = client.get(reverse("certificate_verify", args=[code]) + "?format=json").json()
    assert (data["status"], data["revocation"], data["holder"]) == ("revoked", "erased", None)


def test_while_the_esf_obligation_applies_erasure_is_scheduled_not_done(zelma, national_coordinator):
    request = services.approve_erasure(services.request_erasure(zelma), by=national_coordinator)
    assert (request.status, request.refusal_code, request.scheduled_for) == (
        "scheduled",
        "esf_obligation",
        date(2036, 1, 1),
    )
    zelma.refresh_from_db()
    assert zelma.email == EMAIL
    assert services.erase_due(date(2035, 12, 31)) == 0
    assert services.erase_due(date(2036, 1, 1)) == 1
    zelma.refresh_from_db()
    assert zelma.email != EMAIL and ErasureRequest.objects.get(pk=request.pk).status == "done"


def test_a_person_without_esf_participation_is_erased_at_once(educator, national_coordinator):
    request = services.approve_erasure(services.request_erasure(educator), by=national_coordinator)
    assert request.status == "done"


def test_only_national_coordinators_decide_and_never_on_their_own(zelma, coordinator, national_coordinator):
    request = services.request_erasure(zelma)
    with pytest.raises(services.PrivacyError) as municipal:
        services.approve_erasure(request, by=coordinator)
    own = services.request_erasure(national_coordinator)
    with pytest.raises(services.PrivacyError) as self_approval:
        services.approve_erasure(own, by=national_coordinator)
    assert (municipal.value.code, self_approval.value.code) == ("forbidden", "own")


def test_one_open_request_at_a_time_and_the_person_may_withdraw(educator):
    request = services.request_erasure(educator)
    with pytest.raises(services.PrivacyError) as error:
        services.request_erasure(educator)
    assert error.value.code == "open"
    services.withdraw_erasure(request, by=educator)
    assert services.request_erasure(educator).status == "requested"


def test_the_pages_for_each_role(client, educator, coordinator, national_coordinator, outsider):
    assert client.get(reverse("privacy:my_data")).status_code == 302
    client.force_login(educator)
    assert client.get(reverse("privacy:my_data")).status_code == 200
    assert client.post(reverse("privacy:request_erasure")).status_code == 302
    assert not ErasureRequest.objects.exists()  # the confirmation box was not ticked
    client.post(reverse("privacy:request_erasure"), {"confirm": "yes"})
    request = ErasureRequest.objects.get()
    for person in (educator, coordinator, outsider):
        client.force_login(person)
        assert client.get(reverse("privacy:erasure_requests")).status_code == 404
        assert client.post(reverse("privacy:erasure_approve", args=[request.pk])).status_code == 404
    client.force_login(outsider)
    assert client.post(reverse("privacy:withdraw_erasure", args=[request.pk])).status_code == 404
    client.force_login(national_coordinator)
    assert client.get(reverse("privacy:erasure_requests")).status_code == 200
    assert client.post(reverse("privacy:erasure_refuse", args=[request.pk]), {"code": "<script>"}).status_code == 302
    assert ErasureRequest.objects.get().status == "requested"
    assert client.post(reverse("privacy:erasure_refuse", args=[request.pk]), {"code": "identity"}).status_code == 302
    assert ErasureRequest.objects.get().status == "refused"
    assert client.post(reverse("privacy:erasure_approve", args=[2**70])).status_code == 404
