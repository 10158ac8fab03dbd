"""Settings for pytest: the embedded defaults, fast hashing, email kept in memory."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
# Tests run tasks in-process unless a test starts a real worker (see tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
# Worker tests wait on task results, kept in the broker's Redis.
CELERY_RESULT_BACKEND = CELERY_BROKER_URL or None  # noqa: F405
WHITENOISE_AUTOREFRESH = True  # no collectstatic before tests
