from django.urls import reverse

from courses.models import CoursePage


def test_the_catalogue_tells_each_person_where_they_stand(client, mentor, tree):
    catalogue = tree.course.get_parent().specific
    enrol = reverse("course_enrol", args=[tree.course.pk])
    client.force_login(mentor)

    CoursePage.objects.filter(pk=tree.course.pk).update(self_enrolment=False)
    body = client.get(catalogue.url).content.decode()
    assert enrol not in body
    assert "Your coordinator enrols people in this course." in body

    CoursePage.objects.filter(pk=tree.course.pk).update(self_enrolment=True)
    assert f'<form method="post" action="{enrol}">' in client.get(catalogue.url).content.decode()

    client.post(enrol)
    body = client.get(catalogue.url).content.decode()
    assert "Continue the course" in body
    assert enrol not in body
