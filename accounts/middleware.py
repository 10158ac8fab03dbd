from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation

from accounts.permissions import needs_mfa


class LanguageMiddleware(LocaleMiddleware):
    """Latvian unless the person chose otherwise (the switcher's cookie, or their profile once signed in).

    The browser's Accept-Language is not consulted: a Latvian public service opens in Latvian even in a
    browser set up in English, and offers the switch.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PreferredLanguageMiddleware:
    """A signed-in person without a language cookie gets the language of their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        adopt = (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language in dict(settings.LANGUAGES)
        )
        if adopt:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        response = self.get_response(request)
        if adopt:
            set_language_cookie(response, user.preferred_language)
        return response


class RequireMFAMiddleware:
    """With KOPIENA_MFA_REQUIRED on, coordinators, editors and admins set up TOTP before anything else."""

    allowed_prefixes = (
        "/accounts/",
        "/language/",
        "/static/",
        "/healthz",
        "/privatuma-pazinojums/",
        "/pieklustamibas-pazinojums/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.KOPIENA_MFA_REQUIRED and not request.path.startswith(self.allowed_prefixes):
            user = request.user
            if needs_mfa(user) and not _has_totp(user):
                return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def set_language_cookie(response, language: str) -> None:
    """The one place the language cookie is written: Secure in production, SameSite=Lax, a year long."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
