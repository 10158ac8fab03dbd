import re

from django.urls import reverse


def crumbs(response) -> list[str]:
    body = response.content.decode()
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', body, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"', nav)


def test_a_participant_finds_the_way_back_from_a_group_and_a_session(client, member, cycle, future_session):
    client.force_login(member)
    assert crumbs(client.get(reverse("scheduling:group", args=[cycle.pk]))) == [
        reverse("dashboard"),
        reverse("scheduling:find"),
    ]
    response = client.get(reverse("scheduling:session", args=[future_session.pk]))
    assert crumbs(response) == [
        reverse("dashboard"),
        reverse("scheduling:find"),
        reverse("scheduling:group", args=[cycle.pk]),
    ]
    assert (
        f'<p class="back-link"><a href="{reverse("scheduling:group", args=[cycle.pk])}">' in response.content.decode()
    )


def test_a_supervisor_and_a_coordinator_come_back_through_their_own_lists(client, supervisor, coordinator, cycle):
    client.force_login(supervisor)
    assert crumbs(client.get(reverse("scheduling:group", args=[cycle.pk])))[-1] == reverse("scheduling:supervising")
    client.force_login(coordinator)
    assert crumbs(client.get(reverse("scheduling:group", args=[cycle.pk])))[-1] == reverse("scheduling:coordination")
