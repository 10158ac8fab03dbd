"""The keys that sign certificates: the PDF's PAdES signature and the Open Badges credentials.

Production reads them from the files named by CERTIFICATE_SIGNING_KEY, CERTIFICATE_SIGNING_CERT and
CERTIFICATE_CREDENTIAL_KEY (checked at start-up by lms/settings/production.py). The embedded set-up,
where they are unset, makes a self-signed development key pair once under DATA_DIR/signing/ and every
PDF signed with it says so in its signature reason. Keys are loaded once per process.
"""

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from io import BytesIO
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID
from django.conf import settings

DEVELOPMENT_SUBJECT = "Kopiena development signing key (not valid outside development)"
PDF_SIGNATURE_FIELD = "KopienaSignature"


@dataclass(frozen=True)
class SigningKeys:
    pdf_key: object  # a cryptography private key matching pdf_certificate
    pdf_certificate: x509.Certificate
    credential_key: Ed25519PrivateKey
    development: bool

    @property
    def credential_public_jwk(self) -> dict:
        raw = self.credential_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw)}

    @property
    def credential_thumbprint(self) -> str:
        """RFC 7638 thumbprint of the public key: the key's name in URLs and JWKS."""
        jwk = self.credential_public_jwk
        canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"), sort_keys=True)
        return _b64url(hashlib.sha256(canonical.encode()).digest())


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@cache
def keys() -> SigningKeys:
    if settings.CERTIFICATE_SIGNING_KEY and settings.CERTIFICATE_CREDENTIAL_KEY:
        return _load(
            Path(settings.CERTIFICATE_SIGNING_KEY).read_bytes(),
            Path(settings.CERTIFICATE_SIGNING_CERT).read_bytes(),
            Path(settings.CERTIFICATE_CREDENTIAL_KEY).read_bytes(),
            development=False,
        )
    return development_keys(Path(settings.DATA_DIR) / "signing")


def _load(pdf_key: bytes, pdf_certificate: bytes, credential_key: bytes, *, development: bool) -> SigningKeys:
    return SigningKeys(
        pdf_key=serialization.load_pem_private_key(pdf_key, password=None),
        pdf_certificate=x509.load_pem_x509_certificate(pdf_certificate),
        credential_key=serialization.load_pem_private_key(credential_key, password=None),
        development=development,
    )


def development_keys(folder: Path) -> SigningKeys:
    """The embedded set-up's keys, made on first use; parallel first uses end up with the same file."""
    path = folder / "development-keys.pem"
    if not path.exists():
        write_key_files(folder, combined=path)
    blocks = _pem_blocks(path.read_bytes())
    return _load(blocks[0], blocks[1], blocks[2], development=True)


def _pem_blocks(data: bytes) -> list[bytes]:
    end = b"-----\n"
    blocks, current = [], b""
    for line in data.splitlines(keepends=True):
        current += line
        if line.startswith(b"-----END") and line.endswith(end):
            blocks.append(current)
            current = b""
    return blocks


def write_key_files(folder: Path, *, combined: Path | None = None) -> dict[str, Path]:
    """Make a self-signed development PDF key and certificate and an Ed25519 credential key.

    With `combined`, all three go into that one file, created atomically (a file that exists is left
    alone: another process made it first). Otherwise three files are written, named as the settings.
    """
    folder.mkdir(parents=True, exist_ok=True)
    pdf_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, DEVELOPMENT_SUBJECT),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kopiena"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "LV"),
        ]
    )
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(pdf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, True, False, False, False), critical=True)
        .sign(pdf_key, hashes.SHA256())
    )
    pkcs8 = (serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    parts = {
        "signing-key.pem": pdf_key.private_bytes(*pkcs8),
        "signing-cert.pem": certificate.public_bytes(serialization.Encoding.PEM),
        "credential-key.pem": Ed25519PrivateKey.generate().private_bytes(*pkcs8),
    }
    if combined is not None:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".keys-")
        with os.fdopen(handle, "wb") as out:
            out.write(b"".join(parts.values()))
        os.chmod(temporary, 0o600)
        try:
            os.link(temporary, combined)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
        return {"combined": combined}
    written = {}
    for filename, data in parts.items():
        target = folder / filename
        target.write_bytes(data)
        target.chmod(0o600)
        written[filename] = target
    return written


def sign_pdf(pdf: bytes, *, reason: str, location: str = "Latvija") -> bytes:
    """A PAdES baseline B-B signature over the whole file, added as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    metadata = signers.PdfSignatureMetadata(
        field_name=PDF_SIGNATURE_FIELD,
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    out = BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), metadata, signer=_pdf_signer(), output=out)
    return out.getvalue()


@cache
def _pdf_signer():
    """pyHanko's signer for the configured key, built once per process."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    current = keys()
    der_key = current.pdf_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    certificate = asn1_x509.Certificate.load(current.pdf_certificate.public_bytes(serialization.Encoding.DER))
    return signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([certificate]),
    )
