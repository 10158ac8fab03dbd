from django.http import HttpRequest

from pages.footer import footer_links


def footer(request: HttpRequest) -> dict:
    return {"footer_links": footer_links(request)}
