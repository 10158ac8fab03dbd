from django.http import HttpRequest

from accounts.navigation import sections_for


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    return {"nav_sections": [s for s in sections_for(user) if s.in_header]}


def open_signup(request: HttpRequest) -> dict:
    from django.conf import settings

    return {"open_signup": settings.KOPIENA_OPEN_SIGNUP}
