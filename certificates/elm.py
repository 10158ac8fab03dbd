"""A certificate in the European Learning Model (ELM 3.2) as a European Digital Credential, JSON-LD.

This is the unsealed credential the EU's EDC Issuer takes in; the programme body seals it there with
its eIDAS seal. It holds the learner (Person), the learning achievement awarded by the programme body
(Organisation with its registration number), the learning activity with its dates and workload, and
the first page of the PDF as the display image the EDC schema asks for. Kopiena does not seal.
"""

import base64
import uuid
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from tempfile import SpooledTemporaryFile

from django.utils import timezone

from certificates.models import Certificate, HoursUnit
from certificates.text import describe_hours

CONTEXT = ["https://www.w3.org/ns/credentials/v2", "http://data.europa.eu/snb/model/context/edc-ap"]
SHACL_PROFILE = "http://data.europa.eu/snb/model/ap/edc-generic-full"
NAMESPACE = uuid.UUID("0d7b8a70-6d42-4b27-9a1a-2f0b5f7e7c31")
LANGUAGES = {"lv": ("LAV", "Latvian"), "en": ("ENG", "English")}
MINUTES_PER_HOUR = {HoursUnit.ACADEMIC_45: 45, HoursUnit.ACADEMIC_40: 40, HoursUnit.CLOCK: 60}


class ElmError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _id(kind: str, certificate: Certificate, extra: str = "") -> str:
    return f"urn:epass:{kind}:{uuid.uuid5(NAMESPACE, f'{certificate.verification_code}:{kind}:{extra}')}"


def _concept(uri: str, scheme: str, label: str, notation: str | None = None) -> dict:
    concept = {
        "id": uri,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
        "prefLabel": {"en": label},
    }
    if notation:
        concept["notation"] = notation
    return concept


def _language(code: str) -> dict:
    authority, name = LANGUAGES.get(code, LANGUAGES["lv"])
    return _concept(
        f"http://publications.europa.eu/resource/authority/language/{authority}",
        "http://publications.europa.eu/resource/authority/language",
        name,
        "language",
    )


LATVIA = _concept(
    "http://publications.europa.eu/resource/authority/country/LVA",
    "http://publications.europa.eu/resource/authority/country",
    "Latvia",
    "country",
)


def _texts(lv: str, en: str = "") -> dict:
    """An ELM language map: Latvian always, English when there is one."""
    return {"lv": lv, **({"en": en} if en and en != lv else {})}


def _moment(day: date, *, end: bool = False) -> str:
    moment = datetime.combine(day + timedelta(days=1) if end else day, time.min, tzinfo=timezone.get_default_timezone())
    return (moment - timedelta(seconds=1) if end else moment).isoformat()


def workload(hours: Decimal, unit: str) -> str:
    """The programme's hours as an ISO 8601 duration in clock time: 36 academic hours of 45 min → PT27H."""
    minutes = int(hours * MINUTES_PER_HOUR.get(unit, 60))
    whole, rest = divmod(minutes, 60)
    return f"PT{whole}H{rest}M" if rest else f"PT{whole}H"


def _first_page_png(certificate: Certificate) -> bytes:
    import pypdfium2

    with certificate.pdf.open("rb") as handle:
        document = pypdfium2.PdfDocument(handle.read())
    try:
        image = document[0].render(scale=1.5).to_pil()
    finally:
        document.close()
    from io import BytesIO

    buffer = BytesIO()
    image.convert("RGB").save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def credential(certificate: Certificate, *, page_image: bytes | None = None) -> dict:
    """The certificate as an unsealed European Digital Credential.

    Raises ElmError "revoked" for a certificate that is no longer valid, "no_file" when its PDF is missing.
    """
    if not certificate.is_valid:
        raise ElmError("revoked", "A revoked certificate is not exported for sealing.")
    programme = certificate.programme
    holder = certificate.holder
    if page_image is None:
        try:
            page_image = _first_page_png(certificate)
        except FileNotFoundError as error:
            raise ElmError("no_file", "The certificate's PDF file is missing.") from error

    awarding_body = {
        "id": _id("org", certificate, programme.number_prefix),
        "type": "Organisation",
        "legalName": _texts(programme.provider_lv, programme.provider_en),
        "location": [
            {
                "id": _id("location", certificate),
                "type": "Location",
                "address": [{"id": _id("address", certificate), "type": "Address", "countryCode": LATVIA}],
            }
        ],
    }
    if programme.provider_legal_identifier:
        awarding_body["registration"] = {
            "id": _id("legalIdentifier", certificate),
            "type": "LegalIdentifier",
            "notation": programme.provider_legal_identifier,
            "spatial": LATVIA,
        }
    awarding = {
        "id": _id("awardingProcess", certificate),
        "type": "AwardingProcess",
        "awardingBody": [awarding_body],
        "awardingDate": _moment(certificate.issued_on),
    }
    title = _texts(programme.title_lv, programme.title_en)
    period = {
        "id": _id("period", certificate),
        "type": "PeriodOfTime",
        "endDate": _moment(certificate.completed_on, end=True),
    }
    if certificate.started_on:
        period["startDate"] = _moment(certificate.started_on)
    activity = {
        "id": _id("learningActivity", certificate),
        "type": "LearningActivity",
        "title": title,
        "awardedBy": awarding,
        "temporal": [period],
        "workload": workload(certificate.hours, certificate.hours_unit),
    }
    with_hours = describe_hours(certificate.hours, certificate.hours_unit)
    achievement = {
        "id": _id("learningAchievement", certificate),
        "type": "LearningAchievement",
        "title": title,
        "description": {"lv": with_hours},
        "awardedBy": awarding,
        "influencedBy": [activity],
        "identifier": {
            "id": _id("identifier", certificate),
            "type": "Identifier",
            "notation": certificate.number,
            "schemeName": "Kopiena certificate number",
        },
        "specifiedBy": {
            "id": _id("learningAchievementSpec", certificate),
            "type": "LearningAchievementSpecification",
            "title": title,
            "volumeOfLearning": workload(certificate.hours, certificate.hours_unit),
            "language": [_language(certificate.language)],
        },
    }
    if programme.approval_number:
        achievement["specifiedBy"]["identifier"] = {
            "id": _id("approval", certificate),
            "type": "Identifier",
            "notation": programme.approval_number,
            "schemeName": programme.approving_body_lv or "programme approval",
        }
    person = {
        "id": _id("person", certificate),
        "type": "Person",
        "fullName": {"lv": certificate.holder_name},
        "hasClaim": [achievement],
    }
    if holder.first_name and holder.last_name and f"{holder.first_name} {holder.last_name}" == certificate.holder_name:
        person["givenName"] = {"lv": holder.first_name}
        person["familyName"] = {"lv": holder.last_name}
    language = _language(certificate.language)
    body = {
        "@context": CONTEXT,
        "id": _id("credential", certificate, str(certificate.version)),
        "type": ["VerifiableCredential", "VerifiableAttestation", "EuropeanDigitalCredential"],
        "credentialSchema": [{"id": SHACL_PROFILE, "type": "ShaclValidator2017"}],
        "credentialProfiles": [
            _concept(
                "http://data.europa.eu/snb/credential/e34929035b",
                "http://data.europa.eu/snb/credential/25831c2",
                "Generic",
            )
        ],
        "issuer": awarding_body,
        "issued": _moment(certificate.issued_on),
        "validFrom": _moment(certificate.issued_on),
        "credentialSubject": person,
        "displayParameter": {
            "id": _id("displayParameter", certificate),
            "type": "DisplayParameter",
            "title": title,
            "language": [language],
            "primaryLanguage": language,
            "individualDisplay": [
                {
                    "id": _id("individualDisplay", certificate),
                    "type": "IndividualDisplay",
                    "language": language,
                    "displayDetail": [
                        {
                            "id": _id("displayDetail", certificate),
                            "type": "DisplayDetail",
                            "page": 1,
                            "image": {
                                "id": _id("mediaObject", certificate),
                                "type": "MediaObject",
                                "content": base64.b64encode(page_image).decode(),
                                "contentType": _concept(
                                    "http://publications.europa.eu/resource/authority/file-type/PNG",
                                    "http://publications.europa.eu/resource/authority/file-type",
                                    "PNG",
                                    "file-type",
                                ),
                                "contentEncoding": _concept(
                                    "http://data.europa.eu/snb/encoding/6146cde7dd",
                                    "http://data.europa.eu/snb/encoding/25831c2",
                                    "base64",
                                ),
                            },
                        }
                    ],
                }
            ],
        },
    }
    if certificate.valid_until:
        body["validUntil"] = _moment(certificate.valid_until, end=True)
    return body


def zip_file(certificates: Iterable[Certificate]) -> tuple[SpooledTemporaryFile, list[str]]:
    """One JSON-LD file per valid certificate, named by number; returns the spool and the numbers left out."""
    import json

    spool = SpooledTemporaryFile(max_size=20 * 1024 * 1024)
    left_out = []
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            try:
                data = credential(certificate)
            except ElmError:
                left_out.append(certificate.number)
                continue
            archive.writestr(f"{certificate.number}-elm.jsonld", json.dumps(data, ensure_ascii=False, indent=2))
        if left_out:  # revoked ones are not sealed; say which, so the selection adds up
            archive.writestr("not-exported.txt", "\n".join(left_out) + "\n")
    spool.seek(0)
    return spool, left_out
