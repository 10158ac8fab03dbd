"""The site and the page a request is for, found in a fixed number of queries whatever the depth of the tree.

Wagtail finds a site with a query on every request and a page with a query (plus `.specific`) per tree
level. Both answers are kept in the shared cache: the site per host and port, the route from a URL path
to a page per site and language. Neither holds an access decision: Wagtail's view restrictions (which of
them apply is cached, pages.restrictions) and the page's own `serve` (the lesson access check) run on
every request. A route first names a page id; the first request that follows it reads the page from the
database (it must still be live and still have the URL path it was found under, or the route is worked
out again) and keeps that fresh copy in the route, taken before the page serves anyone, so later requests
start from the page as the database holds it in this generation. Publishing, unpublishing, moving,
saving or deleting any page, any change to a site and any saved or deleted view restriction start a new
generation (pages.tree) of both caches and of everything else derived from the tree.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

from pages.tree import TIMEOUT, forget_routes, tree_generation


def _page_saved(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_routes()


def _site_key(request: HttpRequest, generation: int) -> str:
    return f"site:{generation}:{request._get_raw_host()}:{request.get_port()}"


def site_for_request(request: HttpRequest) -> Site | None:
    """`Site.find_for_request`, with the answer kept per host and port in the shared cache.

    The answer is also put where Wagtail keeps it for the request (`request._wagtail_site`), so
    Wagtail's own lookups in templates and views find it there instead of querying again.
    """
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = _site_key(request, tree_generation())
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is not None:
            cache.set(key, site, timeout=TIMEOUT)
    request._wagtail_site = site
    return site


def _route_key(site: Site, path: str, generation: int) -> str:
    """A route's key. Its prefix names the entry's shape (v2: it may hold the page), so processes still
    running the code before it, during a deploy, never read an entry they cannot unpack."""
    digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    return f"page-route-v2:{generation}:{site.pk}:{translation.get_language()}:{digest}"


def _page_from_database(entry) -> Page | None:
    """The live page a cached route names, read fresh, if it still lives at the same URL path."""
    page_id, content_type_id, url_path = entry[:3]
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = model.objects.filter(pk=page_id, live=True).first()
    if page is None or page.url_path != url_path:
        return None
    return page


def _routed_page(key: str, entry) -> Page | None:
    """The page of a cached route: the copy kept in it, or read from the database once and then kept.

    The copy is pickled by `cache.set` here, before the page serves the request, so nothing a request
    sets on the page object is ever kept.
    """
    if len(entry) == 4:
        return entry[3]
    page = _page_from_database(entry)
    if page is not None:
        cache.set(key, (*entry[:3], page), timeout=TIMEOUT)
    return page


def _cacheable(route) -> bool:
    """Only plain routes: a page that keeps Wagtail's own `route` and answered without extra arguments."""
    if route is None:
        return False
    page, args, kwargs = route
    return type(page).route is Page.route and not args and not kwargs


class RoutingMiddleware:
    """Hands Wagtail's page view the cached route to the page, and keeps the route Wagtail works out
    when there is none. Other views are left alone: they look the site up (from the cache) only when
    they need it, as the footer does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "_kopiena_route_key", None)
        if key is not None:
            route = getattr(request, "_wagtail_route_for_request", None)
            if _cacheable(route):
                page = route[0]
                cache.set(key, (page.pk, page.content_type_id, page.url_path), timeout=TIMEOUT)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if view_func is not wagtail_views.serve or not view_args:
            return None
        site = site_for_request(request)
        if site is None:
            return None
        key = _route_key(site, view_args[0], tree_generation())
        entry = cache.get(key)
        page = _routed_page(key, entry) if entry else None
        if page is None:
            request._kopiena_route_key = key  # worked out by Wagtail now, kept after the response
        else:
            # Where Page.route_for_request keeps the route of a request: Wagtail's view takes it from there.
            request._wagtail_route_for_request = RouteResult(page)
        return None


def connect() -> None:
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
        (page_slug_changed, "slug"),
    ):
        signal.connect(forget_routes, dispatch_uid=f"page-routes-{name}")
    post_save.connect(_page_saved, dispatch_uid="page-routes-page-saved")  # any page model, drafts included
    post_delete.connect(forget_routes, sender=Page, dispatch_uid="page-routes-deleted")
    # A view restriction changes which pages are public (the dashboard's link to the catalogue).
    post_save.connect(forget_routes, sender=PageViewRestriction, dispatch_uid="page-routes-restriction-saved")
    post_delete.connect(forget_routes, sender=PageViewRestriction, dispatch_uid="page-routes-restriction-deleted")
    post_save.connect(forget_routes, sender=Site, dispatch_uid="page-routes-site-saved")
    post_delete.connect(forget_routes, sender=Site, dispatch_uid="page-routes-site-deleted")
