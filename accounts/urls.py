from django.urls import path

from accounts import views

urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("profile/", views.profile, name="profile"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person_edit, name="person_edit"),
    path("people/invitations/", views.invitations, name="invitations"),
    path("people/invitations/import/", views.invitations_import, name="invitations_import"),
    path("people/invitations/template.<str:fmt>", views.invitations_template, name="invitations_template"),
    path("people/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("people/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invite/<str:key>/", views.accept_invitation, name="accept_invitation"),
]
