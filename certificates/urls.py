from django.urls import path

from certificates import views, views_credentials

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
    path("certificates/<int:pk>/credential.<str:kind>", views_credentials.credential, name="certificate_credential"),
    path("certificates/manage/<int:pk>/elm.jsonld", views_credentials.elm_export, name="certificate_elm"),
    path("certificates/check/", views_credentials.check, name="certificate_check"),
    path("certificates/issuer/", views_credentials.issuer, name="credential_issuer"),
    path("certificates/issuer/jwks.json", views_credentials.jwks, name="credential_jwks"),
    path("certificates/issuer/keys/<str:kid>/", views_credentials.key, name="credential_key"),
    path("certificates/status/<int:list_number>/", views_credentials.status_list, name="credential_status_list"),
]
