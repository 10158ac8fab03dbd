"""The library's listing and search results from the shared cache.

At 100,000 materials a search sorts half the table by rank and counts it again for the pager (110 ms on
PostgreSQL), the plain listing counts every material a person may have (20 ms), and the template builds
each entry from a dozen lookups (20 ms for a page of 50). The count and each page's ids depend only on the
query that computes them and on the materials: they are kept under a digest of that query's SQL and
parameters (which hold the person's roles and memberships, the filters and the folded words) and the
materials generation, which every change to a material, its tags or a tag bumps. A page's ids are then
checked again through the person's own audience, so a material they may no longer have is never shown,
whatever the cache holds. Each entry's HTML depends only on the material and the language, and is kept
under both and the generation.
"""

from collections.abc import Sequence

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from taggit.models import Tag

from lms.cache import Generation, digest
from materials.models import Material, MaterialQuerySet

MATERIALS = Generation("materials:generation")
TIMEOUT = 60 * 60


def changed() -> None:
    """Materials, their tags or their audiences changed: every cached result is worked out again, at once
    (for the rest of this transaction) and again once the change is committed (a reader in between still
    saw the old rows and may have cached them under the new number).

    The listing is only ever read by a GET that writes nothing, so no transaction reads results after
    changing materials and then rolls back (what it cached would outlive the change)."""
    MATERIALS.changed()


class CachedResults(Sequence):
    """`results` as Django's Paginator reads them: `count()` and a page of ids, each from the cache when it can be.

    `results` is the ordered queryset of the listing (filters, audience and search applied); a page holds
    the ids of its materials, in order, that `allowed` (the person's audience) still holds.
    """

    def __init__(self, results: MaterialQuerySet, allowed: MaterialQuerySet):
        self._ids = results.values_list("pk", flat=True)
        self._allowed = allowed
        try:
            sql, params = self._ids.query.sql_with_params()
        except EmptyResultSet:  # a condition no row can meet (`.none()`, `pk__in=[]`): nothing to ask
            self._ids, sql, params = None, "", ()
        self._digest = digest(sql, params)

    def _key(self, part: str) -> str:
        return f"materials:results:{MATERIALS.current()}:{self._digest}:{part}"

    def count(self) -> int:
        if self._ids is None:
            return 0
        key = self._key("count")
        found = cache.get(key)
        if found is None:
            found = self._ids.count()
            cache.set(key, found, TIMEOUT)
        return found

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window) -> list[int]:
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("CachedResults is read a page (a slice) at a time")
        if self._ids is None:
            return []
        key = self._key(f"{window.start}:{window.stop}")
        ids = cache.get(key)
        if ids is None:
            ids = list(self._ids[window])
            cache.set(key, ids, TIMEOUT)
        if not ids:
            return []
        still = set(self._allowed.filter(pk__in=ids).values_list("pk", flat=True))
        return [pk for pk in ids if pk in still]


def entries(ids: list[int]) -> list[SafeString]:
    """The listing's entry (`materials/list_item.html`) of each material, in the order of `ids`, rendered
    once per materials generation and language; only the missing ones read their rows."""
    prefix = f"materials:entry:{MATERIALS.current()}:{get_language()}"
    keys = {pk: f"{prefix}:{pk}" for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        fresh = {
            keys[pk]: render_to_string("materials/list_item.html", {"material": material})
            for pk, material in Material.objects.for_listing().in_bulk(missing).items()
        }
        cache.set_many(fresh, TIMEOUT)
        found |= fresh
    return [mark_safe(found[keys[pk]]) for pk in ids if keys[pk] in found]  # noqa: S308 (our own template)


def _material_changed(**kwargs) -> None:
    changed()


def _tags_changed(action: str, instance, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Material | Tag):
        changed()


def connect() -> None:
    post_save.connect(_material_changed, sender=Material, dispatch_uid="materials-results-saved")
    post_delete.connect(_material_changed, sender=Material, dispatch_uid="materials-results-deleted")
    m2m_changed.connect(_tags_changed, sender=Material.tags.through, dispatch_uid="materials-results-tagged")
    post_save.connect(_material_changed, sender=Tag, dispatch_uid="materials-results-tag-saved")
    post_delete.connect(_material_changed, sender=Tag, dispatch_uid="materials-results-tag-deleted")
