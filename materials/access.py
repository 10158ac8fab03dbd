"""Who may see and download which material. Every file URL, listing and ZIP asks here."""

from django.db.models import Q
from django.http import Http404, HttpRequest

from accounts.permissions import AnyUser, can_coordinate, can_edit_content, roles_of
from materials import audiences
from materials.models import AudienceFields, CollectionAudience, Material, MaterialQuerySet


def can_manage(user: AnyUser) -> bool:
    """Editors (and admins) upload, edit and replace materials and see every version."""
    return can_edit_content(user)


def can_see_statistics(user: AnyUser) -> bool:
    return can_edit_content(user) or can_coordinate(user)


def can_download(user: AnyUser, material: Material) -> bool:
    return can_manage(user) or audience_admits(user, material)


def audience_admits(user: AnyUser, holder: AudienceFields) -> bool:
    kind = holder.audience_kind
    if kind == audiences.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if kind == audiences.SIGNED_IN:
        return True
    if kind == audiences.ROLES:
        return bool(roles_of(user) & set(holder.role_list))
    # A registered membership kind; a kind nobody registered is open to nobody (fail closed).
    return bool(holder.audience_key) and holder.audience_key in audiences.keys_for(user, kind)


def collection_audience(collection) -> CollectionAudience | None:
    """The audience of the nearest collection (itself or an ancestor) that has one; None = Wagtail's own rules."""
    return CollectionAudience.objects.nearest(collection)


def can_open_in_collection(user: AnyUser, member) -> bool:
    """Wagtail documents and images: the audience of their collection decides."""
    if can_manage(user):
        return True
    audience = collection_audience(member.collection)
    return audience is None or audience_admits(user, audience)


def audience_filter(user: AnyUser) -> Q:
    """The same rule as `can_download`, as one SQL condition for listings."""
    if can_manage(user):
        return Q()
    condition = Q(audience_kind=audiences.PUBLIC)
    if not user.is_authenticated:
        return condition
    condition |= Q(audience_kind=audiences.SIGNED_IN)
    for role in roles_of(user):
        condition |= Q(audience_kind=audiences.ROLES, audience_roles__contains=f",{role},")
    for kind in audiences.registered_kinds():
        keys = audiences.keys_for(user, kind)
        if keys:
            condition |= Q(audience_kind=kind, audience_key__in=sorted(keys))
    return condition


def materials_for(user: AnyUser) -> MaterialQuerySet:
    return Material.objects.filter(audience_filter(user))


def get_material_for_user(request: HttpRequest, pk: int) -> Material:
    """The material, or 404 when it does not exist or the person may not have it (no hint which)."""
    material = Material.objects.select_related("current_version").filter(pk=pk).first()
    if material is None or not can_download(request.user, material):
        raise Http404
    return material


def openable_collection_ids(user: AnyUser) -> set[int] | None:
    """The collections whose documents and images `user` may open (the rule of `can_open_in_collection`),
    or None when that is every collection."""
    from wagtail.models import Collection

    if can_manage(user):
        return None
    audiences_by_path = {a.collection.path: a for a in CollectionAudience.objects.select_related("collection")}
    allowed = set()
    for collection in Collection.objects.only("pk", "path", "depth"):
        # The nearest audience: the longest path of an ancestor (or itself) that has one.
        nearest = None
        for path, audience in audiences_by_path.items():
            if collection.path.startswith(path) and (nearest is None or len(path) > len(nearest.collection.path)):
                nearest = audience
        if nearest is None or audience_admits(user, nearest):
            allowed.add(collection.pk)
    return allowed
