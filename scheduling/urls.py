from django.urls import path

from scheduling import views

app_name = "scheduling"

urlpatterns = [
    path("supervision/", views.find_groups, name="find"),
    path("supervision/my/", views.my_sessions, name="my_sessions"),
    path("supervision/supervising/", views.supervising, name="supervising"),
    path("supervision/coordination/", views.coordination, name="coordination"),
    path("supervision/groups/<int:pk>/", views.group_detail, name="group"),
    path("supervision/groups/<int:pk>/book/", views.book, name="book"),
    path("supervision/groups/<int:pk>/series/", views.create_series, name="create_series"),
    path("supervision/bookings/<int:pk>/cancel/", views.cancel_booking, name="cancel_booking"),
    path("supervision/bookings/<int:pk>/offer/", views.offer_seat, name="offer_seat"),
    path("supervision/bookings/<int:pk>/accept/", views.accept_offer, name="accept_offer"),
    path("supervision/bookings/<int:pk>/move/", views.move_person, name="move_person"),
    path("supervision/sessions/<int:pk>/", views.session_detail, name="session"),
    path("supervision/sessions/<int:pk>.ics", views.session_ics, name="session_ics"),
    path("supervision/sessions/<int:pk>/move/", views.move_session, name="move_session"),
    path("supervision/sessions/<int:pk>/cancel/", views.cancel_session, name="cancel_session"),
    path("calendar/", views.my_calendar, name="calendar"),
    path("calendar/feed/create/", views.feed_create, name="feed_create"),
    path("calendar/feed/regenerate/", views.feed_regenerate, name="feed_regenerate"),
    path("calendar/feed/settings/", views.feed_settings, name="feed_settings"),
    path("calendar/feed/<str:token>.ics", views.personal_feed, name="feed"),
    path("calendar/feed/<str:token>/groups/<int:pk>.ics", views.group_feed, name="group_feed"),
]
