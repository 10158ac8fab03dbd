def test_a_course_page_shows_the_way_back_to_the_catalogue(client, enrolled, tree):
    client.force_login(enrolled.user)
    body = client.get(tree.course.url).content.decode()
    catalogue = tree.course.get_parent()
    nav = body[body.index('<nav class="breadcrumbs"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'<a href="{catalogue.url}">{catalogue.title}</a>' in nav
    assert f'<li aria-current="page">{tree.course.title}</li>' in nav
    assert f'<p class="back-link"><a href="{catalogue.url}">' in body
