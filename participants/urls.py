from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("participation/", views.mine, name="mine"),
    path("participation/<str:activity>/entry/", views.submit_own_entry, name="submit_entry"),
    path("participation/<str:activity>/correct/", views.correct_own_entry, name="correct_entry"),
    path("participation/<str:activity>/optional/", views.sensitive, name="sensitive"),
    path("participation/<str:activity>/optional/withdraw/", views.withdraw_sensitive, name="withdraw_sensitive"),
    path("participants/", views.records, name="records"),
    path("participants/open/", views.open_records, name="open_records"),
    path("participants/<int:pk>/", views.record, name="record"),
    path("participants/<int:pk>/entry/", views.record_entry, name="record_entry"),
    path("participants/<int:pk>/exit/", views.record_exit, name="record_exit"),
    path("participants/events/", views.events, name="events"),
    path("participants/events/<int:pk>/delete/", views.event_delete, name="event_delete"),
    path("participants/reports/", views.report, name="reports"),
    path("participants/figures/", views.insight_page, name="insight"),
]
