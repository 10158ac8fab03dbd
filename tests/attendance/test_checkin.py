import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse

from attendance import checkin, services
from attendance.models import AttendanceRecord
from tests.factories import make_session


@pytest.fixture(autouse=True)
def _english(speaks_english):
    pass


def test_a_code_is_accepted_in_its_minute_and_the_next_but_then_expires(settings):
    now = 1_800_000_000.0
    code = checkin.current_code(7, now)
    assert checkin.check(7, code, now) == "valid"
    assert checkin.check(7, code, now + 60) == "valid"
    assert checkin.check(7, code, now + 120) == "expired"
    assert checkin.check(8, code, now) != "valid"
    assert checkin.check(7, "12", now) == "wrong"


def test_codes_change_with_the_secret(settings):
    code = checkin.code_for(1, 100)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only"
    assert checkin.code_for(1, 100) != code


def test_participant_checks_in_by_typing_the_code(client, live_session, member):
    client.force_login(member)
    response = client.post(reverse("attendance:checkin"), {"code": checkin.current_code(live_session.pk)}, follow=True)
    assert "checked in" in response.content.decode()
    record = AttendanceRecord.objects.get(person=member, session=live_session)
    assert (record.status, record.source) == ("late", "checkin")


def test_previous_minutes_code_still_works(client, live_session, member):
    client.force_login(member)
    code = checkin.current_code(live_session.pk, time.time() - 60)
    client.post(reverse("attendance:checkin"), {"code": code})
    assert AttendanceRecord.objects.filter(person=member, session=live_session).exists()


def test_the_qr_link_fills_the_form_and_one_tap_checks_in(client, live_session, member):
    client.force_login(member)
    code = checkin.current_code(live_session.pk)
    page = client.get(reverse("attendance:checkin"), {"s": live_session.pk, "c": code})
    assert f'value="{code}"' in page.content.decode()
    assert not AttendanceRecord.objects.exists()
    client.post(reverse("attendance:checkin"), {"code": code, "session": live_session.pk})
    assert AttendanceRecord.objects.get().person == member


def test_an_expired_code_gets_its_own_message(client, live_session, member):
    client.force_login(member)
    code = checkin.current_code(live_session.pk, time.time() - 300)
    response = client.post(reverse("attendance:checkin"), {"code": code})
    assert "This code has expired" in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_a_wrong_code_is_refused(client, live_session, member):
    client.force_login(member)
    wrong = "000000" if checkin.current_code(live_session.pk) != "000000" else "111111"
    response = client.post(reverse("attendance:checkin"), {"code": wrong})
    assert "This code is not right" in response.content.decode()


def test_a_borrowed_code_cannot_check_in_someone_outside_the_group(client, live_session, mentor):
    client.force_login(mentor)
    response = client.post(reverse("attendance:checkin"), {"code": checkin.current_code(live_session.pk)})
    assert "no place" in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_check_in_outside_the_window_is_refused(past_session, member):
    code = checkin.current_code(past_session.pk)
    with pytest.raises(services.AttendanceError) as error:
        services.check_in(past_session, member, code)
    assert error.value.code == "closed"


def test_check_in_in_the_first_minutes_is_present_not_late(cycle, member):
    session = make_session(cycle, starts_in=-timedelta(minutes=2))
    record = services.check_in(session, member, checkin.current_code(session.pk))
    assert record.status == "present"


def test_checking_in_twice_says_so(live_session, member):
    code = checkin.current_code(live_session.pk)
    services.check_in(live_session, member, code)
    with pytest.raises(services.AttendanceError) as error:
        services.check_in(live_session, member, code)
    assert error.value.code == "already_marked"


def test_check_in_messages_are_in_latvian_for_latvian_speakers(client, live_session, member):
    member.preferred_language = "lv"
    member.save()
    client.force_login(member)
    response = client.post(
        reverse("attendance:checkin"), {"code": checkin.current_code(live_session.pk, time.time() - 600)}
    )
    assert "Šī koda derīgums ir beidzies" in response.content.decode()


def test_a_mangled_qr_link_still_shows_the_form(client, live_session, member):
    client.force_login(member)
    response = client.get(reverse("attendance:checkin"), {"s": "abc", "c": "12"})
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def _wrong(session) -> str:
    return "000000" if checkin.current_code(session.pk) != "000000" else "111111"


def test_after_ten_wrong_codes_check_in_pauses_with_the_minutes_to_wait(client, live_session, member):
    client.force_login(member)
    for _ in range(services.CHECKIN_PER_PERSON.attempts):
        body = client.post(reverse("attendance:checkin"), {"code": _wrong(live_session)}).content.decode()
        assert "This code is not right" in body
    # Even the right code waits now: guessing cannot go on.
    body = client.post(reverse("attendance:checkin"), {"code": checkin.current_code(live_session.pk)}).content.decode()
    assert "Too many wrong codes. Try again in" in body
    assert re.search(r"Try again in (10|[1-9]) minutes?\.", body)
    assert not AttendanceRecord.objects.exists()


def test_many_people_guessing_from_one_address_are_paused_too(client, live_session, member, educator):
    from tests.factories import make_person, seat

    school = member.organisation
    for i in range(services.CHECKIN_PER_ADDRESS.attempts):
        person = make_person(f"guess{i}.person@example.lv", ["educator"], school)
        seat(live_session.group, person)
        client.force_login(person)
        client.post(reverse("attendance:checkin"), {"code": _wrong(live_session)}, REMOTE_ADDR="10.1.2.3")
    client.force_login(member)
    body = client.post(
        reverse("attendance:checkin"), {"code": checkin.current_code(live_session.pk)}, REMOTE_ADDR="10.1.2.3"
    ).content.decode()
    assert "Too many wrong codes" in body
    # From another address the member checks in normally.
    client.post(reverse("attendance:checkin"), {"code": checkin.current_code(live_session.pk)}, REMOTE_ADDR="10.9.9.9")
    assert AttendanceRecord.objects.filter(person=member).exists()


def test_a_right_code_after_a_few_typos_still_checks_in(client, live_session, member):
    client.force_login(member)
    for _ in range(3):
        client.post(reverse("attendance:checkin"), {"code": _wrong(live_session)})
    client.post(reverse("attendance:checkin"), {"code": checkin.current_code(live_session.pk)})
    assert AttendanceRecord.objects.filter(person=member).exists()


@pytest.mark.parametrize("person", ["abc", "", "99999999999999999999", "-1", "1.5", "\x00"])
def test_a_register_post_with_a_bad_person_id_gets_a_message_not_an_error(client, supervisor, live_session, person):
    client.force_login(supervisor)
    response = client.post(
        reverse("attendance:register", args=[live_session.pk]), {"person": person, "status": "present"}, follow=True
    )
    assert response.status_code == 200
    assert "This person has no place in this group." in response.content.decode()
