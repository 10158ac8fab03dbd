from django.urls import reverse


def test_the_catalogue_tells_each_person_where_they_stand(client, mentor, tree):
    catalogue = tree.course.get_parent().specific
    client.force_login(mentor)
    body = client.get(catalogue.url).content.decode()
    assert reverse("course_enrol", args=[tree.course.pk]) not in body  # not open to self-enrolment
    assert "Your coordinator enrols people in this course." in body

    tree.course.self_enrolment = True
    tree.course.save_revision().publish()
    body = client.get(catalogue.url).content.decode()
    assert f'<form method="post" action="{reverse("course_enrol", args=[tree.course.pk])}">' in body

    client.post(reverse("course_enrol", args=[tree.course.pk]))
    body = client.get(catalogue.url).content.decode()
    assert "Continue the course" in body
    assert reverse("course_enrol", args=[tree.course.pk]) not in body
