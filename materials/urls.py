from django.urls import path

from materials import views

app_name = "materials"

urlpatterns = [
    path("", views.material_list, name="list"),
    path("new/", views.material_create, name="create"),
    path("zip/", views.download_zip, name="zip"),
    path("<int:pk>/", views.material_detail, name="detail"),
    path("<int:pk>/edit/", views.material_edit, name="edit"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/preview.png", views.preview, name="preview"),
    path("images/<path:name>", views.image_file, name="image_file"),
    path("<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("<int:pk>/versions/<int:number>/download/", views.download_version, name="version_download"),
]
