from django.http import HttpRequest

from accounts.navigation import sections_for
from accounts.permissions import can_use_cms


def navigation(request: HttpRequest) -> dict:
    """The header's sections, and whether to show Wagtail's user bar (on CMS pages, to CMS users only:
    elsewhere the "Content management" section is the way in, and the bar costs a third of a page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "can_use_cms": False}
    return {"nav_sections": [s for s in sections_for(user) if s.in_header], "can_use_cms": can_use_cms(user)}


def open_signup(request: HttpRequest) -> dict:
    from django.conf import settings

    return {"open_signup": settings.KOPIENA_OPEN_SIGNUP}
