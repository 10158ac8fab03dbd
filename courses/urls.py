from django.urls import path

from courses import views

urlpatterns = [
    path("learning/", views.my_learning, name="my_learning"),
    path("learning/courses/<int:pk>/enrol/", views.course_enrol, name="course_enrol"),
    path("learning/courses/<int:pk>/leave/", views.course_leave, name="course_leave"),
    path("learning/lessons/<int:pk>/complete/", views.lesson_complete, name="lesson_complete"),
    path("learning/lessons/<int:pk>/quiz/<str:quiz_id>/", views.quiz_submit, name="quiz_submit"),
    path("learning/lessons/<int:pk>/reflection/<str:block_id>/", views.reflection_save, name="reflection_save"),
    path("learning/cohorts/", views.cohorts, name="cohorts"),
    path("learning/cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("learning/cohorts/<int:pk>/import/", views.cohort_import, name="cohort_import"),
    path("learning/cohorts/<int:pk>/export.csv", views.cohort_export, name="cohort_export"),
    path("learning/cohorts/<int:pk>/reflections/<int:user_pk>/", views.cohort_reflections, name="cohort_reflections"),
]
