from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions, services
from accounts.forms import AcceptInvitationForm, InvitationCSVForm, InviteForm, PersonForm, ProfileForm
from accounts.middleware import set_language_cookie
from accounts.models import Invitation, User
from lms import spreadsheets
from lms.csvimport import CSVFormatError, Staging

PREVIEW_SESSION_KEY = "invitation_csv_preview"


def _require_coordinator(request: HttpRequest) -> None:
    if not permissions.can_coordinate(request.user):
        raise Http404


def _get_invitation_for_user(request: HttpRequest, pk: int) -> Invitation:
    """An invitation the current coordinator may manage, or 404."""
    _require_coordinator(request)
    invitation = Invitation.objects.select_related("organisation").filter(pk=pk).first()
    if invitation is None or not permissions.can_manage_organisation(request.user, invitation.organisation):
        raise Http404
    return invitation


def _get_person_for_user(request: HttpRequest, pk: int) -> User:
    """A person the current coordinator may manage, or 404."""
    _require_coordinator(request)
    person = permissions.people_visible_to(request.user).select_related("organisation").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


@login_required
def people(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    listing = (
        permissions.people_visible_to(request.user)
        .select_related("organisation", "organisation__parent")
        .prefetch_related("user_roles")
    )
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # PostgreSQL refuses NUL in text
    if query:
        from django.db.models import Q

        listing = listing.filter(
            Q(email__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    page = Paginator(listing, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/people.html", {"page": page, "query": query})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person_for_user(request, pk)
    form = PersonForm(
        request.POST or None,
        user=request.user,
        initial={"organisation": person.organisation_id, "roles": sorted(permissions.roles_of(person))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                person,
                organisation=form.cleaned_data["organisation"],
                roles=form.cleaned_data["roles"],
                by=request.user,
            )
        except services.AccountError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Changes to %(name)s were saved.") % {"name": person})
            return redirect("people")
    return render(request, "accounts/person_edit.html", {"form": form, "person": person})


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = InviteForm(request.POST or None, user=request.user, initial={"language": "lv"})
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_person(**form.cleaned_data, by=request.user)
        except services.AccountError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("invitations")

    listing = permissions.in_scope(
        Invitation.objects.select_related("organisation", "invited_by"), request.user, via="organisation"
    )
    page = Paginator(listing, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/invitations.html", {"form": form, "page": page})


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _get_invitation_for_user(request, pk)
    try:
        services.resend_invitation(invitation, by=request.user)
    except services.AccountError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A new link was sent to %(email)s.") % {"email": invitation.email})
    return redirect("invitations")


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _get_invitation_for_user(request, pk)
    services.revoke_invitation(invitation, by=request.user)
    messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
    return redirect("invitations")


@login_required
def invitations_import(request: HttpRequest) -> HttpResponse:
    """Upload a CSV, see every row checked, then confirm; nothing is saved before the confirmation."""
    _require_coordinator(request)
    preview = None
    form = InvitationCSVForm(initial={"language": "lv"})
    staging = Staging(request.session, PREVIEW_SESSION_KEY)

    if request.method == "POST" and "confirm" in request.POST:
        stored = staging.take()
        if stored is None:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("invitations_import")
        try:
            created = services.import_invitations(stored["rows"], language=stored["language"], by=request.user)
        except services.AccountError as error:
            messages.error(request, _("Nothing was saved: %(error)s") % {"error": error.message})
            return redirect("invitations_import")
        staging.clear()
        messages.success(request, _("%(count)d invitations sent.") % {"count": len(created)})
        if stored.get("partial"):
            messages.info(request, _("The rows with problems were left out: correct them and upload them again."))
        return redirect("invitations")

    if request.method == "POST":
        form = InvitationCSVForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                preview = services.preview_invitations(form.cleaned_data["file"], by=request.user)
            except CSVFormatError as error:
                form.add_error("file", str(error))
            else:
                # When some rows have problems the coordinator may still import the others; the rest
                # are listed, not saved.
                staging.keep(preview, valid_only=True, language=form.cleaned_data["language"])
    return render(request, "accounts/invitations_import.html", {"form": form, "preview": preview})


@login_required
def invitations_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The invitation file to fill in, as CSV or XLSX, with its header and one example row."""
    _require_coordinator(request)
    rows = services.invitation_template_rows(request.user)
    if fmt == "csv":
        response = HttpResponse(
            "".join(spreadsheets.csv_lines(services.TEMPLATE_HEADER, rows)), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            spreadsheets.xlsx_bytes(_("Invitations"), services.TEMPLATE_HEADER, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="kopiena-invitations.{fmt}"'
    return response


def accept_invitation(request: HttpRequest, key: str) -> HttpResponse:
    invitation = Invitation.objects.filter(key=key).first()
    if invitation is None or not invitation.is_usable:
        if invitation is None:
            reason = _("This invitation link is not valid. Check that you copied the whole link.")
        elif invitation.accepted_at:
            reason = _("This invitation has already been used. Sign in with your email and password.")
        elif invitation.revoked_at:
            reason = _("This invitation was withdrawn. Ask your coordinator if you still need access.")
        else:
            reason = _("This invitation has expired. Ask your coordinator to send a new one.")
        return render(request, "accounts/invitation_closed.html", {"reason": reason}, status=410 if invitation else 404)

    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={"first_name": invitation.first_name, "last_name": invitation.last_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                key,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.AccountError as error:
            return render(request, "accounts/invitation_closed.html", {"reason": error.message}, status=410)
        login(request, user, backend="accounts.backends.PersonBackend")
        messages.success(request, _("Welcome to Kopiena!"))
        response = redirect("dashboard")
        set_language_cookie(response, user.preferred_language)
        return response
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile was saved."))
        response = redirect("profile")
        translation.activate(user.preferred_language)
        set_language_cookie(response, user.preferred_language)
        return response
    return render(request, "accounts/profile.html", {"form": form})


def _translated_page_url(request: HttpRequest, url: str, language: str) -> str | None:
    """The same CMS page in `language`, when `url` is a page that has a live translation."""
    from urllib.parse import urlsplit

    from wagtail.models import Locale, Page

    page = Page.find_for_request(request, urlsplit(url).path)
    locale = Locale.objects.filter(language_code=language).first()
    if page is None or locale is None or page.locale_id == locale.pk:
        return None
    translation = page.get_translation_or_none(locale)
    if translation is None or not translation.live:
        return None
    return translation.get_url(request=request)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in person's choice is also kept in their profile."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next", "/")
    # Only a path of this site: anything else ("", a date, a view name, another host) goes home.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated and request.user.preferred_language != language:
        User.objects.filter(pk=request.user.pk).update(preferred_language=language)
    response = HttpResponseRedirect(_translated_page_url(request, next_url, language) or next_url)
    set_language_cookie(response, language)
    return response
