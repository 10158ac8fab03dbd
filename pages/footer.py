"""The footer's links, looked up once per site and language and cached until an editor changes them."""

from django.core.cache import cache
from django.db.models.signals import post_save
from django.http import HttpRequest
from django.utils import translation
from wagtail.signals import page_published, page_unpublished

from lms.cache import Generation
from pages.models import SiteLinks
from pages.routing import site_for_request

CACHE_PREFIX = "footer-links"
VERSION = Generation(f"{CACHE_PREFIX}:version")


def footer_links(request: HttpRequest) -> dict:
    site = site_for_request(request)
    if site is None:
        return {}
    language = translation.get_language()
    key = f"{CACHE_PREFIX}:{VERSION.current()}:{site.pk}:{language}"
    links = cache.get(key)
    if links is None:
        settings_row = SiteLinks.for_site(site)
        links = {"feedback_email": settings_row.feedback_email}
        for name in ("privacy_page", "accessibility_page"):
            page = getattr(settings_row, name)
            if page is not None:
                localized = page.localized
                links[name] = {"title": localized.title, "url": localized.get_url(request=request)}
        cache.set(key, links, timeout=3600)
    return links


def forget_footer_links(**kwargs) -> None:
    VERSION.bump()


def connect() -> None:
    page_published.connect(forget_footer_links, dispatch_uid="footer-links-published")
    page_unpublished.connect(forget_footer_links, dispatch_uid="footer-links-unpublished")
    post_save.connect(forget_footer_links, sender=SiteLinks, dispatch_uid="footer-links-settings")
