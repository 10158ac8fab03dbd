from django.urls import path

from certificates import views

urlpatterns = [
    path("certificates/verify/", views.lookup, name="certificate_lookup"),
    path("certificates/verify/<str:code>/", views.verify, name="certificate_verify"),
    path("certificates/mine/", views.mine, name="my_certificates"),
    path("certificates/<int:pk>/download/", views.download, name="certificate_download"),
    path("certificates/manage/", views.manage, name="certificates_manage"),
    path("certificates/manage/issue/", views.issue, name="certificate_issue"),
    path("certificates/manage/<int:pk>/", views.detail, name="certificate_detail"),
    path("certificates/manage/<int:pk>/revoke/", views.revoke, name="certificate_revoke"),
    path("certificates/manage/<int:pk>/reissue/", views.reissue, name="certificate_reissue"),
]
