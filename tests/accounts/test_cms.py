from accounts.models import Organisation


def test_admin_manages_organisations_in_the_cms(client, admin_user, valmiera):
    client.force_login(admin_user)
    assert "Valmieras novads" in client.get("/admin/organisations/").content.decode()
    response = client.post(
        "/admin/organisations/new/", {"name": "Ogres 1. vidusskola", "kind": "school", "parent": valmiera.pk}
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Ogres 1. vidusskola").parent == valmiera


def test_a_school_without_a_municipality_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/admin/organisations/new/", {"name": "Bāreņu skola", "kind": "school", "parent": ""})
    assert response.status_code == 200
    assert "pieder pašvaldībai" in response.content.decode()
    assert not Organisation.objects.filter(name="Bāreņu skola").exists()


def test_admin_lists_people_in_the_cms_without_usernames(client, admin_user, educator):
    client.force_login(admin_user)
    body = client.get("/admin/users/").content.decode()
    assert educator.email in body
    assert "Lietotājvārds" not in body and "Username" not in body
    assert "E-pasta adrese" in body


def test_editor_cannot_change_organisations(client, editor):
    """Wagtail's answer to a missing permission: back to the admin home with a message; nothing saved."""
    client.force_login(editor)
    response = client.get("/admin/organisations/new/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    posted = client.post("/admin/organisations/new/", {"name": "Redaktores skola", "kind": "municipality"}, follow=True)
    assert "Jums nav piekļuves šai sadaļai" in posted.content.decode()
    assert not Organisation.objects.filter(name="Redaktores skola").exists()
