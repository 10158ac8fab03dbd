import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def anonymous(address: str):
    request = RequestFactory().get(address)
    request.user = AnonymousUser()
    return request


def pager(address: str, number: int) -> str:
    request = anonymous(address)
    page = Paginator(range(120), 50).get_page(number)
    return render_to_string("includes/pagination.html", {"page": page}, request=request)


def test_the_next_page_keeps_every_filter_and_drops_the_export():
    html = pager("/certificates/manage/?status=revoked&q=%C4%80bele&export=zip&page=1", 1)
    assert 'href="?status=revoked&amp;q=%C4%80bele&amp;page=2"' in html
    assert "export" not in html


def test_the_middle_page_links_both_ways():
    html = pager("/materials/?audience=teachers&page=2", 2)
    assert 'href="?audience=teachers&amp;page=1" rel="prev"' in html
    assert 'href="?audience=teachers&amp;page=3" rel="next"' in html


def test_one_page_shows_no_pager():
    request = anonymous("/materials/")
    page = Paginator(range(3), 50).get_page(1)
    assert render_to_string("includes/pagination.html", {"page": page}, request=request).strip() == ""
