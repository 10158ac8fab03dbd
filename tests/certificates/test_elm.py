"""European Learning Model export, validated against the EBSI "Europass EDC credential" JSON Schema
(ELM 3.2; source in tests/data/README.md), one per certificate and as a ZIP for a selection."""

import io
import json
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from certificates import elm
from certificates.models import Certificate
from certificates.services import issue_certificate, revoke_certificate
from tests.factories import make_person

DATA = Path(__file__).resolve().parents[1] / "data" / "elm"
SCHEMA = json.loads((DATA / "schema.json").read_text())
ATTESTATION = json.loads((DATA / "vcdm2.0-attestation-schema" / "schema.json").read_text())
# The EDC schema refers to the attestation schema by a path relative to its own $id.
REGISTRY = Registry().with_resource(
    urljoin(SCHEMA["$id"], "./vcdm2.0-attestation-schema/schema.json"), Resource.from_contents(ATTESTATION)
)


def schema_errors(data: dict) -> list[str]:
    validator = Draft202012Validator(SCHEMA, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(data)]


@pytest.fixture
def certificate(mentor, programme) -> Certificate:
    programme.provider_legal_identifier = "90001800413"
    programme.validity_months = 36
    programme.save()
    return issue_certificate(mentor, programme, by=None)


def test_the_elm_credential_is_valid_against_the_edc_schema(certificate):
    assert schema_errors(elm.credential(certificate)) == []


def test_the_elm_credential_names_the_awarding_body_with_its_legal_identifier(certificate):
    data = elm.credential(certificate)
    (claim,) = data["credentialSubject"]["hasClaim"]
    body = claim["awardedBy"]["awardingBody"][0]
    assert body["legalName"] == {"lv": "Programma “Skola – kopienā”", "en": "Programme “School – in the community”"}
    assert body["registration"]["notation"] == "90001800413"
    assert body["registration"]["spatial"]["id"].endswith("/country/LVA")


def test_the_learning_activity_has_the_dates_and_the_workload_in_clock_hours(certificate):
    (claim,) = elm.credential(certificate)["credentialSubject"]["hasClaim"]
    (activity,) = claim["influencedBy"]
    assert activity["workload"] == "PT27H"  # 36 academic hours of 45 minutes
    assert activity["temporal"][0]["endDate"].startswith(certificate.completed_on.isoformat())
    assert claim["title"]["lv"] == "Jauniešu mentoringa pamati"


def test_the_display_image_is_the_first_page_of_the_pdf(certificate):
    import base64

    image = elm.credential(certificate)["displayParameter"]["individualDisplay"][0]["displayDetail"][0]["image"]
    assert base64.b64decode(image["content"]).startswith(b"\x89PNG")


def test_a_revoked_certificate_is_not_exported_for_sealing(certificate, coordinator, client):
    revoke_certificate(certificate, by=coordinator, reason="Kļūda")
    client.force_login(coordinator)
    response = client.get(reverse("certificate_elm", args=[certificate.pk]))
    assert response.status_code == 409
    assert response.json()["status"] == "revoked"


def test_the_coordinator_downloads_one_certificate_as_elm(client, coordinator, certificate):
    client.force_login(coordinator)
    response = client.get(reverse("certificate_elm", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert schema_errors(json.loads(response.content)) == []


@pytest.mark.parametrize("persona", ["mentor", "educator", "outsider", "supervisor"])
def test_people_who_do_not_manage_the_certificate_cannot_export_it(client, certificate, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("certificate_elm", args=[certificate.pk])).status_code == 404


def test_a_coordinator_elsewhere_cannot_export_it(client, certificate, jelgava):
    client.force_login(make_person("ieva.jelgava@example.lv", ["coordinator"], jelgava))
    assert client.get(reverse("certificate_elm", args=[certificate.pk])).status_code == 404


def test_the_batch_export_is_a_zip_of_the_coordinators_selection(client, coordinator, certificate, educator, programme):
    other = issue_certificate(educator, programme, by=None)
    client.force_login(coordinator)
    response = client.get(reverse("certificates_manage"), {"q": "Liga", "export": "elm"})
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"{certificate.number}-elm.jsonld"]
    assert schema_errors(json.loads(archive.read(archive.namelist()[0]))) == []
    assert other.number not in " ".join(archive.namelist())


def test_the_batch_export_leaves_out_other_municipalities(client, coordinator, certificate, outsider, programme):
    issue_certificate(outsider, programme, by=None)
    client.force_login(coordinator)
    response = client.get(reverse("certificates_manage"), {"export": "elm"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"{certificate.number}-elm.jsonld"]
