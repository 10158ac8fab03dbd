"""Stuck background work in the Wagtail admin: coordinators see it with its age and last error and
hand it to the broker again."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import can_coordinate
from notifications import services
from notifications.models import OutboxItem

PAGE_SIZE = 50


def can_see_outbox(user) -> bool:
    return can_coordinate(user)


def _require_outbox_access(request: HttpRequest) -> None:
    if not can_see_outbox(request.user):
        raise Http404


def _get_open_item(request: HttpRequest, pk: int) -> OutboxItem:
    _require_outbox_access(request)
    item = OutboxItem.objects.open().filter(pk=pk).first() if 0 < pk < 2**63 else None
    if item is None:
        raise Http404
    return item


@require_GET
def stuck_list(request: HttpRequest) -> HttpResponse:
    _require_outbox_access(request)
    now = timezone.now()
    show_all = request.GET.get("all") == "1"
    items = OutboxItem.objects.open() if show_all else OutboxItem.objects.stuck(now, after=services.STUCK_AFTER)
    page = Paginator(items.order_by("created_at"), PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "notifications/admin/outbox.html",
        {
            "page_title": _("Stuck background work"),
            "header_icon": "warning",
            "page": page,
            "rows": [{"item": item, "age": item.age(now)} for item in page],
            "show_all": show_all,
            "backlog": services.outbox_backlog(now),
            "stuck_minutes": int(services.STUCK_AFTER.total_seconds() // 60),
        },
    )


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_open_item(request, pk)
    if services.retry(item):
        messages.success(request, _("Handed to the task queue again: %(task)s.") % {"task": item.task})
    else:
        messages.error(
            request,
            _("The task queue did not take it (%(error)s); it stays listed and is tried again every minute.")
            % {"error": OutboxItem.objects.get(pk=item.pk).last_error or _("unknown error")},
        )
    return redirect("notifications_outbox")
