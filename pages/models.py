from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import PageBodyBlock
from pages.restrictions import ViewRestrictionsFromCache


class HomePage(ViewRestrictionsFromCache, Page):
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(PageBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(ViewRestrictionsFromCache, Page):
    """About the programme, the privacy notice, the accessibility statement and similar pages."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(PageBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="link")
class SiteLinks(BaseSiteSetting):
    """Pages every page links to from its footer, chosen by editors."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feedback_email = models.EmailField(_("feedback email"), default="pieejamiba@kopiena.lv")
    contact_text = RichTextField(_("contact"), blank=True, features=["bold", "link"])

    panels = [
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("feedback_email"),
        FieldPanel("contact_text"),
    ]

    class Meta:
        verbose_name = _("site links")
