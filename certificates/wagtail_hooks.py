from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from certificates.models import CertificateProgramme


class CertificateProgrammeViewSet(SnippetViewSet):
    model = CertificateProgramme
    icon = "doc-full"
    menu_label = _("Certificate programmes")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["title_lv", "number_prefix", "hours", "hours_unit"]
    search_fields = ["title_lv", "title_en", "number_prefix"]
    panels = [
        MultiFieldPanel([FieldPanel("title_lv"), FieldPanel("title_en")], heading=_("Title")),
        MultiFieldPanel(
            [FieldPanel("approval_number"), FieldPanel("approving_body_lv"), FieldPanel("approving_body_en")],
            heading=_("Approval"),
        ),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("hours_unit")], heading=_("Scope")),
        MultiFieldPanel([FieldPanel("provider_lv"), FieldPanel("provider_en")], heading=_("Provider")),
        FieldPanel("number_prefix"),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title_lv"),
                FieldPanel("signatory_title_en"),
                FieldPanel("signature_image"),
                FieldPanel("logo"),
            ],
            heading=_("Signatory and images"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("show_approval"),
                FieldPanel("show_hours"),
                FieldPanel("show_dates"),
                FieldPanel("show_provider"),
                FieldPanel("show_signatory"),
                FieldPanel("show_signature"),
                FieldPanel("show_logo"),
            ],
            heading=_("Shown on the PDF"),
        ),
    ]


register_snippet(CertificateProgrammeViewSet)
