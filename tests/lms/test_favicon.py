"""Every page names the site's icon: SVG for browsers that take it, PNG for the rest and for iOS."""

from django.contrib.staticfiles import finders
from PIL import Image


def test_pages_link_the_svg_icon_and_its_png_fallbacks(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/static/favicon-32.png" sizes="32x32" type="image/png">' in html
    assert '<link rel="apple-touch-icon" href="/static/apple-touch-icon.png">' in html


def test_the_icon_files_are_what_they_claim_to_be():
    svg = open(finders.find("favicon.svg"), encoding="utf-8").read()
    assert svg.startswith("<svg") and 'viewBox="0 0 64 64"' in svg and "<script" not in svg
    with Image.open(finders.find("favicon-32.png")) as png:
        assert (png.format, png.size) == ("PNG", (32, 32))
    with Image.open(finders.find("apple-touch-icon.png")) as png:
        assert (png.format, png.size) == ("PNG", (180, 180))
