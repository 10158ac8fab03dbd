from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import views

handler500 = "lms.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("notifications.urls")),
    path("", include("courses.urls")),
    path("", include("scheduling.urls")),
    path("", include("attendance.urls")),
    path("materials/", include("materials.urls")),
    path("", include("certificates.urls")),
    path("", include("participants.urls")),
    path("", include("privacy.urls")),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("ping/", views.signed_in_ping, name="signed_in_ping"),
]

if settings.DEBUG:
    # Media on disk for `make run`. The view normalises the path before it decides, so no spelling
    # (`//`, `%2e`, `..`) reaches Wagtail's document files, which go only through /documents/<id>/<name>.
    from django.urls import re_path

    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.embedded_media)]

urlpatterns += [path("", include(wagtail_urls))]
