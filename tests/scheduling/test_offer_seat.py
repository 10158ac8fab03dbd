"""A supervisor or coordinator offers a free seat to a person they choose from the waiting list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms import latvian
from notifications.models import OutboxItem
from scheduling import services
from scheduling.models import Booking, SupervisionGroup
from tests.factories import add_sessions, make_person, seat


@pytest.fixture
def queue(group, teachers) -> list[Booking]:
    """Two of the group's three seats taken, three people waiting: a seat is free to offer by hand."""
    for person in teachers[:2]:
        seat(group, person)
    start = timezone.now() - timedelta(days=3)
    return [
        Booking.objects.create(
            group=group,
            person=person,
            school_id=person.organisation_id,
            status=Booking.Status.WAITING,
            created_at=start + timedelta(hours=i),
        )
        for i, person in enumerate(teachers[2:5])
    ]


@pytest.fixture
def jelgava_coordinator(jelgava):
    return make_person("liga.jelgava@example.lv", ["coordinator"], jelgava)


def offer_url(booking: Booking) -> str:
    return reverse("scheduling:offer_seat", args=[booking.pk])


def test_the_group_supervisor_offers_the_seat_to_the_second_person_in_line(client, supervisor, queue, after_commit):
    chosen = queue[1]
    client.force_login(supervisor)
    with after_commit():
        response = client.post(offer_url(chosen))
    assert response.status_code == 302
    assert response["Location"] == reverse("scheduling:group", args=[chosen.group_id])
    chosen.refresh_from_db()
    assert chosen.status == Booking.Status.OFFERED
    expected = timezone.now() + timedelta(hours=services.offer_hours())
    assert abs(chosen.offer_expires_at - expected) < timedelta(minutes=1)
    assert Booking.objects.get(pk=queue[0].pk).status == Booking.Status.WAITING
    assert Booking.objects.get(pk=queue[2].pk).status == Booking.Status.WAITING
    [email] = mail.outbox
    assert email.to == [chosen.person.email]
    local = timezone.localtime(chosen.offer_expires_at)
    assert f"līdz {latvian.long_date(local.date(), 'dative')} plkst. {local:%H:%M}" in email.body
    assert "esat pirmajā vietā" not in email.body
    assert "/supervision/my/" in email.body


def test_an_in_scope_coordinator_offers_a_seat(client, coordinator, queue, after_commit):
    client.force_login(coordinator)
    with after_commit():
        client.post(offer_url(queue[2]))
    assert Booking.objects.get(pk=queue[2].pk).status == Booking.Status.OFFERED
    assert [m.to for m in mail.outbox] == [[queue[2].person.email]]


def test_the_confirmation_page_says_who_is_emailed_and_until_when(client, supervisor, queue):
    client.force_login(supervisor)
    response = client.get(offer_url(queue[1]))
    assert response.status_code == 200
    expires = timezone.localtime(timezone.now() + timedelta(hours=services.offer_hours()))
    assert f"līdz {latvian.long_date(expires.date(), 'dative')}" in response.text
    assert str(queue[1].person) in response.text
    assert 'method="post"' in response.text
    # The page only asks: nothing is offered, queued or sent.
    assert Booking.objects.get(pk=queue[1].pk).status == Booking.Status.WAITING
    assert not OutboxItem.objects.exists()


@pytest.mark.parametrize(
    "who", ["participant", "waiting_person", "other_supervisor", "jelgava_coordinator", "outsider"]
)
def test_people_who_do_not_manage_the_group_get_404_and_nothing_changes(client, request, queue, teachers, who):
    user = {
        "participant": lambda: teachers[0],
        "waiting_person": lambda: queue[1].person,
        "other_supervisor": lambda: request.getfixturevalue("other_supervisor"),
        "jelgava_coordinator": lambda: request.getfixturevalue("jelgava_coordinator"),
        "outsider": lambda: request.getfixturevalue("outsider"),
    }[who]()
    client.force_login(user)
    assert client.get(offer_url(queue[1])).status_code == 404
    assert client.post(offer_url(queue[1])).status_code == 404
    assert Booking.objects.get(pk=queue[1].pk).status == Booking.Status.WAITING
    assert not OutboxItem.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, queue):
    response = client.post(offer_url(queue[1]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Booking.objects.get(pk=queue[1].pk).status == Booking.Status.WAITING


def test_another_groups_booking_id_is_404_for_this_groups_supervisor(client, supervisor, jelgava, jelgava_school):
    other = SupervisionGroup.objects.create(title="Jelgavas grupa", municipality=jelgava, capacity=2)
    other.supervisors.add(make_person("dace.ozola@example.lv", ["supervisor"], jelgava))
    add_sessions(other)
    waiting = Booking.objects.create(
        group=other, person=make_person("janis.jelgava@example.lv", ["educator"], jelgava_school), status="waiting"
    )
    client.force_login(supervisor)
    assert client.get(offer_url(waiting)).status_code == 404
    assert client.post(offer_url(waiting)).status_code == 404
    assert client.post(reverse("scheduling:offer_seat", args=[987654321])).status_code == 404
    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.WAITING


def test_the_group_page_shows_offer_links_to_managers_only_while_a_seat_is_free(client, supervisor, queue, teachers):
    url = reverse("scheduling:group", args=[queue[0].group_id])
    client.force_login(supervisor)
    page = client.get(url).text
    assert all(offer_url(b) in page for b in queue)
    services.offer_seat(queue[0], by=supervisor)
    page = client.get(url).text
    assert not any(offer_url(b) in page for b in queue)
    client.force_login(teachers[0])
    assert offer_url(queue[1]) not in client.get(url).text


def test_an_offer_when_no_seat_is_free_is_refused_with_a_message(client, supervisor, queue, after_commit):
    services.offer_seat(queue[0], by=supervisor)
    client.force_login(supervisor)
    with after_commit():
        response = client.post(offer_url(queue[1]), follow=True)
    assert response.status_code == 200
    assert "Grupā nav brīvas vietas, ko piedāvāt." in response.text
    assert Booking.objects.get(pk=queue[1].pk).status == Booking.Status.WAITING
    assert Booking.objects.filter(group=queue[0].group).holding_seat().count() == 3
    assert "Grupā nav brīvas vietas, ko piedāvāt." in client.get(offer_url(queue[1])).text


def test_offering_twice_to_the_same_person_is_refused(supervisor, queue):
    services.offer_seat(queue[1], by=supervisor)
    with pytest.raises(services.SchedulingError) as error:
        services.offer_seat(queue[1], by=supervisor)
    assert error.value.code == "already_offered"


def test_a_second_offer_for_the_last_seat_is_refused(supervisor, coordinator, queue):
    services.offer_seat(queue[2], by=coordinator)
    with pytest.raises(services.SchedulingError) as error:
        services.offer_seat(queue[0], by=supervisor)
    assert error.value.code == "full"
    assert Booking.objects.filter(group=queue[0].group).holding_seat().count() == 3


def test_a_person_who_left_the_waiting_list_cannot_be_offered_a_seat(supervisor, queue):
    services.cancel_booking(queue[1], by=queue[1].person)
    with pytest.raises(services.SchedulingError) as error:
        services.offer_seat(queue[1], by=supervisor)
    assert error.value.code == "not_waiting"


def test_the_service_refuses_someone_who_does_not_manage_the_group(other_supervisor, queue):
    with pytest.raises(services.SchedulingError) as error:
        services.offer_seat(queue[1], by=other_supervisor)
    assert error.value.code == "forbidden"


def test_the_chosen_person_accepts_and_holds_a_confirmed_seat(supervisor, queue):
    services.offer_seat(queue[1], by=supervisor)
    booking = services.accept_offer(queue[1], by=queue[1].person)
    assert booking.status == Booking.Status.CONFIRMED
    assert Booking.objects.filter(group=booking.group).confirmed().count() == 3


def test_an_unanswered_chosen_offer_expires_like_any_other(supervisor, queue):
    services.offer_seat(queue[1], by=supervisor)
    expired = services.expire_offers(now=timezone.now() + timedelta(hours=services.offer_hours() + 1))
    assert expired == 1
    assert Booking.objects.get(pk=queue[1].pk).status == Booking.Status.CANCELLED
    assert Booking.objects.get(pk=queue[0].pk).status == Booking.Status.OFFERED


def test_a_seat_freed_in_a_group_that_offers_in_queue_order_goes_to_the_first_in_line(group, teachers, queue):
    services.cancel_booking(Booking.objects.get(group=group, person=teachers[0]), by=teachers[0])
    statuses = [Booking.objects.get(pk=b.pk).status for b in queue]
    assert statuses.count(Booking.Status.OFFERED) == 2  # the seat that was free and the one just freed
    assert statuses[2] == Booking.Status.WAITING


def test_a_seat_freed_in_a_group_whose_managers_choose_stays_free_for_them_to_offer(
    client, group, teachers, supervisor, queue
):
    group.offers_in_queue_order = False
    group.save()
    services.cancel_booking(Booking.objects.get(group=group, person=teachers[0]), by=teachers[0])
    services.expire_offers(now=timezone.now() + timedelta(days=30))
    assert all(Booking.objects.get(pk=b.pk).status == Booking.Status.WAITING for b in queue)
    client.force_login(supervisor)
    body = client.get(reverse("scheduling:group", args=[group.pk])).text
    assert body.count(offer_url(queue[0])) == 1 and offer_url(queue[2]) in body
    services.offer_seat(queue[2], by=supervisor)
    services.offer_seat(queue[0], by=supervisor)
    assert Booking.objects.get(pk=queue[1].pk).status == Booking.Status.WAITING
    with pytest.raises(services.SchedulingError) as refused:
        services.offer_seat(queue[1], by=supervisor)
    assert refused.value.code == "full"


def test_a_newcomer_waits_behind_the_queue_even_while_a_seat_is_free_for_the_managers_to_offer(group, queue):
    group.offers_in_queue_order = False
    group.save()
    newcomer = make_person("jauns.pedagogs@example.lv", ["educator"], queue[0].person.organisation)
    assert services.book_seat(group, newcomer).status == Booking.Status.WAITING


def test_when_managers_choose_the_page_and_email_do_not_promise_the_seat_to_the_next_in_line(
    client, group, supervisor, queue, after_commit
):
    group.offers_in_queue_order = False
    group.save()
    client.force_login(supervisor)
    page = client.get(offer_url(queue[1])).text
    assert "paliks brīva, lai Jūs to varētu piedāvāt vēlreiz" in page
    assert "nākamajai personai" not in page
    with after_commit():
        client.post(offer_url(queue[1]))
    [email] = mail.outbox
    assert "grupas supervizors vai koordinators to var piedāvāt kādam citam" in email.body
    assert "nākamajai personai" not in email.body
