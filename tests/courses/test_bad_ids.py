import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999


@pytest.mark.parametrize(
    "url",
    [
        reverse("course_enrol", args=[HUGE]),
        reverse("course_leave", args=[HUGE]),
        reverse("lesson_complete", args=[HUGE]),
        reverse("quiz_submit", args=[HUGE, "quiz"]),
        reverse("reflection_save", args=[HUGE, "block"]),
    ],
)
def test_an_id_too_large_for_the_database_is_not_found(client, mentor, url):
    client.force_login(mentor)
    assert client.post(url).status_code == 404
