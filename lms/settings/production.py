"""Production: every secret and address comes from the environment; nothing embedded."""

from .base import *  # noqa: F403
from .env import env_bool, env_certificate_file, env_int, env_private_key_file, env_required, env_url

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)  # noqa: F405
env_url("DATABASE_URL", schemes=("postgres", "postgresql"))
env_required("DATABASE_URL")
env_required("CELERY_BROKER_URL")
# Sign-in, verification and check-in attempt limits live in the cache: per process they would not hold.
env_required("REDIS_URL")
env_required("ALLOWED_HOSTS")
KOPIENA_MFA_REQUIRED = env_bool("KOPIENA_MFA_REQUIRED", True)
# Certificates are signed with the programme body's own keys: no development key in production.
CERTIFICATE_SIGNING_KEY = env_private_key_file("CERTIFICATE_SIGNING_KEY", required=True)
CERTIFICATE_SIGNING_CERT = env_certificate_file(
    "CERTIFICATE_SIGNING_CERT", key_name="CERTIFICATE_SIGNING_KEY", required=True
)
CERTIFICATE_CREDENTIAL_KEY = env_private_key_file("CERTIFICATE_CREDENTIAL_KEY", required=True, ed25519=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SILENCED_SYSTEM_CHECKS = ["security.W019"]  # SAMEORIGIN is needed for Wagtail's preview frame
