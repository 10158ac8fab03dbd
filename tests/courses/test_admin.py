import pytest

from tests.courses.conftest import build_course

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("index", [0, 1])
def test_editors_open_lesson_and_course_forms_in_the_wagtail_admin(client, admin_user, index):
    tree = build_course(quiz_lessons=(1,))
    client.force_login(admin_user)
    for page in (tree.lesson(index), tree.modules[0], tree.course):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


def test_a_module_cannot_require_itself_or_a_module_of_another_course(admin_user):
    from courses.models import ModulePage

    tree = build_course(slug="pirmais")
    other = build_course(slug="otrais")
    module = ModulePage.objects.get(pk=tree.modules[1].pk)
    from courses.models import module_prerequisite_errors

    assert module_prerequisite_errors(module, [tree.modules[0]]) == []
    assert module_prerequisite_errors(module, [module])
    assert module_prerequisite_errors(module, [other.modules[0]])
