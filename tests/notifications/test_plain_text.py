from django.core import mail

from accounts.services import invite_person


def test_plain_text_emails_are_not_html_escaped_and_the_html_part_is(coordinator, valmiera_school, after_commit):
    with after_commit():
        invite_person(
            email="ilze.obrien@example.lv",
            first_name="Ilze O'Brien & <Co>",
            last_name="Test",
            organisation=valmiera_school,
            roles=["educator"],
            language="lv",
            by=coordinator,
        )
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert "Labdien, Ilze O'Brien & <Co>!" in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body
    assert "O&#x27;Brien &amp; &lt;Co&gt;" in html
