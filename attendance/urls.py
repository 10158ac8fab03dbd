from django.urls import path

from attendance import views

app_name = "attendance"

urlpatterns = [
    path("supervision/sessions/<int:pk>/register/", views.register, name="register"),
    path("supervision/sessions/<int:pk>/code/", views.checkin_code, name="checkin_code"),
    path("supervision/sessions/<int:pk>/notice/", views.give_notice, name="notice"),
    path("supervision/sessions/<int:pk>/sign-in.pdf", views.signin_sheet, name="signin_sheet"),
    path("supervision/groups/<int:pk>/attendance/", views.group_attendance, name="group_attendance"),
    path("supervision/groups/<int:pk>/completion-rule/", views.completion_rule, name="completion_rule"),
    path("supervision/registers/", views.registers_to_mark, name="registers_to_mark"),
    path("supervision/at-risk/", views.at_risk, name="at_risk"),
    path("supervision/hours/", views.my_hours, name="my_hours"),
    path("supervision/attendance/<str:kind>/<int:pk>.<str:fmt>", views.export, name="attendance_export"),
    path("checkin/", views.checkin_view, name="checkin"),
]
