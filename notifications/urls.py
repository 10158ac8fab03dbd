from django.urls import path

from notifications import views

urlpatterns = [path("mail/", views.mailbox, name="mailbox")]
