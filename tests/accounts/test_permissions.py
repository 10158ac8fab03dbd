import pytest
from django.urls import reverse

from accounts import permissions


def test_municipal_coordinator_sees_only_their_municipality(
    coordinator, valmiera, valmiera_school, jelgava_school, educator, outsider
):
    assert permissions.coordinated_municipality_ids(coordinator) == {valmiera.pk}
    assert set(permissions.organisations_for(coordinator)) == {valmiera, valmiera_school}
    people = set(permissions.people_visible_to(coordinator))
    assert educator in people
    assert outsider not in people


def test_national_coordinator_sees_every_municipality(national_coordinator, valmiera_school, jelgava_school):
    assert permissions.coordinated_municipality_ids(national_coordinator) is None
    assert {valmiera_school, jelgava_school} <= set(permissions.organisations_for(national_coordinator))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("mentor", {"profile"}),
        ("educator", {"profile"}),
        ("supervisor", {"profile"}),
        ("outsider", {"profile"}),
        ("coordinator", {"invitations", "cms", "profile"}),
        ("editor", {"cms", "profile"}),
        ("admin_user", {"invitations", "cms", "profile"}),
    ],
)
def test_dashboard_shows_the_sections_of_each_role(db, client, request, persona, expected):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    keys = {s.key for s in response.context["sections"]}
    # Later capabilities add sections of their own; the foundation's are decided here.
    assert keys & {"invitations", "cms", "profile"} == expected
    for section in response.context["sections"]:
        # Every tile opens for the person it is shown to: no bounce to sign-in, no 404.
        opened = client.get(section.url, follow=True)
        assert opened.status_code == 200, section.url
        assert "/accounts/login/" not in opened.redirect_chain[-1][0] if opened.redirect_chain else True, section.url


@pytest.mark.parametrize("persona", ["mentor", "editor", "coordinator", "admin_user"])
def test_a_signed_in_request_reads_the_person_with_their_roles_in_one_query(db, client, request, persona):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = request.getfixturevalue(persona)
    client.force_login(person)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    people = [q for q in sql if 'FROM "accounts_user"' in q and "accounts_userrole" in q]
    assert len(people) == 1
    assert not [q for q in sql if q.lstrip().startswith("SELECT role FROM")]  # no second read of the roles
    assert response.context["user"].pk == person.pk
    assert permissions.roles_of(response.context["user"]) == permissions.roles_of(_fresh(person))
    assert permissions.can_use_cms(response.context["user"]) == permissions.can_use_cms(_fresh(person))


def test_editor_and_coordinator_reach_the_cms_but_mentor_does_not(client, editor, coordinator, mentor):
    for person, status in ((editor, 200), (coordinator, 200)):
        client.force_login(person)
        assert client.get("/admin/").status_code == status
    client.force_login(mentor)
    assert client.get("/admin/").status_code == 302


def test_dashboard_requires_sign_in(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302


def _fresh(user):
    from accounts.models import User

    return User.objects.get(pk=user.pk)


def test_roles_and_cms_access_come_in_one_query(db, editor, django_assert_num_queries):
    person = _fresh(editor)
    with django_assert_num_queries(1):
        assert permissions.roles_of(person) == {"editor"}
        assert permissions.can_use_cms(person)
        assert permissions.has_role(person, "editor") and not permissions.has_role(person, "mentor")


def test_cms_access_given_directly_or_through_a_group_or_not_at_all(db, educator, mentor):
    from django.contrib.auth.models import Group, Permission

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    assert not permissions.can_use_cms(_fresh(educator))
    educator.user_permissions.add(access_admin)
    assert permissions.can_use_cms(_fresh(educator))
    reviewers = Group.objects.create(name="Recenzenti")
    reviewers.permissions.add(access_admin)
    mentor.groups.add(reviewers)
    person = _fresh(mentor)
    assert permissions.can_use_cms(person) and permissions.roles_of(person) == {"mentor"}
    other = Group.objects.create(name="Bez piekļuves")  # a group without the permission gives nothing
    educator.user_permissions.clear()
    educator.groups.add(other)
    assert not permissions.can_use_cms(_fresh(educator))


def test_a_superuser_without_roles_may_use_the_cms_and_an_inactive_person_may_not(db, admin_user, editor):
    assert permissions.can_use_cms(_fresh(admin_user)) and permissions.roles_of(_fresh(admin_user)) == set()
    editor.is_active = False
    editor.save()
    assert not permissions.can_use_cms(_fresh(editor))


def test_changed_roles_are_read_again_after_forget_roles(db, educator):
    from accounts.models import UserRole

    person = _fresh(educator)
    assert permissions.roles_of(person) == {"educator"}
    UserRole.objects.create(user=person, role="mentor")
    permissions.forget_roles(person)
    assert permissions.roles_of(person) == {"educator", "mentor"}
