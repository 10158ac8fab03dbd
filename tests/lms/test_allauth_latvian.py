"""Signing in, password reset and two-factor set-up (django-allauth) read in Latvian."""

import pytest

from tests.lms.test_admin_latvian import english_in

SIGNED_OUT = ["/accounts/login/", "/accounts/password/reset/"]
SIGNED_IN = ["/accounts/2fa/", "/accounts/reauthenticate/", "/accounts/password/change/", "/accounts/email/"]


@pytest.mark.parametrize("path", SIGNED_OUT)
def test_signed_out_account_pages_are_latvian(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert english_in(response.content.decode()) == []


@pytest.mark.parametrize("path", SIGNED_IN)
def test_account_security_pages_are_latvian(client, mentor, path):
    client.force_login(mentor)
    response = client.get(path)
    assert response.status_code == 200
    assert english_in(response.content.decode()) == []
