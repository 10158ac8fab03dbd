"""Which view restrictions apply to a page, worked out once per page-tree generation.

Wagtail checks them before serving any page: `Page.get_view_restrictions` reads the page's ancestors
and then the restrictions on any of them, two queries on every request although restrictions are rare
and change only when an editor sets one. Our page models take the ids of the restrictions that apply
from the shared cache, keyed by the tree generation, which every page save or move and every saved or
deleted restriction renews (pages.routing). The restrictions themselves (their kind, groups and
password) are still read fresh when there are any; a page under none costs no query.
"""

from django.core.cache import cache
from django.db.models import QuerySet
from wagtail.models import PageViewRestriction

from pages.tree import TIMEOUT, tree_generation


class ViewRestrictionsFromCache:
    """A mixin for Page models: `get_view_restrictions` as Wagtail's, without the queries on a page
    whose branch has no restriction."""

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        key = f"view-restrictions:{tree_generation()}:{self.pk}"
        ids = cache.get(key)
        if ids is None:
            ids = list(super().get_view_restrictions().values_list("pk", flat=True))
            cache.set(key, ids, timeout=TIMEOUT)
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)
