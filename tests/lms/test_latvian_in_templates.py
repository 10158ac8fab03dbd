"""The templates that put a date after līdz/kopš/'on', or a name in a greeting, read right in Latvian
and stay plain in English (the filters of lms/latvian.py, swapped in for |date)."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import translation

RIGA = ZoneInfo("Europe/Riga")
EXPIRES = dt.datetime(2026, 12, 15, 18, 0, tzinfo=RIGA)


def invitation_text(language: str, first_name: str) -> str:
    invitation = SimpleNamespace(first_name=first_name, expires_at=EXPIRES, role_labels=["Mentors"])
    with translation.override(language):
        return render_to_string(
            "accounts/email/invitation.txt", {"invitation": invitation, "site_url": "https://x", "accept_path": "/i/"}
        )


def test_invitation_greets_in_the_vocative_and_gives_the_deadline_in_the_dative():
    text = invitation_text("lv", "Pēteris")
    assert text.startswith("Labdien, Pēteri!")
    assert "līdz 2026. gada 15. decembrim." in text
    assert ".." not in text


def test_invitation_in_english_keeps_the_name_and_the_usual_date():
    text = invitation_text("en", "Pēteris")
    assert text.startswith("Hello, Pēteris!")
    assert "until 15 December 2026." in text


@pytest.mark.parametrize(("first_name", "greeting"), [("Līga", "Labdien, Līga!"), ("Mārtiņš", "Labdien, Mārtiņ!")])
def test_greetings_follow_the_declension_of_the_name(first_name, greeting):
    assert invitation_text("lv", first_name).startswith(greeting)


def test_the_offer_email_holds_the_seat_until_a_date_in_the_dative():
    person = SimpleNamespace(first_name="Jānis", email="j@example.lv")
    booking = SimpleNamespace(offer_expires_at=EXPIRES)
    context = {
        "person": person,
        "booking": booking,
        "group": SimpleNamespace(title="G"),
        "sessions": [],
        "respond_url": "u",
    }
    with translation.override("lv"):
        text = render_to_string("scheduling/email/offer.txt", context)
    assert text.startswith("Labdien, Jāni!")
    assert "līdz 2026. gada 15. decembrim plkst. 18:00." in text


def test_a_greeting_without_a_first_name_falls_back_to_the_email_address():
    person = SimpleNamespace(first_name="", email="j@example.lv")
    context = {
        "person": person,
        "booking": SimpleNamespace(offer_expires_at=EXPIRES),
        "group": SimpleNamespace(title="G"),
    }
    with translation.override("lv"):
        text = render_to_string("scheduling/email/offer.txt", {**context, "sessions": [], "respond_url": "u"})
    assert text.startswith("Labdien, j@example.lv!")
