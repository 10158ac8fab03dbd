"""Open Badges 3.0 credentials and the Bitstring Status List, signed as JWTs with the Ed25519 key.

A certificate's credential is an `OpenBadgeCredential` (W3C Verifiable Credentials 2.0) in the JSON
Web Token proof format of Open Badges 3.0 §8.2: the JOSE header holds only alg, kid and typ; the
payload is the credential with iss, jti, nbf, sub and exp. The holder is identified by a salted
SHA-256 of their email address and by name, never the plain address. Revocation is published as a
W3C Bitstring Status List credential (GZIP-compressed bitstring, multibase base64url) whose bits are
worked out from `Certificate.status` when asked for.
"""

import base64
import gzip
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from certificates.signing import keys

ALGORITHM = "Ed25519"  # RFC 9864's fully specified name for EdDSA over Ed25519
OB_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
STATUS_CONTEXT = ["https://www.w3.org/ns/credentials/v2"]
# A status list holds 131,072 entries (16 KB uncompressed), the W3C minimum that gives herd privacy.
STATUS_LIST_SIZE = 131_072
NAMESPACE = uuid.UUID("5b0f4c8e-8a2e-4f55-9a5e-3f1d1d0c6a10")  # Kopiena's namespace for credential ids
RIGA = ZoneInfo("Europe/Riga")


class CredentialError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# --- addresses -------------------------------------------------------------------------------------


def absolute(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def issuer_id() -> str:
    return absolute("credential_issuer")


def key_id() -> str:
    return absolute("credential_key", keys().credential_thumbprint)


def status_list_url(list_number: int) -> str:
    return absolute("credential_status_list", list_number)


def credential_id(verification_code: str, version: int) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'credential:{verification_code}:{version}')}"


# --- issuer and keys -------------------------------------------------------------------------------


def public_jwk() -> dict:
    return {**keys().credential_public_jwk, "kid": key_id(), "alg": ALGORITHM, "use": "sig"}


def jwks() -> dict:
    return {"keys": [public_jwk()]}


def issuer_profile() -> dict:
    """The programme body as an Open Badges Profile; verifiers find its key through the JWKS link."""
    return {
        "@context": OB_CONTEXT,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.CERTIFICATE_ISSUER_NAME,
        "url": settings.SITE_URL + "/",
        "jwks_uri": absolute("credential_jwks"),
        "publicKey": public_jwk(),
    }


# --- the credential --------------------------------------------------------------------------------


def new_identity_salt() -> str:
    return secrets.token_hex(16)


def identity_hash(email: str, salt: str) -> str:
    """Open Badges IdentityHash: 'sha256$' + hex SHA-256 of the address followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def _start_of(day: date) -> str:
    return datetime.combine(day, time.min, tzinfo=RIGA).isoformat()


def _end_of(day: date) -> str:
    return (datetime.combine(day + timedelta(days=1), time.min, tzinfo=RIGA) - timedelta(seconds=1)).isoformat()


@dataclass(frozen=True)
class CredentialFacts:
    """What a credential says, taken from a certificate and its programme in the certificate's language."""

    number: str
    verification_code: str
    version: int
    language: str
    holder_name: str
    holder_email: str
    identity_salt: str
    programme_key: str
    programme_title: str
    description: str
    criteria: str
    provider: str
    approval_number: str | None
    issued_on: date
    started_on: date | None
    completed_on: date
    valid_until: date | None
    status_index: int
    verification_url: str


def credential(facts: CredentialFacts) -> dict:
    """The OpenBadgeCredential (unsigned) of one certificate version."""
    achievement = {
        "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, f'achievement:{facts.programme_key}')}",
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": facts.programme_title,
        "description": facts.description,
        "criteria": {"narrative": facts.criteria},
        "inLanguage": facts.language,
        "creator": {"id": issuer_id(), "type": ["Profile"], "name": facts.provider},
    }
    if facts.approval_number:
        achievement["humanCode"] = facts.approval_number
    subject = {
        "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, f'subject:{facts.verification_code}')}",
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": identity_hash(facts.holder_email, facts.identity_salt),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": facts.identity_salt,
            },
            {"type": "IdentityObject", "identityHash": facts.holder_name, "identityType": "name", "hashed": False},
        ],
        "achievement": achievement,
        "activityEndDate": _end_of(facts.completed_on),
    }
    if facts.started_on:
        subject["activityStartDate"] = _start_of(facts.started_on)
    list_number, _position = divmod(facts.status_index, STATUS_LIST_SIZE)
    body = {
        "@context": OB_CONTEXT,
        "id": credential_id(facts.verification_code, facts.version),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{facts.programme_title} – {facts.number}",
        "description": facts.verification_url,
        "issuer": {"id": issuer_id(), "type": ["Profile"], "name": settings.CERTIFICATE_ISSUER_NAME},
        "validFrom": _start_of(facts.issued_on),
        "awardedDate": _start_of(facts.issued_on),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{status_list_url(list_number)}#{facts.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(facts.status_index),
            "statusListCredential": status_list_url(list_number),
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if facts.valid_until:
        body["validUntil"] = _end_of(facts.valid_until)
    return body


def _numeric(moment: str) -> int:
    return int(datetime.fromisoformat(moment).timestamp())


def sign(body: dict) -> str:
    """The credential as a compact JWS (Open Badges 3.0 §8.2: JWT claims beside the credential's own)."""
    from joserfc import jws
    from joserfc.jwk import OKPKey

    claims = {**body, "iss": body["issuer"]["id"] if isinstance(body["issuer"], dict) else body["issuer"]}
    claims["jti"] = body["id"]
    claims["nbf"] = _numeric(body["validFrom"])
    if isinstance(body.get("credentialSubject"), dict) and body["credentialSubject"].get("id"):
        claims["sub"] = body["credentialSubject"]["id"]
    if body.get("validUntil"):
        claims["exp"] = _numeric(body["validUntil"])
    key = OKPKey.import_key(_private_pem())
    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    return jws.serialize_compact(
        {"alg": ALGORITHM, "kid": key_id(), "typ": "JWT"}, payload, key, algorithms=[ALGORITHM]
    )


def _private_pem() -> bytes:
    from cryptography.hazmat.primitives import serialization

    return keys().credential_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def read(token: str) -> dict:
    """The payload of a credential this site signed, after checking its signature.

    Raises CredentialError: "malformed" (not a compact JWS), "unknown_key" (signed by another key),
    "tampered" (the signature does not match the content).
    """
    from joserfc import jws
    from joserfc.errors import BadSignatureError, DecodeError, JoseError
    from joserfc.jwk import OKPKey

    token = "".join((token or "").split())
    if token.count(".") != 2 or len(token) > 200_000:
        raise CredentialError("malformed", "not a compact JWS")
    try:
        header = json.loads(_b64decode(token.split(".", 1)[0]))
    except ValueError as error:
        raise CredentialError("malformed", "unreadable header") from error
    if not isinstance(header, dict) or header.get("kid") != key_id() or header.get("alg") != ALGORITHM:
        raise CredentialError("unknown_key", "not signed with this site's key")
    key = OKPKey.import_key(keys().credential_public_jwk)
    try:
        payload = jws.deserialize_compact(token, key, algorithms=[ALGORITHM]).payload
    except BadSignatureError as error:
        raise CredentialError("tampered", "the signature does not match") from error
    except (DecodeError, JoseError, ValueError) as error:
        raise CredentialError("malformed", str(error)) from error
    try:
        data = json.loads(payload)
    except ValueError as error:
        raise CredentialError("malformed", "unreadable payload") from error
    if not isinstance(data, dict):
        raise CredentialError("malformed", "the payload is not an object")
    return data


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


# --- status list -----------------------------------------------------------------------------------


def encode_status_list(set_positions: list[int], size: int = STATUS_LIST_SIZE) -> str:
    """W3C Bitstring Status List encodedList: bit 0 is the most significant bit of the first byte;
    GZIP-compressed, base64url without padding, with the multibase prefix "u"."""
    bits = bytearray(size // 8)
    for position in set_positions:
        bits[position // 8] |= 0x80 >> (position % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def status_list_credential(list_number: int, set_positions: list[int], *, built_at: datetime) -> dict:
    url = status_list_url(list_number)
    return {
        "@context": STATUS_CONTEXT,
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": built_at.astimezone(UTC).replace(microsecond=0).isoformat(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_status_list(set_positions),
        },
    }
