"""Every app that holds personal data has `<app>/personal_data.py` with two functions:

    export(user) -> dict[str, list[dict]]   category -> rows, everything the app holds about `user`
    erase(user)  -> dict[str, int]          anonymise or delete it; rows changed per category

privacy/ finds them here, in INSTALLED_APPS order for export and the reverse for erasure (so accounts,
first in the list, anonymises the person last, after every app has found its rows by the person).
"""

import importlib
from types import ModuleType

from django.apps import apps
from django.utils.translation import gettext_lazy as _

# Titles of the categories the apps export, for the README of the ZIP and the “Mani dati” page.
CATEGORY_TITLES = {
    "profile": _("Profile"),
    "roles": _("Roles"),
    "email_addresses": _("Email addresses"),
    "sign_in_security": _("Sign-in security (second factors)"),
    "invitations": _("Invitations"),
    "enrolments": _("Course enrolments"),
    "lesson_progress": _("Progress in lessons"),
    "quiz_attempts": _("Quiz attempts"),
    "reflections": _("Reflections"),
    "cohorts": _("Cohorts"),
    "bookings": _("Supervision bookings"),
    "attendance": _("Attendance"),
    "absence_notices": _("Notices of absence"),
    "hours": _("Professional-development hours"),
    "supervision_completions": _("Completed supervision cycles"),
    "supervised_groups": _("Groups you supervise"),
    "calendar": _("Calendar feed"),
    "certificates": _("Certificates"),
    "certificate_history": _("Certificate history"),
    "participant_records": _("ESF+ participant records"),
    "participant_entry_versions": _("ESF+ entry data and corrections"),
    "sensitive_indicators": _("ESF+ optional questions you answered"),
    "emails": _("Emails sent to you"),
    "uploaded_materials": _("Materials you uploaded"),
    "own_data_downloads": _("Your own-data downloads"),
    "erasure_requests": _("Erasure requests"),
    "access_log": _("Who viewed or exported your data"),
}


def providers() -> list[ModuleType]:
    found = []
    for config in apps.get_app_configs():
        try:
            found.append(importlib.import_module(f"{config.name}.personal_data"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.personal_data":
                raise
    return found


def export_all(user) -> dict[str, list[dict]]:
    categories: dict[str, list[dict]] = {}
    for provider in providers():
        for key, rows in provider.export(user).items():
            categories.setdefault(key, []).extend(rows)
    return categories


def erase_all(user) -> dict[str, int]:
    counts: dict[str, int] = {}
    for provider in reversed(providers()):
        for key, n in provider.erase(user).items():
            counts[key] = counts.get(key, 0) + n
    return counts
