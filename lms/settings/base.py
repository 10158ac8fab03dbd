"""Settings shared by every environment; everything that varies comes from the environment."""

from pathlib import Path

import dj_database_url

from .env import (
    env_bool,
    env_certificate_file,
    env_int,
    env_list,
    env_private_key_file,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data")))

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# `make run` serves on PORT (8000 unless set): links in emails, calendars and QR codes follow it.
PORT = env_int("PORT", 8000, minimum=1)
SITE_URL = env_url("SITE_URL", f"http://127.0.0.1:{PORT}", schemes=("http", "https")).rstrip("/")

INSTALLED_APPS = [
    "accounts",
    "pages",
    "courses",
    "scheduling",
    "attendance",
    "materials",
    "certificates",
    "notifications",
    "participants",
    "privacy",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.security.CSPMiddleware",
    "lms.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "pages.routing.RoutingMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "privacy.middleware.AccessLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lms.debug_pages.SitePagesInDebugMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.footer",
                "accounts.context_processors.navigation",
                "accounts.context_processors.open_signup",
            ],
            # |lv_date, |lv_day, |lv_vocative in every template without {% load %}: Latvian cases.
            "builtins": ["lms.templatetags.latvian"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_url(
            "DATABASE_URL",
            f"sqlite:///{DATA_DIR / 'kopiena.sqlite3'}",
            schemes=("sqlite", "postgres", "postgresql"),
        ),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Parallel writers queue instead of failing with "database is locked": WAL lets readers go on while
    # one writes, every transaction takes the write lock when it begins (IMMEDIATE, so no deferred
    # transaction fails when it later tries to write), and a writer waits up to 20 s for the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server, so psycopg prepares a statement the second time a connection runs
    # it and PostgreSQL plans it once per connection, not on every request (a page's queries are the same
    # on every request; planning was up to 0.9 ms of each). A pooler in transaction mode (PgBouncer
    # before 1.21) cannot keep prepared statements: set DATABASE_PREPARED_STATEMENTS=false behind one.
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 2})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", "", schemes=("redis", "rediss"))
if REDIS_URL:
    # Django's Redis backend, keeping one client per process (lms/cache.py)
    CACHES = {"default": {"BACKEND": "lms.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, loading the person with their organisation in one query
    "accounts.backends.PersonBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: email is the only identifier; nobody sees a username.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    "signup": "20/m/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kopiena] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kopiena"

# Project switches.
KOPIENA_OPEN_SIGNUP = env_bool("KOPIENA_OPEN_SIGNUP", False)
KOPIENA_MFA_REQUIRED = env_bool("KOPIENA_MFA_REQUIRED", False)
KOPIENA_INVITATION_DAYS = env_int("KOPIENA_INVITATION_DAYS", 14, minimum=1)

LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", "Latviešu"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LANGUAGE_COOKIE_NAME = "kopiena_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# The project's catalogue first; then our Latvian for the libraries' own strings (lms/upstream_catalogue.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "lms" / "locale_upstream"]
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # Media on S3-compatible storage; credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
# Media: private Wagtail images (collections with a non-public audience) go under MATERIALS_ROOT or
# the bucket's "private-images/", linked only through materials' checking view (materials/images.py).
STORAGES = {
    "default": {
        "BACKEND": "materials.s3_storage.S3MediaStorage" if AWS_STORAGE_BUCKET_NAME else "materials.images.MediaStorage"
    },
    # Material files: never under a public URL (materials/storage.py).
    "materials": {
        "BACKEND": "materials.s3_storage.PrivateS3Storage"
        if AWS_STORAGE_BUCKET_NAME
        else "materials.storage.PrivateStorage"
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_DIR = Path(env_str("EMAIL_DIR", str(DATA_DIR / "mail")))
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # Embedded default: each message is written as a file under EMAIL_DIR (see /mail/ for admins).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = EMAIL_DIR
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kopiena <noreply@kopiena.lv>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", "", schemes=("redis", "rediss", "amqp"))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that queues work must not hang on a broker that is down: the outbox row is already
# committed, so one quick try is enough (beat and worker start-up hand it over again).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 1}

WAGTAIL_SITE_NAME = "Kopiena"
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail images whose files follow their collection's audience (materials/images.py).
WAGTAILIMAGES_IMAGE_MODEL = "materials.KopienaImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
# No avatar requests to Gravatar: they leak editors' email hashes to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- materials -------------------------------------------------------------------------------------
# Wagtail documents are streamed by Django's serve view (which runs the before_serve_document hook),
# never redirected to a storage URL. Material files live in MATERIALS_ROOT, outside MEDIA_ROOT.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
MATERIALS_ROOT = Path(env_str("MATERIALS_ROOT", str(DATA_DIR / "materials")))
MATERIALS_MAX_UPLOAD_SIZE = env_int("MATERIALS_MAX_UPLOAD_SIZE", 500 * 1024 * 1024, minimum=1)
# --- end materials ---------------------------------------------------------------------------------

# Sessions are read from the cache (Redis in production) and written through to the database, so a
# signed-in request does not query the session table; a cache flush only costs a database read.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail previews pages in a same-origin frame
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Sent by lms.security.SecurityHeadersMiddleware: no page needs the camera, microphone, location or payment;
# the supervisor's check-in screen shows a QR code and reads nothing.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# Content-Security-Policy (django-csp, lms.security.CSPMiddleware): our pages load scripts, styles and
# images from this site only, never inline; video lessons embed YouTube and Vimeo players. The Wagtail
# admin (under /admin/) gets ADMIN_CONTENT_SECURITY_POLICY, which allows what its editor needs.
_CSP_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF],
        "style-src": [_CSP_SELF],
        "img-src": [_CSP_SELF, "data:"],
        "font-src": [_CSP_SELF],
        "connect-src": [_CSP_SELF],
        "media-src": [_CSP_SELF],
        "frame-src": [
            _CSP_SELF,
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": [_CSP_SELF],
        "form-action": [_CSP_SELF],
        "frame-ancestors": [_CSP_SELF],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    # Wagtail's admin still has inline scripts and styles (draftail, previews, the userbar's axe checks).
    "script-src": [_CSP_SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [_CSP_SELF, "'unsafe-inline'"],
    "img-src": [_CSP_SELF, "data:", "blob:", "https:"],
    "connect-src": [_CSP_SELF, "https:"],
    "frame-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"], "https:"],
}
if AWS_STORAGE_BUCKET_NAME:
    # Public media then comes from the bucket's address.
    for _directive in ("img-src", "media-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive].append(AWS_S3_ENDPOINT_URL or "https://*.amazonaws.com")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint reports each layout step at INFO; only its warnings (e.g. a figure without alt text) matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- scheduling: supervision groups ------------------------------------------------------------
# How long a waiting-list offer holds a seat, and how long before a session the reminder goes.
SCHEDULING_OFFER_HOURS = env_int("SCHEDULING_OFFER_HOURS", 48, minimum=1)
SCHEDULING_REMINDER_HOURS = env_int("SCHEDULING_REMINDER_HOURS", 24, minimum=1)
# --- end scheduling ----------------------------------------------------------------------------

# --- scheduling: attendance --------------------------------------------------------------------
# Unmarked participants become absent this many hours after a session ends; a self check-in more
# than this many minutes after the start is recorded as late.
ATTENDANCE_AUTO_ABSENT_HOURS = env_int("ATTENDANCE_AUTO_ABSENT_HOURS", 12, minimum=1)
ATTENDANCE_LATE_AFTER_MINUTES = env_int("ATTENDANCE_LATE_AFTER_MINUTES", 10, minimum=0)
# --- end attendance ----------------------------------------------------------------------------

# --- participants and privacy: ESF+ reporting and GDPR ----------------------------------------
# Own-data ZIPs are kept here, outside MEDIA_ROOT (never served under /media/); like MATERIALS_ROOT it
# must be shared by every web and worker process. Retention periods are set in the Wagtail admin.
PRIVACY_ROOT = Path(env_str("PRIVACY_ROOT", str(DATA_DIR / "privacy")))
# --- end participants and privacy --------------------------------------------------------------
# --- certificates: credentials and signing -------------------------------------------------------
# Paths to PEM files (mounted secrets), not PEM text in the environment. Unset in the embedded set-up:
# a self-signed development key is made under DATA_DIR/signing on first use and the PDFs say so.
# CERTIFICATE_SIGNING_KEY/_CERT sign the PDFs (PAdES); CERTIFICATE_CREDENTIAL_KEY (Ed25519) signs the
# Open Badges credentials and the revocation list, and is published as JWKS.
CERTIFICATE_SIGNING_KEY = env_private_key_file("CERTIFICATE_SIGNING_KEY")
CERTIFICATE_SIGNING_CERT = env_certificate_file("CERTIFICATE_SIGNING_CERT", key_name="CERTIFICATE_SIGNING_KEY")
CERTIFICATE_CREDENTIAL_KEY = env_private_key_file("CERTIFICATE_CREDENTIAL_KEY", ed25519=True)
CERTIFICATE_ISSUER_NAME = env_str(
    "CERTIFICATE_ISSUER_NAME", "Valsts izglītības attīstības aģentūra – ESF+ programma “Skola – kopienā”"
)
# --- end certificates ------------------------------------------------------------------------------

# Celery beat (run exactly one `celery -A lms beat`): the periodic work of every app, in one place.
_MINUTE, _HOUR, _DAY = 60, 60 * 60, 24 * 60 * 60
CELERY_BEAT_SCHEDULE = {
    "notifications-redispatch-outbox": {"task": "notifications.tasks.redispatch_outbox", "schedule": _MINUTE},
    "scheduling-expire-offers": {"task": "scheduling.tasks.expire_offers", "schedule": 10 * _MINUTE},
    "scheduling-send-reminders": {"task": "scheduling.tasks.send_reminders", "schedule": _HOUR},
    "attendance-close-registers": {"task": "attendance.tasks.close_registers", "schedule": 15 * _MINUTE},
    "certificates-renewal-reminders": {"task": "certificates.tasks.send_renewal_reminders", "schedule": 6 * _HOUR},
    "participants-update-records": {"task": "participants.tasks.update_records", "schedule": 6 * _HOUR},
    "participants-remind-missing-exits": {"task": "participants.tasks.remind_missing_exits", "schedule": _DAY},
    "participants-remind-yearly-report": {"task": "participants.tasks.remind_yearly_report", "schedule": _DAY},
    "privacy-apply-retention": {"task": "privacy.tasks.apply_retention", "schedule": _DAY},
    "privacy-erase-due": {"task": "privacy.tasks.erase_due", "schedule": _DAY},
}
