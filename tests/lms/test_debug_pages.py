from django.urls import reverse


def test_the_embedded_set_up_shows_the_sites_own_404_not_the_url_list(client, settings, mentor):
    settings.DEBUG = True
    client.force_login(mentor)
    for path in ["/no-such-page/", reverse("scheduling:group", args=[999999])]:
        response = client.get(path)
        body = response.content.decode()
        assert response.status_code == 404
        assert "Lapa nav atrasta" in body
        assert "URLconf" not in body and "Page not found at" not in body
        assert 'class="site-header"' in body  # the site's own page, with its header


def test_plain_404_answers_stay_as_they_are(client, settings, db):
    settings.DEBUG = True
    response = client.get(reverse("scheduling:feed", args=["unknown-token"]))
    assert response.status_code == 404
    assert response.content == b"Not found.\n"
