import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from lms.downloads import ranged_file_response, unique_names, zip_download
from materials import access, results
from materials.filters import MaterialFilter
from materials.forms import MaterialForm, NewMaterialForm, VersionForm
from materials.images import PRIVATE_PREFIX
from materials.models import DownloadCount, KopienaImage, KopienaRendition, Material, MaterialVersion
from materials.services import MaterialError, add_version, create_material, record_downloads, update_material

PAGE_SIZE = 50
MAX_ZIP = 100


def _require_manager(request: HttpRequest) -> None:
    if not access.can_manage(request.user):
        raise Http404


@require_GET
def material_list(request: HttpRequest) -> HttpResponse:
    filters = MaterialFilter(request.GET or None, queryset=access.materials_for(request.user))
    form, materials, query = filters.form, filters.qs, filters.query
    page = Paginator(results.CachedResults(materials.matching(query), allowed=materials), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "materials/list.html",
        {
            "form": form,
            "page": page,
            "items": results.entries(page.object_list),
            # The filter form's HTML depends only on these values (and the language): rendered once for each.
            "filter_values": _filter_values(request),
            "query": query,
            "can_manage": access.can_manage(request.user),
            "max_zip": MAX_ZIP,
        },
    )


def _filter_values(request: HttpRequest) -> str:
    values = request.GET.copy()
    values.pop("page", None)
    return values.urlencode()


@require_GET
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = access.get_material_for_user(request, pk)
    context = {"material": material, "can_manage": access.can_manage(request.user)}
    if context["can_manage"]:
        context["versions"] = material.versions.select_related("uploaded_by")
    if access.can_see_statistics(request.user):
        context["statistics"] = _statistics(material)
    return render(request, "materials/detail.html", context)


def _statistics(material: Material) -> dict:
    role_labels = dict(Role.choices) | {
        DownloadCount.ANONYMOUS: _("Signed-out visitors"),
        DownloadCount.NO_ROLE: _("Signed in, no role"),
    }
    rows = (
        DownloadCount.objects.filter(material=material)
        .values("month", "role")
        .annotate(total=Sum("count"))
        .order_by("-month", "role")
    )
    return {
        "rows": [
            {"month": r["month"], "role": role_labels.get(r["role"], r["role"]), "count": r["total"]} for r in rows
        ],
        "total": sum(r["total"] for r in rows),
    }


@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    material = access.get_material_for_user(request, pk)
    version = material.current_version
    if version is None:
        raise Http404
    if request.headers.get("Range", "").startswith("bytes=0-") or "Range" not in request.headers:
        record_downloads([material], request.user)
    return ranged_file_response(
        request,
        version.file,
        size=version.size,
        content_type=version.content_type,
        filename=version.original_name,
        inline=request.GET.get("inline") == "1",
    )


@require_GET
def download_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    _require_manager(request)
    version = get_object_or_404(MaterialVersion, material_id=pk, number=number)
    return ranged_file_response(
        request, version.file, size=version.size, content_type=version.content_type, filename=version.original_name
    )


@require_GET
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    material = access.get_material_for_user(request, pk)
    version = material.current_version
    if version is None or not version.preview:
        raise Http404
    with version.preview.storage.open(version.preview.name, "rb") as handle:
        response = HttpResponse(handle.read(), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def download_zip(request: HttpRequest) -> HttpResponse:
    try:
        ids = sorted({int(v) for v in request.POST.getlist("material")})
        if any(not 0 < i < 2**63 for i in ids):
            raise ValueError
    except ValueError:
        return HttpResponse(_("The selection could not be read."), status=400, content_type="text/plain")
    if not ids:
        messages.error(request, _("Choose at least one material."))
        return redirect("materials:list")
    if len(ids) > MAX_ZIP:
        messages.error(request, _("Choose at most %(max)s materials at once.") % {"max": MAX_ZIP})
        return redirect("materials:list")
    materials = [
        m
        for m in Material.objects.filter(pk__in=ids).select_related("current_version").order_by("pk")
        if m.current_version_id
    ]
    if len(materials) != len(ids) or not all(access.can_download(request.user, m) for m in materials):
        raise Http404
    record_downloads(materials, request.user)
    names = unique_names([m.current_version.original_name for m in materials])
    entries = [(name, m.current_version.file, m.current_version.size) for name, m in zip(names, materials, strict=True)]
    return zip_download("kopiena-materiali.zip", entries)


@login_required
@require_http_methods(["GET", "POST"])
def material_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = NewMaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        material = form.save(commit=False)
        form.apply_audience(material)
        try:
            create_material(material, form.cleaned_data["upload"], tags=form.cleaned_data["topics"], by=request.user)
        except MaterialError as error:
            form.add_error("upload" if error.code == "upload" else None, error.message)
        else:
            messages.success(request, _("The material was published."))
            return redirect("materials:detail", pk=material.pk)
    return render(request, "materials/form.html", {"form": form, "heading": _("New material")})


@login_required
@require_http_methods(["GET", "POST"])
def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    material = get_object_or_404(Material.objects.select_related("current_version"), pk=pk)
    form = MaterialForm(request.POST or None, instance=material)
    if request.method == "POST" and form.is_valid():
        material = form.save(commit=False)
        form.apply_audience(material)
        try:
            update_material(material, tags=form.cleaned_data["topics"])
        except MaterialError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The material was saved."))
            return redirect("materials:detail", pk=material.pk)
    return render(request, "materials/form.html", {"form": form, "heading": _("Edit material"), "material": material})


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    material = get_object_or_404(Material, pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = add_version(material, form.cleaned_data["upload"], by=request.user)
        except MaterialError as error:
            form.add_error("upload", error.message)
        else:
            messages.success(request, _("Version %(n)s is now the file readers get.") % {"n": version.number})
            return redirect("materials:detail", pk=material.pk)
    return render(
        request,
        "materials/form.html",
        {
            "form": form,
            "heading": _("Replace the file of “%(title)s”") % {"title": material.title},
            "material": material,
        },
    )


@require_GET
def image_file(request: HttpRequest, name: str) -> HttpResponse:
    """The original or a rendition of a Wagtail image in a private collection, for its audience only."""
    stored = PRIVATE_PREFIX + name
    image = KopienaImage.objects.filter(file=stored).select_related("collection").first()
    if image is None:
        rendition = KopienaRendition.objects.filter(file=stored).select_related("image__collection").first()
        image = rendition.image if rendition else None
    if image is None or not access.can_open_in_collection(request.user, image):
        raise Http404
    try:
        handle = image.file.storage.open(stored, "rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(stored)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
