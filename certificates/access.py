"""Who may see and manage which certificates. Every certificate view asks here.

A coordinator manages the certificates of people in their municipality (the holder's organisation);
a national coordinator or an admin manages all; a holder sees their own.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts import permissions
from accounts.models import User
from certificates.models import Certificate, IssueFailure


def can_manage_holder(user: permissions.AnyUser, holder: User) -> bool:
    return permissions.can_manage_organisation(user, holder.organisation)


def can_manage_certificate(user: permissions.AnyUser, certificate: Certificate) -> bool:
    return can_manage_holder(user, certificate.holder)


def managed_certificates(user: permissions.AnyUser) -> QuerySet[Certificate]:
    queryset = Certificate.objects.select_related("holder", "holder__organisation", "programme")
    return permissions.in_scope(queryset, user, via="holder__organisation")


def visible_failures(user: permissions.AnyUser) -> QuerySet[IssueFailure]:
    queryset = IssueFailure.objects.filter(resolved_at__isnull=True).select_related("holder", "programme")
    return permissions.in_scope(queryset, user, via="holder__organisation")


def get_certificate_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Certificate:
    """A certificate the signed-in person may open (their own valid one, or one they manage), or 404."""
    certificate = (
        Certificate.objects.select_related("holder", "holder__organisation", "programme").filter(pk=pk).first()
    )
    if certificate is None:
        raise Http404
    if can_manage_certificate(request.user, certificate):
        return certificate
    if not manage and certificate.holder_id == request.user.pk and certificate.is_valid:
        return certificate
    raise Http404
