from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/downloads/", views.request_export, name="request_export"),
    path("my-data/downloads/<int:pk>/", views.export_status, name="export"),
    path("my-data/downloads/<int:pk>/file/", views.export_download, name="export_download"),
    path("my-data/erasure/", views.request_erasure, name="request_erasure"),
    path("my-data/erasure/<int:pk>/withdraw/", views.withdraw_erasure, name="withdraw_erasure"),
    path("privacy/erasure-requests/", views.erasure_requests, name="erasure_requests"),
    path("privacy/erasure-requests/<int:pk>/approve/", views.erasure_approve, name="erasure_approve"),
    path("privacy/erasure-requests/<int:pk>/refuse/", views.erasure_refuse, name="erasure_refuse"),
    path("privacy/access-log/", views.access_log, name="access_log"),
    path("privacy/retention/", views.retention_runs, name="retention"),
]
