import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Email tasks live in `<app>/emails.py`; a worker must know them before the first one arrives.
app.autodiscover_tasks(related_name="emails")
